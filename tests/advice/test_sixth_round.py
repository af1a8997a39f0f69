"""Issue #17, sixth round: a follow-up part of the same message, a figure quoted by its value, which article says a
thing, a list by a count the visitor states, an item of a list by its words, and a request only when it is one.
Expectations are read from the knowledge base, not typed here; the wordings are our own.
"""

from __future__ import annotations

import pytest

from bot.advice import Advisor, AnswerKind, Context, Question
from bot.advice.answers.provenance import facets_asked
from bot.advice.ellipsis import said_in_part
from bot.advice.requests import request_kind
from bot.advice.types import QuestionPart, context_after
from bot.knowledge.model import KnowledgeBase, Statistic
from bot.knowledge.terms import PROGRAM
from tests.advice.asking import ask


def stat(kb: KnowledgeBase, word: str) -> Statistic:
    return next(s for s in kb.statistics if word in s.asked_with)


# -- a follow-up part of the same message ---------------------------------------------------------------------


def test_a_later_part_naming_only_the_other_program_asks_the_earlier_part_of_it(wired: Advisor, kb) -> None:
    first, second = kb.sources[0], kb.sources[1]
    one, two = first.publisher.split()[0], second.publisher.split()[0]
    asked = f"when did the {one} article come out, and when did the {two} one?"
    programs = {p.source: p for p in kb.programs}
    parts = [
        QuestionPart("ask_program", asked.split(", and ")[0], [(PROGRAM, programs[first.id].id)], 0.5),
        QuestionPart("ask_program", "and " + asked.split(", and ")[1], [(PROGRAM, programs[second.id].id)], 0.5),
    ]
    question = Question(
        "ask_program", asked, [e for p in parts for e in p.entities], ranking=[("ask_program", 0.5)], parts=parts
    )
    reply = wired.answer(question).text
    assert first.published[:4] in reply and second.published[:4] in reply


def test_an_earlier_part_is_remembered_with_the_words_that_named_its_program(kb: KnowledgeBase) -> None:
    program = kb.programs[0]
    said = said_in_part(
        kb, QuestionPart("ask_program", f"Who runs the {program.synonyms[0].title()} course?", [(PROGRAM, program.id)])
    )
    assert said.mentions == [(PROGRAM, program.id, program.synonyms[0].title())]


# -- a figure quoted by its value ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "asked, facet",
    [
        ("is the {value} figure a german number or from somewhere else?", "region"),
        ("{value} of what exactly?", "value"),
        ("what's the {value} figure about?", "value"),
        ("which article mentions a {value} figure?", "article"),
    ],
)
def test_a_figure_quoted_by_value_is_asked_about_whatever_nlu_made_of_it(
    wired: Advisor, kb, asked: str, facet: str
) -> None:
    pay = stat(kb, "earn")
    text = asked.format(value=pay.value.lstrip("$"))
    assert facet in facets_asked(text)
    reply = ask(wired, text, "out_of_scope").text
    assert pay.value in reply and reply.startswith(pay.value) or pay.label in reply


def test_which_article_quotes_a_figure_names_its_article(wired: Advisor, kb) -> None:
    boost = stat(kb, "boost") if any("boost" in s.asked_with for s in kb.statistics) else kb.statistics[-1]
    reply = ask(wired, f"which article mentions a {boost.value} figure?", "ask_sources").text
    assert kb.source(boost.source).publisher in reply


def test_a_nationality_describing_a_figure_asked_about_is_not_a_region_question() -> None:
    assert "region" not in facets_asked("who's the source for the US salary number?")


# -- which article says a thing ------------------------------------------------------------------------------


def test_which_article_says_a_phrase_names_the_one_whose_text_holds_it(wired: Advisor, kb) -> None:
    point = next(p for t in kb.topics for p in t.points if "skills gap" in p.text)
    reply = ask(wired, "which of the articles brings up a skills gap?", "follow_up").text
    assert kb.source(point.source).publisher in reply and point.text in reply


def test_what_an_article_says_about_a_phrase_only_the_other_holds_says_it_does_not(wired: Advisor, kb) -> None:
    point = next(p for t in kb.topics for p in t.points if "skills gap" in p.text)
    other = next(s for s in kb.sources if s.id != point.source)
    answer = ask(
        wired,
        f"what does {other.publisher.split()[0]} say about the skills gap?",
        "ask_program",
        [(PROGRAM, next(p.id for p in kb.programs if p.source == other.id))],
    )
    assert answer.kind == AnswerKind.NOT_COVERED
    assert f"The {other.publisher} article doesn't mention" in answer.text and point.text in answer.text


def test_one_word_an_article_may_say_in_other_words_gets_no_claim_that_it_does_not(wired: Advisor, kb) -> None:
    answer = ask(wired, "what does leeds say about pay?", "ask_program")
    assert "doesn't mention" not in answer.text


# -- a list by a count the visitor states; an item of it by its words ------------------------------------------


def test_a_count_the_visitor_states_with_a_question_asks_for_that_list(wired: Advisor, kb) -> None:
    topic = kb.topic_for_intent("ask_worth_it")
    factors = [p.text.split(":")[0] for p in topic.points if ":" in p.text.split(" ")[0] + p.text[:40]]
    reply = ask(
        wired, f"northeastern says there's {len(factors)} things to think about first, what are they", "nlu_fallback"
    ).text
    assert all(f in reply for f in factors)


def test_the_one_named_by_a_word_of_its_name_is_told_with_what_the_kb_says_of_it(wired: Advisor, kb) -> None:
    first = ask(wired, "is a master's in engineering management worth it?", "ask_worth_it")
    topic = kb.topic_for_intent("ask_worth_it")
    point = next(p for p in topic.points if p.text.lower().startswith("valuable experience"))
    then = ask(
        wired, "go on about the experience one", "ask_experience", context=context_after(Context(), first.updates)
    )
    assert wired.kb.fill(point.text) in then.text


# -- requests only when they are requests --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm always the one translating jargon for the sales team. is that a sign I'd manage well?",
        "I translate specs for our suppliers every week, would a master's help me?",
    ],
)
def test_translating_as_part_of_the_visitors_own_work_is_no_request(text: str) -> None:
    assert request_kind(text) is None


@pytest.mark.parametrize(
    "text",
    ["translate the difference into Polish", "can you translate that for my mum?", "could I get a translation of it?"],
)
def test_asking_the_bot_to_translate_still_is(text: str) -> None:
    assert request_kind(text) == "translate"


# -- a question NLU read as small talk, on the last answer's words --------------------------------------------


def test_a_question_read_as_asking_for_help_is_answered_from_the_last_answers_texts(wired: Advisor, kb) -> None:
    first = ask(wired, "do you need a master's to be an engineering manager?", "ask_need_masters")
    then = ask(
        wired, "right, so what do most employers ask for?", "help", context=context_after(Context(), first.updates)
    )
    assert then.kind == AnswerKind.ANSWER and "bachelor" in then.text.lower()
    menu = ask(wired, "what else can you do?", "help", context=context_after(Context(), first.updates))
    assert menu.kind == AnswerKind.CHITCHAT


def test_another_universitys_fees_asked_per_year_are_no_question_about_our_figures(wired: Advisor) -> None:
    reply = ask(wired, "how much does Caltech's engineering management master's cost per year?", "ask_uncovered").text
    assert "Caltech" in reply and not any(s.value in reply for s in wired.kb.statistics)
