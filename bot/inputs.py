"""Screen a message before answering: too long, or nothing that reads as words."""
from __future__ import annotations

import re
from typing import Optional

MAX_MESSAGE_CHARS = 1000
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
        return "Sorry, I didn't understand that. Could you rephrase it as a question about engineering management?"
    return None
