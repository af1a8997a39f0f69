"""Thin rasa-sdk adapters: tracker in, `bot` answer out."""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.advice import Advisor, Answer, Context, Question
from bot.advice.readiness import Progress, ReadinessCheck
from bot.knowledge.loader import load
from bot.nlu.vocabulary import load_words
from bot.paths import KNOWN_WORDS, TOPIC_WORDS

CONTEXT_SLOTS = ("role", "program", "aspect", "topic", "citations", "experience_years", "degree_field")
REPLY_SLOT, PROGRESS_SLOT = "readiness_reply", "readiness"
DONE = "done"  # readiness_reply once every question is answered: the form has nothing left to ask


@lru_cache(maxsize=1)
def advisor() -> Advisor:
    return Advisor(load(), load_words(KNOWN_WORDS), load_words(TOPIC_WORDS))


@lru_cache(maxsize=1)
def readiness_check() -> ReadinessCheck:
    return ReadinessCheck(advisor())


def context_from(tracker: Tracker) -> Context:
    citations = tuple(tracker.get_slot("citations") or ())
    return Context(**{s: tracker.get_slot(s) for s in CONTEXT_SLOTS if s != "citations"}, citations=citations)


def question_from(tracker: Tracker) -> Question:
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name") or "nlu_fallback"
    entities = [(e["entity"], str(e["value"])) for e in message.get("entities") or [] if e.get("value")]
    ranking = [
        (r["name"], float(r.get("confidence") or 0)) for r in message.get("intent_ranking") or [] if r.get("name")
    ]
    return Question(
        intent=intent, text=message.get("text") or "", entities=entities, context=context_from(tracker), ranking=ranking
    )


def send(dispatcher: CollectingDispatcher, answer: Answer) -> List[EventType]:
    """Utter an answer; return the context slots it sets."""
    buttons = [{"title": b.title, "payload": b.payload} for b in answer.buttons]
    dispatcher.utter_message(text=answer.text, buttons=buttons or None)
    return [SlotSet(slot, value) for slot, value in answer.updates.items() if slot in CONTEXT_SLOTS]


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        return send(dispatcher, advisor().answer(question_from(tracker)))


class ActionStartReadiness(Action):
    def name(self) -> str:
        return "action_start_readiness"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        uncovered = advisor().uncovered_subject_answer(question_from(tracker))
        if uncovered:  # asks what the sources lack ("will AI replace ...?"): answer, don't start the check
            return send(dispatcher, uncovered) + [FollowupAction("action_listen")]
        intro, progress = readiness_check().start(context_from(tracker))
        return send(dispatcher, intro) + [SlotSet(PROGRESS_SLOT, progress.to_slot()), SlotSet(REPLY_SLOT, None)]


class ActionAskReadinessReply(Action):
    """Asks the check's next question (Rasa calls `action_ask_<slot>` for the form's slot)."""

    def name(self) -> str:
        return "action_ask_readiness_reply"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        question, progress = readiness_check().ask(Progress.from_slot(tracker.get_slot(PROGRESS_SLOT)))
        return send(dispatcher, question) + [SlotSet(PROGRESS_SLOT, progress.to_slot())]


class ValidateReadinessForm(Action):
    """Reads each reply to the check: an answer, a question on the way, unclear, or "stop"."""

    def name(self) -> str:
        return "validate_readiness_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        if tracker.get_slot(REPLY_SLOT) in (None, DONE):
            return []  # nothing new from the visitor (the form is starting or resuming)
        progress = Progress.from_slot(tracker.get_slot(PROGRESS_SLOT))
        turn = readiness_check().take(progress, question_from(tracker))
        events: List[EventType] = []
        for message in turn.messages:
            events += send(dispatcher, message)
        events += [SlotSet(slot, value) for slot, value in turn.updates.items() if slot in CONTEXT_SLOTS]
        events.append(SlotSet(PROGRESS_SLOT, turn.progress.to_slot()))
        if turn.stopped:
            return events + [SlotSet(REPLY_SLOT, None), SlotSet("requested_slot", None)]
        return events + [SlotSet(REPLY_SLOT, DONE if turn.finished else None)]


class ActionReadinessResult(Action):
    def name(self) -> str:
        return "action_readiness_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        progress = Progress.from_slot(tracker.get_slot(PROGRESS_SLOT))
        verdict = readiness_check().verdict(progress, context_from(tracker))
        return send(dispatcher, verdict) + [SlotSet(REPLY_SLOT, None)]
