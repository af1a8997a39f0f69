"""Chat shorthand longer or shorter than a word: phrases ("acc 2", "acc to") and digits standing for
a little word ("move 2 mgmt", "wat shd i look 4"), which the normaliser reads before single words.

A digit stands for its word only when it counts nothing: "2 yrs", "4 things", "2 or 3" and "2 of
them" keep their digits.
"""

from __future__ import annotations

import re
from typing import List, Mapping, Optional, Tuple

Span = Tuple[int, int, str, str]  # start, end, what was typed, what it stands for

# Words after a number that show it counts something.
COUNTED_AFTER = frozenset(
    "year years yr yrs month months mo mos week weeks day days hour hours hr hrs minute minutes min mins time times "
    "k percent % more less or and to of - x people person thing things job jobs role roles degree degrees".split()
)
_TOKEN = re.compile(r"\S+")
_EDGE = re.compile(r"^\W+|\W+$")
_PUNCTUATION_AFTER = re.compile(r"[.,!?;:)\]]+$")


def phrase_spans(text: str, phrases: Mapping[str, str]) -> List[Span]:
    """Every phrase of the table in `text`, as whole words, in any case."""
    spans: List[Span] = []
    for phrase, words in phrases.items():
        for m in re.finditer(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", text, re.IGNORECASE):
            spans.append((m.start(), m.end(), m.group(0), words))
    return sorted(spans)


def digit_spans(text: str, digit_words: Mapping[str, str]) -> List[Span]:
    """Lone digits of the table that count nothing, with the word they stand for."""
    tokens = list(_TOKEN.finditer(text))
    spans: List[Span] = []
    for i, token in enumerate(tokens):
        core = _PUNCTUATION_AFTER.sub("", token.group(0))  # "4?" is "for?"; "4%" and "$4" are figures
        if core not in digit_words or i == 0:
            continue
        following = _next_word(tokens, i)
        if following is not None and (following in COUNTED_AFTER or _plural(following) or following[:1].isdigit()):
            continue
        start = token.start() + token.group(0).index(core)
        spans.append((start, start + len(core), core, digit_words[core]))
    return spans


def _next_word(tokens: List[re.Match[str]], i: int) -> Optional[str]:
    if i + 1 >= len(tokens) or re.search(r"[.,!?;:]$", tokens[i].group(0)):
        return None  # "…should I look 4?" ends its phrase
    return _EDGE.sub("", tokens[i + 1].group(0)).lower() or None


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))
