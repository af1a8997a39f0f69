"""`python -m bot review --export`: the NLU inbox as a Rasa NLU YAML draft."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from bot.cli import main
from bot.insights.review import NLU_DIR, known_examples
from bot.knowledge.text import normalise
from tests.insights.conversations import Recorded, copy_conversations


def test_the_inbox_is_valid_nlu_yaml_with_the_guess_as_a_comment_and_no_duplicates(
    recorded: Recorded, tmp_path: Path, capsys
) -> None:
    db = tmp_path / "tracker.db"
    copy_conversations(recorded, f"sqlite:///{db}")
    out = tmp_path / "inbox.yml"
    assert main(["review", "--db", str(db), "--export", str(out)]) == 0
    assert "questions to review" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    data = RasaYAMLReader().reads(text)  # Rasa's own reader: what `rasa train` would read
    examples = [m.get("text") for m in data.intent_examples]
    # Not understood (the two spellings of one wording count once), and the markup made plain text.
    assert "asdkj qwpoe zzxv" in examples and "Asdkj qwpoe zzxv!" not in examples
    assert "<img src=x onerror=alert(1)>" in examples
    assert re.search(r"# guessed by the model \(\d\.\d\d\); not_understood; asked 2x", text)
    # Answered, but NLU was unsure (under 0.6): exactly the stored questions NLU read that unsurely.
    askers = [sender for visitor, sender in recorded.senders.items() if not visitor.startswith("check")]
    unsure = {text for text, confidence in stored_confidences(db, askers).items() if confidence < 0.6}
    answered_unsure = unsure - {"asdkj qwpoe zzxv", "Asdkj qwpoe zzxv!", "<img src=x onerror=alert(1)>"}
    assert answered_unsure <= set(examples)
    # Confident and answered, readiness replies, and a question the bot never got to answer: left out.
    for left_out in (
        "Do I need a master's to be an engineering manager?",
        "partly",
        "stop",
        "What is engineering management?",
    ):
        assert left_out not in examples
    assert len(examples) == len(set(examples))
    for message in data.intent_examples:
        line = next(x for x in text.splitlines() if x.strip() == f"- {message.get('text')}")
        intent_line = text.splitlines()[text.splitlines().index(line) - 2]
        assert intent_line.startswith(f"- intent: {message.get('intent')}  # guessed by the model (")


def test_an_empty_inbox_is_still_valid_yaml(recorded: Recorded, tmp_path: Path) -> None:
    db = tmp_path / "tracker.db"
    copy_conversations(recorded, f"sqlite:///{db}", only=["answered"])
    out = tmp_path / "inbox.yml"
    assert main(["review", "--db", str(db), "--export", str(out)]) == 0
    assert RasaYAMLReader().reads(out.read_text(encoding="utf-8")).intent_examples == []


def test_wordings_already_in_the_training_data_are_known() -> None:
    known = known_examples()
    first = yaml.safe_load((NLU_DIR / "basics.yml").read_text())["nlu"][0]["examples"].splitlines()[0]
    plain_text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", first.removeprefix("- "))
    assert normalise(plain_text) in known and len(known) > 500


def stored_confidences(db: Path, senders: list) -> dict:
    """These visitors' stored messages and their intent confidence, read straight from the events table."""
    import json
    import sqlite3

    with sqlite3.connect(db) as connection:
        marks = ",".join("?" * len(senders))
        query = f"SELECT data FROM events WHERE type_name = 'user' AND sender_id IN ({marks})"
        rows = connection.execute(query, senders).fetchall()
    found = {}
    for (data,) in rows:
        event = json.loads(data)
        text = event.get("text") or ""
        if text and not text.startswith("/"):
            found[text] = float((event.get("parse_data") or {}).get("intent", {}).get("confidence") or 0.0)
    return found
