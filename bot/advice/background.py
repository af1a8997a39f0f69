"""A background that should steer the answer: the visitor's own years or first degree, asked about their move.

"I'm a junior dev, two years in… apply now or master's first?" can read to NLU as a program
question; the program answer alone ignores the two years. When the visitor says how long they
have worked or what they studied, and asks about their own next step, the answer ends with what
the sources' requirement means for them, said as resting on their words ("You said…").

A visitor who says they work full time or can't relocate, and asks about study, is pointed to the one
program whose feature meets that ("You mentioned…"), when the answer has not named it already.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

from bot.advice.answers.personal import EXPERIENCE_REQUIRED, personal_advice
from bot.advice.compose import SOURCES_SEPARATOR, Composer
from bot.advice.profile import profile_from
from bot.advice.types import Answer, AnswerKind, Question
from bot.knowledge.model import Feature, Program
from bot.knowledge.text import normalise

# Study named in the message: a constraint such as "full time" then bears on which program fits.
ABOUT_STUDY = re.compile(
    r"\b(?:master'?s?|masters|msc|degree|qualification|course|program|programme|study|studying|postgrad\w*)\b"
)

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


def with_constraint(composer: Composer, question: Question, answer: Answer) -> Answer:
    """The answer, then the one program that meets a constraint the visitor gave ("working full time")."""
    said = question.said()
    # What the visitor says of themselves: the background, or a message that asks nothing ("I can't quit my job").
    stated = question.background or ("" if "?" in question.text else question.text)
    if answer.kind != AnswerKind.ANSWER or answer.updates.get("program") or not ABOUT_STUDY.search(said.lower()):
        return answer
    met = constraint_met(composer, stated) if stated else None
    if met is None:
        return answer
    _phrase, program, feature = met  # the phrase is not repeated back: "can't quit my job" holds "quit my job"
    if feature.text in answer.text:
        return answer
    line = (
        f"On what you said about your situation: of the programs my sources describe, the {program.university} "
        f"{program.name} speaks to it. {feature.text}"
    )
    body = answer.text.split(SOURCES_SEPARATOR)[0]
    citations = list(dict.fromkeys([*answer.citations, (program.source, feature.section)]))
    return composer.compose([body, line], citations, answer.buttons, answer.kind, answer.updates, joiner="\n\n")


def constraint_met(composer: Composer, background: str) -> Optional[Tuple[str, Program, Feature]]:
    """The words of the background that name one program's feature in several words, the program and feature."""
    low = f" {normalise(background)} "
    found = [
        (s, p, f)
        for p in composer.kb.programs
        for f in p.features
        for s in f.synonyms
        if len(s.split()) > 1 and f" {normalise(s)} " in low
    ]
    programs = {p.id for _s, p, _f in found}
    if len(programs) != 1:
        return None
    return max(found, key=lambda m: len(m[0]))
