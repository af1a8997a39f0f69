"""Answer one screened message through Rasa, and turn every failure into a clear reply.

Both channels (REST and the widget) go through `answer_request`. Rasa's own REST
channel answers 200 `[]` when anything fails and logs the visitor's text with a
traceback; here a failure is a 503 with a sentence a visitor can read, and one
log line with the conversation hashed.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from typing import Any, Awaitable, Callable, Dict, List

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.serving.inbound import RequestRejectedError, screen_request
from bot.serving.logs import conversation_tag
from bot.serving.tracker_store import TrackerStoreUnavailableError

logger = logging.getLogger("bot.serving")

REPLY_TIMEOUT_S = 30
COULD_NOT_ANSWER = "I couldn't answer just now, please try again."
NOT_SAVED = "I couldn't answer just now: our conversation could not be saved. Please try again."

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
# Each reply names the visitor message it answers: the id Rasa stores on that message's
# UserUttered event, and what feedback on the reply refers to (bot/serving/feedback.py).
IN_REPLY_TO = "in_reply_to"


def refusal(status: int, reason: str, code: str) -> HTTPResponse:
    return response.json({"error": reason, "reason": code}, status=status)


async def answer_request(
    request: Request, on_new_message: OnNewMessage, channel: str, takes_metadata: bool = False
) -> HTTPResponse:
    """Screen the request, let Rasa answer it, and reply with its messages or the reason it could not.

    Every reply carries `in_reply_to`: the id given here to the visitor's message. `takes_metadata`:
    keep the client's `metadata.contact_url` (the widget's, from the embed tag) with the message.
    """
    try:
        chat = screen_request(request.body or b"", request.headers.get("content-type", ""), takes_metadata)
    except RequestRejectedError as rejected:
        # The reason only: the body may be megabytes of anything.
        logger.info("%s: refused a request (%d %s)", channel, rejected.status, rejected.reason)
        return refusal(rejected.status, rejected.reason, "bad_request")
    tag = conversation_tag(chat.sender)
    collector = CollectingOutputChannel()
    message_id = uuid.uuid4().hex
    metadata = chat.metadata()
    started = time.monotonic()
    try:
        await asyncio.wait_for(
            on_new_message(
                UserMessage(
                    chat.message,
                    collector,
                    chat.sender,
                    input_channel=channel,
                    message_id=message_id,
                    metadata=metadata or None,
                )
            ),
            REPLY_TIMEOUT_S,
        )
    except TrackerStoreUnavailableError as err:
        # Any answer Rasa already produced is dropped: it would read as saved when it was not.
        logger.error("%s: conversation %s not saved, answer withheld: %s", channel, tag, err)
        return refusal(503, NOT_SAVED, "not_saved")
    except asyncio.TimeoutError:
        logger.error("%s: conversation %s: no answer within %d s", channel, tag, REPLY_TIMEOUT_S)
        return refusal(503, COULD_NOT_ANSWER, "timeout")
    except Exception as err:  # whatever broke: the visitor gets a sentence, the log the cause
        logger.error("%s: conversation %s failed: %s: %s", channel, tag, type(err).__name__, err)
        return refusal(503, COULD_NOT_ANSWER, "error")
    messages: List[Dict[str, Any]] = collector.messages
    if not messages:
        # Every turn of this bot says something; silence means an action failed (Rasa logs
        # the cause, e.g. the action server being down) and the visitor would see nothing.
        logger.error("%s: conversation %s got no answer (is the action server up?)", channel, tag)
        return refusal(503, COULD_NOT_ANSWER, "no_answer")
    logger.debug("%s: conversation %s answered in %.0f ms", channel, tag, (time.monotonic() - started) * 1000)
    return response.json([{**m, IN_REPLY_TO: message_id} for m in messages])
