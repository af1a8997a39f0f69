"""Run the actions in-process over NLU parses, carrying slots like Rasa does.

Used by the action tests and by `make eval`: the same action code as the
server, with CollectingDispatcher and real rasa-sdk trackers. The readiness
form is followed as data/rules/readiness.yml and Rasa 3.6's FormAction run it
(rasa/core/actions/forms.py): the start action, then the form activates,
validates the slots already filled and asks for the first empty required slot
with `action_ask_<slot>`. Each reply fills the requested slot (the from_text
mapping, as action_extract_slots does), validate_readiness_form reads it, and
the form asks for the next empty slot; when none is left, or the validator set
requested_slot to None, the form deactivates and the verdict rule runs.
The tracker carries the conversation's earlier events as Rasa's does (visitor
messages with their metadata, bot messages with the answer kind in theirs).
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, Dict, List, Optional, Tuple

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ANSWER_KIND,
    ASK_ACTIONS,
    READINESS_FORM,
    ActionAnswer,
    ActionReadinessResult,
    ActionStartReadiness,
    ValidateReadinessForm,
)
from bot.paths import DOMAIN_FILE

Parse = Callable[[str], Dict[str, Any]]
REQUESTED_SLOT = "requested_slot"


def nlu_parser(model_path: str) -> Parse:
    """A parse function backed by a trained Rasa model."""
    from rasa.core.agent import Agent

    agent = Agent.load(model_path)
    return lambda text: asyncio.run(agent.parse_message(text))


class LocalConversation:
    def __init__(self, parse: Parse, sender: str = "visitor") -> None:
        self.parse, self.sender = parse, sender
        self.domain: Dict[str, Any] = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))
        self.slots: Dict[str, Any] = {s: None for s in (*self.domain["slots"], REQUESTED_SLOT)}
        self.active_loop: Optional[str] = None
        self.required = list(self.domain["forms"][READINESS_FORM]["required_slots"])
        self.history: List[Dict[str, Any]] = []  # earlier turns' user and bot events

    @property
    def in_readiness_form(self) -> bool:
        return self.active_loop == READINESS_FORM

    def _run(
        self,
        action: Action,
        message: Dict[str, Any],
        dispatcher: CollectingDispatcher,
        candidates: Optional[Dict[str, Any]] = None,
    ) -> Dict[str, Any]:
        """Run an action; return the slots it set (and "followup", if it named the next action).

        `candidates` are slots set since the message, as FormAction appends them to the tracker
        it sends the validation action (rasa-sdk's `slots_to_validate` reads them from there).
        """
        # As Rasa stores it: the event's text as the visitor typed it, parse_data's as the NLU read it (normalised).
        user = {"event": "user", "text": message.get("text_original", message.get("text")), "parse_data": message}
        events: List[Dict[str, Any]] = [*self.history, {**user, "metadata": message.get("metadata") or {}}]
        events += [{"event": "action", "name": READINESS_FORM}] if candidates is not None else []
        events += [{"event": "slot", "name": k, "value": v} for k, v in (candidates or {}).items()]
        tracker = Tracker(
            self.sender,
            dict(self.slots),
            message,
            events,
            False,
            None,
            {"name": self.active_loop} if self.active_loop else {},
            "action_listen",
        )
        changed: Dict[str, Any] = {}
        for event in asyncio.run(action.run(dispatcher, tracker, self.domain)):
            if event.get("event") == "slot":
                self.slots[event["name"]] = changed[event["name"]] = event["value"]
            elif event.get("event") == "followup":
                changed["followup"] = event["name"]
        return changed

    def _extract_slots(self, text: str) -> Dict[str, Any]:
        """action_extract_slots: fill the from_text slots whose conditions hold."""
        filled = {}
        for slot, spec in self.domain["slots"].items():
            for mapping in spec.get("mappings") or []:
                conditions = mapping.get("conditions") or [{}]
                if mapping.get("type") == "from_text" and any(
                    c.get("active_loop") == self.active_loop
                    and c.get("requested_slot", self.slots[REQUESTED_SLOT]) == self.slots[REQUESTED_SLOT]
                    for c in conditions
                ):
                    filled[slot] = self.slots[slot] = text
        return filled

    def _form(self, message: Dict[str, Any], dispatcher: CollectingDispatcher, candidates: Dict[str, Any]) -> None:
        """One run of the form: validate, then ask for the next empty slot or deactivate (and give the verdict)."""
        changed = self._run(ValidateReadinessForm(), message, dispatcher, candidates) if candidates else {}
        stopped = REQUESTED_SLOT in changed and changed[REQUESTED_SLOT] is None
        next_slot = None if stopped else next((s for s in self.required if self.slots[s] is None), None)
        self.slots[REQUESTED_SLOT] = next_slot
        if next_slot:
            self._run(ASK_ACTIONS[next_slot](), message, dispatcher)
            return
        self.active_loop = None  # the rule "readiness check finished or left"
        self._run(ActionReadinessResult(), message, dispatcher)

    def say(self, text: str, metadata: Optional[Dict[str, Any]] = None) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
        """The NLU parse and the messages the actions sent; `metadata` as a channel would attach it."""
        message = self.parse(text)
        if metadata:
            message = {**message, "metadata": metadata}
        dispatcher = CollectingDispatcher()
        if self.in_readiness_form:
            extracted = self._extract_slots(message.get("text") or text)
            if not extracted:
                raise AssertionError(f"the form would reject {text!r}: nothing filled {self.slots[REQUESTED_SLOT]}")
            self._form(message, dispatcher, extracted)
        elif (message.get("intent") or {}).get("name") == "check_readiness":
            started = self._run(ActionStartReadiness(), message, dispatcher)
            if started.get("followup") != "action_listen":  # Rasa runs a follow-up action before the rules
                self.active_loop = READINESS_FORM
                prefilled = {s: self.slots[s] for s in self.required if self.slots[s] is not None}
                self._form(message, dispatcher, prefilled)
        else:
            self._run(ActionAnswer(), message, dispatcher)
        self.history.append(
            {
                "event": "user",
                "text": message.get("text_original", message.get("text")),
                "parse_data": message,  # as Rasa stores it: what NLU read, for a follow-up that swaps a name
                "metadata": message.get("metadata") or {},
            }
        )
        self.history += [
            {"event": "bot", "text": m.get("text"), "metadata": {ANSWER_KIND: m.get(ANSWER_KIND)}}
            for m in dispatcher.messages
        ]
        return message, dispatcher.messages

    def reply(self, text: str, metadata: Optional[Dict[str, Any]] = None) -> str:
        """What a visitor reads: texts and button titles."""
        _, messages = self.say(text, metadata)
        parts: List[str] = []
        for m in messages:
            parts.append(m.get("text") or "")
            parts += [str(b["title"]) for b in m.get("buttons") or []]
        return "\n".join(parts)
