"""The cached SQL tracker store: what it writes is what Rasa's own SQL store reads back."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.paths import PROJECT_ROOT
from bot.serving.tracker_store import CachedSQLTrackerStore, TrackerStoreUnavailableError


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


def run(coroutine):
    return asyncio.run(coroutine)


def store(domain: Domain, db: Path, cls=CachedSQLTrackerStore, **kwargs):
    return cls(domain=domain, dialect="sqlite", db=str(db), **kwargs)


def said(tracker) -> list:
    """What the visitor said, in order."""
    return [e.text for e in tracker.events if isinstance(e, UserUttered)]


def converse(store_, sender: str, *texts: str):
    """One saved turn per text, each on the tracker the store hands back; the last tracker."""
    tracker = run(store_.get_or_create_tracker(sender))
    for text in texts:
        say(tracker, text, "ask_definition")
        run(store_.save(tracker))
        tracker = run(store_.retrieve(sender))
    return tracker


def say(tracker, text: str, intent: str) -> None:
    tracker.update(UserUttered(text, {"name": intent, "confidence": 0.9}))
    tracker.update(ActionExecuted("action_answer"))
    tracker.update(SlotSet("topic", intent))
    tracker.update(ActionExecuted("action_listen"))


def test_a_conversation_survives_a_restart_and_reads_back_with_rasas_own_store(domain, tmp_path):
    db = tmp_path / "tracker.db"
    first = store(domain, db)
    tracker = run(first.get_or_create_tracker("visitor"))
    say(tracker, "what is engineering management?", "ask_definition")
    run(first.save(tracker))
    tracker = run(first.retrieve("visitor"))
    say(tracker, "and the salary?", "ask_salary")
    run(first.save(tracker))

    for reopened in (store(domain, db), store(domain, db, cls=SQLTrackerStore)):
        again = run(reopened.retrieve("visitor"))
        assert said(again) == ["what is engineering management?", "and the salary?"]
        assert again.get_slot("topic") == "ask_salary"


def test_each_event_is_written_once(domain, tmp_path):
    db = tmp_path / "tracker.db"
    cached = store(domain, db)
    tracker = converse(cached, "visitor", "question 0", "question 1", "question 2")
    plain = store(domain, db, cls=SQLTrackerStore)
    stored = run(plain.retrieve("visitor"))
    assert len(stored.events) == len(tracker.events)
    assert said(stored) == ["question 0", "question 1", "question 2"]


def test_a_new_session_starts_a_fresh_tracker(domain, tmp_path):
    db = tmp_path / "tracker.db"
    cached = store(domain, db)
    tracker = converse(cached, "visitor", "old question")
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    say(tracker, "new question", "ask_salary")
    run(cached.save(tracker))
    for reader in (cached, store(domain, db, cls=SQLTrackerStore)):
        latest = run(reader.retrieve("visitor"))
        assert said(latest) == ["new question"]


def test_conversations_dropped_from_the_cache_are_read_from_disk(domain, tmp_path):
    cached = store(domain, tmp_path / "tracker.db", cache_size=2)
    for sender in ("a", "b", "c"):
        converse(cached, sender, f"hello from {sender}")
    assert len(cached._cache) == 2
    first = run(cached.retrieve("a"))
    assert said(first) == ["hello from a"]
    assert run(cached.retrieve("nobody")) is None


def test_a_database_error_fails_the_call_and_never_exits(domain, tmp_path):
    # Rasa's session_scope turned this (a lone surrogate the driver cannot encode) into sys.exit(1).
    cached = store(domain, tmp_path / "tracker.db")
    with pytest.raises(TrackerStoreUnavailableError):
        run(cached.retrieve("\ud800"))
    tracker = DialogueStateTracker.from_events("\udfff", [])
    say(tracker, "hi", "ask_definition")
    with pytest.raises(TrackerStoreUnavailableError):
        run(cached.save(tracker))
    assert said(converse(cached, "visitor", "still working")) == ["still working"]


def test_a_locked_database_fails_the_save_and_keeps_the_cache_true_to_disk(domain, tmp_path):
    db = tmp_path / "tracker.db"
    cached = store(domain, db)
    tracker = converse(cached, "visitor", "saved question")
    say(tracker, "unsaved question", "ask_salary")
    blocker = sqlite3.connect(str(db), isolation_level=None, timeout=0.1)
    blocker.execute("BEGIN EXCLUSIVE")
    cached.engine.dispose()  # a fresh connection with a short wait, so the test is quick
    cached.engine = sa.create_engine(cached.engine.url, connect_args={"timeout": 0.2})
    try:
        with pytest.raises(TrackerStoreUnavailableError):
            run(cached.save(tracker))
        assert "locked" in cached.problem()
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert said(run(cached.retrieve("visitor"))) == ["saved question"]
    assert cached.problem() == ""


def test_an_unusable_database_is_reported_not_replaced_by_memory(domain, tmp_path):
    cached = store(domain, tmp_path)  # a directory: SQLite cannot open it
    assert "OperationalError" in cached.problem()
    with pytest.raises(TrackerStoreUnavailableError):
        run(cached.retrieve("visitor"))
