"""One bad request must not take the bot down: both channels, against the real servers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import time
from typing import Any, Iterator

import pytest

from bot.serving.answering import COULD_NOT_ANSWER, NOT_SAVED
from tests.serving.http import get, post_raw

QUESTION = "What is engineering management?"


def channels(servers: Any) -> list:
    return [servers.ports.rest_url, f"{servers.ports.bot_url}/webhooks/widget/webhook"]


def ask(url: str, sender: str, message: str = QUESTION) -> tuple:
    return post_raw(url, json.dumps({"sender": sender, "message": message}).encode())


BAD_REQUESTS = {
    "lone surrogate in the sender": (b'{"sender": "\\ud800", "message": "hi"}', "application/json"),
    "lone surrogate in the message": (b'{"sender": "a", "message": "\\udfff hi"}', "application/json"),
    "null": (b"null", "application/json"),
    "an array": (b"[]", "application/json"),
    "a number": (b"0", "application/json"),
    "deep nesting": (b"[" * 50000, "application/json"),
    "nesting in a field": (
        b'{"sender": "a", "message": "hi", "x": ' + b"[" * 100 + b"]" * 100 + b"}",
        "application/json",
    ),
    "no sender": (b'{"message": "hi"}', "application/json"),
    "a numeric sender": (b'{"sender": 12, "message": "hi"}', "application/json"),
    "a list as the message": (b'{"sender": "a", "message": ["hi"]}', "application/json"),
    "an empty message": (b'{"sender": "a", "message": ""}', "application/json"),
    "a control character": (b'{"sender": "a", "message": "\\u0000"}', "application/json"),
    "an overlong message": (json.dumps({"sender": "a", "message": "x" * 5000}).encode(), "application/json"),
    "text/plain": (b'{"sender": "a", "message": "hi"}', "text/plain"),
    "a form": (b"sender=a&message=hi", "application/x-www-form-urlencoded"),
    "no content type": (b'{"sender": "a", "message": "hi"}', None),
    "invalid UTF-8": (b'{"sender": "a", "message": "\xff\xfe"}', "application/json"),
    "300 KB": (json.dumps({"sender": "a", "message": "x" * 300_000}).encode(), "application/json"),
}


@pytest.mark.parametrize("name", list(BAD_REQUESTS))
@pytest.mark.parametrize("channel", ["rest", "widget"])
def test_a_bad_request_gets_a_4xx_with_a_reason(servers, name, channel):
    rasa = servers.servers["Rasa server"].proc
    raw, content_type = BAD_REQUESTS[name]
    url = dict(zip(["rest", "widget"], channels(servers), strict=True))[channel]
    status, reply = post_raw(url, raw, content_type)
    assert 400 <= status < 500, (status, reply)
    assert isinstance(reply, dict) and (reply.get("error") or reply.get("message")), reply
    assert rasa.poll() is None  # still running: the surrogate sender used to call sys.exit(1)
    status, reply = ask(url, "after-a-bad-request")
    assert status == 200 and reply and reply[0]["text"]


def test_the_server_does_not_say_which_rasa_it_is(servers):
    status, text, _ = get(f"{servers.ports.bot_url}/")
    assert status == 200 and "rasa" not in text.lower() and "3.6" not in text


def test_health_and_ready(servers):
    status, text, _ = get(f"{servers.ports.bot_url}/health")
    assert status == 200 and json.loads(text) == {"status": "ok"}
    status, text, _ = get(servers.ports.ready_url)
    assert status == 200 and json.loads(text) == {"ready": True}


def test_bad_requests_write_less_to_the_log_than_they_send(servers):
    log_file = servers.log_file
    before = log_file.stat().st_size
    sent = 0
    for raw, content_type in BAD_REQUESTS.values():
        for url in channels(servers):
            post_raw(url, raw, content_type)
            sent += len(raw)
    time.sleep(0.5)
    written = log_file.stat().st_size - before
    assert written < sent / 10, (written, sent)  # it used to be about 40 times what was sent


@pytest.fixture
def tracker_db_locked(servers) -> Iterator[None]:
    """Another process holds the tracker database's write lock (as during a database restart)."""
    db = sqlite3.connect(os.environ["TRACKER_DB"], isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    yield
    db.execute("ROLLBACK")
    db.close()


def test_a_database_error_fails_the_message_politely_and_nothing_goes_out_unsaved(servers, tracker_db_locked):
    rasa = servers.servers["Rasa server"].proc
    for url in channels(servers):
        status, reply = ask(url, "db-trouble")
        assert status == 503 and reply["error"] == NOT_SAVED, reply
    assert rasa.poll() is None


def test_after_a_database_error_the_conversation_carries_on(servers):
    with sqlite3.connect(os.environ["TRACKER_DB"], isolation_level=None) as db:
        db.execute("BEGIN EXCLUSIVE")
        status, _ = ask(servers.ports.rest_url, "db-recovers", "How much do engineering managers earn?")
        db.execute("ROLLBACK")
    assert status == 503
    status, reply = ask(servers.ports.rest_url, "db-recovers", "How much do engineering managers earn?")
    assert status == 200 and "165,370" in reply[0]["text"]
    rows = sqlite3.connect(os.environ["TRACKER_DB"]).execute(
        "SELECT count(*) FROM events WHERE sender_id = 'db-recovers' AND type_name = 'user'"
    )
    assert rows.fetchone()[0] == 1  # the failed turn left nothing behind


def test_with_the_action_server_down_the_visitor_is_told_and_ready_says_why(servers):
    actions = servers.servers["action server"].proc
    os.killpg(actions.pid, signal.SIGKILL)
    actions.wait()
    try:
        for url in channels(servers):
            status, reply = ask(url, "no-actions")
            assert status == 503 and reply["error"] == COULD_NOT_ANSWER, reply  # it was 200 []
        status, text, _ = get(servers.ports.ready_url)
        assert status == 503 and "actions" in json.loads(text)["failing"]
    finally:
        servers.start_actions()
    status, reply = ask(servers.ports.rest_url, "no-actions")
    assert status == 200 and reply


def test_an_unusable_database_at_startup_is_not_replaced_by_memory(tmp_path, monkeypatch):
    """Rasa used to carry on with an in-memory store: answers that were never saved."""
    from bot.serving.processes import BotProcesses, Ports
    from tests.conftest import MODEL, server_ports

    monkeypatch.setenv("TRACKER_DB", str(tmp_path))  # a directory: SQLite cannot open it
    rasa, actions, demo = server_ports(5)
    bot = BotProcesses(Ports(rasa=rasa, actions=actions, demo=demo), MODEL, log_file=tmp_path / "servers.log")
    try:
        bot.start()
        status, reply = ask(bot.ports.rest_url, "nowhere-to-save")
        assert status == 503 and reply["error"] == NOT_SAVED, reply
        status, text, _ = get(bot.ports.ready_url)
        assert status == 503 and "database" in json.loads(text)["failing"]
        assert "database not usable" in (tmp_path / "servers.log").read_text()
    finally:
        bot.stop()
