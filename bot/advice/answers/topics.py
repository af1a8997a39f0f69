"""Topic answers other handlers and the router give too: one aspect of the difference, the technical track,
and the answer from the KB passage a question's distinctive words point to."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from bot.advice.answers.programs import program_answer
from bot.advice.compose import READINESS_BUTTON
from bot.advice.tools import Tools
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import Aspect, KnowledgeBase, Topic
from bot.knowledge.terms import ASPECT
from bot.knowledge.text import normalise


def topic_of(advisor: Tools, question: Question) -> Topic:
    topic = advisor.kb.topic_for_intent(question.intent)
    assert topic is not None, f"no topic for intent {question.intent}"  # routed here only when there is one
    return topic


def aspect_answer(advisor: Tools, aspect: Aspect) -> Answer:
    lines = [f"{aspect.title}: {aspect.engineer}", aspect.manager]
    others = [a.id for a in advisor.kb.comparison.aspects if a.id != aspect.id]
    return advisor.compose(
        lines,
        [(aspect.source, aspect.section)],
        advisor.buttons(others + ["fit"]),
        updates={"aspect": aspect.id, "topic": f"aspect:{aspect.id}"},
    )


def technical_track_answer(advisor: Tools, question: Question, found: Found) -> Answer:
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


def passage_answer(advisor: Tools, question: Question, guesses: Sequence[str] = ()) -> Optional[Answer]:
    """The answer from the KB passage the question's distinctive words point to, if any."""
    passage = advisor.passages.best(question.text, guesses)
    if passage is None:
        return None
    entry = advisor.kb.get(passage.entry_id)
    if passage.kind == "topic":
        return advisor.topic_answer(entry)
    if passage.kind == "aspect":
        return aspect_answer(advisor, entry)
    return program_answer(advisor, advisor.kb.get(passage.owner_id), entry.synonyms[:1])


def aspect_asked_for(kb: KnowledgeBase, text: str, found: Found) -> Optional[str]:
    """The aspect a question asks for by name after "what"/"which" ("what skills…?", "which kind of tasks…?")."""
    low = normalise(text)
    for aspect_id in found.get(ASPECT, []):
        aspect = kb.get(aspect_id)
        names = sorted((normalise(s) for s in [aspect.title, *aspect.synonyms]), key=len, reverse=True)
        if any(re.search(rf"\b(?:what|which)(?: \w+){{0,2}} {re.escape(n)}\b", low) for n in names):
            return str(aspect_id)
        if DIFFERENCE.search(low) and any(re.search(rf"\b{re.escape(n)}\b", low) for n in names):
            return str(aspect_id)  # "what's different about the manager job day to day?"
    return None


# A question about how the two sides differ: "what's different about…", "how does it change…"
DIFFERENCE = re.compile(r"\b(?:differen\w*|differ|differs|versus|vs|compared?|contrast|changes?)\b")
