"""Run the actions in-process over NLU parses, carrying slots like Rasa does.

Used by the action tests and by `make eval`: the same action code as the
server, with CollectingDispatcher and real rasa-sdk trackers. The readiness
form is followed as data/rules.yml and Rasa's form loop run it: start, ask;
then validate each reply and ask again, until it is finished or left.
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, List, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    CONTEXT_SLOTS,
    DONE,
    PROGRESS_SLOT,
    REPLY_SLOT,
    ActionAnswer,
    ActionAskReadinessReply,
    ActionReadinessResult,
    ActionStartReadiness,
    ValidateReadinessForm,
)

Parse = Callable[[str], Dict[str, Any]]


def nlu_parser(model_path: str) -> Parse:
    """A parse function backed by a trained Rasa model."""
    from rasa.core.agent import Agent

    agent = Agent.load(model_path)
    return lambda text: asyncio.run(agent.parse_message(text))


class LocalConversation:
    def __init__(self, parse: Parse, sender: str = "visitor") -> None:
        self.parse, self.sender = parse, sender
        self.slots: Dict[str, Any] = {s: None for s in (*CONTEXT_SLOTS, PROGRESS_SLOT, REPLY_SLOT)}
        self.in_readiness_form = False

    def _run(self, action: Action, message: Dict[str, Any], dispatcher: CollectingDispatcher) -> Dict[str, Any]:
        """Run an action; return the slots it changed (and "followup", if it named the next action)."""
        tracker = Tracker(
            self.sender,
            dict(self.slots),
            message,
            [],
            False,
            None,
            {"name": "readiness_form"} if self.in_readiness_form else {},
            "action_listen",
        )
        changed = {}
        for event in asyncio.run(action.run(dispatcher, tracker, {})):
            if event.get("event") == "slot":
                self.slots[event["name"]] = changed[event["name"]] = event["value"]
            elif event.get("event") == "followup":
                changed["followup"] = event["name"]
        return changed

    def say(self, text: str) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
        """The NLU parse and the messages the actions sent."""
        message = self.parse(text)
        dispatcher = CollectingDispatcher()
        if self.in_readiness_form:
            self.slots[REPLY_SLOT] = text
            changed = self._run(ValidateReadinessForm(), message, dispatcher)
            if "requested_slot" in changed or self.slots[REPLY_SLOT] == DONE:
                self.in_readiness_form = False
                self._run(ActionReadinessResult(), message, dispatcher)
            else:
                self._run(ActionAskReadinessReply(), message, dispatcher)
        elif (message.get("intent") or {}).get("name") == "check_readiness":
            started = self._run(ActionStartReadiness(), message, dispatcher)
            if started.get("followup") != "action_listen":  # Rasa runs a follow-up action before the rules
                self.in_readiness_form = True
                self._run(ActionAskReadinessReply(), message, dispatcher)
        else:
            self._run(ActionAnswer(), message, dispatcher)
        return message, dispatcher.messages

    def reply(self, text: str) -> str:
        """What a visitor reads: texts and button titles."""
        _, messages = self.say(text)
        parts: List[str] = []
        for m in messages:
            parts.append(m.get("text") or "")
            parts += [str(b["title"]) for b in m.get("buttons") or []]
        return "\n".join(parts)
