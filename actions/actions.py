"""Thin rasa-sdk adapter: tracker in, `bot.answers.Advisor` answer out."""
from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import KNOWN_WORDS
from bot.answers import Advisor, Context, Question
from bot.inputs import load_known_words
from bot.kb.loader import load

CONTEXT_SLOTS = ("role", "program", "aspect", "topic", "citations", "experience_years", "degree_field")


@lru_cache(maxsize=1)
def advisor() -> Advisor:
    return Advisor(load(), load_known_words(KNOWN_WORDS))


def question_from(tracker: Tracker) -> Question:
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name") or "nlu_fallback"
    entities = [(e["entity"], str(e["value"])) for e in message.get("entities") or [] if e.get("value")]
    citations = tuple(tracker.get_slot("citations") or ())
    context = Context(**{s: tracker.get_slot(s) for s in CONTEXT_SLOTS if s != "citations"}, citations=citations)
    ranking = [(r["name"], float(r.get("confidence") or 0)) for r in message.get("intent_ranking") or []
               if r.get("name")]
    return Question(intent=intent, text=message.get("text") or "", entities=entities, context=context,
                    ranking=ranking)


class ActionAnswer(Action):
    def name(self) -> Text:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[EventType]:
        answer = advisor().answer(question_from(tracker))
        buttons = [{"title": b.title, "payload": b.payload} for b in answer.buttons]
        dispatcher.utter_message(text=answer.text, buttons=buttons or None)
        return [SlotSet(slot, value) for slot, value in answer.updates.items() if slot in CONTEXT_SLOTS]
