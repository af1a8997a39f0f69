"""Surface forms of knowledge-base entries: the one list the entity ruler,
the NLU synonyms and the answer-time resolver are all generated from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.text import normalise, singular

# Entity labels, shared by the spaCy ruler, the Rasa domain and the resolver.
ROLE, PROGRAM, ASPECT, FEATURE, GAP = "role", "program", "aspect", "feature", "gap"
LABELS = (ROLE, PROGRAM, ASPECT, FEATURE, GAP)


@dataclass(frozen=True)
class Term:
    label: str
    text: str
    id: str  # the KB id it stands for (for features: the surface text itself)


def _plural(text: str) -> str:
    if text.endswith(("s", "x")) or not text[-1:].isalpha() or len(text) <= 3:
        return text
    if text.endswith("y") and text[-2:-1] not in "aeiou":
        return text[:-1] + "ies"
    return text + "s"


def _forms(texts: Iterable[str], plural: bool) -> List[str]:
    out: List[str] = []
    for text in texts:
        for form in (text, _plural(text)) if plural else (text,):
            form = normalise(form)
            if form and form not in out:
                out.append(form)
    return out


def terms(kb: KnowledgeBase) -> List[Term]:
    out: List[Term] = []
    for role in kb.roles:
        out += [Term(ROLE, t, role.id) for t in _forms([role.title, *role.synonyms], plural=True)]
    for program in kb.programs:
        out += [Term(PROGRAM, t, program.id) for t in _forms([program.name, *program.synonyms], plural=False)]
        for feature in program.features:
            out += [Term(FEATURE, t, t) for t in _forms(feature.synonyms, plural=False)]
    for aspect in kb.comparison.aspects:
        out += [Term(ASPECT, t, aspect.id) for t in _forms([aspect.title, *aspect.synonyms], plural=False)]
    for gap in kb.gaps:
        out += [Term(GAP, t, gap.id) for t in _forms(gap.synonyms, plural=False)]
    # The same text may name a feature of both programs; keep one term for it.
    unique: Dict[tuple, Term] = {(t.label, t.text): t for t in out}
    return list(unique.values())


class Resolver:
    """Maps an extracted entity value (an id or any surface form) to a KB id."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._table: Dict[tuple, str] = {}
        for term in terms(kb):
            self._table.setdefault((term.label, term.text), term.id)
        for role in kb.roles:
            self._table[(ROLE, role.id)] = role.id
        for program in kb.programs:
            self._table[(PROGRAM, program.id)] = program.id
        for aspect in kb.comparison.aspects:
            self._table[(ASPECT, aspect.id)] = aspect.id
        for gap in kb.gaps:
            self._table[(GAP, gap.id)] = gap.id

    def resolve(self, label: str, value: str) -> Optional[str]:
        key = normalise(str(value))
        found = self._table.get((label, key))
        if found is None:
            found = self._table.get((label, singular(key)))
        return found
