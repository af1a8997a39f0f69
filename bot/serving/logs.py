"""What the serving code writes to the log: one line per event, no visitor's words.

A conversation is named by a short hash of its id, enough to follow one
conversation through the log without storing the id a client chose.
"""

from __future__ import annotations

import hashlib
import logging
import traceback
from pathlib import Path
from typing import Any


def conversation_tag(sender: str) -> str:
    """A 12-hex-digit stand-in for a conversation id (errors='replace': any string, even an invalid one)."""
    return hashlib.sha256(sender.encode("utf-8", errors="replace")).hexdigest()[:12]


MAX_LINE_CHARS = 2000  # a log line is bounded whatever a request held


class OneLineFormatter(logging.Formatter):
    """Each record on one bounded line; an exception as its type, first line and where it was raised."""

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's name
        _, err, tb = ei
        frames = traceback.extract_tb(tb) if tb is not None else []
        where = f" (at {Path(frames[-1].filename).name}:{frames[-1].lineno})" if frames else ""
        first = str(err).splitlines()[0] if str(err) else ""
        return f"{type(err).__name__}: {first}{where}"

    def formatStack(self, stack_info: str) -> str:  # noqa: N802 - logging's name
        return ""

    def format(self, record: logging.LogRecord) -> str:
        line = " | ".join(super().format(record).splitlines())
        return line if len(line) <= MAX_LINE_CHARS else line[:MAX_LINE_CHARS] + " ...(cut)"


def use_one_line_logs() -> None:
    """Give every handler of the root logger the one-line format (after Rasa has set its own)."""
    formatter = OneLineFormatter("%(asctime)s %(levelname)s %(name)s - %(message)s", "%Y-%m-%d %H:%M:%S")
    for handler in logging.getLogger().handlers:
        handler.setFormatter(formatter)
