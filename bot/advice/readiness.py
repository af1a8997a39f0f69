"""The readiness check: is engineering management a fit for this visitor?

One question per readiness sign in the knowledge base (Leeds lists five), then
an optional question about experience. Free-text replies ("yeah mostly", "not
really", "sometimes") are read with `interpret` (`bot.advice.readiness_replies`, the
phrases in `readiness_replies.yml`); an unclear reply is asked
again with a hint, a second unclear reply is counted as "not sure"; "stop"
leaves; a question asked mid-check is answered and the check resumes.
`ReadinessCheck` holds the logic; the Rasa form (`readiness_form`, one slot
per step, named by `slot_for`) only carries its state between turns and
decides, from the slots still empty, which step to ask next. No Rasa types here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from bot.advice import follow_up_words as cue  # a question asked by its first word
from bot.advice.advisor import Advisor
from bot.advice.answers.personal import personal_advice
from bot.advice.answers.roles import matching_roles
from bot.advice.compose import READINESS_BUTTON
from bot.advice.profile import profile_from
from bot.advice.readiness_replies import OPENERS, SCORES, Reply, interpret, padded
from bot.advice.screening import wants_to_stop
from bot.advice.types import Answer, AnswerKind, Button, Citation, Context, Question
from bot.knowledge.model import Signal
from bot.knowledge.slots import EXPERIENCE, RESUMED_SLOT, UNCLEAR_SLOT, slot_for

# Intents answered mid-check (then the check resumes). Talk about what they enjoy
# ("I like planning", "I'd be good at it") is a reply to the check, not an aside.
ASIDE_CHITCHAT = frozenset({"help", "bot_identity", "greet", "thank"})
NOT_ASIDES = frozenset({"ask_fit", "check_readiness", "ask_role_match"})
LEAVE_INTENTS = frozenset({"stop", "goodbye"})
MIN_CONFIDENCE = 0.5
# A reply shaped as a question: a question word or a verb first, or a question mark at the end.
ASKS = re.compile(
    r"\?\s*$|^\W*(?:and |so |but |ok |okay )?(?:how|what|which|who|whom|whose|why|when|where|is|are|does|do|did|"
    r"can|could|should|would|will)\b"
)
MIN_ANSWERS = 3  # fewer answered signs than this gives no verdict
NO_VERDICT = "no_verdict"
EXPERIENCE_VALUES = ("given", "skipped", "known")  # what the experience step's slot holds once done
REPLY_BUTTONS = [Button("Yes", "Yes"), Button("Partly", "Partly"), Button("No", "No"), Button("Stop the check", "stop")]


@dataclass
class Progress:
    """The check's state between turns, as the form's slots hold it (see `from_slots`)."""

    answers: Dict[str, str] = field(default_factory=dict)  # signal id -> Reply value
    experience: Optional[str] = None  # "given" | "skipped" | "known" (said earlier in the conversation)
    unclear: bool = False  # the last reply to the question being asked was unclear
    resumed: bool = False  # the last turn was a question aside; say we are back

    @classmethod
    def from_slots(cls, slots: Mapping[str, Any], signal_ids: Sequence[str], skip: Optional[str] = None) -> Progress:
        """The progress the step slots record; `skip` is the step whose slot holds a reply not yet read."""
        answers = {
            i: str(slots.get(slot_for(i)))
            for i in signal_ids
            if i != skip and slots.get(slot_for(i)) in tuple(r.value for r in Reply)
        }
        experience = slots.get(slot_for(EXPERIENCE))
        return cls(
            answers=answers,
            experience=str(experience) if skip != EXPERIENCE and experience in EXPERIENCE_VALUES else None,
            unclear=bool(slots.get(UNCLEAR_SLOT)),
            resumed=bool(slots.get(RESUMED_SLOT)),
        )


@dataclass(frozen=True)
class CheckOutcome:
    """How a check ended: all questions answered or left part-way, and the verdict's level."""

    finished: bool
    verdict: str  # "strong" | "mixed" | "technical" (see _level), or NO_VERDICT: too few signs answered


