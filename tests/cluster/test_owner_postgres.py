"""The owner's report and purge on PostgreSQL, over conversations (and ratings) the real bot stored there.

PostgreSQL (Debian's, as `make cluster` uses it) runs on TEST_POSTGRES_PORT (5690 unless
set) from a temp folder, and the bot's tracker store points at it; both are stopped after.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import sqlalchemy as sa

from bot.cli import main
from bot.serving.processes import BotProcesses, Ports
from tests.cluster.postgres import private_postgres
from tests.conftest import MODEL, RestClient, post_json

PG_PORT = int(os.environ.get("TEST_POSTGRES_PORT", "5690"))
URL = f"postgresql://postgres@127.0.0.1:{PG_PORT}/advisor"
DAY_S = 86400.0
SCRIPT: Dict[str, List[str]] = {
    "answered": ["Do I need a master's to be an engineering manager?"],
    "not_covered": ["How much is tuition for the Leeds MSc?", "What are the tuition fees for the Leeds master's?"],
    "out_of_scope": ["Do I need a master's to become a dentist?"],
    "not_understood": ["asdkj qwpoe zzxv"],
}
RATINGS = {
    "answered": {"rating": "helpful"},
    "not_covered": {"rating": "not_helpful", "comment": "I wanted the fees"},
}
ENDPOINTS = f"""
action_endpoint:
  url: ${{ACTION_ENDPOINT_URL}}
tracker_store:
  type: bot.serving.tracker_store.CachedSQLTrackerStore
  dialect: postgresql
  url: 127.0.0.1
  port: {PG_PORT}
  db: advisor
  username: postgres
"""


class PostgresBot(BotProcesses):
    """The bot as `make run` starts it, with its conversations in PostgreSQL."""

    def __init__(self, ports: Ports, endpoints: Path) -> None:
        super().__init__(ports, MODEL, quiet=True)
        self.endpoints = endpoints

    def rasa_args(self) -> List[str]:
        args = super().rasa_args()
        args[args.index("--endpoints") + 1] = str(self.endpoints)
        return args


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    with private_postgres(PG_PORT, "owner-pg-"):
        yield URL


@pytest.fixture(scope="module")
def senders(postgres: str, tmp_path_factory: pytest.TempPathFactory) -> Dict[str, str]:
    endpoints = tmp_path_factory.mktemp("endpoints") / "endpoints.yml"
    endpoints.write_text(ENDPOINTS)
    ports = Ports(
        rasa=int(os.environ.get("TEST_RASA_PORT", "5105")),
        actions=int(os.environ.get("TEST_ACTION_PORT", "5155")),
        demo=int(os.environ.get("TEST_DEMO_PORT", "8180")),
    )
    bot = PostgresBot(ports, endpoints).start()
    found = {}
    try:
        for visitor, texts in SCRIPT.items():
            client = RestClient(ports.rest_url)
            replies = [client.send(text) for text in texts]
            found[visitor] = client.sender
            if visitor in RATINGS:  # rated as the widget rates an answer
                message_id = replies[0][0]["in_reply_to"]
                post_json(
                    f"{ports.bot_url}/webhooks/rest/feedback",
                    {"sender": client.sender, "message_id": message_id, **RATINGS[visitor]},
                )
    finally:
        bot.stop()
    return found


def run_report(capsys: Any) -> Dict[str, Any]:
    assert main(["report", "--db", URL, "--format", "json", "--out", "-"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_report_reads_postgresql(senders: Dict[str, str], capsys: Any, tmp_path: Path) -> None:
    report = run_report(capsys)
    outcomes = {o["outcome"]: o["count"] for o in report["outcomes"]}
    assert outcomes == {"answered": 1, "not_covered": 2, "out_of_scope": 1, "not_understood": 1, "error": 0}
    assert report["totals"]["conversations"] == 4
    assert [g["count"] for g in report["unanswered"] if "tuition" in g["example"]] == [2]
    helpfulness = report["helpfulness"]
    assert (helpfulness["helpful"], helpfulness["not_helpful"]) == (1, 1)
    assert [(r["question"], r["comment"]) for r in helpfulness["not_helpful_answers"]] == [
        ("How much is tuition for the Leeds MSc?", "I wanted the fees")
    ]
    page = tmp_path / "report.html"
    assert main(["report", "--db", URL, "--out", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert not any(s in html or s in json.dumps(report) for s in senders.values())


def test_purge_on_postgresql(senders: Dict[str, str], capsys: Any) -> None:
    engine = sa.create_engine(URL)
    old = [senders["not_covered"], senders["out_of_scope"]]
    with engine.begin() as connection:
        connection.execute(
            sa.text("UPDATE events SET timestamp = timestamp - :shift WHERE sender_id IN :old").bindparams(
                sa.bindparam("old", expanding=True)
            ),
            {"shift": 40 * DAY_S, "old": old},
        )
        before = dict(connection.execute(sa.text("SELECT sender_id, count(*) FROM events GROUP BY sender_id")).all())
    assert main(["purge", "--db", URL, "--older-than", "30"]) == 0
    events = before[old[0]] + before[old[1]]
    assert (
        f"deleted 2 conversations last active more than 30 days ago: {events} events, 1 feedback ratings"
        in capsys.readouterr().out
    )
    with engine.connect() as connection:
        after = dict(connection.execute(sa.text("SELECT sender_id, count(*) FROM events GROUP BY sender_id")).all())
        ratings = connection.execute(sa.text("SELECT sender_id FROM feedback")).scalars().all()
    assert after == {s: n for s, n in before.items() if s not in old}
    assert ratings == [senders["answered"]]  # the old conversation's rating went with it
    outcomes = {o["outcome"]: o["count"] for o in run_report(capsys)["outcomes"]}
    assert outcomes == {"answered": 1, "not_covered": 0, "out_of_scope": 0, "not_understood": 1, "error": 0}
