"""End to end: both servers started as `make run` starts them, asked over REST."""

from __future__ import annotations

import subprocess
import sys
import urllib.error
import urllib.request

import pytest

from tests.conftest import SHARED, RestClient, post_json


def test_answer_with_its_source(client: RestClient) -> None:
    reply = client.ask("Do I need a master's to be an engineering manager?")
    assert "not required" in reply and "five years" in reply
    assert "Source: “What Can You Do With an MS in Engineering Management?”, Northeastern University" in reply


def test_answers_carry_follow_up_buttons(client: RestClient) -> None:
    (message,) = client.send("What is engineering management?")
    assert 2 <= len(message["buttons"]) <= 4
    assert all(b["payload"].startswith("/") for b in message["buttons"])
    # Clicking a button sends its payload; the bot answers that topic.
    reply = client.ask(message["buttons"][0]["payload"])
    assert "Source" in reply


def test_follow_ups_keep_context(client: RestClient) -> None:
    client.ask("What does a program manager do?")
    reply = client.ask("and a principal engineer?")
    assert "Principal engineers are high-ranking leaders" in reply
    reply = client.ask("where does that come from?")
    assert "Jobs you can get with a master's in engineering management" in reply


def test_each_visitor_has_their_own_context(new_client) -> None:
    alice, bob = new_client(), new_client()
    alice.ask("tell me about the Leeds MSc")
    bob.ask("tell me about the Northeastern program")
    assert "Decision Making for Engineering Managers" in alice.ask("and the modules?")
    assert "About the Northeastern University" in bob.ask("and the internships?")


def test_sources_dont_say_and_out_of_scope(client: RestClient) -> None:
    reply = client.ask("How much is tuition for the Leeds MSc?")
    assert "don't cover" in reply and "£" not in reply
    reply = client.ask("Do I need a master's to become a dentist?")
    assert "Sorry" in reply and "five years" not in reply


@pytest.mark.parametrize("message", ["😀", "<img src=x onerror=alert(1)>", "?!?!", "\t\n"[:1] + "hm"])
def test_odd_messages_get_a_polite_reply(client: RestClient, message: str) -> None:
    (reply,) = client.send(message)
    assert reply["text"].startswith("Sorry")


@pytest.mark.parametrize(
    "payload", [b"{not json", {"sender": "a", "message": ""}, {"sender": "a", "message": "x" * 5000}]
)
def test_malformed_request_is_refused_without_a_server_error(servers, payload) -> None:
    # Refused before NLU (tests/serving/test_hardening.py has the full list).
    with pytest.raises(urllib.error.HTTPError) as info:
        post_json(servers.ports.rest_url, payload)
    assert info.value.code in (400, 413)


def test_http_api_is_off(servers) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        post_json(f"http://127.0.0.1:{servers.ports.rasa}/model/parse", {"text": "hi"})
    assert info.value.code == 404


def test_public_sample_passes(servers) -> None:
    script, cases = SHARED / "eval" / "score_bot.py", SHARED / "eval" / "sample_cases.yml"
    if not script.exists():
        pytest.skip(f"{script} not present beside this checkout")
    result = subprocess.run(
        [
            sys.executable,
            str(script),
            str(cases),
            "--url",
            servers.ports.rest_url,
            "--min-answer",
            "1.0",
            "--min-decline",
            "1.0",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_conversation_survives_a_restart(servers) -> None:
    client = RestClient(servers.ports.rest_url)
    client.ask("what's the typical salary of an engineering manager?")
    servers.restart_rasa()
    reply = client.ask("where does that come from?")
    assert "Higher salary potential" in reply
