"""Read conversations back from PostgreSQL and check each event is there exactly once, in order."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any, Dict, List, Tuple

import psycopg2

from bot.serving.cluster.config import HOST, ClusterConfig
from tests.cluster.visitors import Visitor


@dataclass(frozen=True)
class StoredEvent:
    id: int
    type_name: str
    timestamp: float
    action_name: str
    data: str

    @property
    def text(self) -> str:
        return str(json.loads(self.data).get("text") or "")


def connect(config: ClusterConfig) -> Any:
    return psycopg2.connect(
        host=HOST, port=config.postgres_port, user=config.database_user, dbname=config.database, connect_timeout=5
    )


def stored_events(config: ClusterConfig, senders: List[str]) -> Dict[str, List[StoredEvent]]:
    with connect(config) as conn, conn.cursor() as cur:
        cur.execute(
            "SELECT id, sender_id, type_name, timestamp, coalesce(action_name, ''), data FROM events "
            "WHERE sender_id = ANY(%s) ORDER BY id",
            (senders,),
        )
        rows = cur.fetchall()
    events: Dict[str, List[StoredEvent]] = {sender: [] for sender in senders}
    for row_id, sender, type_name, timestamp, action_name, data in rows:
        events[sender].append(StoredEvent(row_id, type_name, timestamp, action_name, data))
    conn.close()
    return events


def all_event_ids(config: ClusterConfig) -> Dict[int, Tuple[str, str]]:
    """Every stored event, by id: to show that nothing stored earlier went missing or changed."""
    with connect(config) as conn, conn.cursor() as cur:
        cur.execute("SELECT id, sender_id, data FROM events")
        result = {row[0]: (row[1], row[2]) for row in cur.fetchall()}
    conn.close()
    return result


@dataclass
class ConversationCheck:
    lost: int  # turns the visitor was answered for that are not stored
    duplicated: int  # events stored more than once
    problems: List[str]
    replayed: int = 0  # turns stored whose reply never arrived (the visitor sent them again)


def lost_turns(acknowledged: List[str], user_texts: List[str]) -> int:
    """How many answered messages are missing from the stored ones, read in order."""
    position, lost = 0, 0
    for text in acknowledged:
        while position < len(user_texts) and user_texts[position] != text:
            position += 1
        if position == len(user_texts):
            lost += 1
        else:
            position += 1
    return lost


def check_conversation(visitor: Visitor, events: List[StoredEvent]) -> ConversationCheck:
    problems: List[str] = []
    user_texts = [e.text for e in events if e.type_name == "user"]
    # Every answered message is stored, in the order sent; an unanswered attempt may be stored too
    # (its reply was lost on the way), but never an answered one twice.
    lost = lost_turns(visitor.acknowledged, user_texts)
    failed_attempts = len(visitor.attempts) - len(visitor.acknowledged)
    extra = len(user_texts) - (len(visitor.acknowledged) - lost)
    if extra > failed_attempts:
        problems.append(f"{extra} more user messages stored than sent without an answer ({failed_attempts})")
    fingerprints = Counter((e.type_name, e.timestamp, e.data) for e in events)
    duplicated = sum(count - 1 for count in fingerprints.values() if count > 1)
    timestamps = [e.timestamp for e in events]
    if timestamps != sorted(timestamps):
        problems.append("events stored out of order (timestamps go backwards)")
    # Each turn is whole and not interleaved with another: a user message, then the bot's
    # events, ending with action_listen before the next user message.
    turn_open = False
    for event in events:
        if event.type_name == "user":
            if turn_open:
                problems.append(f"user message {event.id} arrived inside an unfinished turn (interleaved)")
            turn_open = True
        elif event.type_name == "action" and event.action_name == "action_listen":
            turn_open = False
    if turn_open:
        problems.append("the last turn has no closing action_listen")
    return ConversationCheck(lost, duplicated, problems, replayed=max(0, extra))
