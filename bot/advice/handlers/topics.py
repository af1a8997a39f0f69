"""Topic answers: a KB topic's points, and the topics that add lists from other KB records."""

from __future__ import annotations

from bot.advice.answers.programs import comparison_answer
from bot.advice.answers.roles import role_answer
from bot.advice.answers.topics import aspect_answer, topic_of
from bot.advice.compose import READINESS_BUTTON
from bot.advice.registry import ANY_TOPIC, handles
from bot.advice.tools import Tools
from bot.advice.types import Answer, Found, Question
from bot.knowledge.terms import ASPECT, ROLE


@handles(ANY_TOPIC)
def answer_topic(advisor: Tools, question: Question, found: Found) -> Answer:
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


@handles("ask_difference")
def answer_difference(advisor: Tools, question: Question, found: Found) -> Answer:
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
def answer_fit(advisor: Tools, question: Question, found: Found) -> Answer:
    """Who it suits, the readiness signs, and a button to check them one by one."""
    topic = advisor.kb.topic_for_intent("ask_fit")
    assert topic is not None  # the KB's fit topic; checked by the tests over the KB
    signs = "\n".join(f"- {s.sign}" for s in advisor.kb.readiness_signals)
    lines = [advisor.point_text(p) for p in topic.points] + [signs]
    citations = [(p.source, p.section) for p in topic.points]
    buttons = [READINESS_BUTTON] + advisor.buttons(topic.related)
    return advisor.compose(lines, citations, buttons, joiner="\n", updates={"topic": topic.id})


@handles("ask_reading")
def answer_reading(advisor: Tools, question: Question, found: Found) -> Answer:
    """The further reading the articles point to, each with its publisher and link."""
    topic = topic_of(advisor, question)
    lines = [advisor.point_text(p) for p in topic.points]
    for r in advisor.kb.reading:
        publisher = advisor.kb.source(r.source).publisher
        link = f" {r.url}" if r.url else ""
        lines.append(f"- “{r.title}” ({publisher}), on {r.about}.{link}")
    citations = [(r.source, r.section) for r in advisor.kb.reading]
    return advisor.compose(lines, citations, advisor.buttons(topic.related), joiner="\n", updates={"topic": topic.id})
