"""The request screen both channels use: each rule on its own, without servers."""

from __future__ import annotations

import json

import pytest

from bot.language.limits import MAX_MESSAGE_CHARS
from bot.serving.inbound import (
    MAX_BODY_BYTES,
    MAX_COMMENT_CHARS,
    MAX_JSON_DEPTH,
    ChatRequest,
    FeedbackRequest,
    RequestRejectedError,
    json_depth,
    screen_feedback,
    screen_request,
)

JSON = "application/json"


def refused(body: bytes, content_type: str = JSON) -> RequestRejectedError:
    with pytest.raises(RequestRejectedError) as info:
        screen_request(body, content_type)
    assert info.value.reason  # always a reason the client can show
    return info.value


def body(sender: object = "visitor-1", message: object = "hello") -> bytes:
    return json.dumps({"sender": sender, "message": message}).encode()


def test_a_good_request_passes():
    assert screen_request(body(), "application/json; charset=utf-8") == ChatRequest("visitor-1", "hello")
    assert screen_request(body("a.b:c@d_e-f", "line one\nline two\ttab"), JSON).sender == "a.b:c@d_e-f"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "", "json"])
def test_only_json_is_taken(content_type):
    # A cross-site page can post text/plain or a form without a CORS preflight; JSON it cannot.
    assert refused(body(), content_type).status == 415


@pytest.mark.parametrize("raw", [b"null", b"[]", b"0", b'"text"', b"true", b"{not json", b"", b"\xff\xfe", b"1" * 5000])
def test_a_body_that_is_not_a_json_object_is_refused(raw):
    assert refused(raw).status == 400


def test_deep_nesting_is_refused_before_parsing():
    assert refused(b"[" * 10000).status == 400  # json.loads would raise RecursionError
    assert refused(b'{"sender": "a", "message": "b", "x": ' + b"[" * (MAX_JSON_DEPTH + 1) + b"]" * 5).status == 400
    assert json_depth(b'{"message": "[[[[[[[[{{{{"}') == 1  # brackets inside strings don't count
    assert json_depth(b'{"message": "\\"[[[["}') == 1


def test_an_oversized_body_is_refused():
    assert refused(b" " * (MAX_BODY_BYTES + 1) + body()).status == 413


@pytest.mark.parametrize(
    "sender",
    [None, "", "\ud800", "a b", "x" * 65, 5, ["a"], {"a": 1}, "é", "a\u0000", "../etc", "a\nb"],
)
def test_a_bad_or_missing_sender_is_refused(sender):
    # Missing: Rasa would put the message in a shared "default" conversation.
    data = {"message": "hi"} if sender is None else {"sender": sender, "message": "hi"}
    assert refused(json.dumps(data).encode()).status == 400


@pytest.mark.parametrize("message", [None, 5, ["hi"], {"text": "hi"}, "", "   \n", "\ud800", "hi\u0000", "a\u001bb"])
def test_a_bad_message_is_refused(message):
    assert refused(body(message=message)).status == 400


def test_an_overlong_message_is_refused_with_the_limit():
    rejected = refused(body(message="x" * (MAX_MESSAGE_CHARS + 1)))
    assert rejected.status == 413 and f"{MAX_MESSAGE_CHARS:,}" in rejected.reason
    assert screen_request(body(message="😀" * MAX_MESSAGE_CHARS), JSON).message  # the limit fits the body


# -- the widget's contact for a person (metadata.contact_url) ------------------------------------


def test_the_widgets_contact_url_is_kept_as_message_metadata():
    raw = json.dumps({"sender": "v", "message": "hi", "metadata": {"contact_url": "https://uni.example/advice"}})
    chat = screen_request(raw.encode(), JSON, takes_metadata=True)
    assert chat.metadata() == {"contact_url": "https://uni.example/advice"}
    assert screen_request(body(), JSON, takes_metadata=True).metadata() == {}
    assert screen_request(raw.encode(), JSON).metadata() == {}  # the REST channel takes no metadata


@pytest.mark.parametrize(
    "metadata",
    [
        {"contact_url": "javascript:alert(1)"},
        {"contact_url": "/contact"},
        {"contact_url": "https://uni.example/" + "a" * 300},
        {"contact_url": "https://uni.example/a b"},
        {"contact_url": 7},
        "https://uni.example/",
    ],
)
def test_a_contact_url_that_is_not_a_short_web_address_is_refused(metadata):
    raw = json.dumps({"sender": "v", "message": "hi", "metadata": metadata}).encode()
    with pytest.raises(RequestRejectedError) as info:
        screen_request(raw, JSON, takes_metadata=True)
    assert info.value.status == 400 and "contact_url" in info.value.reason or "metadata" in info.value.reason
    assert screen_request(raw, JSON).message == "hi"  # REST: metadata is not read at all


# -- ratings of answers ---------------------------------------------------------------------------


def rating(**fields: object) -> bytes:
    return json.dumps({"sender": "visitor-1", "message_id": "0f" * 16, "rating": "helpful", **fields}).encode()


def refused_feedback(raw: bytes, content_type: str = JSON) -> RequestRejectedError:
    with pytest.raises(RequestRejectedError) as info:
        screen_feedback(raw, content_type)
    assert info.value.reason
    return info.value


def test_a_good_rating_passes():
    assert screen_feedback(rating(), JSON) == FeedbackRequest("visitor-1", "0f" * 16, "helpful", None)
    comment = "x" * MAX_COMMENT_CHARS
    assert screen_feedback(rating(rating="not_helpful", comment=comment), JSON).comment == comment
    assert screen_feedback(rating(rating="not_helpful", comment="  "), JSON).comment is None


@pytest.mark.parametrize(
    ("fields", "word"),
    [
        ({"rating": "meh"}, "rating"),
        ({"rating": None}, "rating"),
        ({"message_id": None}, "message_id"),
        ({"message_id": "a b"}, "message_id"),
        ({"message_id": "x" * 65}, "message_id"),
        ({"sender": None}, "sender"),
        ({"sender": "\ud800"}, "sender"),
        ({"comment": "x" * (MAX_COMMENT_CHARS + 1)}, "500"),
        ({"comment": "bad \ud800"}, "surrogate"),
        ({"comment": "bell \u0007"}, "control"),
        ({"comment": ["no"]}, "comment"),
    ],
)
def test_a_bad_rating_is_refused_with_a_reason(fields, word):
    error = refused_feedback(rating(**fields))
    assert error.status == 400 and word in error.reason


def test_a_rating_is_screened_like_a_message():
    assert refused_feedback(rating(), "text/plain").status == 415
    assert refused_feedback(b"[]").status == 400
    assert refused_feedback(b"{" * 50).status == 400
    assert refused_feedback(b"x" * (MAX_BODY_BYTES + 1)).status == 413
