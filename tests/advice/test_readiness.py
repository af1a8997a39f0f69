"""The readiness check in `bot/advice/readiness.py`: reading replies, the flow, the verdict."""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest

from bot.advice import Advisor, Answer, Context, Question
from bot.advice.readiness import (
    EXPERIENCE,
    NO_VERDICT,
    RESUMED_SLOT,
    UNCLEAR_SLOT,
    Progress,
    ReadinessCheck,
    Reply,
    interpret,
    slot_for,
    wants_to_stop,
)


@pytest.fixture
def check(advisor: Advisor) -> ReadinessCheck:
    return ReadinessCheck(advisor)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("yes", Reply.YES),
        ("Yeah mostly", Reply.YES),
        ("I love it", Reply.YES),
        ("definitely!", Reply.YES),
        ("yep, all the time", Reply.YES),
        ("I enjoy that a lot", Reply.YES),
        ("not really", Reply.NO),
        ("nope", Reply.NO),
        ("absolutely not", Reply.NO),
        ("I don't", Reply.NO),
        ("never", Reply.NO),
        ("nah", Reply.NO),
        ("sometimes", Reply.PARTLY),
        ("yes, sometimes", Reply.PARTLY),
        ("kind of", Reply.PARTLY),
        ("not always", Reply.PARTLY),
        ("a little bit", Reply.PARTLY),
        ("I don't mind it", Reply.PARTLY),
        ("not sure", Reply.UNSURE),
        ("no idea", Reply.UNSURE),
        ("I don't know", Reply.UNSURE),
        ("banana", None),
        ("what is the salary?", None),
        ("tell me about Leeds", None),
    ],
)
def test_free_text_replies_are_understood(text: str, expected: Optional[Reply]) -> None:
    assert interpret(text) == expected


@pytest.mark.parametrize(
    "text",
    ["stop", "Stop please", "never mind", "cancel", "forget it", "I want to stop", "let's stop", "no more questions"],
)
def test_ways_of_leaving(text: str) -> None:
    assert wants_to_stop(text)


@pytest.mark.parametrize("text", ["no", "not really", "what does a project manager do?", "sometimes"])
def test_replies_are_not_leaving(text: str) -> None:
    assert not wants_to_stop(text)


class Run:
    """Drives the check as the form does: start, then take a reply to the step asked and ask the next."""

    def __init__(self, check: ReadinessCheck, context: Context = Context()) -> None:
        self.check, self.context = check, context
        intro, self.progress = check.start(context)
        self.sent: List[str] = [intro.text, self._ask()]
        self.verdict: Optional[Answer] = None

    def _ask(self) -> str:
        step = self.check.next_step(self.progress)
        assert step is not None
        question = self.check.ask(step, self.progress.resumed)
        self.progress.resumed = False
        return question.text

    def say(self, text: str, intent: str = "nlu_fallback", confidence: float = 0.9) -> List[str]:
        step = self.check.next_step(self.progress)
        assert step is not None
        turn = self.check.take(
            self.progress, step, Question(intent, text, context=self.context, ranking=[(intent, confidence)])
        )
        self.progress = turn.progress
        if "experience_years" in turn.updates:
            self.context = Context(
                experience_years=turn.updates["experience_years"], degree_field=turn.updates.get("degree_field")
            )
        out = [m.text for m in turn.messages]
        if turn.finished or turn.stopped:
            self.verdict = self.check.verdict(self.progress, self.context)
            out.append(self.verdict.text)
        else:
            out.append(self._ask())
        self.sent += out
        return out

    def finish(self, replies: Tuple[str, ...], experience: str = "skip") -> str:
        """Answer every sign, then the experience question; the verdict's text."""
        for reply in replies:
            self.say(reply)
        self.say(experience)
        return self.verdict.text


def test_asks_each_sign_from_the_knowledge_base_in_plain_words(check: ReadinessCheck, kb) -> None:
    run = Run(check)
    assert "5 signs" in run.sent[0] and "Source: " in run.sent[0] and "University of Leeds" in run.sent[0]
    asked = [run.sent[1]] + [run.say("yes")[-1] for _ in kb.readiness_signals[1:]]
    assert [a.split(": ", 1)[1] for a in asked] == [s.question for s in kb.readiness_signals]
    assert asked[0].startswith("Question 1 of 5") and asked[-1].startswith("Question 5 of 5")
    assert "years" in run.say("yes")[-1]  # then the optional experience question


