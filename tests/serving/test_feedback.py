"""Ratings of answers against the real servers: stored beside the conversation, linked to the question.

Conversations are made by the real bot over REST and the widget channel; the
feedback table is read back from the tracker's SQLite file with plain SQL, as
the owner's report reads it.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from typing import Any, Dict, List, Optional, Tuple

import pytest

from bot.serving.cluster.nginx_site import SiteSettings, render_site
from bot.serving.feedback import NOT_STORED
from tests.serving.http import post_raw

QUESTION = "How much do engineering managers earn?"
CONTACT = "https://careers.example.edu/talk-to-an-adviser"


def urls(servers: Any, channel: str) -> Tuple[str, str]:
    base = f"{servers.ports.bot_url}/webhooks/{channel}"
    return f"{base}/webhook", f"{base}/feedback"


def ask(url: str, sender: str, message: str, metadata: Optional[Dict[str, str]] = None) -> List[Dict[str, Any]]:
    body: Dict[str, Any] = {"sender": sender, "message": message}
    if metadata:
        body["metadata"] = metadata
    status, reply = post_raw(url, json.dumps(body).encode())
    assert status == 200, reply
    return reply


def rate(url: str, sender: str, message_id: str, rating: str, comment: Optional[str] = None) -> Tuple[int, Any]:
    body = {"sender": sender, "message_id": message_id, "rating": rating}
    if comment is not None:
        body["comment"] = comment
    return post_raw(url, json.dumps(body).encode())


def database() -> sqlite3.Connection:
    return sqlite3.connect(os.environ["TRACKER_DB"])


def feedback_rows(sender: str) -> List[Tuple[str, str, Optional[str], float]]:
    with database() as db:
        return db.execute(
            "SELECT message_id, rating, comment, timestamp FROM feedback WHERE sender_id = ?", (sender,)
        ).fetchall()


def question_of(sender: str, message_id: str) -> str:
    """The visitor's words the rated answer answered, found by the message id on the stored event."""
    with database() as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,))
        texts = [json.loads(d)["text"] for (d,) in rows if json.loads(d).get("message_id") == message_id]
    assert len(texts) == 1, texts
    return texts[0]


def event_count(sender: str) -> int:
    with database() as db:
        return db.execute("SELECT count(*) FROM events WHERE sender_id = ?", (sender,)).fetchone()[0]


def new_sender() -> str:
    return f"fb-{uuid.uuid4().hex[:12]}"


@pytest.mark.parametrize("channel", ["rest", "widget"])
def test_each_reply_names_the_message_it_answers(servers, channel: str) -> None:
    webhook, _ = urls(servers, channel)
    sender = new_sender()
    first = ask(webhook, sender, "What is engineering management?")
    second = ask(webhook, sender, QUESTION)
    ids = {m["in_reply_to"] for m in first}, {m["in_reply_to"] for m in second}
    assert all(len(i) == 1 for i in ids) and ids[0] != ids[1]
    assert question_of(sender, next(iter(ids[1]))) == QUESTION


def test_a_rating_is_stored_with_the_answered_question_and_a_new_one_replaces_it(servers) -> None:
    webhook, feedback = urls(servers, "rest")
    sender = new_sender()
    first = ask(webhook, sender, "What is engineering management?")[0]["in_reply_to"]
    second = ask(webhook, sender, QUESTION)[0]["in_reply_to"]

    status, reply = rate(feedback, sender, second, "helpful")
    assert status == 200 and reply["status"] == "stored" and reply["message_id"] == second, reply
    assert "offer" not in reply
    [(message_id, rating, comment, stamp)] = feedback_rows(sender)
    assert (message_id, rating, comment) == (second, "helpful", None)
    assert question_of(sender, message_id) == QUESTION  # linked to the question it rates, not the first

    status, reply = rate(feedback, sender, second, "not_helpful", "The figure for the UK.")
    assert status == 200, reply
    [(message_id, rating, comment, later)] = feedback_rows(sender)
    assert (message_id, rating, comment) == (second, "not_helpful", "The figure for the UK.") and later >= stamp

    assert rate(feedback, sender, first, "helpful")[0] == 200
    assert {(m, r) for m, r, *_ in feedback_rows(sender)} == {(first, "helpful"), (second, "not_helpful")}


