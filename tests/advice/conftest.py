"""Fixtures for the answer layer's tests."""

from __future__ import annotations

import pytest

from actions.actions import advisor as action_advisor
from bot.advice import Advisor


@pytest.fixture(scope="module")
def wired() -> Advisor:
    """The advisor as the action server builds it: with the build's vocabularies, not only the KB."""
    return action_advisor()
