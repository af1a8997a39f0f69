"""What the sources don't cover: said plainly, never guessed."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, List, Optional

from bot.advice import follow_up_words as cue  # how a follow-up points back
from bot.advice.answers.roles import role_answer
from bot.advice.registry import handler_for
from bot.advice.tools import Tools
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import Topic
from bot.knowledge.terms import GAP, PROGRAM, ROLE
from bot.knowledge.text import named_in


def answer_uncovered(advisor: Tools, question: Question, found: Found) -> Answer:
    gaps = found.get(GAP, [])
    roles = [advisor.kb.role(r) for r in found.get(ROLE, [])]
    described = [r for r in roles if r is not None and r.involves and not r.is_subject]
    if not gaps and len(described) == 1:  # nothing uncovered named, a role the sources describe: what it does
        return role_answer(advisor, described[0])
    subject = advisor.kb.get(gaps[0]).subject if gaps else "that"
    programs = found.get(PROGRAM) or ([question.context.program] if question.context.program else [])
    return advisor.not_covered(subject, advisor.kb.program(programs[0]) if programs else None)


def decisive_gap_answer(advisor: Tools, question: Question, found: Found) -> Answer:
    """A question naming a decisive gap ("working hours") is about that gap, whatever the intent."""
    gap_id = advisor.decisive_gap(found)
    assert gap_id is not None  # routed here only when one is named
    gap = advisor.kb.get(gap_id)
    programs = found.get(PROGRAM, [])
    # Working hours or interviews are not on a program page; only a named program gets its link.
    uncovered = advisor.not_covered(
        gap.subject, advisor.kb.program(programs[0]) if programs else None, program_pages=False
    )
    asked = asked_topic(advisor, question)
    if asked is None or asked.id not in gap.also_answers:
        asked = next((t for t in likely_topics(advisor, question) if t.id in gap.also_answers), None)
    if asked is None:
        return uncovered
    covered = handler_for(asked.intent, advisor.kb)(advisor, replace(question, intent=asked.intent), found)
    return advisor.combine([uncovered, covered])


def asked_topic(advisor: Tools, question: Question) -> Optional[Topic]:
    """The topic the question asks about: its intent's, or for a follow-up the last answer's."""
    topic = advisor.kb.topic_for_intent(question.intent)
    if topic is None and question.context.topic:
        context_topic = advisor.kb.get(question.context.topic)
        topic = context_topic if isinstance(context_topic, Topic) else None
    return topic


LIKELY_READINGS = 3  # NLU's top readings that count as what the question may be asking


def likely_topics(advisor: Tools, question: Question) -> List[Topic]:
    """The topics of NLU's likeliest readings: "you need a PhD, is that true?" may read as experience first."""
    found = (advisor.kb.topic_for_intent(name) for name, _ in question.ranking[:LIKELY_READINGS])
    return [t for t in found if t is not None]


def gap_in_the_background(
    advisor: Tools, question: Question, found: Found
) -> Optional[Callable[[Tools, Question, Found], Answer]]:
    """ "I've had a headache for days, what should I take for it?": "it" is the gap the background names."""
    gap_id = advisor.decisive_gap(found)
    if gap_id is None or not question.background or not cue.POINTS_BACK.search(question.text.lower()):
        return None
    return None if named_in(question.text, advisor.kb.get(gap_id).synonyms) else decisive_gap_answer
