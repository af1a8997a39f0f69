"""Questions about a country: say where the KB's figures come from, and no more."""

from __future__ import annotations

import re
from typing import Dict, List

from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Citation, Found, Question
from bot.knowledge.model import Topic
from bot.knowledge.terms import PROGRAM

SHORT_NAME_CHARS = 4  # "uk", "uae": written in capitals
NAMES_WITH_THE = {"UK", "U.K.", "United Kingdom", "UAE", "European Union"}


def place_named(advisor: Tools, text: str) -> str:
    """The place a message names, as a reader would write it ("the UK"), or "other countries"."""
    gap = advisor.kb.place_gap()
    low = text.lower()
    for synonym in sorted(gap.synonyms if gap else [], key=len, reverse=True):
        if re.search(r"(?<![a-z])" + re.escape(synonym) + r"(?![a-z])", low):
            name = synonym.upper() if len(synonym) <= SHORT_NAME_CHARS else synonym.title()
            return f"the {name}" if name in NAMES_WITH_THE else name
    return "other countries"


def place_answer(advisor: Tools, question: Question, found: Found) -> Answer:
    """A figure or program question about a country: the figures' origin, and that nothing covers the place."""
    place = place_named(advisor, question.text)
    topic = advisor.kb.topic_for_intent(question.intent)
    if question.intent == "follow_up" and question.context.topic:
        topic = advisor.kb.get(question.context.topic)
    stats = advisor.kb.statistics_quoted(topic) if isinstance(topic, Topic) else []
    lines: List[str] = [
        f"My sources ({advisor.publishers()}) don't give figures or details for {place}, so I can't tell you "
        "how it compares there."
    ]
    citations: List[Citation] = []
    for stat in stats:
        where = f", so it describes {stat.region}" if stat.region else ""
        origin = stat.measured_by if stat.measured_by[:1].islower() else f"the {stat.measured_by}"
        lines.append(f"The figure I have for the {stat.label}, {stat.value}, comes from {origin}{where}.")
        citations.append((stat.source, stat.section))
    programs = found.get(PROGRAM) or ([question.context.program] if question.context.program else [])
    about_programs = question.intent == "ask_program" or (isinstance(topic, Topic) and topic.intent == "ask_program")
    if programs or about_programs:
        chosen = [advisor.kb.get(p) for p in programs] or advisor.kb.programs
        lines.append(
            "What they do say about where the programs are taught: "
            + "; ".join(f"{p.university} {p.name}: {p.location}" for p in chosen)
            + "."
        )
        citations += [(p.source, p.section) for p in chosen]
    buttons = advisor.topic_buttons("salary", "outlook", "programs", "worth_it")
    # The figures' topic stays the context: "so which country then?" asks about the same figure.
    updates: Dict[str, object] = {"topic": topic.id} if stats and isinstance(topic, Topic) else {}
    return advisor.compose(lines, citations, buttons, kind=AnswerKind.NOT_COVERED, updates=updates)
