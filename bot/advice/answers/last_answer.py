"""A short follow-up read against the texts of the last answer's entry: "any named frameworks?" after the Leeds MSc,
"what technologies did it mention?", "like what?", "what are they called?".
"""

from __future__ import annotations

from bot.advice import follow_up_words as cue  # how a follow-up points at the last answer
from bot.advice.answers.kb_lists import is_its_list
from bot.advice.answers.programs import program_answer, program_in_context
from bot.advice.articles import OTHER_ONE
from bot.advice.details import detail_answer
from bot.advice.narrower import quotes_a_figure
from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Question
from bot.knowledge.terms import ASPECT, PROGRAM, ROLE
from bot.knowledge.text import words

FOLLOW_UP_INTENT = "follow_up"
FOLLOW_UP_WORDS = 10  # "so could I keep working while I do it?": short enough to lean on the last answer
SURE_READING = 0.85  # NLU this sure of a question's topic: the question is that topic's, "it" or not
ENTRY_SLOTS = ("topic", "aspect", "program", "role")  # the context slots that name a KB entry
ENTRY_LABELS = frozenset({ROLE, PROGRAM, ASPECT})  # entities that name one: "how's that different from X?"


def on_the_last_answer(advisor: Tools, question: Question, answer: Answer) -> Answer:
    """A short follow-up read against the texts of the last answer's entry ("any named frameworks?" after the
    Leeds MSc: declined or not understood alone; "what technologies did it mention?" points back)."""
    context = question.context
    within = frozenset(e for e in (context.topic, context.aspect, context.program, context.role) if e)
    # A follow-up's menu of where to go next names no fact: "and what kind of degree?" after the experience.
    menu_only = question.intent == FOLLOW_UP_INTENT and answer.kind == AnswerKind.ANSWER and not answer.citations
    # "ok so what do most employers ask for then?" read as asking for help: a question, on the last answer's words.
    chatted = answer.kind == AnswerKind.CHITCHAT and bool(cue.ASKS_BY_WH.match(question.text.lower()))
    unanswered = menu_only or chatted or answer.kind in (AnswerKind.DECLINE, AnswerKind.NOT_UNDERSTOOD)
    # An answer about another entry, to a question that names none and points back at the last one.
    answered = frozenset(answer.updates.get(slot) for slot in ENTRY_SLOTS) - {None}
    if is_its_list(advisor.kb, context.topic, answer.updates.get("topic")):  # "how many factors?" after worth-it
        answered |= within
    moved_away = (
        answer.kind == AnswerKind.ANSWER
        and bool(answered)
        and not answered & within
        and not any(label in ENTRY_LABELS for label, _ in question.entities)
        and not OTHER_ONE.search(question.text.lower())  # "what about the other uni's?" leaves the last entry
        and max((c for _n, c in question.ranking[:1]), default=0) < SURE_READING  # "…, and is it a good career?"
        and bool(cue.POINTS_BACK.search(question.text.lower()) or cue.CONTINUES.match(question.text.lower()))
        # "And with a master's, by how much more?": a figure asked and given is the answer.
        and not (cue.ASKS_HOW_MUCH.search(question.text.lower()) and quotes_a_figure(advisor.kb, answer.text))
    )
    if not (unanswered or moved_away) or not within or len(words(question.text)) > FOLLOW_UP_WORDS:
        return answer
    program, feature = program_in_context(advisor, context.topic)
    if unanswered and feature is not None and program is not None and cue.ASKS_FOR_NAMES.match(question.text.lower()):
        return program_answer(advisor, program, feature.synonyms[:1])  # "what are they called?" after its frameworks
    if unanswered and cue.ASKS_FOR_EXAMPLES.match(question.text.lower()):
        return detail_answer(advisor, *advisor.details.texts_of(within))  # "like what?": what that entry's texts say
    matches = advisor.details.all_in(question.text, within)
    if chatted and not any(len(m.shared) >= cue.MIN_SHARED_WORDS for m in matches):
        return answer  # "what else can you do?" shares a word or none
    return detail_answer(advisor, *matches) if matches else answer
