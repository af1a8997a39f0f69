"""Asking the advisor one question, as the action server builds it (shared by the answer layer's tests)."""

from __future__ import annotations

from typing import Sequence, Tuple

from bot.advice import Advisor, Answer, Context, Question


def ask(
    advisor: Advisor,
    text: str,
    intent: str,
    entities: Sequence[Tuple[str, str]] = (),
    context: Context = Context(),
    background: str = "",
) -> Answer:
    question = Question(intent, text, list(entities), context, ranking=[(intent, 0.9)], background=background)
    return advisor.answer(question)
