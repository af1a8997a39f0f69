"""A Rasa input channel that serves the chat widget and answers it.

Mounted at /webhooks/widget/: the page (`/`), its files, the embed loader
(`/embed.js`), the message endpoint (`/webhook`) and ratings of answers (`/feedback`). Page and endpoint share
one origin, so the widget needs no CORS. Register it in credentials.yml as
`bot.serving.web.channel.WidgetInput`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Optional

from rasa.core.channels.channel import InputChannel
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.serving.answering import OnNewMessage, answer_request
from bot.serving.feedback import receive_feedback
from bot.serving.web.config import widget_headers

STATIC = Path(__file__).parent / "static"
# File name -> content type; only these are served.
FILES = {
    "widget.html": "text/html; charset=utf-8",
    "widget.js": "application/javascript; charset=utf-8",
    "widget.css": "text/css; charset=utf-8",
    "embed.js": "application/javascript; charset=utf-8",
}


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message}, status=status)


class WidgetInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "widget"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
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
            # The widget sends the embed tag's contact for a person as metadata.contact_url.
            return await answer_request(request, on_new_message, self.name(), takes_metadata=True)

        @bp.route("/feedback", methods=["POST"])
        async def feedback(request: Request) -> HTTPResponse:
            return await receive_feedback(request, self.name())

        return bp
