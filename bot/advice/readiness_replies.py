"""Reading a reply to a readiness-check question: yes, partly, no or unsure.

The phrases that mean each reply are data, in `readiness_replies.yml` beside this module: read
once, on import, and checked, so a mistake in the file fails naming the file and the key.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

import yaml

from bot.knowledge.text import normalise

PHRASES_FILE = Path(__file__).with_name("readiness_replies.yml")


class Reply(str, Enum):
    YES = "yes"
    PARTLY = "partly"
    NO = "no"
    UNSURE = "unsure"


# How far each reply counts towards a sign; "not sure" is left out of the average.
SCORES: Dict[Reply, float] = {Reply.YES: 1.0, Reply.PARTLY: 0.5, Reply.NO: 0.0}

Phrases = List[Tuple[Reply, Tuple[str, ...]]]


class PhrasesError(ValueError):
    """The phrases file is not as `load_phrases` expects; the message names the file and the key."""


def _strings(path: Path, key: str, value: Any) -> Tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise PhrasesError(f"{path}: {key}: expected a non-empty list of strings, got {value!r}")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise PhrasesError(f"{path}: {key}[{i}]: expected a non-empty string (quoted), got {item!r}")
    return tuple(value)


def load_phrases(path: Path = PHRASES_FILE) -> Tuple[Phrases, FrozenSet[str]]:
    """The replies' phrases in the order they are tried, and the words a reply opens with."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"replies", "openers"}:
        found = sorted(data) if isinstance(data, dict) else type(data).__name__
        raise PhrasesError(f"{path}: expected the keys 'replies' and 'openers', found {found}")
    entries = data["replies"]
    if not isinstance(entries, list):
        raise PhrasesError(f"{path}: replies: expected a list of {{reply, phrases}}, got {entries!r}")
    phrases: Phrases = []
    for i, entry in enumerate(entries):
        key = f"replies[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"reply", "phrases"}:
            raise PhrasesError(f"{path}: {key}: expected the keys 'reply' and 'phrases', got {entry!r}")
        if entry["reply"] not in {r.value for r in Reply}:
            known = ", ".join(r.value for r in Reply)
            raise PhrasesError(f"{path}: {key}.reply: {entry['reply']!r} is not one of {known}")
        phrases.append((Reply(entry["reply"]), _strings(path, f"{key}.phrases", entry["phrases"])))
    listed = [reply for reply, _ in phrases]
    if sorted(listed) != sorted(Reply):
        raise PhrasesError(
            f"{path}: replies: each of {[r.value for r in Reply]} once, found {[r.value for r in listed]}"
        )
    return phrases, frozenset(_strings(path, "openers", data["openers"]))


# Phrases per reply, tried in this order (so "not sure" is unsure, not no, and "yes, sometimes" is
# partly), matched as whole words; and the words a reply opens with ("no, but I'd like to ..."): such a
# message answers the question asked.
PHRASES, OPENERS = load_phrases()


def padded(text: str) -> str:
    """Words padded with spaces, so phrases match whole words; "50/50" and "100%" survive."""
    return " " + re.sub(r"[^a-z0-9%/' ]+", " ", normalise(text)) + " "


def interpret(text: str) -> Optional[Reply]:
    """Yes, partly, no or unsure from a free-text reply; None when it isn't a reply."""
    said = padded(text)
    for reply, phrases in PHRASES:
        if any(f" {p} " in said for p in phrases):
            return reply
    return None
