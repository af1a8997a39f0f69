"""A background that should steer the answer: the visitor's own years or first degree, asked about their move.

"I'm a junior dev, two years in… apply now or master's first?" can read to NLU as a program
question; the program answer alone ignores the two years. When the visitor says how long they
have worked or what they studied, and asks about their own next step, the answer ends with what
the sources' requirement means for them, said as resting on their words ("You said…").
"""

from __future__ import annotations

import re

from bot.advice.answers.personal import EXPERIENCE_REQUIRED, personal_advice
from bot.advice.compose import SOURCES_SEPARATOR, Composer
from bot.advice.profile import profile_from
from bot.advice.types import Answer, AnswerKind, Question

# The visitor asking about their own move: "should I…", "can I…", "am I ready", "apply now".
OWN_MOVE = re.compile(
    r"\b(?:should|can|could|would|do|shall|must|will) i\b|\bam i\b|\bi'?m (?:ready|qualified|eligible)\b"
    r"|\bfor me\b|\bmy chances\b|\bapply (?:now|yet)\b|\bis it (?:too )?(?:early|late|soon)\b"
)


def with_background(composer: Composer, question: Question, answer: Answer) -> Answer:
    """The answer, ending with the requirement set against what the visitor said about themselves."""
    if answer.kind != AnswerKind.ANSWER or not OWN_MOVE.search(question.text.lower()):
        return answer
    said = profile_from(question.said())
    years = said.years if said.years is not None else question.context.experience_years
    degree = said.degree_field or question.context.degree_field
    lines = [line for line in personal_advice(composer, years, degree) if line not in answer.text]
    if not lines or "You said" in answer.text:
        return answer
    stat = composer.kb.statistic(EXPERIENCE_REQUIRED)
    body = answer.text.split(SOURCES_SEPARATOR)[0]
    citations = list(dict.fromkeys([*answer.citations, (stat.source, stat.section)]))
    updates = {**answer.updates, **said.slot_updates()}
    return composer.compose([body, " ".join(lines)], citations, answer.buttons, answer.kind, updates, joiner="\n\n")