@dataclass
class Turn:
    """What one visitor message did to the check."""

    progress: Progress
    messages: List[Answer] = field(default_factory=list)  # to send before the next question
    updates: Dict[str, object] = field(default_factory=dict)  # the experience the visitor gave
    value: Optional[str] = None  # what the step's slot now holds: a Reply value, or how experience was done
    finished: bool = False  # all questions answered
    stopped: bool = False


class ReadinessCheck:
    def __init__(self, advisor: Advisor) -> None:
        self.advisor = advisor
        self.kb = advisor.kb
        self.signals = list(self.kb.readiness_signals)
        self.aside_intents = (advisor.knowledge_intents | ASIDE_CHITCHAT) - NOT_ASIDES

    @property
    def steps(self) -> List[str]:
        """Every step, in the order they are asked: one per sign, then the experience question."""
        return [s.id for s in self.signals] + [EXPERIENCE]

    # -- asking --------------------------------------------------------------
    def next_step(self, progress: Progress) -> Optional[str]:
        for signal in self.signals:
            if signal.id not in progress.answers:
                return signal.id
        return EXPERIENCE if progress.experience is None else None

    def start(self, context: Context) -> Tuple[Answer, Progress]:
        """The introduction; the first question follows from `ask`."""
        progress = Progress(experience="known" if context.experience_years is not None else None)
        first = self.signals[0]
        labels = ", ".join(s.label for s in self.signals)
        text = (
            f"Let's check. {self.kb.source(first.source).publisher} lists {len(self.signals)} signs that "
            f"someone may be ready for engineering management: {labels}. I'll ask about each in turn; "
            "answer in your own words (yes, partly, no, not sure), ask me anything on the way, or say "
            "'stop' to leave."
        )
        return self.advisor.compose([text], [(first.source, first.section)]), progress

    def ask(self, step: str, resumed: bool = False) -> Answer:
        """The question for `step`; after a question aside it says the check is back."""
        back = "Back to the readiness check. " if resumed else ""
        if step == EXPERIENCE:
            return Answer(
                f"{back}Last one, and optional: how many years have you worked in engineering, and "
                "what was your first degree in? (Say 'skip' to leave it out.)",
                [Button("Skip", "skip"), Button("Stop the check", "stop")],
            )
        index = next(i for i, s in enumerate(self.signals) if s.id == step)
        return Answer(
            f"{back}Question {index + 1} of {len(self.signals)}: {self.signals[index].question}", list(REPLY_BUTTONS)
        )

    # -- taking a reply ------------------------------------------------------
    def take(self, progress: Progress, step: str, question: Question) -> Turn:
        """Read one visitor message replying to `step` (the question the form asked)."""
        text = question.text.strip()
        confidence = dict(question.ranking).get(question.intent, 0.0) if question.ranking else 1.0
        sure = confidence >= MIN_CONFIDENCE
        progress.resumed = False
        reply = _reply_in(text)
        if wants_to_stop(text) or (question.intent in LEAVE_INTENTS and sure and reply is None):
            return Turn(progress, stopped=True)
        if step == EXPERIENCE:
            said = profile_from(text, answering=True)  # a reply to "how many years have you worked?"
            if said.years is not None or said.degree_field or said.field:
                return self._advance(progress, step, "given", said.slot_updates())
        # A short reply or one that starts with yes/no is an answer even if NLU sees a question in it.
        words = padded(text).split()
        explicit = reply is not None and (len(words) <= 4 or words[0] in OPENERS)
        is_question = question.intent in self.aside_intents and sure and (not explicit or text.endswith("?"))
        if is_question or text.startswith("/"):
            progress.resumed, progress.unclear = True, False
            return Turn(progress, [self.advisor.answer(question)])  # the answer carries its own context
        aside = self._unsure_aside(question) if reply is None else None
        if aside is not None:
            progress.resumed, progress.unclear = True, False
            return Turn(progress, [aside])
        if step == EXPERIENCE:
            if reply in (Reply.NO, Reply.UNSURE) or progress.unclear:
                return self._advance(progress, step, "skipped", {})
            progress.unclear = True
            return Turn(
                progress,
                [
                    Answer(
                        "I didn't catch a number of years there. Try something like "
                        "'about three years, degree in physics', or say 'skip'."
                    )
                ],
            )
        if reply is None:
            if not progress.unclear:
                progress.unclear = True
                return Turn(
                    progress,
                    [
                        Answer(
                            "I couldn't tell whether that's a yes or a no. Answer in a few "
                            "words (yes, partly, no, not sure), or say 'stop' to leave the check."
                        )
                    ],
                )
            reply = Reply.UNSURE
            note = [Answer("I'll count that one as 'not sure' and move on.")]
        else:
            note = []
        turn = self._advance(progress, step, reply.value, {})
        turn.messages = note + turn.messages
        return turn

    def _unsure_aside(self, question: Question) -> Optional[Answer]:
        """ "How many signs is that in the article?": a question NLU is unsure of, answered if the sources can."""
        if not ASKS.search(question.text.lower()):
            return None
        aside = self.advisor.answer(question)
        return aside if aside.kind == AnswerKind.ANSWER and aside.citations else None

    def _advance(self, progress: Progress, step: str, value: str, updates: Dict[str, object]) -> Turn:
        if step == EXPERIENCE:
            progress.experience = value
        else:
            progress.answers[step] = value
        progress.unclear = False
        return Turn(progress, updates=updates, value=value, finished=self.next_step(progress) is None)

    # -- the verdict -----------------------------------------------------------
    def _answered(self, progress: Progress) -> Dict[str, Reply]:
        """The signs answered yes, partly or no (unsure ones don't count towards a verdict)."""
        return {s.id: Reply(progress.answers[s.id]) for s in self.signals if progress.answers.get(s.id) in SCORES}

    def outcome(self, progress: Progress) -> CheckOutcome:
        """How the check ended, for the owner's report: finished or left, and the verdict's level."""
        answered = self._answered(progress)
        level = _level(sum(SCORES[r] for r in answered.values()) / len(answered)) if answered else NO_VERDICT
        return CheckOutcome(
            finished=self.next_step(progress) is None, verdict=level if len(answered) >= MIN_ANSWERS else NO_VERDICT
        )

    def verdict(self, progress: Progress, context: Context) -> Answer:
        """The verdict on the signs answered so far; a check left before the end says so."""
        stopped = self.next_step(progress) is not None
        answered = self._answered(progress)
        if len(answered) < MIN_ANSWERS:
            return self._too_few_answers(len(answered), stopped)
        score = sum(SCORES[r] for r in answered.values()) / len(answered)
        level = _level(score)
        by_reply = {r: [s for s in self.signals if answered.get(s.id) == r] for r in Reply}
        lines = ["You stopped part-way; here is what your answers so far suggest." if stopped else ""]
        lines += self._verdict_lines(level, by_reply)
        lines.append(f"(Yes counts 1, partly ½, no 0; your average was {score:.0%} over {len(answered)} signs.)")
        roles = self._roles_for(level, [s for s in self.signals if answered.get(s.id) in (Reply.YES, Reply.PARTLY)])
        lines += _roles_lines(level, roles)
        citations: List[Citation] = [(self.signals[0].source, self.signals[0].section)]
        citations += [(role.source, role.section) for role, _ in roles]
        if level != "technical":
            advice, advice_citations = self._masters_advice(context)
            lines += advice
            citations += advice_citations
        updates: Dict[str, object] = {"topic": "fit"}
        if roles:
            updates["role"] = roles[0][0].id
        return self.advisor.compose(
            [line for line in lines if line], citations, self._verdict_buttons(roles), updates=updates, joiner="\n"
        )

    def _too_few_answers(self, count: int, stopped: bool) -> Answer:
        lead = "OK, I've stopped the readiness check." if stopped else "That's the readiness check done."
        restart = [READINESS_BUTTON] + self.advisor.topic_buttons("fit", "jobs")
        return Answer(
            f"{lead} With {count} of the {len(self.signals)} signs answered yes, partly or "
            "no, there isn't enough to go on for a verdict. You can start it again at any time, or "
            "ask me anything.",
            restart[:3],
            kind=AnswerKind.CHITCHAT,
        )

    def _verdict_lines(self, level: str, by_reply: Dict[Reply, List[Signal]]) -> List[str]:
        """The verdict itself, naming the signs that drove it."""
        labels = {r: ", ".join(s.label for s in by_reply[r]) for r in Reply}
        publisher = self.kb.source(self.signals[0].source).publisher
        if level == "strong":
            return [
                f"Verdict: a strong fit. Of the {len(self.signals)} signs {publisher} lists, you said yes "
                f"to {len(by_reply[Reply.YES])}"
                + (f" ({labels[Reply.YES]})" if by_reply[Reply.YES] else "")
                + ", so engineering management looks like a natural next step."
            ]
        if level == "mixed":
            summary = "; ".join(
                f"{word} to {labels[reply]}"
                for reply, word in ((Reply.YES, "yes"), (Reply.PARTLY, "partly"), (Reply.NO, "no"))
                if by_reply[reply]
            )
            return [
                f"Verdict: mixed. You said {summary}. Management could suit you if the other parts appeal "
                "too; taking on more of them in your current role would tell you more before you commit "
                "to a degree."
            ]
        lines = [
            f"Verdict: a technical track may suit you better. Few of the signs {publisher} lists "
            f"match your answers" + (f" (you said no to {labels[Reply.NO]})" if by_reply[Reply.NO] else "") + "."
        ]
        if by_reply[Reply.YES]:
            lines.append(f"You did say yes to {labels[Reply.YES]}.")
        return lines

    def _verdict_buttons(self, roles: List[Tuple]) -> List[Button]:
        buttons = [b for b in (self.advisor.button_for(role.id) for role, _ in roles[:2]) if b]
        return buttons + [b for b in (self.advisor.button_for(p.id) for p in self.kb.programs) if b]

    def _roles_for(self, level: str, fitting: Sequence) -> List[Tuple]:
        """Roles whose KB descriptions match the signs that fit; a senior technical role for the technical track."""
        if level == "technical":
            role = self.kb.technical_role()
            return [(role, "")] if role else []
        text = " ".join(" ".join(s.keywords) for s in fitting)
        return [
            (role, "its work involves " + " and ".join(hits[:2]))
            for role, hits in matching_roles(self.advisor, text)[:2]
        ]

    def _masters_advice(self, context: Context) -> Tuple[List[str], List[Citation]]:
        need, boost = self.kb.statistic("experience_required"), self.kb.statistic("earnings_boost")
        citations = [(need.source, need.section), (boost.source, boost.section)]
        personal = personal_advice(
            self.advisor, context.experience_years, context.degree_field, lead="On a master's: you said"
        )
        if personal:
            return personal, citations
        return [
            f"On a master's: it isn't required; most employers ask for {need.value} of experience "
            f"({need.measured_by}), and a master's can lift earning potential by about {boost.value}. Tell me "
            "your years of experience and I can say more."
        ], citations


def _reply_in(text: str) -> Optional[Reply]:
    """Yes, partly, no or unsure; none in a question that opens with a question word ("what's the weather like?",
    though "like" can be a yes)."""
    return None if cue.ASKS_BY_WH.match(text.lower()) else interpret(text)


def _level(score: float) -> str:
    """Strong fit, mixed, or a technical track, from the average reply score."""
    if score >= 0.7:
        return "strong"
    return "mixed" if score >= 0.4 else "technical"


def _roles_lines(level: str, roles: List[Tuple]) -> List[str]:
    if not roles:
        return []
    if level == "technical":
        return [f"A senior technical role to look at: {roles[0][0].title}. {roles[0][0].involves}"]
    return [
        "Roles to look at, matching the signs that fit you: "
        + "; ".join(f"{r.title} ({why})" for r, why in roles)
        + "."
    ]
