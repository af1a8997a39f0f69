"""A background that should steer the answer: the visitor's own years or first degree, asked about their move.

"I'm a junior dev, two years in… apply now or master's first?" can read to NLU as a program
question; the program answer alone ignores the two years. When the visitor says how long they
have worked or what they studied, and asks about their own next step, the answer ends with what
the sources' requirement means for them, said as resting on their words ("You said…").

A visitor who says they work full time or can't relocate, and asks about study, is pointed to the one
program whose feature meets that, when the answer has not named it already. A visitor who says what they
earn and asks about pay gets the median beside their figure; one who says they dislike something engineering
managers do (budgets, conflicts) gets what the sources say about it. Each rests on their words ("You said…").
"""

from __future__ import annotations

import re
from typing import List, Optional, Set, Tuple

from bot.advice.answers.personal import EXPERIENCE_REQUIRED, personal_advice
from bot.advice.answers.programs import features_named_in
from bot.advice.compose import SOURCES_SEPARATOR, Composer
from bot.advice.profile import OWN_MOVE, profile_from
from bot.advice.types import Answer, AnswerKind, Question
from bot.knowledge.model import Feature, Program
from bot.knowledge.text import named_in

# Study named in the message: a constraint such as "full time" then bears on which program fits.
ABOUT_STUDY = re.compile(
    r"\b(?:master'?s?|masters|msc|degree|qualification|course|program|programme|study|studying|postgrad\w*)\b"
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


# A clause saying what the visitor wants: "I want a recognised qualification I can do alongside my job".
WANTS = re.compile(
    r"\b(?:want|wants|wanting|need|needs|looking for|look for|hoping for|hope for|would like|i'?d like|prefer|"
    r"after|seeking|interested in)\b"
)
CLAUSE = re.compile(r"[.;!?]+|\bbut\b")


def with_wants(composer: Composer, question: Question, answer: Answer) -> Answer:
    """A program answer, then what the program offers of what the visitor said they want, in its own words."""
    program = composer.kb.program(str(answer.updates.get("program") or ""))
    if answer.kind != AnswerKind.ANSWER or program is None or not question.background:
        return answer
    wanted = " ".join(c for c in CLAUSE.split(question.background.lower()) if WANTS.search(c))
    features = [f for f in program.features if f.text not in answer.text and named_in(wanted, f.synonyms)]
    lead = "On what you said you want"
    place = composer.kb.place_gap()
    if not features and place is not None and named_in(question.background, place.synonyms):
        # "I'm based in Nigeria…": what the program offers someone studying from elsewhere, in its own words
        features = [f for f in program.features if f.text not in answer.text and FROM_ELSEWHERE & set(f.synonyms)]
        lead = "On studying from where you said you are"
    if not features:
        return answer
    lines = [f"{lead}: {' '.join(f.text for f in features[:MAX_WANTS])}"]
    citations = [(program.source, f.section) for f in features[:MAX_WANTS]]
    body = answer.text.split(SOURCES_SEPARATOR)[0]
    cited = list(dict.fromkeys([*answer.citations, *citations]))
    return composer.compose([body, *lines], cited, answer.buttons, answer.kind, answer.updates, joiner="\n\n")


MAX_WANTS = 2
# Feature synonyms that speak to a visitor studying from another country.
FROM_ELSEWHERE = frozenset({"abroad", "from abroad", "overseas", "international", "from around the world"})


def constraint_met(composer: Composer, background: str) -> Optional[Tuple[str, Program, Feature]]:
    """The words of the background that name one program's feature in several words, the program and feature."""
    found = features_named_in(composer, background)
    if len({p.id for _s, p, _f in found}) != 1:
        return None
    return max(found, key=lambda m: len(m[0]))


# The visitor's own pay: "I make about $120k", "my salary is $95,000"; in a background, "making around 120k".
_AMOUNT = (
    r"\s+(?:about |around |roughly |approximately |approx\.? |~)?"
    r"(\$?\d{2,3}(?:,\d{3}|k\b|\s?thousand)|\$\d{2,3}(?:,\d{3})?)"
)
OWN_PAY = re.compile(
    r"\b(?:i make|i'm making|im making|i am making|i earn|i'm earning|im earning|i get paid|i'm paid|im paid|"
    r"my salary is|my pay is|i'm on|im on|i am on|currently making|currently earning|currently on)" + _AMOUNT
)
PAY_IN_BACKGROUND = re.compile(r"\b(?:making|earning|on|paid)" + _AMOUNT)  # "senior engineer in texas making 120k"
ASKS_ABOUT_PAY = re.compile(r"\b(?:pay|paid|earn|earning|earnings|salary|money|expect|more|raise|compensation)\b")
MEDIAN_PAY = "median_salary"


def with_own_pay(composer: Composer, question: Question, answer: Answer) -> Answer:
    """The answer, then the median pay beside the pay the visitor says they earn, when they ask about pay."""
    stated = OWN_PAY.search(question.said().lower()) or PAY_IN_BACKGROUND.search(question.background.lower())
    if answer.kind != AnswerKind.ANSWER or stated is None or not ASKS_ABOUT_PAY.search(question.text.lower()):
        return answer
    stat = composer.kb.statistic(MEDIAN_PAY)
    if "You said you earn" in answer.text:
        return answer
    if stat.value in answer.text:
        set_against = f"the {stat.label} above ({stat.value}) is the figure to set it against"
        return _appended(composer, answer, f"You said you earn about {stated.group(1)}: {set_against}.", None)
    line = (
        f"You said you earn about {stated.group(1)}. For comparison, the {stat.label} is {stat.value} "
        f"({stat.measured_by}{f', {stat.region}' if stat.region else ''})."
    )
    return _appended(composer, answer, line, (stat.source, stat.section))


# What the visitor dislikes: "I hate budgets and meetings", "not a fan of dealing with people conflicts".
DISLIKES = re.compile(
    r"\b(?:hate|hates|dislike|dislikes|can't stand|cannot stand|cant stand|don't like|do not like|dont like|"
    r"not a fan of|detest|loathe)\s+(?:dealing with |doing |handling |managing |having )?([a-z &/-]{3,50}?)"
    r"(?=[,.;!?]|$| but | so | and i | just )"
)


def with_dislikes(composer: Composer, question: Question, answer: Answer) -> Answer:
    """The answer, then what the sources say engineering managers do about what the visitor dislikes."""
    disliked = DISLIKES.search(question.said().lower())
    if answer.kind != AnswerKind.ANSWER or disliked is None:
        return answer
    words = {w for w in re.split(r"[\s&/]+", disliked.group(1)) if len(w) > 3}
    texts = [(t, c) for t, c in manager_texts(composer) if t not in answer.text and _holds_any(t, words)]
    if not texts:
        return answer
    text, citation = texts[0]
    line = f"You said you dislike {disliked.group(1).strip()}. What my sources say engineering managers do: {text}"
    return _appended(composer, answer, line, citation)


def manager_texts(composer: Composer) -> List[Tuple[str, Tuple[str, str]]]:
    """What the sources say engineering managers do, cited: the subject role's texts and the managers' sides."""
    role = composer.kb.subject_role()
    texts = [(role.involves, (role.source, role.section))] if role and role.involves else []
    topic = composer.kb.get(role.topic) if role and role.topic else None
    texts += [(composer.point_text(p), (p.source, p.section)) for p in getattr(topic, "points", [])]
    return texts + [(a.manager, (a.source, a.section)) for a in composer.kb.comparison.aspects]


def _holds_any(text: str, words: Set[str]) -> bool:
    low = text.lower()
    return any(re.search(rf"\b{re.escape(w.rstrip('s'))}", low) for w in words)


def _appended(composer: Composer, answer: Answer, line: str, citation: Optional[Tuple[str, str]]) -> Answer:
    body = answer.text.split(SOURCES_SEPARATOR)[0]
    citations = list(dict.fromkeys([*answer.citations, *([citation] if citation else [])]))
    return composer.compose([body, line], citations, answer.buttons, answer.kind, answer.updates, joiner="\n\n")


def asks_of_own_standing(question: Question) -> bool:
    """True when the visitor gives their years or degree and asks about their own move ("do I meet…?")."""
    said = profile_from(question.said())
    return (said.years is not None or said.degree_field is not None) and bool(OWN_MOVE.search(question.text.lower()))
