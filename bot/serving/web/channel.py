"""A Rasa input channel that serves the chat widget and answers it.

Mounted at /webhooks/widget/: the page (`/`), its files, the embed loader
(`/embed.js`) and the message endpoint (`/webhook`). Page and endpoint share
one origin, so the widget needs no CORS. Register it in credentials.yml as
`bot.serving.web.channel.WidgetInput`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Optional

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.serving.web.config import MAX_MESSAGE_CHARS, MAX_SENDER_CHARS, widget_headers

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
# File name -> content type; only these are served.
FILES = {
    "widget.html": "text/html; charset=utf-8",
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "embed.js": "application/javascript; charset=utf-8",
}
SENDER = re.compile(rf"^[A-Za-z0-9_-]{{1,{MAX_SENDER_CHARS}}}$")
REPLY_TIMEOUT_S = 30


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


def parse_request(body: bytes) -> tuple:
    """(sender, message) from a request body, or raise ValueError with a user-facing reason."""
    try:
        data = json.loads(body or b"")
    except (ValueError, UnicodeDecodeError):
        raise ValueError("The request body must be JSON.") from None
    if not isinstance(data, dict):
        raise ValueError("The request body must be a JSON object.")
    sender, message = data.get("sender"), data.get("message")
    if not isinstance(sender, str) or not SENDER.match(sender):
        raise ValueError(f"'sender' must be 1 to {MAX_SENDER_CHARS} letters, digits, '-' or '_'.")
    if not isinstance(message, str) or not message.strip():
        raise ValueError("'message' must be non-empty text.")
    if len(message) > MAX_MESSAGE_CHARS:
        raise ValueError(f"Messages are limited to {MAX_MESSAGE_CHARS:,} characters.")
    return sender, message


class WidgetInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("advisor_widget", __name__)
        bodies = {name: (STATIC / name).read_bytes() for name in FILES}  # read once, not per request
        page_headers = widget_headers()

        def serve_file(name: str) -> HTTPResponse:
            headers = (
                page_headers
                if name == "widget.html"
                else {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"}
            )
            return response.raw(bodies[name], content_type=FILES[name], headers=headers)

        @bp.route("/", methods=["GET"], strict_slashes=False)
        async def page(request: Request) -> HTTPResponse:
            return serve_file("widget.html")

        @bp.route("/<name:str>", methods=["GET"])
        async def static_file(request: Request, name: str) -> HTTPResponse:
            if name in ("", "index.html"):  # the prefix with its trailing slash lands here
                return serve_file("widget.html")
            if name not in FILES:
                return error(404, "Not found.")
            return serve_file(name)

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                sender, message = parse_request(request.body)
            except ValueError as err:
                return error(400, str(err))
            collector = CollectingOutputChannel()
            try:
                await asyncio.wait_for(
                    on_new_message(UserMessage(message, collector, sender, input_channel=self.name())), REPLY_TIMEOUT_S
                )
            except Exception:  # the visitor gets a polite line, the log gets the details
                logger.exception("widget: failed to answer a message")
                return error(503, "The advisor could not answer just now. Please try again.")
            return response.json(collector.messages)

        return bp
