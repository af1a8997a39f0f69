"""Routing: which handler answers a question.

Normally the intent's handler. A question's own words can outweigh the intent
NLU picked: naming a decisive gap ("is it stressful?"), another university,
another job where the answer would quote the engineering managers' figures
("what do civil engineers earn?"), or a place ("and in the UK?").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, List, Optional

from bot.advice.handlers.gaps import answer_uncovered, decisive_gap_answer
from bot.advice.handlers.places import place_answer
from bot.advice.handlers.programs import other_programs_answer, program_in_context, where_to_learn_answer
from bot.advice.handlers.roles import figures_not_given
from bot.advice.handlers.topics import technical_track_answer
from bot.advice.profile import prefers_technical_work
from bot.advice.registry import Handler, handler_for
from bot.advice.subjects import figures_asked_for, other_institution, other_job
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import Statistic
from bot.knowledge.terms import GAP

if TYPE_CHECKING:
    from bot.advice.advisor import Advisor

# Questions about whether management suits the visitor: a stated preference for technical work decides them.
FIT_INTENTS = frozenset(
    {
        "ask_fit",
        "check_readiness",
        "ask_role_match",
        "ask_transition",
        "ask_worth_it",
        "ask_good_career",
        "ask_difference",
    }
)
# "Where can I learn it?", "which course teaches that?"
LEARN_IT = re.compile(
    r"\b(?:where|how) (?:can|could|do|would|should) i (?:learn|study|get|pick up|take|train)\b"
    r"|\bwhich (?:course|program|programme|degree|university|school)\b.*\b(?:teach|teaches|cover|covers|offer|offers)\b"
    r"|\bwhere (?:is|are) (?:it|that|this|they) (?:taught|covered)\b"
)
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
    program, feature = program_in_context(advisor, question.context.topic)
    if program is not None and LEARN_IT.search(question.text.lower()):
        return _where_to_learn(program.id, feature.id if feature else None)  # "where can I learn it?"
    place_gap = advisor.kb.place_gap()
    program_gaps = [g for g in found.get(GAP, []) if not (place_gap and g == place_gap.id)]
    if program is not None and program_gaps:
        return answer_uncovered  # "how long does it take?" after a program: the sources don't say
    if question.intent in FIT_INTENTS and prefers_technical_work(question.said()):
        return technical_track_answer  # "I prefer technical work, should I manage?"
    institution = other_institution(advisor, question.text)
    if institution is not None:
        return _other_programs(institution)  # "does Stanford have a master's in engineering management?"
    figures = figures_asked_for(advisor, question)
    job = other_job(advisor, question, found) if figures else None
    if job is not None:
        return _figures_not_given(
            job, figures
        )  # "what do civil engineers earn?", "are civil engineering jobs growing?"
    if place_gap is not None and place_gap.id in found.get(GAP, []):
        return place_answer  # "and in the UK?": the figures are U.S. data
    return intent_handler


def _figures_not_given(job: str, figures: List[Statistic]) -> Handler:
    def answer(advisor: Advisor, _question: Question, _found: Found) -> Answer:
        return figures_not_given(advisor, job, figures)

    return answer


def _where_to_learn(program_id: str, feature_id: Optional[str]) -> Handler:
    def answer(advisor: Advisor, _question: Question, _found: Found) -> Answer:
        program = advisor.kb.get(program_id)
        feature = next((f for f in program.features if f.id == feature_id), None)
        return where_to_learn_answer(advisor, program, feature)

    return answer


def _other_programs(institution: str) -> Handler:
    def answer(advisor: Advisor, _question: Question, _found: Found) -> Answer:
        return other_programs_answer(advisor, institution)

    return answer
