"""Where an answer comes from: the articles, by section."""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional

from bot.advice.answers.provenance import origin_line
from bot.advice.tools import Tools
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import Topic


def answer_sources(advisor: Tools, question: Question, found: Found) -> Answer:
    """The last answer's sources and sections, or both articles when nothing was cited yet."""
    cited = [c.split("|", 1) for c in question.context.citations]
    if not cited:
        lines = ["Everything I say comes from two articles:"]
        lines += [f"- {advisor.describe_source(s.id)}" for s in advisor.kb.sources]
        return Answer("\n".join(lines), advisor.help_buttons())
    by_source: Dict[str, List[str]] = {}
    for source_id, section in cited:
        sections = by_source.setdefault(source_id, [])
        if section not in sections:
            sections.append(section)
    lines = figure_origins(advisor, question.context.topic) + ["That answer comes from:"]
    for source_id, sections in by_source.items():
        named = "; ".join(f"“{s}”" for s in sections)
        lines.append(f"- {advisor.describe_source(source_id)}, section{'s' if len(sections) > 1 else ''} {named}")
    return Answer("\n".join(lines), advisor.help_buttons())


def figure_origins(advisor: Tools, topic_id: Optional[str]) -> List[str]:
    """Where the last answer's figures were measured, as the article names it (the data's origin, then the article)."""
    topic = advisor.kb.get(topic_id) if topic_id else None
    if not isinstance(topic, Topic):
        return []
    return [origin_line(advisor.kb, stat) for stat in advisor.kb.statistics_quoted(topic)]


# "Who collected that data?", "what's the source?", "says who?"
ORIGIN = re.compile(
    r"\b(?:who|where)\b[^?.!]{0,30}\b(?:collected|measured|gathered|compiled|published|reported|produced|"
    r"calculated|came up with|comes? from|come up with)\b|\bwhat(?:'s| is| was) the source\b|"
    r"\bsources? (?:for|of) (?:that|this|it|those)\b|\bsays who\b|\bwho says\b|\baccording to (?:who|whom)\b|"
    r"\bwho said (?:it|that|this|so)\b"
)


def origin_follow_up(
    advisor: Tools, question: Question, found: Found
) -> Optional[Callable[[Tools, Question, Found], Answer]]:
    """ "Who collected that data?" after a figure: where it was measured, then the article."""
    if question.context.citations and ORIGIN.search(question.text.lower()):
        return answer_sources
    return None