def test_all_yes_is_a_strong_fit_with_roles_and_masters_advice_for_their_experience(check: ReadinessCheck) -> None:
    run = Run(check)
    text = run.finish(
        ("yes", "yeah mostly", "definitely", "I love it", "yep"), "about 3 years as a civil engineer, degree in physics"
    )
    assert "strong fit" in text and "yes to 5" in text
    assert "Roles to look at" in text
    assert "about 3 years" in text and "five years" in text and "18%" in text  # tailored, from the KB figures
    assert "Sources: " in text
    assert {b.payload.split("{")[0] for b in run.verdict.buttons} >= {"/ask_role", "/ask_program"}


def test_mostly_no_points_to_a_technical_track(check: ReadinessCheck) -> None:
    text = Run(check).finish(("no", "not really", "nope", "sometimes", "never"))
    assert "technical track" in text and "Principal engineer" in text
    assert "mentoring others" in text  # which answers drove it
    assert "strong fit" not in text


def test_a_mix_is_mixed_and_names_the_answers(check: ReadinessCheck) -> None:
    text = Run(check).finish(("yes", "no", "sometimes", "no", "yes"))
    assert "Verdict: mixed" in text
    assert "yes to mentoring others" in text and "no to thinking about business" in text
    assert "Tell me your years of experience" in text  # nothing known about them: the general advice


def test_unclear_reply_is_asked_again_with_a_hint_then_counted_as_unsure(check: ReadinessCheck) -> None:
    run = Run(check)
    hint, again = run.say("banana")
    assert "yes or a no" in hint and again.startswith("Question 1 of 5")
    note, moved_on = run.say("hmm, potato")
    assert "not sure" in note and moved_on.startswith("Question 2 of 5")
    assert run.progress.answers["mentoring"] == Reply.UNSURE.value


def test_a_question_mid_check_is_answered_then_the_check_resumes(check: ReadinessCheck) -> None:
    run = Run(check)
    run.say("yes")
    answer, back = run.say("how much do engineering managers earn?", intent="ask_salary")
    assert "$165,370" in answer
    assert back.startswith("Back to the readiness check. Question 2 of 5")
    assert "mentoring" in run.progress.answers and "business_impact" not in run.progress.answers


def test_a_long_answer_that_opens_with_a_reply_is_taken_as_the_reply(check: ReadinessCheck) -> None:
    run = Run(check)
    out = run.say("yes, I mentor two graduates and really like it", intent="ask_experience", confidence=0.8)
    assert out[-1].startswith("Question 2 of 5")
    assert run.progress.answers["mentoring"] == "yes"


def test_stop_leaves_politely_without_a_verdict_when_too_little_was_said(check: ReadinessCheck) -> None:
    run = Run(check)
    run.say("yes")
    out = run.say("stop")
    assert "stopped the readiness check" in out[-1] and "Verdict" not in out[-1]
    assert any(b.payload == "/check_readiness" for b in run.verdict.buttons)


def test_stop_after_enough_answers_still_gives_a_verdict(check: ReadinessCheck) -> None:
    run = Run(check)
    for reply in ("yes", "yes", "yes"):
        run.say(reply)
    out = run.say("never mind", intent="stop")
    assert "stopped part-way" in out[-1] and "Verdict" in out[-1]


def test_experience_said_earlier_is_not_asked_again(check: ReadinessCheck) -> None:
    run = Run(check, Context(experience_years=7.0))
    for reply in ("yes", "yes", "yes", "partly", "yes"):
        run.say(reply)
    assert run.verdict is not None and "years have you worked" not in " ".join(run.sent)
    assert "about 7 years" in run.verdict.text and "already meet" in run.verdict.text


