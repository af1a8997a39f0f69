"""The one text normaliser and the word helpers every layer shares.

Build-time code (vocabularies, entity patterns) and answer-time code must
read text the same way, or a word known at build time is missed at run time.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, List, Sequence

_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[a-z]{2,}")
_NOT_ALNUM = re.compile(r"[^a-z0-9 ]")
_SUFFIXES = ("ing", "ers", "er", "es", "s", "ed")
MIN_STEM = 4  # shorter stems merge unrelated words ("test" + "er" is fine, "us" + "es" is not)


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, hyphens as spaces, single spaces, no end punctuation."""
    text = str(text).lower().replace("’", "'").replace("-", " ")
    return _SPACES.sub(" ", text).strip(" ?.!,")


def plain(text: str) -> str:
    """`normalise`, then letters, digits and single spaces only ("engineer's" -> "engineer")."""
    clean = _NOT_ALNUM.sub(" ", normalise(text).replace("'s", ""))
    return _SPACES.sub(" ", clean).strip()


def words(text: str) -> List[str]:
    """The words of a text (two letters or more), lower case."""
    return _WORD.findall(str(text).lower())


def singular(word: str) -> str:
    """A plural -s dropped ("engineers" -> "engineer", "PMs" -> "pm"); "boss" and "ms" are left alone."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 2 else word


def stem(word: str) -> str:
    """A crude stem for matching what a visitor enjoys against KB keywords ("testing" -> "test")."""
    word = word.lower()
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def named_in(text: str, names: Iterable[str]) -> bool:
    """True when the text names one of the names, as whole words, case and apostrophes aside."""
    low = normalise(text)
    return any(re.search(rf"(?<!\w){re.escape(normalise(n))}(?!\w)", low) for n in names)


MIN_FORM_START = 4  # letters two forms of a word share at least: "leav" (leaving) and "leave"
FREE_ENDING = 3  # letters of the shorter form's ending the other may not share: "sustainab|le", "sustainab|ility"


def same_word_form(one: str, other: str) -> bool:
    """Two stems of one word in different forms ("leav"/"leave", "sustainability"/"sustainable", "recognis"/
    "recognise"): equal, or sharing all but the last few letters of the shorter."""
    if one == other:
        return True
    shared = len(os.path.commonprefix([one, other]))
    return shared >= MIN_FORM_START and shared >= min(len(one), len(other)) - FREE_ENDING


def holds_in_order(held: Sequence[str], wanted: Sequence[str]) -> bool:
    """True when the wanted stems come one after another in the held ones, each in any form of its word."""
    return any(
        all(same_word_form(w, h) for w, h in zip(wanted, held[i : i + len(wanted)], strict=True))
        for i in range(len(held) - len(wanted) + 1)
    )
