"""Routing: which handler answers a question.

Normally the intent's handler. A question's own words can outweigh the intent
NLU picked: naming a decisive gap ("is it stressful?"), another job's pay
("what do civil engineers earn?") or a place ("and in the UK?").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.advice.handlers.gaps import decisive_gap_answer
from bot.advice.handlers.places import place_answer
from bot.advice.handlers.roles import pay_not_given
from bot.advice.registry import Handler, handler_for
from bot.advice.types import Answer, Found, Question
from bot.knowledge.terms import GAP

if TYPE_CHECKING:
    from bot.advice.advisor import Advisor

UNSURE = "nlu_fallback"  # NLU's intent when no intent is confident enough
SOURCES = "ask_sources"  # "where does that come from?" is about the last answer, whatever it names


def choose_handler(advisor: Advisor, question: Question, found: Found) -> Handler:
    """The intent's handler, unless the question's own words say what it is about."""
    intent_handler = handler_for(question.intent, advisor.kb)
    unsure = question.intent == UNSURE
    if (question.intent not in advisor.knowledge_intents and not unsure) or question.intent == SOURCES:
        return intent_handler
    if advisor.decisive_gap(found):
        return decisive_gap_answer  # "is engineering management stressful?", even when NLU is unsure
    if unsure:
        return intent_handler
    job = advisor.pay_asked_about(question)
    if job is not None:
        return _pay_not_given_for(job)  # "what do civil engineers earn?"
    place_gap = advisor.kb.place_gap()
    if place_gap is not None and place_gap.id in found.get(GAP, []):
        return place_answer  # "and in the UK?": the figures are U.S. data
    return intent_handler


def _pay_not_given_for(job: str) -> Handler:
    def answer(advisor: Advisor, _question: Question, _found: Found) -> Answer:
        return pay_not_given(advisor, job)

    return answer
