"""Screen a message before answering: too long, nothing that reads as words, off the topic, or "stop"."""
from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import FrozenSet, Iterable, Optional

from bot import STOP_WORDS_FILE

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


# Asking to leave ("stop", "never mind", "I'd rather not continue").
STOP = re.compile(r"^\W*(please\s+)?(stop|cancel|quit|exit|abort|end|leave|halt)\b|\b(never\s?mind|forget (it|this)|"
                  r"stop (the|this) (check|quiz|test|questions)|no more questions|(want|like) to (stop|quit|leave)|"
                  r"(let's|lets) stop|enough questions|i'm done|i am done|forget about it|"
                  r"(rather not|don't want to|do not want to) (continue|go on|carry on|do this))\b")


def wants_to_stop(text: str) -> bool:
    return bool(STOP.search(text.lower().replace("’", "'")))


@lru_cache(maxsize=1)
def stop_words() -> FrozenSet[str]:
    """spaCy's English stop words: from the build when it exists, because importing spaCy in the
    action server would pull in thinc and TensorFlow (about 430 MB more resident memory)."""
    built = load_words(STOP_WORDS_FILE)
    if built is not None:
        return built
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def content_words(text: str) -> list:
    """Words that carry meaning: no stop words, plural -s dropped."""
    stop = stop_words()
    words = [w for w in words_of(text) if w not in stop]
    return [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words]


def off_topic(text: str, domain: FrozenSet[str]) -> bool:
    """True when a message has two or more content words and none of them is in the domain's vocabulary.

    "How many ounces are in a pound?" can still get a confident knowledge intent
    from an n-gram classifier; nothing in it touches the subject.
    """
    words = content_words(text)
    return len(words) >= 2 and not any(w in domain for w in words)


def save_words(words: FrozenSet[str], path: Path) -> None:
    """A word list written by `python -m bot build` (known words, domain words, stop words)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(words)), encoding="utf-8")


def load_words(path: Path) -> Optional[FrozenSet[str]]:
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
