"""The answer layer's data: what a question carries in and what an answer carries out. No Rasa types."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Dict, List, Optional, Sequence, Tuple

Citation = Tuple[str, str]  # (source id, section)
Found = Dict[str, List[str]]  # entity label -> KB ids named in the message, in order


class AnswerKind(str, Enum):
    """How a reply relates to the sources; a str, so it compares and serialises as its value."""

    ANSWER = "answer"  # answered from the knowledge base
    NOT_COVERED = "not_covered"  # on topic, but the sources don't say
    DECLINE = "decline"  # out of scope or not understood
    CHITCHAT = "chitchat"  # greetings, thanks, help


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Context:
    """What the conversation is about so far (mirrors the Rasa slots)."""

    role: Optional[str] = None
    program: Optional[str] = None
    aspect: Optional[str] = None
    topic: Optional[str] = None
    citations: Tuple[str, ...] = ()  # "source_id|section" of the last answer
    experience_years: Optional[float] = None  # what the visitor said about themselves
    degree_field: Optional[str] = None


@dataclass(frozen=True)
class Question:
    intent: str
    text: str = ""
    entities: Sequence[Tuple[str, str]] = ()  # (label, value) as extracted
    context: Context = Context()
    ranking: Sequence[Tuple[str, float]] = ()  # NLU's intent ranking, best first


@dataclass
class Answer:
    text: str
    buttons: List[Button] = field(default_factory=list)
    citations: List[Citation] = field(default_factory=list)
    kind: AnswerKind = AnswerKind.ANSWER
    updates: Dict[str, object] = field(default_factory=dict)  # context changes for the next turn
