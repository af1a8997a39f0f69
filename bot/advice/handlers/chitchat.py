"""Conversation around the questions: greetings, thanks, help, "stop", and what is out of scope."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Optional, Sequence

from bot.advice.compose import MAX_BUTTONS
from bot.advice.handlers.programs import comparison_answer, program_answer
from bot.advice.handlers.roles import figures_not_given
from bot.advice.registry import OUT_OF_SCOPE, handles
from bot.advice.screening import wants_to_stop
from bot.advice.subjects import figures_asked_for, other_job
from bot.advice.types import Answer, AnswerKind, Button, Found, Question
from bot.knowledge.terms import ASPECT, FEATURE, PROGRAM, ROLE

if TYPE_CHECKING:
    from bot.advice.advisor import Advisor

# A low-confidence guess is offered as a "Did you mean" button when it is at least this likely.
SUGGEST_MIN_CONFIDENCE = 0.15
NAMED_ENTRIES = (ROLE, PROGRAM, FEATURE, ASPECT)  # KB entries a message can name
FOLLOW_UP_WORDS = 6  # "how much do they make?": short enough to lean on the answer before it
FOLLOW_UP_CONFIDENCE = 0.3  # NLU's next guess must be at least this likely
MAX_GUESSES = 2


@handles("greet", knowledge=False)
def answer_greet(advisor: Advisor, question: Question, found: Found) -> Answer:
    return Answer(
        "Hello! I'm a career advisor for engineers weighing a move into engineering management. "
        "Ask me what it is, how it differs from engineering, whether you need a master's, "
        "or what the degree leads to.",
        advisor.help_buttons(),
        kind=AnswerKind.CHITCHAT,
    )


@handles("stop", knowledge=False)
def answer_stop(advisor: Advisor, question: Question, found: Found) -> Answer:
    if not (wants_to_stop(question.text) or question.text.startswith("/")):
        return answer_out_of_scope(advisor, question, found)  # classified "stop" but doesn't say it
    return Answer(
        "There's nothing running to stop. Ask me anything about engineering management, or pick one:",
        advisor.help_buttons(),
        kind=AnswerKind.CHITCHAT,
    )


@handles("goodbye", knowledge=False)
def answer_goodbye(advisor: Advisor, question: Question, found: Found) -> Answer:
    return Answer("Goodbye, and good luck with your next career step!", kind=AnswerKind.CHITCHAT)


@handles("thank", knowledge=False)
def answer_thank(advisor: Advisor, question: Question, found: Found) -> Answer:
    return Answer("You're welcome! Anything else you'd like to know?", advisor.help_buttons(), kind=AnswerKind.CHITCHAT)


@handles("bot_identity", knowledge=False)
def answer_identity(advisor: Advisor, question: Question, found: Found) -> Answer:
    names = " and ".join(f"{s.publisher}'s “{s.title}”" for s in advisor.kb.sources)
    return Answer(
        f"I'm an automated career advisor, a bot rather than a person. My answers come from two articles: {names}.",
        advisor.help_buttons(),
        kind=AnswerKind.CHITCHAT,
    )


@handles("help", knowledge=False)
def answer_help(advisor: Advisor, question: Question, found: Found) -> Answer:
    return Answer(
        "I can help with engineering management careers: what the field is, how it differs from "
        "engineering, whether you need a master's, salary and job growth, the jobs a master's leads "
        "to, whether it's right for you, and the Northeastern and Leeds programs.",
        advisor.help_buttons(),
        kind=AnswerKind.CHITCHAT,
    )


@handles("nlu_fallback", knowledge=False)
def answer_unsure(advisor: Advisor, question: Question, found: Found) -> Answer:
    """Low confidence: offer the likeliest topics as buttons, unless it looks off-topic."""
    if question.text and advisor.guard.foreign_subject(question.text):
        return answer_out_of_scope(advisor, question, found)
    compared = comparison_answer(advisor, found)
    if compared is not None:
        return compared  # "product manager vs program manager": two roles or programs named
    if any(found.get(label) for label in NAMED_ENTRIES):
        from bot.advice.handlers.follow_ups import answer_follow_up  # follow-ups import the other handlers

        return answer_follow_up(advisor, question, found)  # unsure, but it names a role, program or feature
    guesses = [
        name for name, confidence in question.ranking if name != "nlu_fallback" and confidence >= SUGGEST_MIN_CONFIDENCE
    ][:MAX_GUESSES]
    closest = passage_answer(advisor, question, guesses)
    if closest is not None:
        return closest  # "do engineering managers have to deal with budgets?"
    if not guesses or guesses[0] == OUT_OF_SCOPE:
        return answer_out_of_scope(advisor, question, found)
    topics = [advisor.kb.topic_for_intent(g) for g in guesses]
    buttons = [Button(t.question, f"/{t.intent}") for t in topics if t is not None]
    more = [b for b in advisor.topic_buttons("definition") if b not in buttons]
    if not buttons:
        return answer_out_of_scope(advisor, question, found)
    return Answer(
        "Sorry, I'm not sure I understood. Did you mean one of these?",
        buttons + more[: MAX_BUTTONS - len(buttons)],
        kind=AnswerKind.NOT_UNDERSTOOD,
    )


@handles(OUT_OF_SCOPE, knowledge=False)
def answer_out_of_scope(advisor: Advisor, question: Question, found: Found) -> Answer:
    """A decline; unless it is a short follow-up, or names the subject and a KB passage plainly answers it."""
    follow_up = leaning_follow_up(advisor, question)
    if follow_up is not None:
        return advisor.answer(follow_up)
    if question.text and not advisor.guard.foreign_subject(question.text):
        closest = passage_answer(advisor, question)
        if closest is not None:
            return closest
    other = other_job(advisor, question, found) if question.text and advisor.guard.paid_job(question.text) else None
    if other is not None:  # "what would a civil engineer earn in London?"
        return figures_not_given(advisor, other, figures_asked_for(advisor, question))
    return decline(advisor)


def leaning_follow_up(advisor: Advisor, question: Question) -> Optional[Question]:
    """ "How much do they make?" right after an answer: short, with NLU's next guess on the subject.

    Out of context such a message says nothing about the subject, so it can be read as out of
    scope; after an answer about a role or a topic it asks about that.
    """
    ctx = question.context
    if not (ctx.topic or ctx.role) or len(question.text.split()) > FOLLOW_UP_WORDS:
        return None
    return next_reading(advisor, question)


def next_reading(advisor: Advisor, question: Question, skip: str = "") -> Optional[Question]:
    """The question as NLU's next reading has it, when that reading is a question the KB answers.

    Never the intent it has: that reading was just set aside (and would come straight back here).
    """
    skipped = (OUT_OF_SCOPE, "nlu_fallback", question.intent, skip)
    guesses = [(name, c) for name, c in question.ranking if name not in skipped]
    if not guesses or guesses[0][1] < FOLLOW_UP_CONFIDENCE or guesses[0][0] not in advisor.knowledge_intents:
        return None
    return replace(question, intent=guesses[0][0], ranking=guesses)


def passage_answer(advisor: Advisor, question: Question, guesses: Sequence[str] = ()) -> Optional[Answer]:
    """The answer from the KB passage the question's distinctive words point to, if any."""
    from bot.advice.handlers.topics import aspect_answer  # topics imports this module's neighbours

    passage = advisor.passages.best(question.text, guesses)
    if passage is None:
        return None
    entry = advisor.kb.get(passage.entry_id)
    if passage.kind == "topic":
        return advisor.topic_answer(entry)
    if passage.kind == "aspect":
        return aspect_answer(advisor, entry)
    return program_answer(advisor, advisor.kb.get(passage.owner_id), entry.synonyms[:1])


def decline(advisor: Advisor) -> Answer:
    return Answer(
        "Sorry, that's outside what I can help with. I focus on careers in engineering management; "
        "I can help with questions like these:",
        advisor.help_buttons(),
        kind=AnswerKind.DECLINE,
    )
