"""A conversation's stored events read back as turns: one visitor message and how it ended."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Dict, List, Optional, Sequence, Tuple

from bot.insights.store import StoredEvent

# Metadata keys the actions write on bot events (actions/actions.py ANSWER_KIND, READINESS_OUTCOME).
ANSWER_KIND = "answer_kind"
READINESS_OUTCOME = "readiness_outcome"
READINESS_FORM = "readiness_form"
# NLU's non-answers: not a guess worth showing a maintainer.
NOT_GUESSES = frozenset({"nlu_fallback"})


class Outcome(str, Enum):
    """How a visitor's message ended. The first five are what happened to a question."""

    ANSWERED = "answered"
    NOT_COVERED = "not_covered"  # "my sources don't cover that"
    OUT_OF_SCOPE = "out_of_scope"
    NOT_UNDERSTOOD = "not_understood"
    ERROR = "error"  # no reply was stored: a part of the bot failed
    CHITCHAT = "chitchat"  # greetings, thanks, help
    READINESS = "readiness"  # a reply to a readiness-check question
    OTHER = "other"  # a reply that says nothing about how it ended (stored before answer kinds)


QUESTION_OUTCOMES = (Outcome.ANSWERED, Outcome.NOT_COVERED, Outcome.OUT_OF_SCOPE, Outcome.NOT_UNDERSTOOD, Outcome.ERROR)
UNANSWERED = frozenset({Outcome.NOT_COVERED, Outcome.OUT_OF_SCOPE, Outcome.NOT_UNDERSTOOD, Outcome.ERROR})
LABELS: Dict[Outcome, str] = {
    Outcome.ANSWERED: "answered",
    Outcome.NOT_COVERED: "my sources don't cover that",
    Outcome.OUT_OF_SCOPE: "out of scope",
    Outcome.NOT_UNDERSTOOD: "not understood",
    Outcome.ERROR: "error (no reply)",
    Outcome.CHITCHAT: "small talk",
    Outcome.READINESS: "readiness-check replies",
    Outcome.OTHER: "other replies",
}
# bot/advice/types.py AnswerKind value -> outcome
KIND_OUTCOMES: Dict[str, Outcome] = {
    "answer": Outcome.ANSWERED,
    "not_covered": Outcome.NOT_COVERED,
    "decline": Outcome.OUT_OF_SCOPE,
    "not_understood": Outcome.NOT_UNDERSTOOD,
    "chitchat": Outcome.CHITCHAT,
}


@dataclass
class Turn:
    """One visitor message and what the bot did with it."""

    text: str
    message_id: str
    timestamp: float
    intent: str
    confidence: float
    guess: str  # the best intent NLU ranked that is a real intent (not nlu_fallback)
    entities: Sequence[Tuple[str, str]]
    in_form: bool  # sent while the readiness check was asking its questions
    aside: bool = False  # a question asked during the check, answered before the check went on
    kind: Optional[str] = None  # the first reply's answer kind; None while no reply is stored
    replied: bool = False
    reply: str = ""

    @property
    def outcome(self) -> Outcome:
        if not self.replied:
            return Outcome.ERROR
        if self.in_form and not self.aside:
            return Outcome.READINESS
        return KIND_OUTCOMES.get(self.kind or "", Outcome.OTHER)

    @property
    def is_button(self) -> bool:
        """A button click sends its payload ("/ask_jobs"), not words the visitor typed."""
        return self.text.startswith("/")


@dataclass
class Conversation:
    turns: List[Turn] = field(default_factory=list)
    bot_messages: List[float] = field(default_factory=list)  # timestamps
    checks_started: List[float] = field(default_factory=list)  # timestamps
    check_outcomes: List[Tuple[float, Dict[str, Any]]] = field(default_factory=list)


def _user_turn(event: StoredEvent, in_form: bool) -> Turn:
    data = event.data
    parse = data.get("parse_data") or {}
    intent = parse.get("intent") or {}
    ranking = [r.get("name") for r in parse.get("intent_ranking") or [] if r.get("name") not in NOT_GUESSES]
    name = str(intent.get("name") or "nlu_fallback")
    entities = [
        (str(e.get("entity")), str(e.get("value")))
        for e in parse.get("entities") or []
        if e.get("entity") and e.get("value") is not None
    ]
    return Turn(
        text=str(data.get("text") or ""),
        message_id=str(data.get("message_id") or parse.get("message_id") or ""),
        timestamp=event.timestamp,
        intent=name,
        confidence=float(intent.get("confidence") or 0.0),
        guess=str(ranking[0]) if ranking else name,
        entities=entities,
        in_form=in_form,
    )


def read_conversation(events: List[StoredEvent]) -> Conversation:
    """The turns of one conversation's events (in the order they happened)."""
    conversation = Conversation()
    turn: Optional[Turn] = None
    in_form = False
    for event in events:
        if event.type_name == "user":
            turn = _user_turn(event, in_form)
            conversation.turns.append(turn)
        elif event.type_name == "bot":
            conversation.bot_messages.append(event.timestamp)
            metadata = event.data.get("metadata") or {}
            if turn is not None and not turn.replied:
                turn.replied, turn.kind, turn.reply = True, metadata.get(ANSWER_KIND), str(event.data.get("text") or "")
            if isinstance(metadata.get(READINESS_OUTCOME), dict):
                conversation.check_outcomes.append((event.timestamp, metadata[READINESS_OUTCOME]))
        elif event.type_name == "active_loop":
            starting = event.data.get("name") == READINESS_FORM
            if starting and not in_form:
                conversation.checks_started.append(event.timestamp)
            in_form = starting
        elif event.type_name == "slot" and event.data.get("value") is True and turn is not None and turn.in_form:
            turn.aside = True  # the check's validator says it answered a question on the way
    return conversation
