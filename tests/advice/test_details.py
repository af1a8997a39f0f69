"""The detail index: a question naming two rare words of one KB text gets that text, cited."""

from __future__ import annotations

import re

import pytest

from actions.actions import advisor as wired
from bot.advice import AnswerKind, Context, Question
from bot.advice.details import DetailIndex, one_word_each
from bot.advice.retrieval import ABOUT_THE_TEXT, stems_of
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


def test_a_declined_short_follow_up_reads_the_last_answers_entry() -> None:
    """ "Any named frameworks?" after a program: a word of that program's features answers it, cited."""
    advisor = wired()
    program = advisor.kb.programs[0]
    index = advisor.details
    feature = next(
        f for f in program.features if any(sum(s in d.stems for d in index.details) == 1 for s in stems_of_text(f.text))
    )
    own = next(s for s in sorted(stems_of_text(feature.text)) if sum(s in d.stems for d in index.details) == 1)
    context = Context(program=program.id, topic=f"program:{program.id}")
    answer = advisor.answer(Question("out_of_scope", f"any {own}?", context=context))
    assert answer.kind == AnswerKind.ANSWER and feature.text in answer.text
    cold = advisor.answer(Question("out_of_scope", f"any {own}?"))
    assert cold.kind != AnswerKind.ANSWER  # without that context the same words are no question of ours


def stems_of_text(text: str) -> frozenset:
    """The text's longer stems as the index reads them ("industry-specific" is one word)."""
    return frozenset(s for s in stems_of(one_word_each(text)) if len(s) > 5)


def test_a_follow_up_gets_every_text_of_the_last_entry_that_holds_its_word(index: DetailIndex) -> None:
    """ "And what kind of degree?" after a topic two of whose points name a degree: both points."""
    for entry in sorted({d.entry_id for d in index.details}):  # sorted: a set's order changes from run to run
        texts = [d for d in index.details if d.entry_id == entry]
        shared = set.intersection(*(set(d.stems) for d in texts[:2])) if len(texts) >= 2 else set()
        # A word the index reads: not a word about the articles ("comparison") nor a publisher's name.
        readable = sorted(shared - ABOUT_THE_TEXT - index.names)
        word = next((s for s in readable if len(s) > 5 and index.idf.get(s, 0) > 2), None)
        if word is None:
            continue
        found = index.all_in(f"and {word}?", frozenset({entry}))
        holding = [d for d in texts if word in d.stems]
        assert [m.detail for m in found] == holding[: len(found)] and len(found) >= 2
        return
    pytest.skip("no entry has two texts sharing an uncommon word")


def test_a_hyphenated_word_is_one_shared_word(index: DetailIndex) -> None:
    """ "Is it a good long-term career?" shares one word with a text saying "long-term", not two."""
    tokens = sorted({t for d in index.details for t in re.findall(r"\b[a-z]{3,}-[a-z]{3,}\b", d.text.lower())})
    assert tokens, "no hyphenated word in the KB's texts"
    for token in tokens:
        assert index.best(f"is it {token}?") is None, token
