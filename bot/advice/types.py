"""The answer layer's data: what a question carries in and what an answer carries out. No Rasa types."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Dict, List, Optional, Sequence, Tuple

Citation = Tuple[str, str]  # (source id, section)
Found = Dict[str, List[str]]  # entity label -> KB ids named in the message, in order


class AnswerKind(str, Enum):
    """How a reply relates to the sources; a str, so it compares and serialises as its value."""

    ANSWER = "answer"  # answered from the knowledge base
    NOT_COVERED = "not_covered"  # on topic, but the sources don't say
    DECLINE = "decline"  # out of scope: another subject, or not a career question
    NOT_UNDERSTOOD = "not_understood"  # unreadable, or NLU could not tell what was asked
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
class QuestionPart:
    """One question of a message that asks several, or that wraps a question in background."""

    intent: str
    text: str
    entities: Sequence[Tuple[str, str]] = ()  # (label, value) extracted inside this question
    confidence: float = 1.0


@dataclass(frozen=True)
class Said:
    """The visitor's previous message, as NLU read it: for a follow-up that only swaps what it names."""

    text: str
    intent: str
    mentions: Sequence[Tuple[str, str, str]] = ()  # (label, value, the words it was named by)


@dataclass(frozen=True)
class Question:
    intent: str
    text: str = ""
    entities: Sequence[Tuple[str, str]] = ()  # (label, value) as extracted
    context: Context = Context()
    ranking: Sequence[Tuple[str, float]] = ()  # NLU's intent ranking, best first
    parts: Sequence[QuestionPart] = ()  # its questions, when NLU found more than one or background around one
    background: str = ""  # what the visitor said around the question (read for their profile, not the topic)
    contact_url: Optional[str] = None  # where the embedding site says a person can be reached (message metadata)
    previous: Optional[Said] = None  # the visitor's message before this one

    def said(self) -> str:
        """Everything the visitor wrote in this message: background and question."""
        return f"{self.background} {self.text}".strip()


def context_after(context: Context, updates: Dict[str, object]) -> Context:
    """The context once an answer's updates are applied (for the next question of the same message)."""
    known = {k: v for k, v in updates.items() if k in Context.__dataclass_fields__}
    if "citations" in known:
        known["citations"] = tuple(known["citations"])  # type: ignore[arg-type]
    return replace(context, **known)  # type: ignore[arg-type]


@dataclass
class Answer:
    text: str
    buttons: List[Button] = field(default_factory=list)
    citations: List[Citation] = field(default_factory=list)
    kind: AnswerKind = AnswerKind.ANSWER
    updates: Dict[str, object] = field(default_factory=dict)  # context changes for the next turn

    @property
    def declined(self) -> bool:
        return self.kind in (AnswerKind.DECLINE, AnswerKind.NOT_UNDERSTOOD)
