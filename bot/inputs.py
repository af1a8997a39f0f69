"""Screen a message before answering: too long, or nothing that reads as words."""
from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import FrozenSet, Iterable, Optional

MAX_MESSAGE_CHARS = 1000
NOT_UNDERSTOOD = "Sorry, I didn't understand that. Could you rephrase it as a question about engineering management?"
_WORD = re.compile(r"[A-Za-z]{2,}")


def message_problem(text: str) -> Optional[str]:
    """A polite explanation when a message can't be answered as it stands, else None."""
    if len(text) > MAX_MESSAGE_CHARS:
        return (f"Sorry, that message is too long for me ({len(text):,} characters; the limit is "
                f"{MAX_MESSAGE_CHARS:,}). Could you ask one question at a time?")
    words = _WORD.findall(text)
    if text.strip().startswith("/"):  # a button payload, already parsed by Rasa
        return None
    if not words or all(len(set(w.lower())) == 1 for w in words) or max(len(w) for w in words) > 40:
        return NOT_UNDERSTOOD
    return None


def words_of(text: str) -> list:
    return [w.lower() for w in _WORD.findall(text)]


def known_words(texts: Iterable[str]) -> FrozenSet[str]:
    """The vocabulary of the training data and the knowledge base."""
    return frozenset(w for t in texts for w in words_of(t))


def save_known_words(words: FrozenSet[str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(words)), encoding="utf-8")


def load_known_words(path: Path) -> Optional[FrozenSet[str]]:
    return frozenset(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else None


def all_words_unknown(text: str, known: FrozenSet[str]) -> bool:
    """True when no word of the message is, or nearly is (a typo), a word the bot knows.

    Catches keyboard mash ("qwertyuiop") that an n-gram classifier would still
    assign to some intent with confidence.
    """
    words = [w for w in words_of(text) if len(w) >= 3]
    if not words:
        return False
    return not any(w in known or difflib.get_close_matches(w, known, n=1, cutoff=0.8) for w in words)
