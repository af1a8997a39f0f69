"""Conversations for the owner's-loop tests, made by the real bot over REST, and copies of them.

The servers fixture's tracker database is shared with other tests; each test copies the
rows of its own visitors, verbatim, into a database of its own (moved back in time where a
test needs older conversations), so the counts it checks are its own.
"""

from __future__ import annotations

import json
import os
import signal
import urllib.error
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional

import sqlalchemy as sa

from tests.conftest import RestClient, post_json

DAY_S = 86400.0

# visitor -> what they typed, in order. Each unanswered question is asked in a few wordings.
SCRIPT: Dict[str, List[str]] = {
    "answered": ["Do I need a master's to be an engineering manager?", "how much do engineering managers earn?"],
    "tuition": ["How much is tuition for the Leeds MSc?", "What are the tuition fees for the Leeds master's?"],
    "tuition_again": ["how much does tuition cost for the Leeds MSc"],
    "scholarship": ["Does Northeastern offer scholarships?", "Can I get a scholarship for the Northeastern program?"],
    "dentist": ["Do I need a master's to become a dentist?", "What degree does a dentist need?"],
    "gibberish": ["asdkj qwpoe zzxv", "Asdkj qwpoe zzxv!", "<img src=x onerror=alert(1)>"],
    # The readiness check: finished with a question asked on the way, and left after one reply.
    "check_done": [
        "Am I suited to engineering management?",
        "yes",
        "how much do engineering managers earn?",
        "yes",
        "partly",
        "yes",
        "yes",
        "about six years, my degree is in mechanical engineering",
    ],
    "check_left": ["check my readiness for management", "yes", "stop"],
}
FAILED_QUESTION = "What is engineering management?"  # asked while the action server is down


@dataclass
class Recorded:
    """Who said what (sender ids are the ones the bot stored) and the message ids of their turns."""

    senders: Dict[str, str] = field(default_factory=dict)  # visitor -> sender id
    message_ids: Dict[str, List[Optional[str]]] = field(default_factory=dict)  # visitor -> in_reply_to per message
    source_db: str = ""


def record(servers: Any) -> Recorded:
    recorded = Recorded(source_db=os.environ["TRACKER_DB"])
    for visitor, texts in SCRIPT.items():
        client = RestClient(servers.ports.rest_url)
        recorded.senders[visitor] = client.sender
        recorded.message_ids[visitor] = []
        for text in texts:
            replies = client.send(text)
            assert replies, (visitor, text)
            recorded.message_ids[visitor].append(replies[0].get("in_reply_to"))
    recorded.senders["failed"] = _ask_with_the_action_server_down(servers)
    return recorded


def _ask_with_the_action_server_down(servers: Any) -> str:
    client = RestClient(servers.ports.rest_url)
    actions = servers.servers["action server"].proc
    os.killpg(actions.pid, signal.SIGKILL)
    actions.wait()
    try:
        try:
            client.send(FAILED_QUESTION)
            raise AssertionError("the bot answered with the action server down")
        except urllib.error.HTTPError as err:
            assert err.code == 503
    finally:
        servers.start_actions()
    return client.sender


def rate(servers: Any, sender: str, message_id: str, rating: str, comment: Optional[str] = None) -> Any:
    """A visitor's rating, sent the way the widget sends it (POST /webhooks/rest/feedback)."""
    url = f"{servers.ports.bot_url}/webhooks/rest/feedback"
    return post_json(url, {"sender": sender, "message_id": message_id, "rating": rating, "comment": comment})


def copy_conversations(
    recorded: Recorded, target_url: str, days_ago: Optional[Dict[str, float]] = None, only: Optional[List[str]] = None
) -> sa.engine.Engine:
    """The recorded visitors' events (and feedback) copied verbatim into `target_url`; `days_ago` moves
    a visitor's whole conversation that many days back (timestamps in the column and the event)."""
    source = sa.create_engine(f"sqlite:///{recorded.source_db}")
    target = sa.create_engine(target_url)
    metadata = sa.MetaData()
    metadata.reflect(source, only=[t for t in ("events", "feedback") if sa.inspect(source).has_table(t)])
    metadata.create_all(target)
    visitors = only or list(recorded.senders)
    with source.connect() as read, target.begin() as write:
        for visitor in visitors:
            sender = recorded.senders[visitor]
            shift = (days_ago or {}).get(visitor, 0.0) * DAY_S
            for table in metadata.sorted_tables:
                rows = [dict(r._mapping) for r in read.execute(table.select().where(table.c.sender_id == sender))]
                for row in rows:
                    row.pop("id", None)
                    row["timestamp"] -= shift
                    if "data" in row:
                        data = json.loads(row["data"])
                        data["timestamp"] = row["timestamp"]
                        row["data"] = json.dumps(data)
                if rows:
                    write.execute(table.insert(), rows)
    return target
