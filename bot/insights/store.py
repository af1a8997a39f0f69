"""Reading the tracker database (any SQLAlchemy URL, or a SQLite file) without Rasa.

Only the columns and event types the report needs are read, in one ordered query,
so a report over thousands of conversations stays a few seconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import sqlalchemy as sa

from bot.insights.period import DAY_S, Period
from bot.knowledge.slots import RESUMED_SLOT

EVENTS, FEEDBACK = "events", "feedback"
# The stored events a report reads: visitor messages, bot messages, forms starting and ending,
# and the one slot that marks a question asked during the readiness check (an aside, answered).
REPORT_EVENT_TYPES = ("user", "bot", "active_loop")
ASIDE_SLOT = RESUMED_SLOT  # set true by an aside
# A bot reply is stored a moment after the visitor's message: read this much past the period's
# end, so a question asked just before midnight keeps its reply.
REPLY_MARGIN_S = 3600.0


class StoreError(Exception):
    """The database can't be opened or read: the message says why (no traceback for the owner)."""


class NoConversationsError(StoreError):
    """The database exists but holds no conversations (yet)."""


def engine_for(db: str) -> sa.engine.Engine:
    """An engine for a SQLAlchemy URL ("postgresql://...") or a SQLite file path, checked by connecting."""
    if "://" in db:
        url = db
    else:
        path = Path(db).expanduser()
        if not path.is_file():
            raise NoConversationsError(f"no tracker database at {path}: the bot has not stored any conversation yet")
        url = f"sqlite:///{path.resolve()}"
    try:
        engine = sa.create_engine(url)
        with engine.connect():
            pass
    except (sa.exc.SQLAlchemyError, ValueError, ImportError) as err:
        raise StoreError(f"cannot open the tracker database {_safe(url)}: {describe_error(err)}") from None
    if not sa.inspect(engine).has_table(EVENTS):
        raise NoConversationsError(f"{_safe(url)} has no conversations (no `{EVENTS}` table yet)")
    return engine


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return repr(sa.engine.make_url(url))
    except (sa.exc.ArgumentError, ValueError):
        return "(the given URL)"


def describe_error(err: BaseException) -> str:
    text = str(getattr(err, "orig", None) or err).strip().splitlines()
    return f"{type(err).__name__}: {text[0][:300] if text else ''}"


@dataclass(frozen=True)
class StoredEvent:
    sender_id: str
    type_name: str
    timestamp: float
    data: Dict[str, Any]


def conversations(engine: sa.engine.Engine, period: Period) -> Iterator[Tuple[str, List[StoredEvent]]]:
    """Each conversation's report events in the period (plus a reply margin), in the order they happened."""
    events = sa.table(
        EVENTS,
        *(sa.column(c) for c in ("id", "sender_id", "type_name", "timestamp", "action_name", "data")),
    )
    query = sa.select(events.c.sender_id, events.c.type_name, events.c.timestamp, events.c.data).where(
        sa.or_(
            events.c.type_name.in_(REPORT_EVENT_TYPES),
            sa.and_(events.c.type_name == "slot", events.c.action_name == ASIDE_SLOT),
        )
    )
    start, end = period.bounds()
    if start is not None:
        query = query.where(events.c.timestamp >= start)
    if end is not None:
        query = query.where(events.c.timestamp < end + REPLY_MARGIN_S)
    query = query.order_by(events.c.sender_id, events.c.timestamp, events.c.id)
    current: Optional[str] = None
    batch: List[StoredEvent] = []
    try:
        with engine.connect() as connection:
            rows = (row for part in connection.execute(query).partitions(5000) for row in part)
            for sender_id, type_name, timestamp, data in rows:
                if sender_id != current:
                    if batch and current is not None:
                        yield current, batch
                    current, batch = sender_id, []
                batch.append(StoredEvent(sender_id, type_name, float(timestamp or 0), _event_data(data)))
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"reading the conversations failed: {describe_error(err)}") from None
    if batch and current is not None:
        yield current, batch


def _event_data(data: Optional[str]) -> Dict[str, Any]:
    """A row's event; {} for one that isn't JSON (written by hand or cut short), which reads as nothing said."""
    try:
        parsed = json.loads(data or "{}")
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


@dataclass(frozen=True)
class Feedback:
    message_id: str
    rating: str  # "helpful" | "not_helpful"
    comment: Optional[str]
    timestamp: float


def feedback(engine: sa.engine.Engine, period: Period) -> Dict[str, Feedback]:
    """The visitors' ratings by the message id of the question they rated; {} when there is no feedback table."""
    if not sa.inspect(engine).has_table(FEEDBACK):
        return {}
    table = sa.table(
        FEEDBACK, sa.column("message_id"), sa.column("rating"), sa.column("comment"), sa.column("timestamp")
    )
    query = sa.select(table.c.message_id, table.c.rating, table.c.comment, table.c.timestamp)
    start, end = period.bounds()
    if start is not None:
        query = query.where(table.c.timestamp >= start)
    if end is not None:
        # Rated a little after the answer: allow a day past the period's end.
        query = query.where(table.c.timestamp < end + DAY_S)
    try:
        with engine.connect() as connection:
            return {str(m): Feedback(str(m), str(r), c, float(t or 0)) for m, r, c, t in connection.execute(query) if m}
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"reading the feedback failed: {describe_error(err)}") from None
