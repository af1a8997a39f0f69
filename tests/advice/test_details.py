"""The detail index: a question naming two rare words of one KB text gets that text, cited."""

from __future__ import annotations

import pytest

from bot.advice.details import DetailIndex
from bot.knowledge.loader import load


@pytest.fixture(scope="module")
def index() -> DetailIndex:
    return DetailIndex(load())


def rarest_pair(index: DetailIndex) -> tuple:
    """A KB text and two of its words no other text holds: what a detail question would name."""
    for detail in index.details:
        own = sorted(s for s in detail.stems if len(s) > 5 and sum(s in d.stems for d in index.details) == 1)
        if len(own) >= 2:
            return detail, own[:2]
    raise AssertionError("no KB text has two words of its own")


def test_two_rare_words_find_their_text(index: DetailIndex) -> None:
    detail, pair = rarest_pair(index)
    match = index.best(f"what do they say about {pair[0]} and {pair[1]}?")
    assert match is not None and match.detail == detail
    assert not index.said(match, "An answer about something else entirely.")
    assert index.said(match, detail.text)


def test_one_shared_word_is_no_detail(index: DetailIndex) -> None:
    detail, pair = rarest_pair(index)
    assert index.best(f"what about {pair[0]}?") is None


def test_words_of_no_kb_text_find_nothing(index: DetailIndex) -> None:
    assert index.best("what time does the library open on sundays?") is None


def test_named_article_reads_only_its_texts(index: DetailIndex) -> None:
    detail, pair = rarest_pair(index)
    other = frozenset(s for s in {d.citation[0] for d in index.details} if s != detail.citation[0])
    assert index.best(f"{pair[0]} and {pair[1]}?", sources=other) is None
