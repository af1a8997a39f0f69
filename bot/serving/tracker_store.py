"""A SQL tracker store that keeps each live conversation's stored events in memory.

Rasa's `SQLTrackerStore` queries the database twice per message (load the
conversation, then count what is already stored before appending); profiling
put that at about a third of the Rasa server's time per message. This store
answers both from a bounded in-memory cache of the rows it wrote or read, and
still writes every new event to SQL before the reply goes out, so a restart
loses nothing. One Rasa process owns a database file (as with Rasa's default
in-memory lock store).

A database error fails the one message being handled, with
`TrackerStoreUnavailableError`: Rasa's own `session_scope` calls `sys.exit(1)` on
some of them (a lone surrogate in a conversation id was enough to stop the
bot), and Rasa's `FailSafeTrackerStore` would carry on in memory, answering as
if the conversation had been saved (`bot.serving.rasa_main` keeps this store
out of that wrapper).
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections import OrderedDict
from typing import Any, Dict, Iterator, List, Optional, Tuple

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

from bot.serving.rasa_version import require_supported_rasa

# `_event_query` below is SQLTrackerStore's private query builder.
require_supported_rasa("bot/serving/tracker_store.py (SQLTrackerStore._event_query)")

logger = logging.getLogger("bot.serving")

# (timestamp, event type, serialised event): what a SQL row holds, in row order.
Row = Tuple[float, str, str]
# What a failing database raises: SQLAlchemy's errors, and ValueError (UnicodeEncodeError)
# from a driver handed a string it cannot encode.
DATABASE_ERRORS = (sa.exc.SQLAlchemyError, ValueError)
PROBE_SENDER = "-readiness-probe-"  # written in a transaction that is always rolled back


class TrackerStoreUnavailableError(RuntimeError):
    """The conversation could not be read or saved; the message being handled fails, the server goes on."""


def latest_session(rows: List[Row]) -> List[Row]:
    """The rows Rasa counts as the current session: from the latest session start on, by timestamp."""
    starts = [ts for ts, kind, _ in rows if kind == SessionStarted.type_name]
    if not starts:
        return rows
    since = max(starts)
    return [row for row in rows if row[0] >= since]


class CachedSQLTrackerStore(SQLTrackerStore):
    engine: Any  # SQLTrackerStore's SQLAlchemy engine (untyped there)

    def __init__(self, *args: Any, cache_size: int = 2000, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._cache: OrderedDict[str, List[Row]] = OrderedDict()
        self._cache_size = int(cache_size)
        if self.engine.dialect.name == "sqlite":
            self._tune_sqlite()
        # Rasa logs a failed table creation and carries on; say plainly what that means.
        problem = self.problem()
        if problem:
            logger.error("tracker store: database not usable, every message will fail until it is: %s", problem)

    @contextlib.contextmanager
    def session_scope(self) -> Iterator[Any]:
        """Like Rasa's, but a database error raises TrackerStoreUnavailableError instead of exiting the process."""
        session = self.sessionmaker()
        try:
            ensure_schema_exists(session)  # raises ValueError for a missing PostgreSQL schema
            yield session
        except DATABASE_ERRORS as err:
            raise TrackerStoreUnavailableError(f"reading the conversation failed: {type(err).__name__}") from err
        finally:
            session.close()

    def problem(self) -> str:
        """Why the database cannot be read and written now ('' when it can): for /ready and startup."""
        try:
            self.Base.metadata.create_all(self.engine)  # a no-op once the table exists
            with self.engine.connect() as connection:
                transaction = connection.begin()
                try:
                    connection.execute(sa.select([sa.func.count()]).select_from(self.SQLEvent.__table__))
                    connection.execute(self.SQLEvent.__table__.insert(), [self._probe_record()])
                finally:
                    transaction.rollback()
        except DATABASE_ERRORS as err:
            return f"{type(err).__name__}: {str(err).splitlines()[0][:200]}"
        return ""

    @staticmethod
    def _probe_record() -> Dict[str, Any]:
        return {"sender_id": PROBE_SENDER, "type_name": "probe", "timestamp": 0.0, "data": "{}"}

    def _tune_sqlite(self) -> None:
        import sqlalchemy as sa

        # SQLAlchemy opens a new SQLite connection per session by default; Rasa's server
        # runs in one thread, so one kept-open connection serves it.
        self.engine.dispose()
        self.engine = sa.create_engine(self.engine.url, poolclass=sa.pool.SingletonThreadPool)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

        # WAL with synchronous=NORMAL: a commit survives the process dying (what a
        # restart needs) without an fsync per message.
        @sa.event.listens_for(self.engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    def _remember(self, sender_id: str, rows: List[Row]) -> None:
        self._cache[sender_id] = rows
        self._cache.move_to_end(sender_id)
        while len(self._cache) > self._cache_size:
            self._cache.popitem(last=False)

    def _rows_from_db(self, sender_id: str) -> List[Row]:
        with self.session_scope() as session:
            query = self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
            return [(e.timestamp, e.type_name, e.data) for e in query.all()]

    async def retrieve(self, sender_id: str) -> Optional[DialogueStateTracker]:
        rows = self._cache.get(sender_id)
        if rows is None:
            rows = self._rows_from_db(sender_id)
            self._remember(sender_id, rows)  # an empty list too: a new conversation is saved next
        if not rows or not self.domain:
            return None
        return DialogueStateTracker.from_dict(sender_id, [json.loads(data) for *_, data in rows], self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        rows = self._cache.get(tracker.sender_id)
        if rows is None:
            rows = self._rows_from_db(tracker.sender_id)
        await self.stream_events(tracker)
        # Like SQLTrackerStore: the tracker holds the stored session's events first; append the rest.
        added: List[Row] = []
        records = []
        for event in list(tracker.events)[len(rows) :]:
            data = event.as_dict()
            serialised = json.dumps(data)
            records.append(
                {
                    "sender_id": tracker.sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": data.get("parse_data", {}).get("intent", {}).get("name"),
                    "action_name": data.get("name"),
                    "data": serialised,
                }
            )
            added.append((data.get("timestamp"), event.type_name, serialised))
        if records:
            # One multi-row insert: Rasa's ORM unit of work costs more than the write itself.
            try:
                with self.engine.begin() as connection:
                    connection.execute(self.SQLEvent.__table__.insert(), records)
            except DATABASE_ERRORS as err:
                raise TrackerStoreUnavailableError(f"saving the conversation failed: {type(err).__name__}") from err
        self._remember(tracker.sender_id, latest_session(rows + added))
