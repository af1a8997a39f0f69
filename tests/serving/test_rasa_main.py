"""The validator reuse in bot.serving.rasa_main accepts and rejects action replies as Rasa does."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError, validate
from rasa.core.actions.action import RemoteAction

from bot.serving import rasa_main

GOOD = {
    "events": [{"event": "slot", "name": "topic", "value": "ask_salary"}],
    "responses": [{"text": "Engineering managers earn ...", "buttons": []}],
}
BAD = [
    {"events": [{"event": "slot", "value": "x"}], "responses": []},  # a slot event without a name
    {"events": [], "responses": "not a list"},
    {"events": [{"event": "no_such_event"}], "responses": []},
]


@pytest.fixture
def action() -> RemoteAction:
    rasa_main.install()
    return RemoteAction("action_answer", None)


def test_a_valid_reply_passes(action):
    assert action._validate_action_result(GOOD) is True


@pytest.mark.parametrize("reply", BAD)
def test_an_invalid_reply_is_rejected_like_rasa_does(action, reply):
    with pytest.raises(ValidationError) as rasa_error:
        validate(reply, RemoteAction.action_response_format_spec())
    with pytest.raises(ValidationError) as ours:
        action._validate_action_result(reply)
    assert ours.value.message.startswith(rasa_error.value.message)
    assert "Failed to validate Action server response" in ours.value.message
