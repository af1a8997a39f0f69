"""The readiness check's reply phrases (bot/advice/readiness_replies.yml): read once, checked with errors that name
the file and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.advice.readiness_replies import OPENERS, PHRASES, PHRASES_FILE, PhrasesError, Reply, load_phrases


def test_the_file_holds_every_reply_once_in_the_order_tried() -> None:
    assert [reply for reply, _ in PHRASES] == [Reply.UNSURE, Reply.PARTLY, Reply.NO, Reply.YES]
    assert {"yes", "no", "not"} <= OPENERS
    assert load_phrases(PHRASES_FILE) == (PHRASES, OPENERS)


@pytest.mark.parametrize(
    "text,named",
    [
        ("replies: []\n", "openers"),
        ('replies: []\nopeners: ["yes"]\n', "replies: each of"),
        ('replies:\n  - reply: no\n    phrases: ["nope"]\nopeners: ["no"]\n', "replies[0].reply: False"),
        ('replies:\n  - reply: "maybe"\n    phrases: ["x"]\nopeners: ["no"]\n', "replies[0].reply: 'maybe'"),
        ('replies:\n  - reply: "yes"\n    phrases: ["yes", 3]\nopeners: ["no"]\n', "replies[0].phrases[1]"),
        ('replies:\n  - reply: "yes"\n    phrases: []\nopeners: ["no"]\n', "replies[0].phrases"),
        ('replies:\n  - reply: "yes"\n    text: ["yes"]\nopeners: ["no"]\n', "replies[0]: expected the keys"),
    ],
)
def test_a_mistake_in_the_file_names_the_file_and_the_key(tmp_path: Path, text: str, named: str) -> None:
    path = tmp_path / "replies.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PhrasesError) as raised:
        load_phrases(path)
    assert str(path) in str(raised.value) and named in str(raised.value)
