"""A follow-up that only swaps what the last question named: "and the Northeastern one?" after a Leeds question.

The message names one program, article or role and nothing else but small words ("and", "what
about", "the … one"); the previous message named another of the same kind. The follow-up asks the
previous question again, of the new one: its words, with the old name replaced by the new.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from bot.advice.types import Question, QuestionPart, Said
from bot.knowledge.model import KnowledgeBase, Program, Role
from bot.knowledge.terms import PROGRAM, ROLE
from bot.knowledge.text import normalise, words

SWAPPABLE = frozenset({PROGRAM, ROLE})  # what a follow-up can swap: a program (its article) or a role
MAX_WORDS = 8  # "and what about the other one then, the Leeds blog?"
# Words that carry no question of their own in such a follow-up.
FILLER = frozenset(
    """and or but so what about how then also too same for the a an one ones its it's their s of in at with
    article articles piece post page blog blogs uni university universities school program programme course degree side
    version case ok okay please pls""".split()
)
UNSURE = "nlu_fallback"
OPENING = re.compile(r"^\s*(?:and|what about|how about|same for|same question for|ok and|okay and)\b")


def swapped(question: Question, asked_before: frozenset[str], kb: KnowledgeBase) -> Optional[Question]:
    """The previous question asked of what this message names, when that is all this message says.

    `asked_before` is the intents whose questions can be asked again this way (the knowledge intents).
    """
    previous = question.previous
    # A question NLU was unsure of, that a rule answered (it cited a source): asked again of the new name too.
    answered_unsure = previous is not None and previous.intent == UNSURE and bool(question.context.citations)
    if previous is None or not (previous.intent in asked_before or answered_unsure) or not question.text:
        return None
    said = words(normalise(question.text))
    named = [(label, value) for label, value in question.entities if label in SWAPPABLE]
    if not named and len(said) <= MAX_WORDS and set(said) <= FILLER | {"other"} and "other" in said:
        named = _the_other_program(kb, previous.mentions)  # "and the other one?" after a question about one
    if len(said) > MAX_WORDS or len({v for _, v in named}) != 1:
        return None
    label, value = named[0]
    name_words = _name_words(kb, value)
    rest = [w for w in said if w not in FILLER and w != "other"]
    new_words = " ".join(w for w in rest if w in name_words) or _short_name(kb, value)
    # Besides the name, only the earlier question's own words ("…, and when was the Northeastern one?").
    repeated = set(rest) - name_words
    if not (repeated <= set(words(normalise(previous.text)))):
        return None  # the message says more than the name: a question of its own
    if not (OPENING.search(question.text.lower()) or len(said) <= 2 or repeated):
        return None
    old = [(surface, v) for lab, v, surface in previous.mentions if lab == label and v != value]
    if not old:
        return None
    surface = old[0][0]
    pattern = re.compile(rf"\b{re.escape(surface)}\b", re.IGNORECASE)
    if not pattern.search(previous.text):
        return None
    text = pattern.sub(new_words, previous.text, count=1)
    entities = [(lab, value if (lab, v) == (label, old[0][1]) else v) for lab, v, _ in previous.mentions]
    return replace(
        question,
        intent=previous.intent,
        text=text,
        entities=entities,
        ranking=[(previous.intent, 1.0)],
        parts=(),
        background="",
        previous=None,
    )


def _the_other_program(kb: KnowledgeBase, mentions: Sequence[Tuple[str, str, str]]) -> List[Tuple[str, str]]:
    """The program the previous question did not name, when it named exactly one of the two."""
    before = {v for label, v, _ in mentions if label == PROGRAM}
    others = [p.id for p in kb.programs if p.id not in before]
    return [(PROGRAM, others[0])] if len(before) == 1 and len(others) == 1 else []


def _short_name(kb: KnowledgeBase, entry_id: str) -> str:
    """How a follow-up would name a program: its first synonym ("northeastern", "leeds")."""
    entry = kb.get(entry_id)
    return entry.synonyms[0] if isinstance(entry, Program) and entry.synonyms else str(entry_id)


def _name_words(kb: KnowledgeBase, entry_id: str) -> frozenset[str]:
    entry = kb.get(entry_id)
    if isinstance(entry, Program):
        names = [*entry.synonyms, entry.university, entry.name]
    elif isinstance(entry, Role):
        names = [*entry.synonyms, entry.title]
    else:
        return frozenset()
    return frozenset(w for name in names for w in words(normalise(name)))


def said_in_part(kb: KnowledgeBase, part: QuestionPart) -> Said:
    """An earlier question of the same message, as a follow-up part leans on it ("…, and when was the Northeastern
    one?"): its text, its reading, and the words each program or role was named by."""
    mentions = []
    for label, value in part.entities:
        surface = _named_by(kb, value, part.text) if label in SWAPPABLE else None
        if surface:
            mentions.append((label, value, surface))
    return Said(part.text, part.intent, mentions)


def _named_by(kb: KnowledgeBase, entry_id: str, text: str) -> Optional[str]:
    """The words of the text that name the entry: its longest name found there."""
    entry = kb.get(entry_id)
    if not isinstance(entry, (Program, Role)):
        return None
    names = [*entry.synonyms, entry.university if isinstance(entry, Program) else entry.title]
    for name in sorted(filter(None, names), key=len, reverse=True):
        found = re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE)
        if found:
            return text[found.start() : found.end()]
    return None
