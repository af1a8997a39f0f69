"""`python -m bot purge --older-than DAYS` on SQLite (PostgreSQL: tests/cluster/test_owner_postgres.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

import pytest
import sqlalchemy as sa

from bot.cli import main
from tests.insights.conversations import Recorded, copy_conversations


def rows_per_sender(engine: sa.engine.Engine) -> Dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(sa.text("SELECT sender_id, count(*) FROM events GROUP BY sender_id")).all())


def test_purge_deletes_old_conversations_and_keeps_newer_ones(recorded: Recorded, tmp_path: Path, capsys) -> None:
    db = tmp_path / "tracker.db"
    engine = copy_conversations(recorded, f"sqlite:///{db}", days_ago={"dentist": 40, "tuition": 31, "gibberish": 29})
    before = rows_per_sender(engine)
    old = {recorded.senders["dentist"], recorded.senders["tuition"]}
    expected_events = sum(before[s] for s in old)

    assert main(["purge", "--db", str(db), "--older-than", "30", "--dry-run"]) == 0
    assert f"would delete 2 conversations last active more than 30 days ago: {expected_events} events" in (
        capsys.readouterr().out
    )
    assert rows_per_sender(engine) == before

    assert main(["purge", "--db", str(db), "--older-than", "30"]) == 0
    assert f"deleted 2 conversations last active more than 30 days ago: {expected_events} events" in (
        capsys.readouterr().out
    )
    after = rows_per_sender(engine)
    assert not old & set(after)
    assert after == {s: n for s, n in before.items() if s not in old}  # the rest intact, to the row

    # The report no longer knows them; running it again deletes nothing more.
    assert main(["report", "--db", str(db), "--format", "json", "--out", "-"]) == 0
    report = capsys.readouterr().out
    assert "dentist" not in report and "What are the tuition fees" not in report
    assert (
        "qwpoe" in report and "how much does tuition cost for the Leeds MSc" in report
    )  # 29 days, and another visitor
    assert main(["purge", "--db", str(db), "--older-than", "30"]) == 0
    assert "deleted 0 conversations" in capsys.readouterr().out


def test_purge_refuses_a_bad_number_of_days_and_a_bad_database(tmp_path: Path, capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["purge", "--db", str(tmp_path / "x.db"), "--older-than", "-3"])
    assert info.value.code == 2
    assert main(["purge", "--db", "postgresql://nobody@127.0.0.1:9/none", "--older-than", "30"]) == 2
    assert "cannot open the tracker database" in capsys.readouterr().err
