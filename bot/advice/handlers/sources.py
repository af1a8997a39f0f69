"""Where an answer comes from: the articles, by section."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List

from bot.advice.registry import handles
from bot.advice.types import Answer, Found, Question

if TYPE_CHECKING:
    from bot.advice.advisor import Advisor


@handles("ask_sources")
def answer_sources(advisor: Advisor, question: Question, found: Found) -> Answer:
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
    lines = ["That answer comes from:"]
    for source_id, sections in by_source.items():
        named = "; ".join(f"“{s}”" for s in sections)
        lines.append(f"- {advisor.describe_source(source_id)}, section{'s' if len(sections) > 1 else ''} {named}")
    return Answer("\n".join(lines), advisor.help_buttons())
