"""Two forms of one word, and words in order in any of their forms (bot.knowledge.text)."""

from __future__ import annotations

import pytest

from bot.knowledge.text import holds_in_order, same_word_form, stem


@pytest.mark.parametrize(
    "one, other",
    [("leaving", "leave"), ("sustainability", "sustainable"), ("recognise", "recognised"), ("skills", "skill")],
)
def test_forms_of_one_word_are_the_same_word(one: str, other: str) -> None:
    assert same_word_form(stem(one), stem(other))


@pytest.mark.parametrize("one, other", [("manage", "manufacture"), ("process", "product"), ("lead", "learn")])
def test_different_words_sharing_a_start_are_not(one: str, other: str) -> None:
    assert not same_word_form(stem(one), stem(other))


def test_words_in_order_are_held_in_any_form_and_only_in_that_order() -> None:
    held = [stem(w) for w in "can i study without leaving my job".split()]
    assert holds_in_order(held, [stem(w) for w in "leave my job".split()])
    assert not holds_in_order(held, [stem(w) for w in "my job leave".split()])
    assert not holds_in_order(held[:2], [stem(w) for w in "leave my job".split()])
