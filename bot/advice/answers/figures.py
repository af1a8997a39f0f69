"""Which figure a question names: by its value ("the 165k", "18 percent") or by the words that name only it."""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Set

from bot.knowledge.derived import per_kb
from bot.knowledge.model import KnowledgeBase, Statistic
from bot.knowledge.text import stem
from bot.language.vocabulary import content_words


def figure_forms(stat: Statistic) -> List[str]:
    """How a visitor writes the figure itself: "$165,370" as "165,370", "165370", "165k"; "18%" as "18 percent"."""
    forms = [stat.value.lower()]
    number = re.search(r"\d[\d,]*(?:\.\d+)?", stat.value)
    if number:
        digits = number.group().replace(",", "")
        forms += [number.group(), digits]
        if "%" in stat.value:
            forms += [f"{digits}%", f"{digits} %", f"{digits} percent", f"{digits} per cent", f"{digits}pc"]
        elif len(digits) > 3 and digits.isdigit():
            forms += [f"{int(digits) // 1000}k", f"{int(digits) // 1000} k", f"{int(digits) // 1000},"]
    if stat.years is not None:
        forms += [f"{stat.years:g} years", f"{stat.years:g} yrs", f"{stat.years:g}+ years"]
    return forms


def figures_named(kb: KnowledgeBase, text: str, by_description: bool = True) -> List[Statistic]:
    """The figures a question names by value ("the 165k"), else by words that name only that figure."""
    low = text.lower()
    by_value = figures_by_value(kb, low)
    if by_value:
        return by_value
    asked = {stem(w) for w in content_words(low)}
    unique = _naming_words(kb, by_description)
    return [s for s in kb.statistics if unique[s.id] & asked]


@per_kb
def _naming_words(kb: KnowledgeBase, by_description: bool) -> Dict[str, Set[str]]:
    """Per figure, the word stems that name only it: by `asked_with` ("earn" is the salary's, though the boost's
    description speaks of "earning potential"), and, `by_description`, by its label and what it measures."""
    ways: List[Callable[[Statistic], List[str]]] = [lambda s: s.asked_with]
    if by_description:
        ways.append(_described_as)
    unique: Dict[str, Set[str]] = {s.id: set() for s in kb.statistics}
    for words_of in ways:
        described = {s.id: {stem(w) for w in content_words(" ".join(words_of(s)))} for s in kb.statistics}
        counts: Dict[str, int] = {}
        for stems in described.values():
            for w in stems:
                counts[w] = counts.get(w, 0) + 1
        for s in kb.statistics:
            unique[s.id] |= {w for w in described[s.id] if counts[w] == 1}
    return unique


def figures_by_value(kb: KnowledgeBase, low: str, distinct: bool = False) -> List[Statistic]:
    """The figures the text writes by value; `distinct`: only in a form no everyday number takes ("4%", "165k",
    "$165,370"), not a bare "4" that may be "for" or someone's years."""
    return [
        s
        for s in kb.statistics
        if any(_has_form(low, form) for form in figure_forms(s) if not distinct or DISTINCT_FORM.search(form))
    ]


DISTINCT_FORM = re.compile(r"[%$]|\d\s?k\b|percent|per cent|\d{3,}|\d,\d")


def _described_as(stat: Statistic) -> List[str]:
    return [stat.label, stat.measures, *stat.asked_with]


def _has_form(low: str, form: str) -> bool:
    return re.search(rf"(?<![\w.]){re.escape(form)}(?![\w])", low) is not None if form[-1:].isalnum() else form in low


def topic_quoting(kb: KnowledgeBase, stat: Statistic) -> Optional[str]:
    """The topic whose first figure this is, so "and is it the average?" after an origin answer keeps the figure."""
    return next((t.id for t in kb.topics if kb.statistics_quoted(t)[:1] == [stat]), None)
