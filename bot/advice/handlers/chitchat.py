"""Conversation around the questions: greetings, thanks, help, "stop", and what is out of scope."""

from __future__ import annotations

from typing import Optional

from bot.advice.answers.follow_ups import answer_follow_up, next_reading
from bot.advice.answers.programs import answer_program, comparison_answer, programs_with_feature
from bot.advice.answers.roles import figures_not_given
from bot.advice.answers.topics import passage_answer
from bot.advice.compose import MAX_BUTTONS
from bot.advice.registry import OUT_OF_SCOPE, handles
from bot.advice.screening import wants_to_stop
from bot.advice.subjects import figures_asked_for, other_job
from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Button, Found, Question
from bot.knowledge.terms import ASPECT, FEATURE, GAP, PROGRAM, ROLE

# A low-confidence guess is offered as a "Did you mean" button when it is at least this likely.
SUGGEST_MIN_CONFIDENCE = 0.15
NAMED_ENTRIES = (ROLE, PROGRAM, FEATURE, ASPECT)  # KB entries a message can name
FOLLOW_UP_WORDS = 6  # "how much do they make?": short enough to lean on the answer before it
MAX_GUESSES = 2


@handles("greet", knowledge=False)
def answer_greet(advisor: Tools, question: Question, found: Found) -> Answer:
    return Answer(
        "Hello! I'm a career advisor for engineers weighing a move into engineering management. "
        "Ask me what it is, how it differs from engineering, whether you need a master's, "
        "or what the degree leads to.",
        advisor.help_buttons(),
        kind=AnswerKind.CHITCHAT,
    )


@handles("stop", knowledge=False)
def answer_stop(advisor: Tools, question: Question, found: Found) -> Answer:
    if not (wants_to_stop(question.text) or question.text.startswith("/")):
        return answer_out_of_scope(advisor, question, found)  # classified "stop" but doesn't say it
    return Answer(
        "There's nothing running to stop. Ask me anything about engineering management, or pick one:",
        advisor.help_buttons(),
        kind=AnswerKind.CHITCHAT,
    )


@handles("goodbye", knowledge=False)
def answer_goodbye(advisor: Tools, question: Question, found: Found) -> Answer:
    return Answer("Goodbye, and good luck with your next career step!", kind=AnswerKind.CHITCHAT)


@handles("thank", knowledge=False)
def answer_thank(advisor: Tools, question: Question, found: Found) -> Answer:
    return Answer("You're welcome! Anything else you'd like to know?", advisor.help_buttons(), kind=AnswerKind.CHITCHAT)


@handles("bot_identity", knowledge=False)
def answer_identity(advisor: Tools, question: Question, found: Found) -> Answer:
    names = " and ".join(f"{s.publisher}'s “{s.title}”" for s in advisor.kb.sources)
    return Answer(
        f"I'm an automated career advisor, a bot rather than a person. My answers come from two articles: {names}.",
        advisor.help_buttons(),
        kind=AnswerKind.CHITCHAT,
    )


@handles("help", knowledge=False)
def answer_help(advisor: Tools, question: Question, found: Found) -> Answer:
    return Answer(
        "I can help with engineering management careers: what the field is, how it differs from "
        "engineering, whether you need a master's, salary and job growth, the jobs a master's leads "
        "to, whether it's right for you, and the Northeastern and Leeds programs.",
        advisor.help_buttons(),
        kind=AnswerKind.CHITCHAT,
    )


@handles("nlu_fallback", knowledge=False)
def answer_unsure(advisor: Tools, question: Question, found: Found) -> Answer:
    """Low confidence: offer the likeliest topics as buttons, unless it looks off-topic."""
    if question.text and advisor.guard.foreign_subject(question.text):
        return answer_out_of_scope(advisor, question, found)
    compared = comparison_answer(advisor, found)
    if compared is not None:
        return compared  # "product manager vs program manager": two roles or programs named
    if any(found.get(label) for label in NAMED_ENTRIES):
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
def answer_out_of_scope(advisor: Tools, question: Question, found: Found) -> Answer:
    """A decline; unless it is a short follow-up, or names the subject and a KB passage plainly answers it."""
    follow_up = leaning_follow_up(advisor, question)
    if follow_up is not None:
        return advisor.answer(follow_up)
    holders = programs_with_feature(advisor, found.get(FEATURE, []))
    cited = {c.split("|", 1)[0] for c in question.context.citations}
    # "any specific frameworks you learn on it?" after the Leeds modules: the one program holding it, just cited
    one_program = found.get(PROGRAM) or (len(holders) == 1 and holders[0].source in cited)
    if one_program and found.get(FEATURE) and not found.get(GAP):
        # "I'm a software developer… thinking of the Leeds online MSc while keeping my job - doable?": a program
        # and what it offers are named, whatever else the message holds.
        return answer_program(advisor, question, found)
    if question.text and not advisor.guard.foreign_subject(question.text):
        closest = passage_answer(advisor, question)
        if closest is not None:
            return closest
    other = other_job(advisor, question, found) if question.text and advisor.guard.paid_job(question.text) else None
    if other is not None:  # "what would a civil engineer earn in London?"
        return figures_not_given(advisor, other, figures_asked_for(advisor, question))
    return decline(advisor)


def leaning_follow_up(advisor: Tools, question: Question) -> Optional[Question]:
    """ "How much do they make?" right after an answer: short, with NLU's next guess on the subject.

    Out of context such a message says nothing about the subject, so it can be read as out of
    scope; after an answer about a role or a topic it asks about that.
    """
    ctx = question.context
    if not (ctx.topic or ctx.role) or len(question.text.split()) > FOLLOW_UP_WORDS:
        return None
    return next_reading(advisor, question)


def decline(advisor: Tools) -> Answer:
    return Answer(
        "Sorry, that's outside what I can help with. I focus on careers in engineering management; "
        "I can help with questions like these:",
        advisor.help_buttons(),
        kind=AnswerKind.DECLINE,
    )
