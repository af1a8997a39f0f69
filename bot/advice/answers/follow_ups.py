"""Short follow-ups ("and a quality engineer?", "why?", "tell me more", "the other one?").

Each step reads the question one way and answers, or passes (None) to the next.
The context slots say what the previous answer was about.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, List, Optional

from bot.advice.answers.figures import figures_named, topic_quoting
from bot.advice.answers.gaps import answer_uncovered
from bot.advice.answers.programs import FEATURES_SHOWN, answer_program, comparison_answer, program_answer
from bot.advice.answers.roles import matching_roles, role_answer
from bot.advice.answers.sources import answer_sources
from bot.advice.answers.topics import aspect_answer
from bot.advice.articles import article_topic_answer, other_article
from bot.advice.registry import OUT_OF_SCOPE
from bot.advice.state import state_of
from bot.advice.tools import Tools
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import Topic
from bot.knowledge.terms import ASPECT, FEATURE, GAP, PROGRAM, ROLE

Step = Callable[[Tools, Question, Found], Optional[Answer]]

OTHER = re.compile(r"\bother\b")
SIDES = re.compile(r"\b(?:engineers?|managers?|ems?|the engineer|the manager|for them|for engineers)\b")
WHY = re.compile(r"^\W*(why|how come|says who|based on what|how do you know|what makes you say)\b")
MORE = re.compile(
    r"\b(tell me more|more about (that|this|it)|more detail|more info|elaborate|expand on|go on|"
    r"anything else|what else|more please|^more\b)"
)
FOLLOW_UP = "follow_up"
SIMILAR_ROLES = 2  # roles suggested after everything about one role has been said
FOLLOW_UP_CONFIDENCE = 0.3  # NLU's next guess must be at least this likely


def next_reading(advisor: Tools, question: Question, skip: str = "") -> Optional[Question]:
    """The question as NLU's next reading has it, when that reading is a question the KB answers.

    Never the intent it has: that reading was just set aside (and would come straight back here).
    """
    skipped = (OUT_OF_SCOPE, "nlu_fallback", question.intent, skip)
    guesses = [(name, c) for name, c in question.ranking if name not in skipped]
    if not guesses or guesses[0][1] < FOLLOW_UP_CONFIDENCE or guesses[0][0] not in advisor.knowledge_intents:
        return None
    return replace(question, intent=guesses[0][0], ranking=guesses)


def named_entity(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """The follow-up names something: a gap, a role, a program or feature, or an aspect."""
    if found.get(GAP):
        return answer_uncovered(advisor, question, found)
    compared = comparison_answer(advisor, found)
    if compared is not None:
        return compared  # two roles or two programs: compare them
    if found.get(ROLE):
        return role_answer(advisor, advisor.kb.get(found[ROLE][0]))
    if found.get(PROGRAM) or found.get(FEATURE):
        return answer_program(advisor, question, found)
    if found.get(ASPECT):
        return aspect_answer(advisor, advisor.kb.get(found[ASPECT][0]))
    return None


def named_figure(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """ "And the pay?": a figure named by its words or value; the topic that quotes it first answers."""
    figures = figures_named(advisor.kb, question.text)
    topic = topic_quoting(advisor.kb, figures[0]) if len(figures) == 1 else None
    return advisor.topic_answer(advisor.kb.get(topic)) if topic else None


def other_side_of_the_aspect(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """ "And engineers?" after an aspect of the difference: the aspect, which gives both sides."""
    if question.context.aspect and SIDES.search(question.text.lower()):
        return aspect_answer(advisor, advisor.kb.get(question.context.aspect))
    return None


def the_other_one(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """ "What about the other one?": the other program after one program, else ask which."""
    if not OTHER.search(question.text.lower()):
        return None
    if question.context.program:
        other = [p for p in advisor.kb.programs if p.id != question.context.program]
        if len(other) == 1:
            return program_answer(advisor, other[0], [])
    state = state_of(advisor.kb, question.context)
    article = other_article(advisor, state.article)
    if state.topic is not None and article is not None:  # "what about the other uni?" after one article's answer
        return article_topic_answer(advisor, state.topic, article)
    programs = [advisor.button_for(p.id) for p in advisor.kb.programs]
    roles = [advisor.button_for(r.id) for r in advisor.kb.described_roles()][:2]
    return Answer("Which one do you mean?", [b for b in programs + roles if b])


def why(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """ "Why?" / "says who?": the reasoning's source, by section."""
    if not (WHY.search(question.text.lower()) and question.context.citations):
        return None
    sources = answer_sources(advisor, question, found)
    return Answer(
        "Here is where that comes from; the reasoning is the source's, not mine.\n" + sources.text,
        sources.buttons,
        kind=sources.kind,
    )


