"""Split a visitor's message into its questions and the background around them.

"How much do engineering managers earn, and do I need a master's for it?" is
two questions; "I've been a process engineer for six years. What does a
program manager do?" is background plus one question. Each question is
classified on its own (bot/nlu/components.py), so both get answered, and the
background can't pull the classifier towards the wrong topic.
Plain functions over character offsets, no Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import List, Tuple

MAX_QUESTIONS = 3  # answered in one reply; more would bury each answer
MIN_QUESTION_WORDS = 3  # "and you?" is not a question of its own

QUESTION_WORDS = (
    "what|whats|what's|which|who|who's|whos|whom|whose|where|where's|wheres|when|why|how|how's|hows|"
    "do|does|did|is|are|was|were|can|could|should|would|will|"
    "shall|may|might|must|have|has|am|isn't|aren't|don't|doesn't|won't|wouldn't|shouldn't|can't"
)
# Orders that ask as a question does: "list the modules", "name the frameworks", "give me the figure".
ORDERS = "name|list|give me|show me|tell me|explain|describe|outline|summari[sz]e"
ASKING = re.compile(
    r"^\s*(?:(?:so|and|also|but|then|plus|oh|ok|okay|well|hi|hello|hey|thanks|right|in a nutshell|in short|"
    r"basically|quick question|real quick|quickly|honestly|seriously|[a-z]+ly|"
    r"(?:according to|acc to|per|in) (?:the )?[\w']+(?: (?:article|piece|post|blog|uni|university))?)\W+)*"
    # "by how much…", "in which sectors…": a preposition before the question word
    r"(?:(?:by|in|for|to|from|at|on|of|with)\s+(?=(?:how|what|which|whom|whose)\b))?"
    r"(?:" + QUESTION_WORDS + r"|" + ORDERS + r"|i want to know|i'd like to know|i would like to know|"
    r"i'm wondering|i am wondering|i wonder|any idea|could you|can you|please)\b",
    re.IGNORECASE,
)
# Where a sentence ends, keeping its end mark with it.
# Where a sentence ends, keeping its end mark with it; "two things:" and numbered items ("1)", "2.") end one too.
SENTENCE_END = re.compile(r"(?<=[?!.;:])\s+|\n+|\s+(?=\(?\d[).]\s)")
# A second question joined to the first: ", and do I need …", " and also which …", "? also …", " + how …".
JOINED = re.compile(
    r"(?:,\s*|\s+)(?:and|also|plus|but|\+|&)\s+(?:also\s+|[a-z]+ly\s+)?"
    r"(?=(?:(?:by|in|for|to|from|at|on|with)\s+(?:how|what|which)\b|(?:" + QUESTION_WORDS + r")\b))"
    r"|,\s*(?:[a-z]+ly\s+)?(?=(?:what|which|who|where|when|why|how)\b)"
    # ", and name the frameworks…": an order after a comma and "and" is a part of its own
    r"|,\s*(?:and|also|plus)\s+(?=(?:" + ORDERS + r")\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Part:
    start: int
    end: int
    asks: bool  # a question, rather than background the visitor gives
    listed: bool = False  # an item of a list announced by a count ("three things: pay, growth, …"): short is fine

    def text(self, message: str) -> str:
        return message[self.start : self.end]


NUMBERING = re.compile(r"\(?\d[).]\s+")


def _trimmed(message: str, start: int, end: int) -> Tuple[int, int]:
    while start < end and message[start] in " \t\n,;-":
        start += 1
    numbered = NUMBERING.match(message, start, end)
    if numbered:
        start = numbered.end()
    while end > start and message[end - 1] in " \t\n,;-":
        end -= 1
    return start, end


def _spans(message: str, pattern: re.Pattern[str], start: int, end: int) -> List[Tuple[int, int]]:
    spans, cursor = [], start
    for found in pattern.finditer(message, start, end):
        spans.append((cursor, found.start()))
        cursor = found.end()
    spans.append((cursor, end))
    return [s for s in (_trimmed(message, a, b) for a, b in spans) if s[1] > s[0]]


def asks(text: str) -> bool:
    """True when the text asks something (a question mark, or it opens like a question or a request)."""
    return text.rstrip().endswith("?") or bool(ASKING.match(text))


# "Three quick things:", "a couple of questions:": what follows is a list of things asked, one per item.
LIST_LEAD = re.compile(
    r"\b(?:\d+|two|three|four|five|a few|few|some|several|a couple of|couple of|couple)\s+(?:quick\s+|short\s+)?"
    r"(?:things|ones|questions|qs|points|bits)\s*(?:for you\s*)?:\s*$",
    re.IGNORECASE,
)
LIST_ITEM = re.compile(r"[,;]\s*(?:and\s+|&\s+|plus\s+)?", re.IGNORECASE)
LEADING_JOIN = re.compile(r"(?:(?:and|plus|&)\s+)?", re.IGNORECASE)


def split_message(message: str) -> List[Part]:
    """The message's sentences and joined questions, in order, each marked as asking or not."""
    parts: List[Part] = []
    listed = False  # the sentence before announced a list of things asked
    for start, end in _spans(message, SENTENCE_END, 0, len(message)):
        sentence = message[start:end]
        if listed:
            listed = message[end : end + 1] == ";"  # "X, Y; and Z": the list goes on
            for a, b in _spans(message, LIST_ITEM, start, end):
                a += len(LEADING_JOIN.match(message, a, b).group(0))  # type: ignore[union-attr]
                pieces = _spans(message, JOINED, a, b) if asks(message[a:b]) else [(a, b)]
                parts += [Part(c, d, True, listed=True) for c, d in pieces]
            continue
        if LIST_LEAD.search(sentence):
            listed = True
            parts.append(Part(start, end, False))
            continue
        pieces = _spans(message, JOINED, start, end) if asks(sentence) else [(start, end)]
        for piece_start, piece_end in pieces:
            text = message[piece_start:piece_end]
            parts.append(Part(piece_start, piece_end, asks(text) or (asks(sentence) and len(pieces) == 1)))
    return parts


