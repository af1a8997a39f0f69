"""Thin rasa-sdk adapters: tracker in, `bot` answer out."""

from __future__ import annotations

from abc import ABC, ABCMeta, abstractmethod
from dataclasses import asdict
from functools import lru_cache, partial
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple, Type, cast

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import REQUESTED_SLOT
from rasa_sdk.types import DomainDict

from bot.advice import Advisor, Answer, AnswerKind, Context, Question
from bot.advice.answers.handoff import with_contact_offer
from bot.advice.readiness import Progress, ReadinessCheck
from bot.advice.types import QuestionPart, Said
from bot.contact import CONTACT_METADATA, contact_url, usable_contact_url
from bot.knowledge.loader import load
from bot.knowledge.slots import EXPERIENCE, RESUMED_SLOT, UNCLEAR_SLOT, slot_for
from bot.language.vocabulary import load_words
from bot.paths import CHAT_WORDS, KNOWN_WORDS, TOPIC_WORDS

QUESTION_ENTITY = "question"  # one question of a message (bot/nlu/question_classifier.py)
CONTEXT_SLOTS = ("role", "program", "aspect", "topic", "citations", "experience_years", "degree_field")
READINESS_FORM = "readiness_form"
ANSWER_KIND = "answer_kind"  # bot event metadata: answer, not_covered, decline, not_understood, chitchat
READINESS_OUTCOME = "readiness_outcome"  # the verdict's metadata: {"finished": bool, "verdict": level}


@lru_cache(maxsize=1)
def advisor() -> Advisor:
    return Advisor(load(), load_words(KNOWN_WORDS), load_words(TOPIC_WORDS), load_words(CHAT_WORDS))


@lru_cache(maxsize=1)
def readiness_check() -> ReadinessCheck:
    return ReadinessCheck(advisor())


def context_from(tracker: Tracker) -> Context:
    citations = tuple(tracker.get_slot("citations") or ())
    return Context(**{s: tracker.get_slot(s) for s in CONTEXT_SLOTS if s != "citations"}, citations=citations)


def question_from(tracker: Tracker) -> Question:
    """The visitor's latest message as the advisor reads it: intent, entities, its questions, the context."""
    message = tracker.latest_message or {}
    text = message.get("text") or ""
    intent = (message.get("intent") or {}).get("name") or "nlu_fallback"
    extracted = [e for e in message.get("entities") or [] if e.get("value")]
    entities = [(e["entity"], str(e["value"])) for e in extracted if e["entity"] != QUESTION_ENTITY]
    ranking = [
        (r["name"], float(r.get("confidence") or 0)) for r in message.get("intent_ranking") or [] if r.get("name")
    ]
    parts, background = questions_in(text, extracted)
    return Question(
        intent=intent,
        text=text,
        entities=entities,
        context=context_from(tracker),
        ranking=ranking,
        parts=parts,
        background=background,
        contact_url=usable_contact_url((message.get("metadata") or {}).get(CONTACT_METADATA)),
        previous=previous_message(tracker),
    )


def previous_message(tracker: Tracker) -> Optional[Said]:
    """The visitor's message before the latest one, with what it named and the words it named it by."""
    users = [e for e in reversed(tracker.events) if e.get("event") == "user"]
    if len(users) < 2:
        return None
    parse = users[1].get("parse_data") or {}
    text = parse.get("text") or users[1].get("text") or ""  # the text NLU read (spelling put right): spans index it
    mentions = [
        (e["entity"], str(e["value"]), text[int(e["start"]) : int(e["end"])])
        for e in parse.get("entities") or []
        if e.get("value") and e.get("entity") != QUESTION_ENTITY and "start" in e and "end" in e
    ]
    return Said(text, (parse.get("intent") or {}).get("name") or "", mentions)


def previous_reply_kind(tracker: Tracker) -> Optional[str]:
    """The answer kind of the bot's last message before this turn (None if there is none or it has no kind)."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return (event.get("metadata") or {}).get(ANSWER_KIND)
    return None


def questions_in(text: str, extracted: List[Dict[str, Any]]) -> Tuple[List[QuestionPart], str]:
    """The message's questions (from the `question` entities) with the entities inside each, and the rest of it."""
    spans = sorted((e for e in extracted if e["entity"] == QUESTION_ENTITY), key=lambda e: e["start"])
    if not spans:
        return [], ""  # no question found inside: the whole text is the question, none of it background
    parts, background, cursor = [], [], 0
    for span in spans:
        start, end = int(span["start"]), int(span["end"])
        inside = [
            (e["entity"], str(e["value"]))
            for e in extracted
            if e["entity"] != QUESTION_ENTITY and start <= int(e.get("start", -1)) < end
        ]
        confidence = float(span.get("confidence_entity") or 0.0)
        parts.append(QuestionPart(str(span["value"]), text[start:end], inside, confidence))
        background.append(text[cursor:start])
        cursor = end
    background.append(text[cursor:])
    return parts, " ".join(b.strip() for b in background if b.strip())