def last_topic(advisor: Tools, question: Question) -> Optional[object]:
    return advisor.kb.get(question.context.topic) if question.context.topic else None


def more_on_program(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """ "Tell me more" after a program: the features not shown yet."""
    if not (MORE.search(question.text.lower()) and question.context.program):
        return None
    if isinstance(last_topic(advisor, question), Topic):
        return None
    program = advisor.kb.get(question.context.program)
    rest = [w for f in program.features[FEATURES_SHOWN:] for w in f.synonyms[:1]]
    return program_answer(advisor, program, rest)


def more_on_role(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """ "Tell me more" after a role: what the degree brings to it, then roles with related work."""
    ctx = question.context
    if not (MORE.search(question.text.lower()) and ctx.role) or isinstance(last_topic(advisor, question), Topic):
        return None
    role = advisor.kb.get(ctx.role)
    similar = [r for r, _ in matching_roles(advisor, " ".join(role.keywords)) if r.id != role.id][:SIMILAR_ROLES]
    if role.degree_helps and f"more:{role.id}" != ctx.topic:
        lines = [f"More on the {role.title.lower()} role: {role.degree_helps}"]
    else:
        lines = [f"That's everything my sources say about the {role.title.lower()} role."]
    if similar:
        lines.append("Roles with related work: " + ", ".join(r.title for r in similar) + ".")
    return advisor.compose(
        lines,
        [(role.source, role.section)],
        advisor.buttons([r.id for r in similar] + ["jobs"]),
        updates={"topic": f"more:{role.id}"},
    )


def more_on_topic(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """ "Tell me more" after a topic: the first related topic, introduced as more."""
    topic = last_topic(advisor, question)
    if not (MORE.search(question.text.lower()) and isinstance(topic, Topic)):
        return None
    following = next((advisor.kb.get(r) for r in topic.related if isinstance(advisor.kb.get(r), Topic)), None)
    if following is None:
        return None
    answer = advisor.topic_answer(following)
    answer.text = "More on that: " + answer.text
    return answer


def next_guess(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """ "And how much more with a master's?": NLU's next reading, when it is a question the KB answers."""
    reading = next_reading(advisor, question, skip=FOLLOW_UP)
    return advisor.answer(reading) if reading is not None else None


def where_next(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """Nothing else to go on after a topic: offer its related topics."""
    topic = last_topic(advisor, question)
    if not isinstance(topic, Topic):
        return None
    return Answer("Here is where you could go next from there:", advisor.buttons(topic.related))


STEPS: List[Step] = [
    named_entity,
    named_figure,
    other_side_of_the_aspect,
    the_other_one,
    why,
    more_on_program,
    more_on_role,
    more_on_topic,
    next_guess,
    where_next,
]


def answer_follow_up(advisor: Tools, question: Question, found: Found) -> Answer:
    """The first step that can read the follow-up; else ask which topic they mean."""
    for step in STEPS:
        answer = step(advisor, question, found)
        if answer is not None:
            return answer
    return Answer("Which one do you mean? Pick a topic, or ask me in your own words:", advisor.help_buttons())
