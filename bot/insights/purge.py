"""Retention: delete the conversations (events and feedback) whose latest activity is older than N days."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import List, Optional

import sqlalchemy as sa

from bot.insights.period import DAY_S
from bot.insights.store import EVENTS, FEEDBACK, StoreError, describe_error

CHUNK = 500  # conversation ids per DELETE: under SQLite's limit on bound parameters


@dataclass(frozen=True)
class Purged:
    conversations: int
    events: int
    feedback: int


def _events() -> sa.sql.expression.TableClause:
    return sa.table(EVENTS, sa.column("sender_id"), sa.column("timestamp"))


def _feedback() -> sa.sql.expression.TableClause:
    return sa.table(FEEDBACK, sa.column("sender_id"), sa.column("timestamp"))


def stale_conversations(connection: sa.engine.Connection, cutoff: float) -> List[str]:
    """Conversation ids whose newest stored event is older than `cutoff` (unix seconds)."""
    events = _events()
    query = sa.select(events.c.sender_id).group_by(events.c.sender_id).having(sa.func.max(events.c.timestamp) < cutoff)
    return [row[0] for row in connection.execute(query)]


def purge(
    engine: sa.engine.Engine, older_than_days: float, dry_run: bool = False, now: Optional[float] = None
) -> Purged:
    """Delete conversations last active more than `older_than_days` ago, with their feedback, in one transaction.

    Feedback left behind by a conversation already deleted is removed once it is as old.
    """
    if older_than_days < 0:
        raise ValueError("--older-than must be 0 days or more")
    cutoff = (time.time() if now is None else now) - older_than_days * DAY_S
    events, feedback = _events(), _feedback()
    try:
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                # Deleted pages are overwritten, not left readable in the file.
                connection.exec_driver_sql("PRAGMA secure_delete = ON")
            senders = stale_conversations(connection, cutoff)
            has_feedback = sa.inspect(connection).has_table(FEEDBACK)
            deleted_events = deleted_feedback = 0
            for start in range(0, len(senders), CHUNK):
                chunk = senders[start : start + CHUNK]
                deleted_events += _delete(connection, events, events.c.sender_id.in_(chunk), dry_run)
                if has_feedback:
                    deleted_feedback += _delete(connection, feedback, feedback.c.sender_id.in_(chunk), dry_run)
            if has_feedback:
                orphaned = sa.and_(
                    feedback.c.timestamp < cutoff,
                    feedback.c.sender_id.not_in(sa.select(events.c.sender_id).distinct()),
                )
                deleted_feedback += _delete(connection, feedback, orphaned, dry_run)
    except sa.exc.SQLAlchemyError as err:
        raise StoreError(f"purging failed, nothing was deleted: {describe_error(err)}") from None
    return Purged(len(senders), deleted_events, deleted_feedback)


def _delete(
    connection: sa.engine.Connection, table: sa.sql.expression.TableClause, where: object, dry_run: bool
) -> int:
    if dry_run:
        return int(connection.execute(sa.select(sa.func.count()).select_from(table).where(where)).scalar() or 0)
    return int(connection.execute(table.delete().where(where)).rowcount or 0)
