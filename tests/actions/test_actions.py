"""The rasa-sdk action with CollectingDispatcher and real trackers.

Messages are parsed by the trained NLU model (not hand-made intents), so these
tests cover NLU, entity resolution, the action and the slots it sets together.
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

import pytest

from tests.conftest import MODEL
from tests.harness import LocalConversation, nlu_parser


@pytest.fixture(scope="module")
def parse():
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train`")
    return nlu_parser(str(MODEL))


class Conversation(LocalConversation):
    def say(self, text: str) -> Tuple[Dict[str, Any], str]:  # type: ignore[override]
        message, sent = super().say(text)
        assert sent
        return message, "\n".join(
            m["text"] + "\n" + "\n".join(b["title"] for b in m.get("buttons") or []) for m in sent
        )


@pytest.fixture
def chat(parse) -> Conversation:
    return Conversation(parse)


@pytest.mark.parametrize(
    "text,intent,expected",
    [
        ("What is engineering management, exactly?", "ask_definition", ["interdisciplinary"]),
        (
            "Must I hold a master's degree to be an engineering manager?",
            "ask_need_masters",
            ["not required", "five years"],
        ),
        ("how much does an engineering manager earn a year?", "ask_salary", ["$165,370"]),
        ("what bump in pay does a master's give?", "ask_earnings_boost", ["18%"]),
        ("are engineering manager roles on the rise?", "ask_outlook", ["4%"]),
        (
            "what jobs does a master's in engineering management open up?",
            "ask_jobs",
            ["Systems engineer", "Business analyst"],
        ),
        ("what does a manufacturing engineer do?", "ask_role", ["material processing"]),
        ("is a master's in engineering management worth it?", "ask_worth_it", ["$165,370", "4%", "experiential"]),
        ("is engineering management a good career?", "ask_good_career", ["stability"]),
        ("how does engineering differ from engineering management?", "ask_difference", ["orchestrates"]),
        ("who is engineering management for?", "ask_fit", ["mentoring", "jargon", "Check if it suits me"]),
        ("is management right for me?", "check_readiness", ["mentoring others", "Question 1 of 5"]),
        ("how do I make the move from engineer to manager?", "ask_transition", ["leadership"]),
        ("which sectors need engineering managers?", "ask_sectors", ["aerospace", "healthcare"]),
        ("what accreditation does the Leeds MSc have?", "ask_program", ["Chartered Management Institute"]),
    ],
)
def test_question_families(chat: Conversation, text: str, intent: str, expected: List[str]) -> None:
    message, reply = chat.say(text)
    assert message["intent"]["name"] == intent
    for fact in expected:
        assert fact in reply
    assert "Source" in reply


def test_an_unsure_guess_still_offers_the_right_topic(chat: Conversation) -> None:
    # Answered (definition or the short summary), or offered as a "Did you mean" button.
    _, reply = chat.say("What is engineering management, in a nutshell?")
    assert any(s in reply for s in ("interdisciplinary", "leadership, strategy", "What is engineering management?"))


def test_role_follow_up_keeps_context(chat: Conversation) -> None:
    chat.say("What does a product manager do?")
    assert chat.slots["role"] == "product_manager"
    _, reply = chat.say("and a quality engineer?")
    assert "quality of manufactured goods" in reply and chat.slots["role"] == "quality_engineer"
    _, reply = chat.say("where does that come from?")
    assert "Jobs you can get with a master's in engineering management" in reply


def test_program_follow_up_keeps_context(chat: Conversation) -> None:
    chat.say("Tell me about the Leeds online MSc")
    assert chat.slots["program"] == "leeds_msc_em"
    _, reply = chat.say("and the modules?")
    assert "Decision Making for Engineering Managers" in reply


def test_a_feature_asked_with_it_is_the_programs_just_discussed(chat: Conversation) -> None:
    chat.say("Tell me about the Leeds online MSc")
    _, reply = chat.say("is it accredited?")
    assert "Chartered Management Institute" in reply


@pytest.mark.parametrize(
    "text", ["do engineering managers look after budgets?", "what fills an engineering manager's working week?"]
)
def test_what_managers_do_through_the_real_nlu(chat: Conversation, text: str) -> None:
    _, reply = chat.say(text)
    assert "managing budgets" in reply and "mentoring staff" in reply


def test_aspect_follow_up(chat: Conversation) -> None:
    chat.say("what's the difference between an engineer and an engineering manager?")
    _, reply = chat.say("what about daily tasks?")
    assert "creating, testing and refining" in reply and chat.slots["aspect"] == "daily_tasks"


@pytest.mark.parametrize(
    "text",
    [
        "What does the Leeds MSc cost?",
        "what are the entry requirements for Northeastern?",
        "when is the application deadline for the Leeds course?",
    ],
)
def test_sources_dont_say(chat: Conversation, text: str) -> None:
    _, reply = chat.say(text)
    assert "don't cover" in reply
    assert "£" not in reply and "$" not in reply


@pytest.mark.parametrize(
    "text",
    [
        "What time is it in Tokyo?",
        "Write a haiku about the sea",
        "Do I need a master's to become an architect?",
        "what's the salary of a nurse?",
    ],
)
def test_out_of_scope_is_declined_politely(chat: Conversation, text: str) -> None:
    _, reply = chat.say(text)
    assert "Sorry" in reply
    assert "five years" not in reply and "$" not in reply


def test_readiness_check_through_the_actions_and_real_nlu(chat: Conversation) -> None:
    _, opening = chat.say("Would I make a good engineering manager?")
    assert "Question 1 of 5" in opening
    _, reply = chat.say("yep, I mentor two juniors")
    assert "Question 2 of 5" in reply
    _, reply = chat.say("what does a program manager do?")
    assert "program manager" in reply.lower() and "Back to the readiness check. Question 2 of 5" in reply
    for text in ("not really", "sometimes", "no", "kind of"):
        _, reply = chat.say(text)
    assert "how many years" in reply
    _, verdict = chat.say("two years, degree in economics")
    assert "Verdict: mixed" in verdict and "about 2 years" in verdict and "economics" in verdict
    assert chat.slots["experience_years"] == 2.0 and not chat.in_readiness_form
    _, after = chat.say("do I need a master's?")
    assert "about 2 years" in after  # what they said in the check is remembered


def test_a_fit_question_about_an_uncovered_subject_does_not_start_the_check(chat: Conversation) -> None:
    _, reply = chat.say("will AI replace engineering managers?")
    assert "don't cover whether AI or automation" in reply and "Question 1 of 5" not in reply
    assert not chat.in_readiness_form


def test_the_check_start_action_answers_an_uncovered_subject_and_listens() -> None:
    import asyncio

    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.actions import ActionStartReadiness

    message = {
        "text": "am I suited to management now that AI is coming?",
        "intent": {"name": "check_readiness"},
        "entities": [{"entity": "gap", "value": "AI"}],
    }
    tracker = Tracker("visitor", {}, message, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionStartReadiness().run(dispatcher, tracker, {}))
    assert {"event": "followup", "timestamp": None, "name": "action_listen"} in events  # the form does not start
    assert "don't cover whether AI or automation" in dispatcher.messages[0]["text"]
    started = asyncio.run(
        ActionStartReadiness().run(
            CollectingDispatcher(),
            Tracker("visitor", {}, {**message, "entities": []}, [], False, None, {}, "action_listen"),
            {},
        )
    )
    assert not any(e.get("event") == "followup" for e in started)  # without the gap, the check starts


@pytest.mark.parametrize(
    ("text", "intent", "kind"),
    [
        ("what does an engineering manager earn?", "ask_salary", "answer"),
        ("what's a good lasagne recipe?", "out_of_scope", "decline"),
        ("zxqv wpfk", "nlu_fallback", "not_understood"),
    ],
)
def test_each_answer_records_how_it_ended_for_the_owners_report(text: str, intent: str, kind: str) -> None:
    """The kind rides in the bot event's metadata (the report reads it); the visitor never sees it."""
    import asyncio

    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.actions import ANSWER_KIND, ActionAnswer

    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswer().run(dispatcher, Tracker("visitor", {}, message, [], False, None, {}, ""), {}))
    assert dispatcher.messages[0][ANSWER_KIND] == kind


