"""Splitting a message into its questions and the background around them."""

from __future__ import annotations

import pytest

from bot.nlu.questions import MAX_QUESTIONS, questions_of


@pytest.mark.parametrize(
    "message,expected",
    [
        (
            "how much do engineering managers get paid and do I need a master's for that?",
            ["how much do engineering managers get paid", "do I need a master's for that?"],
        ),
        (
            "Is there a skills gap? And which sectors hire engineering managers?",
            ["Is there a skills gap?", "And which sectors hire engineering managers?"],
        ),
        (
            "Is the Leeds course online? Also what does a program manager do",
            ["Is the Leeds course online?", "Also what does a program manager do"],
        ),
        (
            "I've spent six years as a process engineer at a brewery, planning maintenance and training new "
            "starters. What does a program manager actually do?",
            ["What does a program manager actually do?"],
        ),
        (
            "what's the salary? how fast is the field growing? is a master's worth it? what jobs can I get?",
            ["what's the salary?", "how fast is the field growing?", "is a master's worth it?"],
        ),
    ],
)
def test_questions_are_found_in_order(message: str, expected: list) -> None:
    assert [p.text(message) for p in questions_of(message)] == expected


@pytest.mark.parametrize(
    "message",
    [
        "what is engineering management?",
        "what are the skills and daily tasks of an engineering manager?",  # one question about two aspects
        "tell me about salary and growth",
        "hi",
        "I like planning",
    ],
)
def test_a_single_plain_question_is_left_whole(message: str) -> None:
    assert questions_of(message) == []


def test_never_more_than_the_maximum() -> None:
    message = " ".join(f"question number {i} is what?" for i in range(6))
    assert len(questions_of(message)) == MAX_QUESTIONS


def test_a_plus_or_ampersand_joins_two_questions() -> None:
    for joiner in ("+", "&"):
        message = f"how much experience do employers want {joiner} how fast are the jobs growing"
        assert [p.text(message) for p in questions_of(message)] == [
            "how much experience do employers want",
            "how fast are the jobs growing",
        ]
    assert questions_of("is a 2+2 year plan ok?") == []


def test_a_filler_before_the_first_question_keeps_it_a_question() -> None:
    message = "in a nutshell what's the difference, and which university has the online course?"
    assert [p.text(message) for p in questions_of(message)] == [
        "in a nutshell what's the difference",
        "which university has the online course?",
    ]


def test_a_list_announced_by_a_count_is_one_question_per_item() -> None:
    """ "A few questions: X, Y and Z": each item is asked, though none is worded as a question."""
    message = (
        "a few questions for you: typical EM salary, years of experience needed; and where the leeds msc is taught"
    )
    assert [p.text(message) for p in questions_of(message)] == [
        "typical EM salary",
        "years of experience needed",
        "where the leeds msc is taught",
    ]
    joined = "2 things: what is engineering management and is it a good career?"
    assert [p.text(joined) for p in questions_of(joined)] == ["what is engineering management", "is it a good career?"]


def test_a_colon_without_a_count_is_not_a_list() -> None:
    message = "my situation: I manage no one, I write code, and I like it"
    assert questions_of(message) == []


def test_an_adverb_after_and_still_joins_a_second_question() -> None:
    message = "what does an EM do all day, and honestly how stressful is it?"
    assert [p.text(message) for p in questions_of(message)] == ["what does an EM do all day", "how stressful is it?"]


def test_two_words_opening_with_a_question_word_are_a_question_of_their_own() -> None:
    message = "what modules does leeds teach, and which frameworks?"
    assert [p.text(message) for p in questions_of(message)] == ["what modules does leeds teach", "which frameworks?"]
    message = "how much do they earn? and you?"
    assert [p.text(message) for p in questions_of(message)] == ["how much do they earn?"]


def test_a_listed_item_of_two_words_is_still_asked() -> None:
    message = "two things: starting salary, and whether northeastern is online"
    assert [p.text(message) for p in questions_of(message)] == ["starting salary", "whether northeastern is online"]


def test_an_order_after_a_comma_and_and_is_a_part_of_its_own() -> None:
    message = "how do the two jobs differ, and list the modules the online course covers"
    assert [p.text(message) for p in questions_of(message)] == [
        "how do the two jobs differ",
        "list the modules the online course covers",
    ]
    # a plain "and" before a noun is no order: "skills and list" stays one question
    assert questions_of("which skills and list of modules?") == []


def test_a_short_question_ending_a_background_is_its_question() -> None:
    message = "Civil engineer, 7 years in, looking at the Leeds course. doable?"
    assert [p.text(message) for p in questions_of(message)] == ["doable?"]
    assert questions_of("thanks. bye!") == []  # no question mark, no question
