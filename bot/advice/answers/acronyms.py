"""What a short name stands for: "what does CMI stand for?", "what's BLS short for?".

The long name is found in the knowledge base's own texts: a capitalised name whose initials are
the short name ("Chartered Management Institute", "U.S. Bureau of Labor Statistics"), with the
entry that names it cited. A short name the KB never spells out gets no guess.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, List, Optional, Tuple

from bot.advice.tools import Tools
from bot.advice.types import Answer, Citation, Found, Question
from bot.knowledge.claims import capitalised_names
from bot.knowledge.model import KnowledgeBase

STANDS_FOR = re.compile(
    r"\bwhat (?:does|do|did|is|'s|s) (?:the )?([A-Za-z]{2,6}) (?:stand for|mean|short for|an abbreviation)"
    r"|\bwhat(?:'s| is|s) ([A-Za-z]{2,6}) short for\b|\b([A-Za-z]{2,6}) (?:stands|stand) for what\b"
    r"|\bwhat(?:'s| is|s) the full (?:name|form) of (?:the )?([A-Za-z]{2,6})\b",
    re.IGNORECASE,
)
NOT_SHORT_NAMES = frozenset({"it", "that", "this", "they", "he", "she", "you", "we", "its", "one"})
CONNECTORS = frozenset({"of", "in", "for", "and", "the", "on", "to", "&"})


def acronym_rule(advisor: Tools, question: Question, found: Found) -> Optional[Callable[..., Answer]]:
    """Router rule: a short name asked to be spelt out, when the KB spells it out."""
    match = STANDS_FOR.search(question.text)
    short = next((g for g in match.groups() if g), None) if match else None
    if short is None or short.lower() in NOT_SHORT_NAMES:
        return None
    if "mean" in match.group(0).lower() and not short.isupper():  # type: ignore[union-attr]
        return None  # "what does it mean?" asks no short name; "what does CMI mean?" does
    spelt = spelt_out(advisor.kb, short)
    if spelt is None:
        return None
    name, citation = spelt
    answer = advisor.compose([f"{short.upper()} stands for {name}."], [citation], advisor.help_buttons())
    return lambda _a, _q, _f: answer


def spelt_out(kb: KnowledgeBase, short: str) -> Optional[Tuple[str, Citation]]:
    """The KB's long name whose initials are `short`, and where it is said."""
    wanted = short.upper()
    for text, citation in _cited_texts(kb):
        for name in capitalised_names(text, sentence=False):
            if initials(name) == wanted and len(name.split()) > 1:
                return name, citation
    return None


def initials(name: str) -> str:
    """ "Chartered Management Institute" -> "CMI"; small words and dotted ones ("U.S.") left out."""
    words = [w for w in name.split() if w.lower() not in CONNECTORS and "." not in w]  # "U.S." stands before it
    return "".join(w[0].upper() for w in words)


def _cited_texts(kb: KnowledgeBase) -> Iterable[Tuple[str, Citation]]:
    texts: List[Tuple[str, Citation]] = []
    for program in kb.programs:
        texts += [(f.text, (program.source, f.section)) for f in program.features]
    for topic in kb.topics:
        texts += [(kb.fill(p.text), (p.source, p.section)) for p in topic.points]
    texts += [(s.measured_by, (s.source, s.section)) for s in kb.statistics]
    return texts