def test_a_rating_changes_nothing_in_the_dialogue(servers) -> None:
    webhook, feedback = urls(servers, "rest")
    sender = new_sender()
    asked = ask(webhook, sender, "What does a program manager do?")[0]["in_reply_to"]
    before = event_count(sender)
    assert rate(feedback, sender, asked, "not_helpful", "more detail")[0] == 200
    assert event_count(sender) == before
    # The conversation carries on in the same context: the follow-up is about the program manager.
    reply = ask(webhook, sender, "where does that come from?")
    assert "Jobs you can get with a master's in engineering management" in reply[0]["text"]


def test_not_helpful_offers_a_person_or_says_there_is_none(servers, kb) -> None:
    webhook, feedback = urls(servers, "rest")
    sender = new_sender()
    asked = ask(webhook, sender, QUESTION)[0]["in_reply_to"]
    status, reply = rate(feedback, sender, asked, "not_helpful")
    assert status == 200
    # The test servers run without HANDOFF_URL: no contact, so the program pages from the KB.
    assert "No contact for a person has been set up" in reply["offer"]
    assert all(p.url in reply["offer"] for p in kb.programs if p.url)


def test_the_widgets_contact_from_the_embed_tag_is_offered_after_not_helpful(servers) -> None:
    webhook, feedback = urls(servers, "widget")
    sender = new_sender()
    asked = ask(webhook, sender, QUESTION, {"contact_url": CONTACT})[0]["in_reply_to"]
    status, reply = rate(feedback, sender, asked, "not_helpful", "someone to talk my options through with")
    assert status == 200 and CONTACT in reply["offer"], reply
    # And asking for a person in the same conversation gives the same contact.
    (answer,) = ask(webhook, sender, "can I speak to a real person please?", {"contact_url": CONTACT})
    assert CONTACT in answer["text"]


def test_the_rest_channel_does_not_take_a_contact_from_the_client(servers) -> None:
    webhook, _ = urls(servers, "rest")
    (answer,) = ask(webhook, new_sender(), "can I speak to a real person please?", {"contact_url": CONTACT})
    assert CONTACT not in answer["text"] and "No contact" in answer["text"]


@pytest.mark.parametrize("channel", ["rest", "widget"])
def test_a_rating_of_a_message_that_is_not_the_senders_gets_a_404(servers, channel: str) -> None:
    webhook, feedback = urls(servers, channel)
    alice, bob = new_sender(), new_sender()
    asked = ask(webhook, alice, QUESTION)[0]["in_reply_to"]
    for sender, message_id in [(bob, asked), (alice, uuid.uuid4().hex), (new_sender(), asked)]:
        status, reply = rate(feedback, sender, message_id, "helpful")
        assert status == 404 and "in_reply_to" in reply["error"], reply
    assert feedback_rows(alice) == [] and feedback_rows(bob) == []


@pytest.mark.parametrize(
    ("raw", "content_type", "expected"),
    [
        (b'{"sender": "a", "message_id": "b", "rating": "great"}', "application/json", 400),
        (b'{"sender": "a", "rating": "helpful"}', "application/json", 400),
        (b'{"sender": "a", "message_id": "b", "rating": "helpful", "comment": "\\ud800"}', "application/json", 400),
        (
            json.dumps({"sender": "a", "message_id": "b", "rating": "not_helpful", "comment": "x" * 501}).encode(),
            "application/json",
            400,
        ),
        (b'{"sender": "a", "message_id": "b", "rating": "helpful"}', "text/plain", 415),
        (b"[]", "application/json", 400),
        (b"{", "application/json", 400),
    ],
)
def test_a_bad_rating_gets_a_4xx_with_a_reason(servers, raw: bytes, content_type: str, expected: int) -> None:
    for channel in ("rest", "widget"):
        status, reply = post_raw(urls(servers, channel)[1], raw, content_type)
        assert status == expected and reply["error"], (channel, status, reply)


