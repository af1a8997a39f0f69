"""A follow-up that only names another program asks the last question of it; anything more is its own question."""

from __future__ import annotations

from typing import Optional

from bot.advice.ellipsis import swapped
from bot.advice.types import Question, Said
from bot.knowledge.loader import load
from bot.knowledge.terms import PROGRAM

KB = load()
FIRST, SECOND = KB.programs[0], KB.programs[1]
ASKED = frozenset({"ask_sources", "ask_program"})


def follow_up(text: str, named: str, previous_intent: str = "ask_sources") -> Optional[Question]:
    before = Said(
        f"when was the {FIRST.synonyms[0]} article published?",
        previous_intent,
        [(PROGRAM, FIRST.id, FIRST.synonyms[0])],
    )
    return swapped(Question("ask_program", text, [(PROGRAM, named)], previous=before), ASKED, KB)


def test_naming_the_other_program_asks_the_last_question_of_it() -> None:
    again = follow_up(f"and the {SECOND.synonyms[0]} one?", SECOND.id)
    assert again is not None
    assert again.intent == "ask_sources"
    assert again.text == f"when was the {SECOND.synonyms[0].lower()} article published?"
    assert (PROGRAM, SECOND.id) in again.entities and (PROGRAM, FIRST.id) not in again.entities


def test_a_follow_up_with_a_question_of_its_own_is_not_swapped() -> None:
    assert follow_up(f"and which modules does {SECOND.synonyms[0]} teach?", SECOND.id) is None


def test_the_same_program_again_or_an_unanswerable_last_question_is_not_swapped() -> None:
    assert follow_up(f"and the {FIRST.synonyms[0]} one?", FIRST.id) is None
    assert follow_up(f"and the {SECOND.synonyms[0]} one?", SECOND.id, previous_intent="greet") is None
