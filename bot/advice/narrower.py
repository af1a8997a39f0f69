"""A narrower subject than the sources cover: a company, a city, a sector, or a role they only name.

"What do engineering managers at Amazon get paid?" gets the general answer, but first the plain
statement that the sources give nothing for Amazon. The check is over the message's shape (a name
after "at", "in", "for" that the answer never mentions) and the KB (a role it lists but does not
describe), never over particular names.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import FrozenSet, List, Sequence

from bot.advice.types import Answer, AnswerKind
from bot.knowledge.model import KnowledgeBase
from bot.language.vocabulary import stop_words

# A capitalised name after a preposition: "at Amazon", "in Boston", "for Siemens Energy".
NAMED_AFTER = re.compile(r"\b(?:at|in|for|with|inside|within|like)\s+((?:[A-Z][\w&'.-]*)(?:\s+[A-Z][\w&'.-]*){0,2})")
SHORT_NAME = re.compile(r"\b(?=(?:[a-z]*[A-Z]){2})[A-Z][A-Za-z]{1,5}\b")  # two capitals or more: "CEng", "PMP"
SECTORS_INTENT = "ask_sectors"  # the topic whose points name the sectors
NOT_A_SUBJECT = frozenset({"I", "I'm", "EM", "EMs", "MS", "MSc", "MBA", "English"})
# The same, typed in lower case: a name right after the subject's people or their pay ("engineering managers at
# google", "an EM at a fintech startup"), or after pay ("pay in oil and gas"). Up to three words, "and" inside.
NAMED_AFTER_SUBJECT = re.compile(
    r"\b(?:managers?|engineers?|ems?|leads?|directors?|analysts?|leaders?|pay|paid|salary|salaries|earnings?)\s+"
    r"(?:(?:earn|make|get paid|get|are paid|work|do)\s+)?(?:at|in|for|inside|within)\s+(?:an?\s+|the\s+)?"
    r"([a-z][\w&'-]*(?:\s+(?:(?:and|&)\s+)?[a-z][\w&'-]*){0,2})"
)
# Everyday words after "at" or "in" that name no narrower subject: "managers at work", "pay in general".
EVERYDAY_AFTER = frozenset(
    "general practice total practise reality theory particular short average fact home school work uni college "
    "time times moment start beginning end future past charge".split()
)


def narrower_names(
    text: str, answer_text: str, known: FrozenSet[str] = frozenset(), usual: FrozenSet[str] = frozenset()
) -> List[str]:
    """Names the question narrows to that the answer does not mention.

    Capitalised after a preposition ("at Amazon"); in lower case only right after the subject's people or
    pay, and only words the KB doesn't use (`known`): "engineers in aerospace" is a sector the KB names.
    """
    said = answer_text.lower()
    names = []
    for match in NAMED_AFTER.finditer(text):
        name = match.group(1).rstrip(".'")
        if name in NOT_A_SUBJECT or any(w.lower() in said for w in name.split() if len(w) > 2):
            continue
        names.append(name)
    if not known:
        return names
    # A short name in capitals the KB and visitors' usual words never use: "(CEng) status", "a PMP".
    for short in SHORT_NAME.findall(text):
        if short.lower() not in known and short.lower() not in said and short not in names + list(NOT_A_SUBJECT):
            names.append(short)
    if names:
        return names
    for match in NAMED_AFTER_SUBJECT.finditer(text.lower()):
        name = _name_words(match.group(1), known, usual)
        if name and not any(w in said for w in name if len(w) > 2 and w != "and"):
            names.append(" ".join(name))
    return names


def _name_words(phrase: str, known: FrozenSet[str], usual: FrozenSet[str]) -> List[str]:
    """The name's own words, up to the first word the KB uses or an everyday one: "tesla specifically" -> "tesla".

    The first word is a name when the KB doesn't use it; a later one ends the name when visitors' usual words
    (`usual`: the training data's) include it: "oil and gas compare" -> "oil and gas".
    """
    kept: List[str] = []
    for word in phrase.split():
        if word in ("and", "&"):
            if not kept:
                break
            kept.append(word)
            continue
        after_and = bool(kept) and kept[-1] in ("and", "&")  # "oil and gas": the second name goes with the first
        if (kept and not after_and and word in usual) or word.endswith("ly") or word in EVERYDAY_AFTER:
            break
        if word in stop_words() or word in known:
            break
        kept.append(word)
    while kept and kept[-1] in ("and", "&"):
        kept.pop()
    return kept


def undescribed_roles(kb: KnowledgeBase, role_ids: Sequence[str], answer_text: str) -> List[str]:
    """Roles the question names that the KB lists without describing, and the answer doesn't name."""
    said = answer_text.lower()
    titles = []
    for role_id in role_ids:
        role = kb.role(role_id)
        if role is not None and not role.involves and role.title.lower() not in said:
            titles.append(role.title.lower())
    return titles


def sectors_named(kb: KnowledgeBase, text: str) -> List[str]:
    """Sectors the KB lists ("aerospace", "banking") that the question names: a narrower subject for a figure."""
    topic = kb.topic_for_intent(SECTORS_INTENT)
    subject = {"engineering", "technology"}  # the subject's own words, not a narrower sector
    names = {n.split()[0].lower() for p in (topic.points if topic else []) for n in p.names} - subject
    low = text.lower()
    return sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", low))


def narrows_a_figure(kb: KnowledgeBase, text: str, answer_text: str) -> bool:
    """True when a figure answer's question names a sector: the sector narrows the figure, it asks no detail."""
    return quotes_a_figure(kb, answer_text) and bool(sectors_named(kb, text))


def quotes_a_figure(kb: KnowledgeBase, answer_text: str) -> bool:
    return any(stat.value in answer_text for stat in kb.statistics)


def with_narrower_subject(
    kb: KnowledgeBase,
    text: str,
    role_ids: Sequence[str],
    answer: Answer,
    known: FrozenSet[str] = frozenset(),
    usual: FrozenSet[str] = frozenset(),
) -> Answer:
    """The answer, led by what the sources don't give for the narrower subject the question names."""
    if answer.kind != AnswerKind.ANSWER or not text or text.startswith("/"):
        return answer
    lead: List[str] = []
    for title in undescribed_roles(kb, role_ids, answer.text):
        lead.append(f"My sources only list the {title} role; they don't describe what it involves day to day.")
    for name in narrower_names(text, answer.text, known, usual):
        lead.append(f"My sources don't give anything specific to {name}; this is the general picture they give.")
    sectors = sectors_named(kb, text) if quotes_a_figure(kb, answer.text) else []
    if sectors:
        lead.append(
            f"My sources don't give figures for {' or '.join(sectors)} specifically; "
            "the figures they give are for engineering managers in general."
        )
    if not lead:
        return answer
    return replace(answer, text=" ".join(lead) + "\n\n" + answer.text)
