"""Spot questions about subjects outside the sources (near-domain questions).

"Do I need a master's to become an architect?" looks like an in-domain question
to an intent classifier; what gives it away is the profession it names.
"""

from __future__ import annotations

import re
from typing import FrozenSet, Optional

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.terms import terms
from bot.knowledge.text import plain, singular

# Words that anchor a question in the advisor's subject, besides every KB surface form.
CORE_WORDS = frozenset(
    """
engineer engineers engineering manager managers management managing manage leader leaders
leadership lead director directors analyst analysts master masters msc ms degree degrees
career careers job jobs role roles em eng mgmt mgr pm tech technical
""".split()
)

# Words that may follow "become a" without naming a profession.
NOT_PROFESSIONS = frozenset(
    """
good better great successful ready able one more manager leader boss senior junior
person professional expert success lot bit part member
i you we they he she it people someone anyone graduates grads this that these those
""".split()
)

_PROFESSION = r"(?:an?\s+|the\s+)?([a-z]+(?:\s+[a-z]+)?)"
PROFESSION_PATTERNS = [
    re.compile(
        r"\b(?:become|becoming|be|work as|working as|career as|job as|hired as|get into being)\s+(?:an?\s+)"
        + r"([a-z]+(?:\s+[a-z]+)?)"
    ),
    re.compile(r"\b(?:salary|salaries|pay|wage|wages|earnings|income)\s+(?:of|for)\s+" + _PROFESSION),
    re.compile(
        r"\b(?:do|does|would|will|could|can|might)\s+(?:an?\s+)?([a-z]+(?:\s+[a-z]+)?)\s+"
        r"(?:earn|make|get paid|take home)\b"
    ),
]
# Whose pay a question asks about: "salary of a software engineer", "what do civil engineers make".
PAY_PATTERNS = PROFESSION_PATTERNS[1:]
# "What degree does a dentist need?": whose requirements a question asks about.
NEEDS_PATTERN = re.compile(r"\b(?:does|do|would|will)\s+(?:an?|the)\s+([a-z]+(?:\s+[a-z]+)?)\s+need\b")
# "become a master at chess", "an expert in pottery": a skill, not the degree or the job.
SKILL_PATTERN = re.compile(r"\b(?:master|expert|pro|champion|whizz?|guru)\s+(?:at|of|in)\s+([a-z]+(?:\s+[a-z]+)?)")
# Job nouns that end the name of an engineering job ("software engineer", "QA lead").
JOB_NOUNS = frozenset("engineer manager analyst director lead leader developer scientist technician".split())
COMPARISON_PATTERNS = [
    re.compile(r"\bdifference(?:s)?\s+between\s+(.+?)\s+and\s+(.+)$"),
    re.compile(r"\bcompare\s+(.+?)\s+(?:and|with|to)\s+(.+)$"),
    re.compile(r"^(.+?)\s+(?:vs|versus)\.?\s+(.+)$"),
]


class ScopeGuard:
    """Finds the outside profession or subject a question names, and whose pay it asks about."""

    def __init__(self, kb: KnowledgeBase) -> None:
        words = set(CORE_WORDS)
        for term in terms(kb):
            words.update(term.text.split())
        self.words: FrozenSet[str] = frozenset(words)

    def _on_topic(self, phrase: str) -> bool:
        return any(w in self.words or singular(w) in self.words for w in phrase.split())

    def paid_job(self, text: str) -> Optional[str]:
        """The engineering job whose pay a question asks about ("software engineers"), if it names one."""
        for pattern in PAY_PATTERNS:
            for match in pattern.finditer(plain(text)):
                phrase = match.group(1)
                if phrase.split()[0] not in NOT_PROFESSIONS and singular(phrase.split()[-1]) in JOB_NOUNS:
                    return phrase
        return None

    def foreign_subject(self, text: str) -> Optional[str]:
        """The outside profession or subject a question is about, if any."""
        clean = plain(text)
        for pattern in [*PROFESSION_PATTERNS, NEEDS_PATTERN, SKILL_PATTERN]:
            for match in pattern.finditer(clean):
                phrase = match.group(1)
                first = phrase.split()[0]
                if first in NOT_PROFESSIONS or self._on_topic(phrase):
                    continue
                return phrase
        for pattern in COMPARISON_PATTERNS:
            compared = pattern.search(clean)
            if compared and not any(self._on_topic(side) for side in compared.groups()):
                return f"{compared.group(1)} and {compared.group(2)}"
        return None