def test_a_database_failure_is_a_polite_503_and_stores_nothing(servers) -> None:
    webhook, feedback = urls(servers, "rest")
    sender = new_sender()
    asked = ask(webhook, sender, QUESTION)[0]["in_reply_to"]
    db = sqlite3.connect(os.environ["TRACKER_DB"], isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")  # another process holds the write lock, as during a database restart
    try:
        status, reply = rate(feedback, sender, asked, "helpful")
    finally:
        db.execute("ROLLBACK")
        db.close()
    assert status == 503 and reply["error"] == NOT_STORED and "try again" in reply["error"]
    assert feedback_rows(sender) == []
    assert servers.servers["Rasa server"].proc.poll() is None
    assert rate(feedback, sender, asked, "helpful")[0] == 200  # the retry is stored
    assert len(feedback_rows(sender)) == 1


def test_the_feedback_table_is_what_the_report_reads(servers) -> None:
    with database() as db:
        columns = {
            name: (kind.upper(), notnull) for _, name, kind, notnull, *_ in db.execute("PRAGMA table_info(feedback)")
        }
        unique = [
            [c for *_, c in db.execute(f"PRAGMA index_info('{name}')")]
            for _, name, is_unique, *_ in db.execute("PRAGMA index_list(feedback)")
            if is_unique
        ]
    assert columns == {
        "id": ("INTEGER", 1),
        "sender_id": ("VARCHAR(255)", 1),
        "message_id": ("VARCHAR(255)", 1),
        "rating": ("VARCHAR(16)", 1),
        "comment": ("TEXT", 0),
        "timestamp": ("FLOAT", 1),
    }
    assert ["sender_id", "message_id"] in unique


def test_nginx_forwards_the_feedback_endpoints() -> None:
    site = render_site(SiteSettings("127.0.0.1:8480", "localhost", [5401], [5451], "127.0.0.1:5450", "'self'"))
    for path in ("/webhooks/rest/feedback", "/webhooks/widget/feedback"):
        block = site.split(f"location = {path} {{", 1)[1].split("}", 2)
        assert "proxy_pass http://advisor_rasa;" in "".join(block[:2]) and "limit_req" in block[0], path


def test_handoff_url_reaches_the_bot_started_as_make_run_starts_it(tmp_path, monkeypatch) -> None:
    """HANDOFF_URL set for `make run` is offered by the action server and after a "Not helpful"."""
    from bot.serving.processes import BotProcesses, Ports
    from tests.conftest import MODEL, server_ports

    handoff = "https://www.example.edu/careers/advice"
    monkeypatch.setenv("HANDOFF_URL", handoff)
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    rasa, actions, demo = server_ports(2)  # next to this run's other test servers
    ports = Ports(rasa=rasa, actions=actions, demo=demo)
    with BotProcesses(ports, MODEL, log_file=tmp_path / "servers.log"):
        sender = new_sender()
        (answer,) = ask(ports.rest_url, sender, "is there a human I could talk to?")
        assert handoff in answer["text"]
        asked = ask(ports.rest_url, sender, QUESTION)[0]["in_reply_to"]
        status, reply = rate(f"{ports.bot_url}/webhooks/rest/feedback", sender, asked, "not_helpful")
        assert status == 200 and handoff in reply["offer"]
    with sqlite3.connect(tmp_path / "tracker.db") as db:
        assert db.execute("SELECT rating FROM feedback WHERE sender_id = ?", (sender,)).fetchall() == [("not_helpful",)]
