"""End to end: typos and shorthand over REST to the real servers (bot/nlu/normalise.py, first in the pipeline).

The visitor gets the answer to what they meant; the conversation keeps what they typed: Rasa's stored
user event has the typed text as its `text`, parse_data has the normalised `text` and the typed
`text_original`, and the owner's report shows the typed words.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Any, Dict, List

import pytest

from bot.insights.period import Period
from bot.insights.store import conversations, engine_for
from bot.insights.turns import read_conversation
from tests.conftest import RestClient


def user_events(sender: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(os.environ["TRACKER_DB"]) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender,))
        return [json.loads(data) for (data,) in rows]


@pytest.mark.parametrize(
    "typed, normalised, answer",
    [
        (
            "how many yrs xp do u need b4 eng mgr",
            "how many years experience do you need before engineering manager",
            "at least five years of experience",
        ),
        ("wat is enginering managment", "what is engineering management", "Engineering management is"),
        ("is eng mgmt growin", "is engineering management growing", "4%"),
    ],
)
def test_a_message_with_typos_is_answered_and_kept_as_typed(
    client: RestClient, typed: str, normalised: str, answer: str
) -> None:
    reply = client.ask(typed)
    assert answer in reply and not reply.startswith("Sorry"), reply
    (event,) = user_events(client.sender)
    assert event["text"] == typed
    assert event["parse_data"]["text_original"] == typed
    assert event["parse_data"]["text"] == normalised


def test_the_owners_report_shows_what_the_visitor_typed(client: RestClient) -> None:
    typed = "tell me abt the Northestern program pls"
    reply = client.ask(typed)
    assert "Northeastern" in reply and not reply.startswith("Sorry"), reply
    found = {sender: events for sender, events in conversations(engine_for(os.environ["TRACKER_DB"]), Period())}
    (turn,) = read_conversation(found[client.sender]).turns
    assert turn.text == typed and turn.intent == "ask_program"


def test_an_everyday_request_with_a_typo_is_still_declined(client: RestClient) -> None:
    reply = client.ask("what time is my firsst meeting on tuesdy")
    assert reply.startswith("Sorry"), reply
    assert user_events(client.sender)[0]["text"] == "what time is my firsst meeting on tuesdy"
