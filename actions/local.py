"""Run action_answer in-process over NLU parses, carrying slots like Rasa does.

Used by the action tests and by `make eval`: the same action code as the
server, with CollectingDispatcher and real rasa-sdk trackers.
"""
from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, List, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import CONTEXT_SLOTS, ActionAnswer

Parse = Callable[[str], Dict[str, Any]]


def nlu_parser(model_path: str) -> Parse:
    """A parse function backed by a trained Rasa model."""
    from rasa.core.agent import Agent

    agent = Agent.load(model_path)
    return lambda text: asyncio.run(agent.parse_message(text))


class LocalConversation:
    def __init__(self, parse: Parse, sender: str = "visitor") -> None:
        self.parse, self.sender = parse, sender
        self.slots: Dict[str, Any] = {s: None for s in CONTEXT_SLOTS}

    def say(self, text: str) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
        """The NLU parse and the messages the action sent."""
        message = self.parse(text)
        tracker = Tracker(self.sender, dict(self.slots), message, [], False, None, {}, "action_listen")
        dispatcher = CollectingDispatcher()
        for event in asyncio.run(ActionAnswer().run(dispatcher, tracker, {})):
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        return message, dispatcher.messages

    def reply(self, text: str) -> str:
        """What a visitor reads: texts and button titles."""
        _, messages = self.say(text)
        parts: List[str] = []
        for m in messages:
            parts.append(m.get("text") or "")
            parts += [str(b["title"]) for b in m.get("buttons") or []]
        return "\n".join(parts)
