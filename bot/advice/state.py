"""What the conversation is about, read in one place: for every follow-up that leaves its subject out.

The context slots say what the last answer was about (its topic, role, program, citations); this
turns them into KB entries: the topic, the figure it quoted, the role, the program and the
article. "Is that per year?", "who wrote it?", "is it accredited?" all read their subject here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from bot.advice.types import Context
from bot.knowledge.model import KnowledgeBase, Program, Role, Source, Statistic, Topic

PROGRAM_TOPIC = "program:"  # the context topic of an answer about one program: "program:<id>[:<feature id>]"


def program_topic_id(program_id: str, feature_id: Optional[str] = None) -> str:
    return f"{PROGRAM_TOPIC}{program_id}" + (f":{feature_id}" if feature_id else "")


@dataclass(frozen=True)
class DialogueState:
    topic: Optional[Topic] = None
    figure: Optional[Statistic] = None  # the figure the last answer was about
    role: Optional[Role] = None
    program: Optional[Program] = None
    article: Optional[Source] = None  # the one article the last answer came from, when there was one

    @property
    def articles(self) -> List[Source]:
        return [self.article] if self.article else []


def state_of(kb: KnowledgeBase, context: Context) -> DialogueState:
    """The KB entries the context names; a figure or an article only when the last answer had exactly one."""
    topic = _topic(kb, context.topic)
    figures = kb.statistics_quoted(topic) if topic else []
    role = kb.role(context.role) if context.role else None
    program = kb.program(context.program) if context.program else None
    cited = list(dict.fromkeys(c.split("|", 1)[0] for c in context.citations))
    article_id = program.source if program and (not cited or cited == [program.source]) else None
    if article_id is None and len(cited) == 1:
        article_id = cited[0]
    article = next((s for s in kb.sources if s.id == article_id), None)
    return DialogueState(topic, figures[0] if figures else None, role, program, article)


def _topic(kb: KnowledgeBase, entry_id: Optional[str]) -> Optional[Topic]:
    entry = kb.get(entry_id) if entry_id else None  # None for "program:<id>", "more:<role>" and other markers
    return entry if isinstance(entry, Topic) else None
