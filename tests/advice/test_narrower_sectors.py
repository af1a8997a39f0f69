"""A sector named in a question about a figure: the sources give the figure for the field, not the sector."""

from __future__ import annotations

from bot.advice.narrower import sectors_named, with_narrower_subject
from bot.advice.types import Answer
from bot.knowledge.loader import load

KB = load()
FIGURE = KB.statistics[0]


def test_a_sector_is_said_to_be_uncovered_before_the_general_figure() -> None:
    sector = sectors_named(KB, " ".join(n for t in KB.topics for p in t.points for n in p.names))[0]
    answer = with_narrower_subject(
        KB, f"what do {sector} engineering managers earn?", [], Answer(f"It is {FIGURE.value}.")
    )
    assert answer.text.index(sector) < answer.text.index(FIGURE.value)
    assert "don't give figures" in answer.text


def test_no_sector_or_no_figure_leaves_the_answer_alone() -> None:
    plain = Answer(f"It is {FIGURE.value}.")
    assert with_narrower_subject(KB, "what do engineering managers earn?", [], plain).text == plain.text
    sector = sectors_named(KB, " ".join(n for t in KB.topics for p in t.points for n in p.names))[0]
    words_only = Answer("Leeds names the sectors.")
    assert with_narrower_subject(KB, f"which sectors, like {sector}?", [], words_only).text == words_only.text
