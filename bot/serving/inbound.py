"""Screen a chat request before Rasa sees it: the same rules on the REST and widget channels.

Plain Python, no Rasa or Sanic types, so the rules are tested on their own. A
request that breaks a rule is refused with a 4xx status and a reason the client
can show; nothing of it reaches NLU, the tracker store or the log.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Dict, Optional

from bot.contact import CONTACT_METADATA, MAX_CONTACT_URL_CHARS, usable_contact_url
from bot.language.limits import MAX_MESSAGE_CHARS

# A valid body is {"sender": ..., "message": ...}: 1,000 characters of the worst case
# (an emoji escaped as a surrogate pair, 12 bytes) fit in 16 KiB with room to spare.
MAX_BODY_BYTES = 16 * 1024
# A valid body is one flat object. Deeper nesting is refused before parsing, because
# Python's json recurses per level and a body of "[[[[..." raises RecursionError.
MAX_JSON_DEPTH = 4
MAX_SENDER_CHARS = 64
# Letters, digits and a few separators: what UUIDs, e-mail-like and prefixed ids use.
# Anything else (lone surrogates, control characters, spaces) never reaches the database.
SENDER = re.compile(rf"[A-Za-z0-9_.:@-]{{1,{MAX_SENDER_CHARS}}}")
# Tab, newline and carriage return are ordinary in pasted text; other control characters are not.
ALLOWED_CONTROLS = frozenset("\t\n\r")
# Feedback on one answer: which visitor message it answered, and how it did.
RATINGS = ("helpful", "not_helpful")
MAX_COMMENT_CHARS = 500


class RequestRejectedError(ValueError):
    """A request that breaks a rule: the HTTP status and the reason sent back."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class ChatRequest:
    sender: str
    message: str
    contact_url: str = ""  # metadata.contact_url: the embedding site's contact for a person (widget only)

    def metadata(self) -> Dict[str, Any]:
        """What Rasa stores with the visitor's message (UserUttered metadata)."""
        return {CONTACT_METADATA: self.contact_url} if self.contact_url else {}


@dataclass(frozen=True)
class FeedbackRequest:
    sender: str
    message_id: str  # the visitor message whose answer is rated (a reply's `in_reply_to`)
    rating: str  # one of RATINGS
    comment: Optional[str] = None  # what the visitor was looking for, up to MAX_COMMENT_CHARS


def is_json(content_type: str) -> bool:
    """Only application/json: a cross-site page can send text/plain or a form without a preflight."""
    return content_type.split(";", 1)[0].strip().lower() == "application/json"


def json_depth(body: bytes) -> int:
    """How deeply arrays and objects nest in `body`, without parsing it (brackets in strings don't count)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):  # ] }
            depth -= 1
    return deepest


def text_problem(text: str) -> str:
    """Why `text` cannot be stored and read as text ('' if it can)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text (it holds a lone surrogate)"
    if any(unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS for c in text):
        return "holds control characters"
    return ""


def screen_sender(sender: object) -> str:
    if sender is None:
        # Rasa would file it under a shared "default" conversation that every such client joins.
        raise RequestRejectedError(400, "'sender' is required: a conversation id you choose for each visitor.")
    if not isinstance(sender, str) or not SENDER.fullmatch(sender):
        raise RequestRejectedError(
            400, f"'sender' must be 1 to {MAX_SENDER_CHARS} letters, digits or the characters _ . : @ -."
        )
    return sender


def screen_message(message: object) -> str:
    if not isinstance(message, str):
        raise RequestRejectedError(400, "'message' must be text.")
    if not message.strip():
        raise RequestRejectedError(400, "'message' must not be empty.")
    if len(message) > MAX_MESSAGE_CHARS:
        raise RequestRejectedError(413, f"Messages are limited to {MAX_MESSAGE_CHARS:,} characters.")
    problem = text_problem(message)
    if problem:
        raise RequestRejectedError(400, f"'message' {problem}.")
    return message


def screen_contact_url(metadata: object) -> str:
    """metadata.contact_url if given ('' if not): an http(s) address the widget took from the embed tag."""
    if metadata is None:
        return ""
    if not isinstance(metadata, dict):
        raise RequestRejectedError(400, "'metadata' must be a JSON object.")
    value = metadata.get(CONTACT_METADATA)
    if value is None:
        return ""
    url = usable_contact_url(value)
    if url is None:
        raise RequestRejectedError(
            400,
            f"'metadata.{CONTACT_METADATA}' must be an http(s) address of at most {MAX_CONTACT_URL_CHARS} characters.",
        )
    return url


def screen_message_id(message_id: object) -> str:
    if not isinstance(message_id, str) or not SENDER.fullmatch(message_id):
        raise RequestRejectedError(
            400, "'message_id' must be the 'in_reply_to' of the answer you rate (1 to 64 letters, digits or _ . : @ -)."
        )
    return message_id


def screen_rating(rating: object) -> str:
    if rating not in RATINGS:
        raise RequestRejectedError(400, f"'rating' must be one of: {', '.join(RATINGS)}.")
    return str(rating)


def screen_comment(comment: object) -> Optional[str]:
    if comment is None:
        return None
    if not isinstance(comment, str):
        raise RequestRejectedError(400, "'comment' must be text.")
    if len(comment) > MAX_COMMENT_CHARS:
        raise RequestRejectedError(400, f"'comment' is limited to {MAX_COMMENT_CHARS} characters.")
    problem = text_problem(comment)
    if problem:
        raise RequestRejectedError(400, f"'comment' {problem}.")
    return comment.strip() or None


def json_object(body: bytes, content_type: str, shape: str) -> Dict[str, Any]:
    """The body as a JSON object, or RequestRejectedError; `shape` shows the expected fields in the reason."""
    if not is_json(content_type):
        raise RequestRejectedError(415, "Send the request as JSON, with 'Content-Type: application/json'.")
    if len(body) > MAX_BODY_BYTES:
        raise RequestRejectedError(413, f"The request body is limited to {MAX_BODY_BYTES:,} bytes.")
    if json_depth(body) > MAX_JSON_DEPTH:
        raise RequestRejectedError(400, "The request body nests too deeply.")
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise RequestRejectedError(400, "The request body must be JSON.") from None
    if not isinstance(data, dict):
        raise RequestRejectedError(400, f"The request body must be a JSON object: {shape}.")
    return data


def screen_request(body: bytes, content_type: str, takes_metadata: bool = False) -> ChatRequest:
    """The sender and message of a well-formed request, or RequestRejectedError saying what is wrong.

    `takes_metadata` (the widget): also its `metadata.contact_url`; otherwise `metadata` is not read.
    """
    data = json_object(body, content_type, '{"sender": ..., "message": ...}')
    sender, message = screen_sender(data.get("sender")), screen_message(data.get("message"))
    contact = screen_contact_url(data.get("metadata")) if takes_metadata else ""
    return ChatRequest(sender, message, contact)


def screen_feedback(body: bytes, content_type: str) -> FeedbackRequest:
    """A well-formed rating of one answer, or RequestRejectedError saying what is wrong."""
    data = json_object(body, content_type, '{"sender": ..., "message_id": ..., "rating": ...}')
    return FeedbackRequest(
        screen_sender(data.get("sender")),
        screen_message_id(data.get("message_id")),
        screen_rating(data.get("rating")),
        screen_comment(data.get("comment")),
    )
