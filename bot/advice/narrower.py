"""A narrower subject than the sources cover: a company, a city, or a role they only name.

"What do engineering managers at Amazon get paid?" gets the general answer, but first the plain
statement that the sources give nothing for Amazon. The check is over the message's shape (a name
after "at", "in", "for" that the answer never mentions) and the KB (a role it lists but does not
describe), never over particular names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Sequence

from bot.advice.types import Answer, AnswerKind
from bot.knowledge.model import KnowledgeBase

# A capitalised name after a preposition: "at Amazon", "in Boston", "for Siemens Energy".
NAMED_AFTER = re.compile(r"\b(?:at|in|for|with|inside|within|like)\s+((?:[A-Z][\w&'.-]*)(?:\s+[A-Z][\w&'.-]*){0,2})")
NOT_A_SUBJECT = frozenset({"I", "I'm", "EM", "EMs", "MS", "MSc", "MBA", "English"})


def narrower_names(text: str, answer_text: str) -> List[str]:
    """Names the question narrows to that the answer does not mention."""
    said = answer_text.lower()
    names = []
    for match in NAMED_AFTER.finditer(text):
        name = match.group(1).rstrip(".'")
        if name in NOT_A_SUBJECT or any(w.lower() in said for w in name.split() if len(w) > 2):
            continue
        names.append(name)
    return names


def undescribed_roles(kb: KnowledgeBase, role_ids: Sequence[str], answer_text: str) -> List[str]:
    """Roles the question names that the KB lists without describing, and the answer doesn't name."""
    said = answer_text.lower()
    titles = []
    for role_id in role_ids:
        role = kb.role(role_id)
        if role is not None and not role.involves and role.title.lower() not in said:
            titles.append(role.title.lower())
    return titles


def with_narrower_subject(kb: KnowledgeBase, text: str, role_ids: Sequence[str], answer: Answer) -> Answer:
    """The answer, led by what the sources don't give for the narrower subject the question names."""
    if answer.kind != AnswerKind.ANSWER or not text or text.startswith("/"):
        return answer
    lead: List[str] = []
    for title in undescribed_roles(kb, role_ids, answer.text):
        lead.append(f"My sources only list the {title} role; they don't describe what it involves day to day.")
    for name in narrower_names(text, answer.text):
        lead.append(f"My sources don't give anything specific to {name}; this is the general picture they give.")
    if not lead:
        return answer
    return replace(answer, text=" ".join(lead) + "\n\n" + answer.text)
