"""Master's and experience questions, related to what the visitor said about themselves."""

from __future__ import annotations

from bot.advice.answers.personal import EXPERIENCE_REQUIRED, personal_advice
from bot.advice.profile import profile_from
from bot.advice.registry import handles
from bot.advice.tools import Tools
from bot.advice.types import Answer, Found, Question

ASKS_ABOUT_YOU = (
    "If you tell me how many years of experience you have, or what your first degree was in, I can relate this to you."
)


@handles("ask_need_masters", "ask_experience", "ask_worth_it", "ask_transition")
def answer_personal(advisor: Tools, question: Question, found: Found) -> Answer:
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
