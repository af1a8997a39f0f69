"""validate_readiness_form (a rasa-sdk FormValidationAction) and the ask actions, run
with CollectingDispatcher and real rasa-sdk trackers built the way Rasa's FormAction
sends them: the visitor's message, the form's ActionExecuted, then the slot it filled."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List, Optional, Tuple

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher

from actions.actions import ASK_ACTIONS, ValidateReadinessForm
from bot.knowledge.model import KnowledgeBase
from bot.paths import DOMAIN_FILE

DOMAIN: Dict[str, Any] = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))


def message(text: str, intent: str = "nlu_fallback", confidence: float = 0.9) -> Dict[str, Any]:
    return {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": intent, "confidence": confidence}],
        "entities": [],
    }


def tracker(slots: Dict[str, Any], said: Dict[str, Any], candidates: Dict[str, Any]) -> Tracker:
    events: List[Dict[str, Any]] = [
        {"event": "user", "text": said["text"], "parse_data": said},
        {"event": "action", "name": "readiness_form"},
    ] + [{"event": "slot", "name": k, "value": v} for k, v in candidates.items()]
    return Tracker(
        "visitor", {**slots, **candidates}, said, events, False, None, {"name": "readiness_form"}, "action_listen"
    )


def validate(
    slot: str, text: str, slots: Optional[Dict[str, Any]] = None, intent: str = "nlu_fallback"
) -> Tuple[Dict[str, Any], List[str]]:
    """The slots the validator sets and the texts it sends, for a reply to `slot`."""
    dispatcher = CollectingDispatcher()
    state = {"requested_slot": slot, **(slots or {})}
    events = asyncio.run(
        ValidateReadinessForm().run(dispatcher, tracker(state, message(text, intent), {slot: text}), DOMAIN)
    )
    assert all(e["event"] == "slot" for e in events)
    return {e["name"]: e["value"] for e in events}, [m["text"] for m in dispatcher.messages]


def test_a_reply_is_kept_as_its_value() -> None:
    slots, sent = validate("readiness_mentoring", "yeah mostly")
    assert slots["readiness_mentoring"] == "yes" and slots["readiness_unclear"] is False
    assert "requested_slot" not in slots and sent == []
    assert validate("readiness_coordination", "sort of", {"readiness_mentoring": "no"})[0] == {
        "readiness_coordination": "partly",
        "readiness_unclear": False,
        "readiness_resumed": False,
    }


def test_an_unclear_reply_is_asked_again_then_counted_as_not_sure() -> None:
    slots, sent = validate("readiness_mentoring", "banana")
    assert slots["readiness_mentoring"] is None and slots["readiness_unclear"] is True
    assert len(sent) == 1 and "yes or a no" in sent[0]
    slots, sent = validate("readiness_mentoring", "potato", {"readiness_unclear": True})
    assert slots["readiness_mentoring"] == "unsure" and slots["readiness_unclear"] is False
    assert sent == ["I'll count that one as 'not sure' and move on."]


def test_a_question_on_the_way_is_answered_and_the_same_slot_is_asked_again() -> None:
    slots, sent = validate(
        "readiness_business_impact",
        "how much do engineering managers earn?",
        {"readiness_mentoring": "yes"},
        intent="ask_salary",
    )
    assert slots["readiness_business_impact"] is None and slots["readiness_resumed"] is True
    assert "$165,370" in sent[0] and slots.get("topic")  # the answer's context is kept
    dispatcher = CollectingDispatcher()
    events = asyncio.run(
        ASK_ACTIONS["readiness_business_impact"]().run(dispatcher, tracker(slots, message("x"), {}), DOMAIN)
    )
    assert dispatcher.messages[0]["text"].startswith("Back to the readiness check. Question 2 of 5: ")
    assert {"event": "slot", "timestamp": None, "name": "readiness_resumed", "value": False} in events


def test_stop_ends_the_form_through_requested_slot() -> None:
    slots, sent = validate("readiness_coordination", "stop", {"readiness_mentoring": "yes"})
    assert slots["requested_slot"] is None and slots["readiness_coordination"] is None and sent == []
    slots, _ = validate("readiness_mentoring", "bye", intent="goodbye")
    assert slots["requested_slot"] is None


def test_the_experience_reply_fills_the_context_slots() -> None:
    slots, sent = validate("readiness_experience", "about 3 years, degree in physics")
    assert slots["readiness_experience"] == "given" and slots["experience_years"] == 3.0
    assert slots["degree_field"] == "physics" and sent == []
    assert validate("readiness_experience", "skip")[0]["readiness_experience"] == "skipped"


def test_a_slot_the_bot_filled_is_kept_as_it_is() -> None:
    # At activation Rasa validates the slots already filled: experience said before the check.
    dispatcher = CollectingDispatcher()
    said = message("am I suited to management?", "check_readiness")
    events = asyncio.run(
        ValidateReadinessForm().run(dispatcher, tracker({}, said, {"readiness_experience": "known"}), DOMAIN)
    )
    assert [(e["name"], e["value"]) for e in events] == [("readiness_experience", "known")]
    assert dispatcher.messages == []


def test_there_is_a_validate_method_and_an_ask_action_per_sign(kb: KnowledgeBase) -> None:
    validator = ValidateReadinessForm()
    for slot in [f"readiness_{s.id}" for s in kb.readiness_signals] + ["readiness_experience"]:
        assert callable(getattr(validator, f"validate_{slot}")), slot
    with pytest.raises(AttributeError):
        validator.validate_readiness_unclear  # noqa: B018  (not a step)
    executor = ActionExecutor()
    executor.register_package("actions")
    assert {f"action_ask_readiness_{s.id}" for s in kb.readiness_signals} <= set(executor.actions)
    assert "action_ask_readiness_experience" in executor.actions and "validate_readiness_form" in executor.actions
