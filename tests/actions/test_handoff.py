"""A person to talk to, through the trained NLU and the real actions (tests/harness.py).

The contact comes from HANDOFF_URL (the action server's environment) or from the widget's
message metadata (the embed tag's data-contact-url); without one the bot says so and points
to the program pages the knowledge base lists.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from bot.contact import HANDOFF_ENV, usable_contact_url
from bot.knowledge.model import KnowledgeBase
from tests.conftest import MODEL
from tests.harness import LocalConversation, nlu_parser

SITE_CONTACT = "https://careers.example.edu/book-an-adviser"
SERVER_CONTACT = "https://advice.example.org/talk-to-us"
# Asked for a person in words that appear in no training file.
ASKS_FOR_A_PERSON = [
    "could I speak with an actual human being about this?",
    "I'd like to talk this over with a real person",
    "is there an adviser I can chat to?",
]
GIBBERISH = ["qwertyuiop", "zxqv wpfk", "plmokn ijbuhv"]


@pytest.fixture(scope="module")
def parse():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train`")
    return nlu_parser(str(MODEL))


@pytest.fixture
def no_server_contact(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv(HANDOFF_ENV, raising=False)
    yield


def program_pages(kb: KnowledgeBase) -> list:
    return [p.url for p in kb.programs if p.url]


@pytest.mark.parametrize("text", ASKS_FOR_A_PERSON)
def test_asking_for_a_person_gives_the_servers_contact(parse, monkeypatch, text: str) -> None:
    monkeypatch.setenv(HANDOFF_ENV, SERVER_CONTACT)
    message, sent = LocalConversation(parse).say(text)
    assert message["intent"]["name"] == "ask_for_person"
    assert SERVER_CONTACT in sent[0]["text"] and "No contact" not in sent[0]["text"]
    assert sent[0]["answer_kind"] == "chitchat"


def test_the_embedding_sites_contact_comes_first(parse, monkeypatch) -> None:
    monkeypatch.setenv(HANDOFF_ENV, SERVER_CONTACT)
    reply = LocalConversation(parse).reply(ASKS_FOR_A_PERSON[0], {"contact_url": SITE_CONTACT})
    assert SITE_CONTACT in reply and SERVER_CONTACT not in reply


def test_without_a_contact_the_bot_says_so_and_points_to_the_program_pages(
    parse, kb: KnowledgeBase, no_server_contact
) -> None:
    reply = LocalConversation(parse).reply(ASKS_FOR_A_PERSON[1])
    assert "No contact for a person has been set up" in reply
    assert program_pages(kb) and all(url in reply for url in program_pages(kb))
    assert all(p.university in reply for p in kb.programs)


def test_a_contact_that_is_not_a_web_address_is_never_offered(parse, kb: KnowledgeBase, no_server_contact) -> None:
    reply = LocalConversation(parse).reply(ASKS_FOR_A_PERSON[2], {"contact_url": "javascript:alert(1)"})
    assert "javascript" not in reply and "No contact for a person has been set up" in reply


def test_two_replies_in_a_row_not_understood_offer_a_person(parse, monkeypatch) -> None:
    monkeypatch.setenv(HANDOFF_ENV, SERVER_CONTACT)
    chat = LocalConversation(parse)
    _, first = chat.say(GIBBERISH[0])
    assert first[0]["answer_kind"] == "not_understood" and SERVER_CONTACT not in first[0]["text"]
    _, second = chat.say(GIBBERISH[1])
    assert second[0]["answer_kind"] == "not_understood"
    assert "talk it over with a person" in second[0]["text"] and SERVER_CONTACT in second[0]["text"]
    assert second[0]["buttons"]  # the suggestions stay


def test_an_understood_reply_in_between_resets_the_count(parse, kb: KnowledgeBase, no_server_contact) -> None:
    chat = LocalConversation(parse)
    chat.say(GIBBERISH[0])
    _, answered = chat.say("What is engineering management?")
    assert answered[0]["answer_kind"] == "answer"
    _, again = chat.say(GIBBERISH[1])
    assert again[0]["answer_kind"] == "not_understood" and "No contact" not in again[0]["text"]
    _, twice = chat.say(GIBBERISH[2])
    assert "No contact for a person has been set up" in twice[0]["text"]
    assert all(url in twice[0]["text"] for url in program_pages(kb))


@pytest.mark.parametrize(
    ("value", "usable"),
    [
        ("https://a.example/x?y=1", True),
        ("http://a.example", True),
        ("  https://a.example/  ", True),
        ("ftp://a.example/", False),
        ("javascript:alert(1)", False),
        ("data:text/html,hi", False),
        ("//a.example/x", False),
        ("https://", False),
        ("https://a.example/" + "x" * 300, False),
        ("https://a.example/a b", False),
        (None, False),
        (42, False),
    ],
)
def test_only_short_http_addresses_are_contacts(value: object, usable: bool) -> None:
    assert (usable_contact_url(value) is not None) == usable
