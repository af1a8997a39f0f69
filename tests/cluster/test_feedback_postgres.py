"""The feedback table on PostgreSQL, the cluster's database, through Rasa's own SQL tracker store.

A private PostgreSQL (Debian's, started as `make cluster` starts it, on a port of
this test run's range) holds a conversation saved by Rasa's `SQLTrackerStore`;
ratings go through the same engine the replicas use. The end-to-end path over
HTTP is tests/serving/test_feedback.py (SQLite, the embedded bot). `make test-cluster` runs it,
after installing PostgreSQL.
"""

from __future__ import annotations

import asyncio
import os
from typing import Iterator

import pytest
import sqlalchemy as sa

from bot.serving.cluster.config import ClusterConfig
from bot.serving.cluster.services import Postgres
from bot.serving.feedback import FeedbackUnavailableError, store_feedback
from bot.serving.inbound import FeedbackRequest
from tests.cluster.postgres import private_postgres

# Beside the other test servers: TEST_RASA_PORT + 90 (5795 for 5705).
PORT = int(os.environ.get("TEST_RASA_PORT", "5105")) + 90


@pytest.fixture(scope="module")
def postgres() -> Iterator[ClusterConfig]:
    with private_postgres(PORT, "feedback-pg-") as config:
        yield config


@pytest.fixture(scope="module")
def store(postgres: ClusterConfig):
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    from bot.paths import DOMAIN_FILE

    return SQLTrackerStore(
        Domain.load(str(DOMAIN_FILE)),
        dialect="postgresql",
        host="127.0.0.1",
        port=postgres.postgres_port,
        db=postgres.database,
        username=postgres.database_user,
    )


def conversation(store, sender: str, message_id: str) -> None:
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events = [
        UserUttered(
            "How much do engineering managers earn?",
            message_id=message_id,
            metadata={"contact_url": "https://a.example/"},
        ),
        BotUttered("The median annual salary ...", metadata={"answer_kind": "answer"}),
    ]
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


def rows(store, sender: str) -> list:
    with store.engine.connect() as connection:
        query = sa.text("SELECT message_id, rating, comment FROM feedback WHERE sender_id = :s ORDER BY message_id")
        return [tuple(r) for r in connection.execute(query, {"s": sender})]


def test_ratings_are_stored_and_replaced_in_postgresql(store) -> None:
    conversation(store, "pg-visitor", "m1")
    assert store_feedback(store, FeedbackRequest("pg-visitor", "m1", "helpful")) == {
        "contact_url": "https://a.example/"
    }
    assert rows(store, "pg-visitor") == [("m1", "helpful", None)]
    store_feedback(store, FeedbackRequest("pg-visitor", "m1", "not_helpful", "the UK figure"))
    assert rows(store, "pg-visitor") == [("m1", "not_helpful", "the UK figure")]


def test_another_conversations_message_is_not_found_in_postgresql(store) -> None:
    conversation(store, "pg-alice", "a1")
    assert store_feedback(store, FeedbackRequest("pg-bob", "a1", "helpful")) is None
    assert store_feedback(store, FeedbackRequest("pg-alice", "a", "helpful")) is None  # ids are compared whole
    assert rows(store, "pg-bob") == [] and rows(store, "pg-alice") == []


def test_postgresql_down_fails_the_rating_and_the_next_one_is_stored(store, postgres: ClusterConfig) -> None:
    conversation(store, "pg-outage", "o1")
    server = Postgres(postgres)
    server.stop()
    try:
        with pytest.raises(FeedbackUnavailableError):
            store_feedback(store, FeedbackRequest("pg-outage", "o1", "helpful"))
    finally:
        server.start()
    # The pool's connections died with the server: at most one more polite failure, then it is stored.
    for attempt in range(2):
        try:
            store_feedback(store, FeedbackRequest("pg-outage", "o1", "helpful"))
            break
        except FeedbackUnavailableError:
            assert attempt == 0
    assert rows(store, "pg-outage") == [("o1", "helpful", None)]
