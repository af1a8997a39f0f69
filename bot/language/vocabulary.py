"""Word lists the build writes and the answer layer reads.

Known words (what the bot can be said to know), topic words (what an on-topic
question touches) and spaCy's stop words, saved as JSON so the action server
needs no spaCy at run time.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional

from bot.knowledge.text import singular, words
from bot.paths import STOP_WORDS_FILE

# Small-talk intents: their words make neither a message on the subject (build) nor one off it (screening).
SMALL_TALK = frozenset({"greet", "goodbye", "thank", "bot_identity", "help", "stop", "ask_for_person"})


def known_words(texts: Iterable[str]) -> FrozenSet[str]:
    """The vocabulary of the training data and the knowledge base."""
    return frozenset(w for t in texts for w in words(t))


def word_counts(texts: Iterable[str]) -> Dict[str, int]:
    """How often each word of the known vocabulary is used: the normaliser prefers the common ones."""
    return dict(Counter(w for t in texts for w in words(t)))


@lru_cache(maxsize=1)
def stop_words() -> FrozenSet[str]:
    """spaCy's English stop words: from the build when it exists, because importing spaCy in the
    action server would pull in thinc and TensorFlow (about 430 MB more resident memory)."""
    built = load_words(STOP_WORDS_FILE)
    if built is not None:
        return built
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


# Everyday phrases built on a word of the subject: "master bedroom" is no master's degree.
EVERYDAY_PHRASES = re.compile(
    r"\bmaster (?:bedroom|bathroom|bath|suite|key|keys|chef|class|classes|plan|card|copy|switch|tape|recording)s?\b",
    re.IGNORECASE,
)


def without_everyday_phrases(text: str) -> str:
    return EVERYDAY_PHRASES.sub(lambda m: m.group(0).split()[-1], text)


def content_words(text: str) -> List[str]:
    """Words that carry meaning: no stop words, plural -s dropped, everyday phrases read as everyday."""
    stop = stop_words()
    return [singular(w) for w in words(without_everyday_phrases(text)) if w not in stop]


def save_words(found: FrozenSet[str], path: Path) -> None:
    """A word list written by `python -m bot build`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(found)), encoding="utf-8")


def save_counts(counts: Dict[str, int], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(counts.items()))), encoding="utf-8")


def load_words(path: Path) -> Optional[FrozenSet[str]]:
    """A word list from the build, or None before the first build."""
    return frozenset(json.loads(path.read_text(encoding="utf-8"))) if path.exists() else None
