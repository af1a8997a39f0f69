"""Helpfulness in the report, from ratings sent the way the widget sends them (branch `feedback`:
POST /webhooks/rest/feedback, with the `in_reply_to` message id a REST reply carries)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from bot.cli import main
from tests.insights.conversations import Recorded, copy_conversations, rate

COMMENT = "<b>I wanted the fee</b> for 2026 entry"


def test_ratings_show_as_helpfulness_with_the_unhelpful_answers_and_purge_takes_them(
    servers: Any, recorded: Recorded, tmp_path: Path, capsys
) -> None:
    answered, tuition = recorded.message_ids["answered"][0], recorded.message_ids["tuition"][0]
    assert answered and tuition, "REST replies carry no in_reply_to: the feedback branch is not merged"
    rate(servers, recorded.senders["answered"], answered, "helpful")
    rate(servers, recorded.senders["tuition"], tuition, "not_helpful", COMMENT)

    db = tmp_path / "tracker.db"
    engine = copy_conversations(recorded, f"sqlite:///{db}", days_ago={"tuition": 40})
    assert main(["report", "--db", str(db), "--format", "json", "--out", "-"]) == 0
    report = json.loads(capsys.readouterr().out)
    helpfulness = report["helpfulness"]
    assert (helpfulness["helpful"], helpfulness["not_helpful"], helpfulness["helpful_share"]) == (1, 1, 0.5)
    (unhelpful,) = helpfulness["not_helpful_answers"]
    assert unhelpful["question"] == "How much is tuition for the Leeds MSc?"
    assert "don't cover" in unhelpful["answer"] and unhelpful["comment"] == COMMENT

    page = tmp_path / "report.html"
    assert main(["report", "--db", str(db), "--out", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "&lt;b&gt;I wanted the fee&lt;/b&gt;" in html and "<b>I wanted" not in html
    assert not any(sender in html for sender in recorded.senders.values())

    # The rated conversation is 40 days old: purge takes its rating with it, and keeps the other.
    assert main(["purge", "--db", str(db), "--older-than", "30"]) == 0
    assert "1 feedback ratings" in capsys.readouterr().out
    with engine.connect() as connection:
        left = connection.execute(sa.text("SELECT sender_id, rating FROM feedback")).all()
    assert left == [(recorded.senders["answered"], "helpful")]
