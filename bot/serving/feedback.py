"""Visitors' ratings of answers, kept in the tracker store's own database.

`POST /webhooks/rest/feedback` and `POST /webhooks/widget/feedback` take
`{"sender", "message_id", "rating", "comment"}` (screened in `bot.serving.inbound`).
`message_id` is a reply's `in_reply_to`: the visitor message the rated answer
answered, looked up among that sender's stored messages. A rating is one row of
the `feedback` table, in the same database (SQLite or PostgreSQL) and through
the same SQLAlchemy engine as the conversation; a later rating of the same
answer replaces it. Nothing is added to the conversation, so the dialogue is
unchanged. A "Not helpful" gets the offer of a person in the reply.
"""

from __future__ import annotations

import json
import logging
import time
from functools import lru_cache
from typing import Any, Dict, Optional, Set

import sqlalchemy as sa
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.dialects import postgresql, sqlite

from bot.contact import CONTACT_METADATA, contact_offer, contact_url
from bot.knowledge.model import KnowledgeBase
from bot.serving.answering import refusal
from bot.serving.health import agent_of, primary_tracker_store
from bot.serving.inbound import FeedbackRequest, RequestRejectedError, screen_feedback
from bot.serving.logs import conversation_tag
from bot.serving.tracker_store import DATABASE_ERRORS

logger = logging.getLogger("bot.serving")

NOT_STORED = "Your feedback could not be saved just now. Please try again."
NOT_FOUND = "There is no message with that 'message_id' in this conversation: use a reply's 'in_reply_to'."
USER_EVENT = "user"  # Rasa's type_name for a visitor message (UserUttered)

FEEDBACK = sa.Table(
    "feedback",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("sender_id", sa.String(255), nullable=False),
    sa.Column("message_id", sa.String(255), nullable=False),
    sa.Column("rating", sa.String(16), nullable=False),
    sa.Column("comment", sa.Text, nullable=True),
    sa.Column("timestamp", sa.Float, nullable=False),  # unix seconds
    sa.UniqueConstraint("sender_id", "message_id", name="feedback_one_per_answer"),
)
# Both have INSERT ... ON CONFLICT DO UPDATE, so a re-rating is one statement.
UPSERTS = {"sqlite": sqlite.insert, "postgresql": postgresql.insert}
_tables_made: Set[int] = set()  # engines whose feedback table exists (by id: the store keeps its engine)


class FeedbackUnavailableError(RuntimeError):
    """The database could not be read or written; nothing was stored."""


def ensure_table(engine: Any) -> None:
    """Create the feedback table if it is missing (once per engine)."""
    if id(engine) not in _tables_made:
        FEEDBACK.create(engine, checkfirst=True)
        _tables_made.add(id(engine))


def rated_message(engine: Any, events: sa.Table, sender: str, message_id: str) -> Optional[Dict[str, Any]]:
    """The metadata of `sender`'s visitor message with this id ({} if it has none), or None if there is none."""
    query = sa.select([events.c.data]).where(
        sa.and_(
            events.c.sender_id == sender,
            events.c.type_name == USER_EVENT,
            events.c.data.contains(message_id, autoescape=True),  # narrows the rows; the id is compared exactly below
        )
    )
    with engine.connect() as connection:
        for (data,) in connection.execute(query):
            event = json.loads(data)
            if event.get("message_id") == message_id:
                return event.get("metadata") or {}
    return None


def upsert(engine: Any, rating: FeedbackRequest, now: float) -> None:
    """Store the rating; one row per (sender, message): a new rating replaces the old one."""
    row = {
        "sender_id": rating.sender,
        "message_id": rating.message_id,
        "rating": rating.rating,
        "comment": rating.comment,
        "timestamp": now,
    }
    changes = {"rating": rating.rating, "comment": rating.comment, "timestamp": now}
    insert = UPSERTS.get(engine.dialect.name)
    with engine.begin() as connection:
        if insert is not None:
            statement = insert(FEEDBACK).values(**row)
            connection.execute(
                statement.on_conflict_do_update(index_elements=["sender_id", "message_id"], set_=changes)
            )
        else:  # another SQL database: replace in one transaction
            key = sa.and_(FEEDBACK.c.sender_id == rating.sender, FEEDBACK.c.message_id == rating.message_id)
            connection.execute(FEEDBACK.delete().where(key))
            connection.execute(FEEDBACK.insert().values(**row))


def store_feedback(store: Any, rating: FeedbackRequest) -> Optional[Dict[str, Any]]:
    """Store a rating of a message of the store's conversations; its message's metadata, or None if unknown.

    Raises FeedbackUnavailableError when the database fails.
    """
    engine = getattr(store, "engine", None)
    events = getattr(getattr(store, "SQLEvent", None), "__table__", None)
    if engine is None or events is None:
        raise FeedbackUnavailableError(f"the tracker store ({type(store).__name__}) has no SQL database")
    try:
        ensure_table(engine)
        metadata = rated_message(engine, events, rating.sender, rating.message_id)
        if metadata is not None:
            upsert(engine, rating, time.time())
        return metadata
    except DATABASE_ERRORS as err:
        raise FeedbackUnavailableError(f"{type(err).__name__}: {str(err).splitlines()[0][:200]}") from err


@lru_cache(maxsize=1)
def knowledge() -> KnowledgeBase:
    """The KB, for the program pages an offer points to when no contact is set up."""
    from bot.knowledge.loader import load

    return load()


async def receive_feedback(request: Request, channel: str) -> HTTPResponse:
    """Screen, check and store one rating; 200 with the offer of a person after a "Not helpful"."""
    try:
        rating = screen_feedback(request.body or b"", request.headers.get("content-type", ""))
    except RequestRejectedError as rejected:
        logger.info("%s: refused feedback (%d %s)", channel, rejected.status, rejected.reason)
        return refusal(rejected.status, rejected.reason, "bad_request")
    agent = agent_of(request.app)
    if agent is None:
        return refusal(503, NOT_STORED, "not_ready")
    tag = conversation_tag(rating.sender)
    try:
        metadata = store_feedback(primary_tracker_store(agent), rating)
    except FeedbackUnavailableError as err:
        logger.error("%s: feedback for conversation %s not stored: %s", channel, tag, err)
        return refusal(503, NOT_STORED, "not_stored")
    if metadata is None:
        return refusal(404, NOT_FOUND, "not_found")
    reply: Dict[str, Any] = {"status": "stored", "message_id": rating.message_id, "rating": rating.rating}
    if rating.rating == "not_helpful":
        reply["offer"] = contact_offer(knowledge(), contact_url(metadata.get(CONTACT_METADATA)))
    return response.json(reply)


def create_table_on_start(app: Sanic) -> None:
    """Make the feedback table when the server starts, so reports can read it before the first rating."""

    async def create(app: Sanic, _loop: Any) -> None:
        agent = agent_of(app)
        store = primary_tracker_store(agent) if agent is not None else None
        engine = getattr(store, "engine", None)
        if engine is None:
            return
        try:
            ensure_table(engine)
        except DATABASE_ERRORS as err:  # the store's own check reports an unusable database
            logger.error("feedback: table not created yet (made with the first rating): %s", type(err).__name__)

    app.register_listener(create, "after_server_start")
