"""Master's and experience questions, related to what the visitor said about themselves."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional

from bot.advice.profile import ENGINEERING_WORDS, profile_from
from bot.advice.registry import handles
from bot.advice.types import Answer, Found, Question

if TYPE_CHECKING:
    from bot.advice.advisor import Advisor
    from bot.advice.compose import Composer

EXPERIENCE_REQUIRED, EARNINGS_BOOST = "experience_required", "earnings_boost"  # KB statistics quoted here
ASKS_ABOUT_YOU = (
    "If you tell me how many years of experience you have, or what your first degree was in, I can relate this to you."
)


@handles("ask_need_masters", "ask_experience", "ask_worth_it", "ask_transition")
def answer_personal(advisor: Advisor, question: Question, found: Found) -> Answer:
    """The topic's answer, plus a line about the visitor when they have said how long or what they studied."""
    topic = advisor.kb.topic_for_intent(question.intent)
    assert topic is not None  # each of these intents has a KB topic; checked by the tests over the KB
    said = profile_from(question.said())  # the background before the question counts too
    years = said.years if said.years is not None else question.context.experience_years
    degree = said.degree_field or question.context.degree_field
    lines = personal_advice(advisor, years, degree)
    updates = said.slot_updates()
    if not lines and question.intent in ("ask_need_masters", "ask_experience"):
        return advisor.topic_answer(topic, extra_lines=[ASKS_ABOUT_YOU], updates=updates)
    stat = advisor.kb.statistic(EXPERIENCE_REQUIRED)
    return advisor.topic_answer(
        topic,
        extra_lines=lines,
        updates=updates,
        extra_citations=[(stat.source, stat.section)] if lines else (),
    )


def personal_advice(
    composer: Composer, years: Optional[float], degree: Optional[str], lead: str = "You said"
) -> List[str]:
    """Lines relating the experience requirement and the master's to what the visitor said about themselves.

    Each line says it rests on their words ("You said you have …"): the bot states nothing about
    a visitor that they did not give.
    """
    need, boost = composer.kb.statistic(EXPERIENCE_REQUIRED), composer.kb.statistic(EARNINGS_BOOST)
    lines = []
    if years is not None and need.years:
        if years == 0:
            amount = "no work experience yet"
        else:
            amount = f"about {years:g} year{'s' if years != 1 else ''} of experience"
        if years < need.years:
            lines.append(
                f"{lead} you have {amount}: that is short of the {need.value} most employers ask for "
                f"({need.measured_by}), so experience is the gap to close; a master's is optional, "
                f"though it can lift earning potential by about {boost.value}."
            )
        else:
            lines.append(
                f"{lead} you have {amount}, so you already meet the {need.value} most employers ask for; "
                f"a master's is a choice rather than a requirement, and it can lift earning potential "
                f"by about {boost.value}."
            )
    if degree and not any(w in degree for w in ENGINEERING_WORDS):
        lines.append(
            f"{lead} your first degree is in {degree}, not engineering, so Northeastern's point applies to you: "
            "going back to school can broaden your career options."
        )
    return lines
