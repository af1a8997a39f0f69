"""The names the report reads are the names the actions write."""

from __future__ import annotations

import actions.actions as actions
from bot.advice import readiness
from bot.advice.types import AnswerKind
from bot.insights import store, turns


def test_the_metadata_keys_and_slots_match_the_actions() -> None:
    assert turns.ANSWER_KIND == actions.ANSWER_KIND
    assert turns.READINESS_OUTCOME == actions.READINESS_OUTCOME
    assert turns.READINESS_FORM == actions.READINESS_FORM
    assert store.ASIDE_SLOT == readiness.RESUMED_SLOT


def test_every_answer_kind_has_an_outcome() -> None:
    assert set(turns.KIND_OUTCOMES) == {kind.value for kind in AnswerKind}
