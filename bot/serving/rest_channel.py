"""Rasa's REST channel with every request screened first (registered in credentials.yml).

Same path (/webhooks/rest/webhook) and the same reply (a JSON list of bot
messages) as Rasa's `rest`. What differs: bad requests get a 4xx with a
reason instead of a 500 or a crash; failures get a 503 instead of 200 `[]`;
`input_channel`, `metadata` and `?stream=` from the client are not taken.
Every reply carries `in_reply_to`, which `POST /webhooks/rest/feedback` rates.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

from rasa.core.channels.channel import InputChannel
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.serving.answering import OnNewMessage, answer_request
from bot.serving.feedback import receive_feedback


class ScreenedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"  # keeps the path /webhooks/rest/

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        return cls()

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        bp = Blueprint("screened_rest", __name__)

        @bp.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return await answer_request(request, on_new_message, self.name())

        @bp.route("/feedback", methods=["POST"])
        async def feedback(request: Request) -> HTTPResponse:
            return await receive_feedback(request, self.name())

        return bp
