"""Topic answers: a KB topic's points, and the topics that add lists from other KB records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.advice.compose import READINESS_BUTTON
from bot.advice.handlers.programs import comparison_answer
from bot.advice.handlers.roles import role_answer
from bot.advice.registry import ANY_TOPIC, handles
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import Aspect, Topic
from bot.knowledge.terms import ASPECT, ROLE

if TYPE_CHECKING:
    from bot.advice.advisor import Advisor


def topic_of(advisor: Advisor, question: Question) -> Topic:
    topic = advisor.kb.topic_for_intent(question.intent)
    assert topic is not None, f"no topic for intent {question.intent}"  # routed here only when there is one
    return topic


@handles(ANY_TOPIC)
def answer_topic(advisor: Advisor, question: Question, found: Found) -> Answer:
    """Any intent whose KB topic is the whole answer ("what is engineering management?").

    A topic that describes a role's job ("what fills an engineering manager's day?") is that
    role's answer; asked about another role that the sources describe, it is that role's.
    """
    topic = topic_of(advisor, question)
    owner = next((r for r in advisor.kb.roles if r.topic == topic.id), None)
    if owner is None:
        return advisor.topic_answer(topic)
    named = [advisor.kb.role(r) for r in found.get(ROLE, [])]
    other = next((r for r in named if r is not None and r.id != owner.id and r.involves), None)
    return role_answer(advisor, other or owner)


def aspect_answer(advisor: Advisor, aspect: Aspect) -> Answer:
    lines = [f"{aspect.title}: {aspect.engineer}", aspect.manager]
    others = [a.id for a in advisor.kb.comparison.aspects if a.id != aspect.id]
    return advisor.compose(
        lines,
        [(aspect.source, aspect.section)],
        advisor.buttons(others + ["fit"]),
        updates={"aspect": aspect.id, "topic": f"aspect:{aspect.id}"},
    )


@handles("ask_difference")
def answer_difference(advisor: Advisor, question: Question, found: Found) -> Answer:
    """Two roles or programs compared, one aspect, or the overall difference with the aspects named."""
    compared = comparison_answer(advisor, found)
    if compared:
        return compared
    aspects = found.get(ASPECT, [])
    if aspects:
        return aspect_answer(advisor, advisor.kb.get(aspects[0]))
    topic = topic_of(advisor, question)
    overall = advisor.kb.comparison.overall
    in_brief = advisor.kb.points_in_brief()
    lines = [advisor.point_text(p) for p in topic.points] + [overall.engineer, overall.manager]
    lines += [advisor.point_text(p) for p in in_brief]
    aspects_named = ", ".join(a.title.lower() for a in advisor.kb.comparison.aspects)
    lines.append(f"They also differ in {aspects_named}.")
    citations = [(p.source, p.section) for p in topic.points] + [(overall.source, overall.section)]
    citations += [(p.source, p.section) for p in in_brief]
    return advisor.compose(lines, citations, advisor.buttons(topic.related), updates={"topic": topic.id})


@handles("ask_fit", "check_readiness")  # check_readiness normally starts the form (data/rules/)
def answer_fit(advisor: Advisor, question: Question, found: Found) -> Answer:
    """Who it suits, the readiness signs, and a button to check them one by one."""
    topic = advisor.kb.topic_for_intent("ask_fit")
    assert topic is not None  # the KB's fit topic; checked by the tests over the KB
    signs = "\n".join(f"- {s.sign}" for s in advisor.kb.readiness_signals)
    lines = [advisor.point_text(p) for p in topic.points] + [signs]
    citations = [(p.source, p.section) for p in topic.points]
    buttons = [READINESS_BUTTON] + advisor.buttons(topic.related)
    return advisor.compose(lines, citations, buttons, joiner="\n", updates={"topic": topic.id})


@handles("ask_reading")
def answer_reading(advisor: Advisor, question: Question, found: Found) -> Answer:
    """The further reading the articles point to, each with its publisher and link."""
    topic = topic_of(advisor, question)
    lines = [advisor.point_text(p) for p in topic.points]
    for r in advisor.kb.reading:
        publisher = advisor.kb.source(r.source).publisher
        link = f" {r.url}" if r.url else ""
        lines.append(f"- “{r.title}” ({publisher}), on {r.about}.{link}")
    citations = [(r.source, r.section) for r in advisor.kb.reading]
    return advisor.compose(lines, citations, advisor.buttons(topic.related), joiner="\n", updates={"topic": topic.id})


def technical_track_answer(advisor: Advisor, question: Question, found: Found) -> Answer:
    """The visitor prefers technical work or dislikes managing people: the signs, and a senior technical role."""
    topic = advisor.kb.topic_for_intent("ask_fit")
    assert topic is not None  # the KB's fit topic; checked by the tests over the KB
    signs = advisor.kb.readiness_signals
    first = signs[0]
    publisher = advisor.kb.source(first.source).publisher
    labels = ", ".join(s.label for s in signs)
    lines = [
        "You said you'd rather do technical work than manage people. That matters: the signs "
        f"{publisher} gives for being ready for engineering management are {labels}, and most of them "
        "are about people and coordination rather than technical work.",
    ]
    citations = [(first.source, first.section)]
    role = advisor.kb.technical_role()
    if role is not None and role.involves:
        lines.append(f"A senior technical role the sources describe instead: {role.title}. {role.involves}")
        citations.append((role.source, role.section))
    lines.append("If you're unsure, the readiness check goes through the signs one by one.")
    buttons = [READINESS_BUTTON] + advisor.buttons(([role.id] if role else []) + ["difference"])
    return advisor.compose(lines, citations, buttons, updates={"topic": topic.id})
