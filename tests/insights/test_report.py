"""`python -m bot report` over conversations the real bot had over REST."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, List

import pytest
import sqlalchemy as sa

from bot.cli import main
from bot.insights import engine_for
from bot.insights.period import Period
from bot.insights.store import conversations
from bot.insights.turns import read_conversation
from tests.insights.conversations import FAILED_QUESTION, Recorded, copy_conversations


def run_report(capsys: pytest.CaptureFixture, *args: str) -> Dict[str, Any]:
    assert main(["report", "--format", "json", "--out", "-", *args]) == 0
    return json.loads(capsys.readouterr().out)


def outcomes_by_text(db: str) -> Dict[str, List[str]]:
    found: Dict[str, List[str]] = {}
    for _sender, events in conversations(engine_for(db), Period()):
        for turn in read_conversation(events).turns:
            found.setdefault(turn.text, []).append(turn.outcome.value)
    return found


@pytest.fixture(scope="module")
def db(recorded: Recorded, tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("report") / "tracker.db"
    copy_conversations(recorded, f"sqlite:///{path}")
    return str(path)


def test_each_question_lands_in_the_bucket_of_how_it_ended(db: str) -> None:
    found = outcomes_by_text(db)
    assert found["Do I need a master's to be an engineering manager?"] == ["answered"]
    assert found["How much is tuition for the Leeds MSc?"] == ["not_covered"]
    assert found["Do I need a master's to become a dentist?"] == ["out_of_scope"]
    assert found["asdkj qwpoe zzxv"] == ["not_understood"]
    assert found[FAILED_QUESTION] == ["error"]  # the action server was down: no reply stored
    # Replies to the readiness check are not questions; a question asked during it is.
    assert found["partly"] == ["readiness"] and found["stop"] == ["readiness"]
    assert found["how much do engineering managers earn?"] == ["answered", "answered"]


def test_the_report_counts_conversations_outcomes_and_the_readiness_check(db: str, capsys) -> None:
    report = run_report(capsys, "--db", db)
    assert report["totals"]["conversations"] == 9
    outcomes = {o["outcome"]: o["count"] for o in report["outcomes"]}
    assert outcomes == {
        "answered": 5,  # 2 + 1 + the readiness check's opening + the question asked during it
        "not_covered": 5,
        "out_of_scope": 2,
        "not_understood": 3,
        "error": 1,
        "readiness": 8,
    }
    assert report["totals"]["questions"] == 16
    today = datetime.now(timezone.utc).date().isoformat()
    assert [d["day"] for d in report["per_day"]] == [today]
    assert report["per_day"][0]["visitor_messages"] == 24 and report["per_day"][0]["conversations"] == 9
    assert report["readiness"] == {
        "started": 2,
        "finished": 1,
        "stopped": 1,
        "left": 1,
        "verdicts": {"strong": 1, "no_verdict": 1},
    }
    topics = {t["intent"]: t for t in report["topics"]}
    assert topics["ask_salary"]["questions"] == 2 and topics["ask_salary"]["answered"] == 2
    assert topics["ask_uncovered"]["answered"] == 0


def test_unanswered_questions_are_grouped_by_what_was_asked(db: str, capsys) -> None:
    groups = run_report(capsys, "--db", db)["unanswered"]
    by_example = {g["example"]: g for g in groups}
    tuition = [g for g in groups if "tuition" in g["example"]]
    scholarship = [g for g in groups if "scholarship" in g["example"]]
    dentist = [g for g in groups if "dentist" in g["example"]]
    # Three wordings of the tuition question, asked by two visitors: one group. Likewise the others.
    assert [(g["count"], g["wordings"]) for g in tuition] == [(3, 3)]
    assert [(g["count"], g["wordings"]) for g in scholarship] == [(2, 2)]
    assert [(g["count"], g["wordings"]) for g in dentist] == [(2, 2)]
    assert tuition[0]["outcomes"] == {"my sources don't cover that": 3}
    assert dentist[0]["outcomes"] == {"out of scope": 2}
    gibberish = [g for g in groups if "qwpoe" in g["example"].lower()]
    assert [g["count"] for g in gibberish] == [2]  # the same letters, differently cased and punctuated
    assert by_example[FAILED_QUESTION]["outcomes"] == {"error (no reply)": 1}
    assert groups[0] is tuition[0]  # the most asked first
    assert not any("earn" in g["example"] for g in groups)  # answered: not listed


def test_since_and_until_take_whole_utc_days(recorded: Recorded, tmp_path: Path, capsys) -> None:
    path = tmp_path / "tracker.db"
    copy_conversations(recorded, f"sqlite:///{path}", days_ago={"dentist": 3, "scholarship": 1})
    today = datetime.now(timezone.utc).date()
    three_days_ago = (today - timedelta(days=3)).isoformat()
    only_then = run_report(capsys, "--db", str(path), "--since", three_days_ago, "--until", three_days_ago)
    assert only_then["totals"]["conversations"] == 1
    assert [g["example"] for g in only_then["unanswered"]] == ["Do I need a master's to become a dentist?"]
    assert [d["day"] for d in only_then["per_day"]] == [three_days_ago]
    until_yesterday = run_report(capsys, "--db", str(path), "--until", (today - timedelta(days=1)).isoformat())
    assert until_yesterday["totals"]["conversations"] == 2
    since_today = run_report(capsys, "--db", str(path), "--since", today.isoformat())
    assert since_today["totals"]["conversations"] == 7
    assert not any("dentist" in g["example"] or "scholarship" in g["example"] for g in since_today["unanswered"])
    everything = run_report(capsys, "--db", str(path))
    assert len(everything["per_day"]) == 3 and everything["totals"]["conversations"] == 9


def test_the_html_page_is_self_contained_escaped_and_names_no_conversation(
    db: str, recorded: Recorded, tmp_path: Path, capsys
) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--db", db, "--out", str(out)]) == 0
    assert "wrote" in capsys.readouterr().out
    page = out.read_text(encoding="utf-8")
    as_json = run_report(capsys, "--db", db)
    for sender in recorded.senders.values():
        assert sender not in page and sender not in json.dumps(as_json)
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count('src="data:image/png;base64,') == 2  # per day, how questions ended
    # Nothing fetched from anywhere (a reply may quote a web address, as text).
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//|url\(|@import""", page)
    for heading in ("Questions the bot could not answer", "Helpfulness", "Readiness check", "Topics asked most"):
        assert heading in page
    assert "how much does tuition cost for the Leeds MSc" in page  # the tuition group's example


def test_a_missing_or_empty_database_and_a_bad_url_are_clear(tmp_path: Path, capsys) -> None:
    assert main(["report", "--db", str(tmp_path / "none.db")]) == 1
    assert "no tracker database" in capsys.readouterr().err
    assert not (tmp_path / "none.db").exists()  # not created by looking
    empty = tmp_path / "empty.db"
    sa.create_engine(f"sqlite:///{empty}").connect().close()
    assert main(["report", "--db", str(empty)]) == 1
    assert "no conversations" in capsys.readouterr().err
    assert main(["report", "--db", "postgresql://nobody@127.0.0.1:9/none"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: cannot open the tracker database") and "Traceback" not in err
    assert main(["report", "--db", "nosuchdialect://x"]) == 2
    assert main(["report", "--db", str(empty), "--since", "2026-11-30", "--until", "2026-11-01"]) == 2
    assert "is after --until" in capsys.readouterr().err
    with pytest.raises(SystemExit) as info:
        main(["report", "--since", "30/11/2026"])  # argparse: a usage error, exit code 2
    assert info.value.code == 2