def test_progress_is_read_from_the_form_slots(check: ReadinessCheck) -> None:
    ids = [s.id for s in check.signals]
    slots = {
        slot_for("mentoring"): "yes",
        slot_for("business_impact"): "partly",
        slot_for("coordination"): "yeah I guess",  # the reply being read: not an answer yet
        slot_for(EXPERIENCE): "known",
        UNCLEAR_SLOT: True,
        RESUMED_SLOT: None,
    }
    progress = Progress.from_slots(slots, ids, skip="coordination")
    assert progress == Progress({"mentoring": "yes", "business_impact": "partly"}, "known", True, False)
    assert check.next_step(progress) == "coordination"
    assert Progress.from_slots({slot_for("mentoring"): "yes"}, ids, skip="mentoring") == Progress()
    assert Progress.from_slots({slot_for(EXPERIENCE): "about 3 years"}, ids, skip=EXPERIENCE).experience is None
    assert check.next_step(Progress(answers={i: "yes" for i in ids})) == EXPERIENCE
    assert check.steps == [*ids, EXPERIENCE]


def test_a_reply_says_what_the_step_slot_keeps(check: ReadinessCheck) -> None:
    def take(step: str, text: str, progress: Optional[Progress] = None):
        return check.take(progress or Progress(), step, Question("nlu_fallback", text, ranking=[("nlu_fallback", 0.9)]))

    assert take("mentoring", "kind of").value == "partly"
    assert take("mentoring", "banana").value is None and take("mentoring", "banana").progress.unclear
    assert take("mentoring", "potato", Progress(unclear=True)).value == "unsure"
    assert take(EXPERIENCE, "skip").value == "skipped"
    given = take(EXPERIENCE, "five years, degree in chemistry")
    assert given.value == "given" and given.updates["experience_years"] == 5.0
    assert take("mentoring", "stop").stopped and take("mentoring", "stop").value is None


def test_the_verdict_after_stop_reads_the_unanswered_steps(check: ReadinessCheck) -> None:
    # The form keeps no "stopped" flag: a step left unanswered means the visitor left early.
    three = Progress(answers={"mentoring": "yes", "business_impact": "yes", "coordination": "yes"})
    assert "stopped part-way" in check.verdict(three, Context()).text
    everything = Progress(answers={s.id: "yes" for s in check.signals}, experience="skipped")
    assert "stopped" not in check.verdict(everything, Context()).text
    unsure = Progress(answers={s.id: "unsure" for s in check.signals}, experience="skipped")
    assert check.verdict(unsure, Context()).text.startswith("That's the readiness check done. With 0 of the 5")


@pytest.mark.parametrize(
    "replies,finished,verdict",
    [
        (("yes", "yes", "yes", "partly", "yes", "skip"), True, "strong"),
        (("yes", "no", "sometimes", "no", "yes", "skip"), True, "mixed"),
        (("no", "not really", "nope", "sometimes", "never", "skip"), True, "technical"),
        (("yes", "yes", "yes", "stop"), False, "strong"),  # enough answers for a verdict, then left
        (("yes", "stop"), False, NO_VERDICT),
    ],
)
def test_the_outcome_for_the_owners_report_matches_the_verdict_given(
    check: ReadinessCheck, replies: Tuple[str, ...], finished: bool, verdict: str
) -> None:
    run = Run(check)
    for reply in replies:
        run.say(reply, intent="stop" if reply == "stop" else "nlu_fallback")
    outcome = check.outcome(run.progress)
    assert (outcome.finished, outcome.verdict) == (finished, verdict)
    shown = {"strong": "strong fit", "mixed": "Verdict: mixed", "technical": "technical track", NO_VERDICT: "stopped"}
    assert run.verdict is not None and shown[verdict] in run.verdict.text


def test_a_question_nlu_is_unsure_of_mid_check_is_answered_when_the_sources_can(check: ReadinessCheck, kb) -> None:
    run = Run(check)
    answer, back = run.say("how many signs does the article give?", intent="nlu_fallback", confidence=0.3)
    assert f"({len(kb.readiness_signals)})" in answer
    assert back.startswith("Back to the readiness check. Question 1 of 5")
    assert not run.progress.answers


def test_a_question_with_a_yes_word_in_it_is_no_yes(check: ReadinessCheck) -> None:
    run = Run(check)
    hint, again = run.say("what's the weather like?", intent="out_of_scope", confidence=0.9)
    assert "yes or a no" in hint and again.startswith("Question 1 of 5")
    assert not run.progress.answers
