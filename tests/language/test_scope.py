"""The scope guard: the outside profession, subject or skill a question is about."""

from __future__ import annotations

from typing import Optional

import pytest

from bot.knowledge.loader import load_knowledge_base
from bot.language.scope import ScopeGuard
from bot.paths import KNOWLEDGE_DIR


@pytest.fixture(scope="module")
def guard() -> ScopeGuard:
    return ScopeGuard(load_knowledge_base(KNOWLEDGE_DIR))


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("What degree does a dentist need?", "dentist"),
        ("do I need a master's to become an architect?", "architect"),
        ("how do i become a master at chess", "chess"),
        ("what does an engineering manager need?", None),
        ("what skills does a project manager need?", None),
        ("is a master in engineering management worth it?", None),
        ("what would a systems engineer need to learn?", None),
    ],
)
def test_the_subject_a_question_is_about(guard: ScopeGuard, text: str, subject: Optional[str]) -> None:
    assert guard.foreign_subject(text) == subject


@pytest.mark.parametrize(
    ("text", "job"),
    [("What would a civil engineer earn in London?", "civil engineer"), ("how much would I make as an EM?", None)],
)
def test_whose_pay_a_question_asks_about(guard: ScopeGuard, text: str, job: Optional[str]) -> None:
    assert guard.paid_job(text) == job
