"""Routing: which handler answers a question.

Normally the intent's handler. A question's own words can outweigh the intent
NLU picked: naming a decisive gap ("is it stressful?"), another university,
another job where the answer would quote the engineering managers' figures
("what do civil engineers earn?"), or a place ("and in the UK?").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, List

from bot.advice.handlers.gaps import decisive_gap_answer
from bot.advice.handlers.places import place_answer
from bot.advice.handlers.programs import other_programs_answer
from bot.advice.handlers.roles import figures_not_given
from bot.advice.registry import Handler, handler_for
from bot.advice.subjects import figures_asked_for, other_institution, other_job
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import Statistic
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
    institution = other_institution(advisor, question.text)
    if institution is not None:
        return _other_programs(institution)  # "does Stanford have a master's in engineering management?"
    figures = figures_asked_for(advisor, question)
    job = other_job(advisor, question, found) if figures else None
    if job is not None:
        return _figures_not_given(
            job, figures
        )  # "what do civil engineers earn?", "are civil engineering jobs growing?"
    place_gap = advisor.kb.place_gap()
    if place_gap is not None and place_gap.id in found.get(GAP, []):
        return place_answer  # "and in the UK?": the figures are U.S. data
    return intent_handler


def _figures_not_given(job: str, figures: List[Statistic]) -> Handler:
    def answer(advisor: Advisor, _question: Question, _found: Found) -> Answer:
        return figures_not_given(advisor, job, figures)

    return answer


def _other_programs(institution: str) -> Handler:
    def answer(advisor: Advisor, _question: Question, _found: Found) -> Answer:
        return other_programs_answer(advisor, institution)

    return answer