def send(
    dispatcher: CollectingDispatcher, answer: Answer, metadata: Optional[Dict[str, Any]] = None
) -> List[EventType]:
    """Utter an answer; return the context slots it sets."""
    buttons = [{"title": b.title, "payload": b.payload} for b in answer.buttons]
    # The kind (and any `metadata`) go into the stored bot event's metadata, not to the visitor: for the owner's report.
    extra = {ANSWER_KIND: answer.kind.value, **(metadata or {})}
    dispatcher.utter_message(text=answer.text, buttons=buttons or None, **extra)
    return [SlotSet(slot, value) for slot, value in answer.updates.items() if slot in CONTEXT_SLOTS]


class ActionAnswer(Action):
    def name(self) -> str:
        return "action_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        question = question_from(tracker)
        answer = advisor().answer(question)
        if answer.kind == AnswerKind.NOT_UNDERSTOOD and previous_reply_kind(tracker) == AnswerKind.NOT_UNDERSTOOD:
            # Two replies in a row that were not understood: the visitor may do better with a person.
            answer = with_contact_offer(answer, advisor().kb, contact_url(question.contact_url))
        return send(dispatcher, answer)


def step_slots() -> Dict[str, str]:
    """The readiness form's slots (domain.yml, checked against the KB by `python -m bot build`) and their steps."""
    return {slot_for(step): step for step in readiness_check().steps}


def progress_from(tracker: Tracker, skip: str = "") -> Progress:
    return Progress.from_slots(tracker.slots, [s.id for s in readiness_check().signals], skip=skip or None)


class ActionStartReadiness(Action):
    """Introduces the check and clears the form's slots; the `readiness_form` rule then asks the questions."""

    def name(self) -> str:
        return "action_start_readiness"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        instead = advisor().instead_of_fit_check(question_from(tracker))
        if instead is not None:  # the message doesn't ask for the check: answer it, don't start the form
            return send(dispatcher, instead) + [FollowupAction("action_listen")]
        intro, progress = readiness_check().start(context_from(tracker))
        # Experience said earlier fills its slot, so the form does not ask for it.
        cleared = [SlotSet(slot, None) for slot in step_slots()] + [SlotSet(slot_for(EXPERIENCE), progress.experience)]
        return (
            send(dispatcher, intro)
            + cleared
            + [SlotSet(UNCLEAR_SLOT, False), SlotSet(RESUMED_SLOT, False), SlotSet(REQUESTED_SLOT, None)]
        )


class ActionAskReadinessStep(Action, ABC):
    """Asks one step of the check. Rasa's form runs `action_ask_<slot>` for the slot it requests; one
    subclass per step is made below from the KB, so no question is copied into domain.yml."""

    @property
    @abstractmethod
    def slot(self) -> str: ...

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        question = readiness_check().ask(step_slots()[self.slot], resumed=bool(tracker.get_slot(RESUMED_SLOT)))
        return send(dispatcher, question) + [SlotSet(RESUMED_SLOT, False)]


# rasa-sdk's executor registers every non-abstract Action subclass, these included.
ASK_ACTIONS: Dict[str, Type[ActionAskReadinessStep]] = {
    slot: cast(Type[ActionAskReadinessStep], ABCMeta(f"ActionAsk_{slot}", (ActionAskReadinessStep,), {"slot": slot}))
    for slot in step_slots()
}

Validator = Callable[[Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[Dict[str, Any]]]


class ValidateReadinessForm(FormValidationAction):
    """Reads each reply to the check: an answer, a question on the way, unclear, or "stop".

    rasa-sdk calls `validate_<slot>` for the slot Rasa just filled with the visitor's text (the
    from_text mapping); there is one per step, `validate_readiness_<sign id>` and
    `validate_readiness_experience`, all reading the reply with `ReadinessCheck.take`. The slot
    keeps the reply's value; None asks the same question again; "stop" sets `requested_slot` to
    None, which makes Rasa's FormAction deactivate the form (then the verdict rule runs).
    """

    def name(self) -> str:
        return "validate_readiness_form"

    def __getattr__(self, name: str) -> Validator:
        slot = name.removeprefix("validate_")
        if name.startswith("validate_") and slot in step_slots():
            return partial(self.validate_step, slot)
        raise AttributeError(name)

    async def validate_step(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        if tracker.get_slot(REQUESTED_SLOT) != slot:
            return {slot: value}  # filled by the bot (experience known at the start), not a reply
        progress = progress_from(tracker, skip=step_slots()[slot])
        turn = readiness_check().take(progress, step_slots()[slot], question_from(tracker))
        slots: Dict[str, Any] = {}
        for message in turn.messages:
            slots.update((e["name"], e["value"]) for e in send(dispatcher, message))
        slots.update((k, v) for k, v in turn.updates.items() if k in CONTEXT_SLOTS)
        slots.update({slot: turn.value, UNCLEAR_SLOT: turn.progress.unclear, RESUMED_SLOT: turn.progress.resumed})
        if turn.stopped:
            slots[REQUESTED_SLOT] = None
        return slots


class ActionReadinessResult(Action):
    def name(self) -> str:
        return "action_readiness_result"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        progress = progress_from(tracker)
        verdict = readiness_check().verdict(progress, context_from(tracker))
        return send(dispatcher, verdict, {READINESS_OUTCOME: asdict(readiness_check().outcome(progress))})
