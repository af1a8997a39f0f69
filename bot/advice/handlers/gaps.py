"""What the sources don't cover: said plainly, never guessed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.advice.registry import handles
from bot.advice.types import Answer, Found, Question
from bot.knowledge.terms import GAP, PROGRAM

if TYPE_CHECKING:
    from bot.advice.advisor import Advisor


@handles("ask_uncovered")
def answer_uncovered(advisor: Advisor, question: Question, found: Found) -> Answer:
    gaps = found.get(GAP, [])
    subject = advisor.kb.get(gaps[0]).subject if gaps else "that"
    programs = found.get(PROGRAM) or ([question.context.program] if question.context.program else [])
    return advisor.not_covered(subject, advisor.kb.program(programs[0]) if programs else None)


def decisive_gap_answer(advisor: Advisor, question: Question, found: Found) -> Answer:
    """A question naming a decisive gap ("working hours") is about that gap, whatever the intent."""
    gap = advisor.decisive_gap(found)
    assert gap is not None  # routed here only when one is named
    programs = found.get(PROGRAM, [])
    # Working hours or interviews are not on a program page; only a named program gets its link.
    return advisor.not_covered(
        advisor.kb.get(gap).subject,
        advisor.kb.program(programs[0]) if programs else None,
        program_pages=False,
    )