def test_the_action_server_code_stays_light() -> None:
    # The actions answer from the compiled KB and word lists; spaCy (and with it thinc and
    # TensorFlow, ~430 MB) belongs to the Rasa server only.
    import subprocess
    import sys

    code = (
        "import sys; from actions.actions import advisor, readiness_check; from bot.advice.advisor import Question;"
        "advisor().answer(Question('ask_salary', 'how much do engineering managers earn in the UK?'));"
        "readiness_check(); print(sorted(m for m in ('spacy', 'tensorflow', 'rasa') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "text",
    [
        "what does au revoir mean",
        "how many minutes are in an hour",
        "remind me to water the plants on friday",
        "what's the cheapest train to Manchester",
        "my washing machine won't drain",
    ],
)
def test_everyday_requests_are_declined_by_the_real_nlu(chat: Conversation, text: str) -> None:
    _, reply = chat.say(text)
    assert reply.startswith("Sorry") and "$165,370" not in reply and "18%" not in reply


@pytest.mark.parametrize(
    "text,expected",
    [
        ("what do engineering managers earn, and do they need a master's?", ["$165,370", "not required"]),
        ("Is the Leeds course online? And what does a systems engineer do?", ["online", "systems"]),
    ],
)
def test_each_question_of_a_message_is_answered_through_the_real_nlu(
    chat: Conversation, text: str, expected: List[str]
) -> None:
    message, reply = chat.say(text)
    assert len([e for e in message["entities"] if e["entity"] == "question"]) == 2
    for fact in expected:
        assert fact in reply, reply


def test_an_age_is_not_experience_and_does_not_push_the_question_out_of_scope(chat: Conversation) -> None:
    _, reply = chat.say("I'm a 41-year-old engineer, do I need a master's?")
    assert "not required" in reply and "41" not in reply and "You said" not in reply
