from __future__ import annotations

from typing import Any

import pytest

from tests.insights.conversations import Recorded, record


@pytest.fixture(scope="session")
def recorded(servers: Any) -> Recorded:
    """The scripted conversations, made once by the real bot over REST."""
    return record(servers)