# "is that right?", "true?": a question that leans on the sentence before it, so it is not read alone.
LEANS_ON_CONTEXT = re.compile(
    r"^\W*(?:(?:so|and|but|ok|okay|well)\W+)*(?:is|was|are|isn't) (?:that|this|it|any of that|there any truth)\b"
    r"|^\W*(?:true|really|right|correct|is that so|any truth in that)\W*$",
    re.IGNORECASE,
)


# "which modules?", "what about fees?": short, but a question of its own.
WH_START = re.compile(r"^\W*(?:and |also |plus )?(?:what|which|who|where|when|why|how)\b", re.IGNORECASE)


SHORT_ASK = re.compile(r"^\W*(?:so\W+|and\W+|but\W+)?[a-z']+(?:\s+[a-z']+)?\s*\?+\s*$", re.IGNORECASE)


def _short_ask(text: str) -> bool:
    """One or two words ending the message with a question mark: "worth it?", "doable?"."""
    return bool(SHORT_ASK.match(text))


def _long_enough(text: str) -> bool:
    """Three words at least, or two that open with a question word: "and you?" is not a question of its own."""
    n = len(text.split())
    return n >= MIN_QUESTION_WORDS or (n == MIN_QUESTION_WORDS - 1 and bool(WH_START.match(text)))


def questions_of(message: str) -> List[Part]:
    """The questions to answer, at most MAX_QUESTIONS; empty when the message is best read whole.

    Read whole: one plain question; or one question that leans on the background before it
    ("My boss says you need 10 years. Is that right?").
    """
    parts = split_message(message)
    questions = [p for p in parts if p.asks and (p.listed or _long_enough(p.text(message)))]
    if not questions and len(parts) > 1 and not any(p.asks for p in parts[:-1]) and _short_ask(parts[-1].text(message)):
        questions = [parts[-1]]  # "…6 yrs experience, eyeing the Northeastern MS. worth it?": the question is last
    if len(parts) <= 1 or not questions:
        return []
    if len(questions) == 1 and LEANS_ON_CONTEXT.search(questions[0].text(message)):
        return []
    return questions[:MAX_QUESTIONS]
