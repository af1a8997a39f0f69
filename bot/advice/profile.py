"""What a visitor says about themselves: years of experience and field.

"I've been a civil engineer for two years" -> 2 years, civil engineering.
Used to tailor the master's advice; plain functions, no Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from bot.knowledge.text import normalise

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
}
# Vague amounts, read as a typical value.
VAGUE = {
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
    "several": 4,
    "many": 8,
    "half a": 0.5,
}
_NUM = r"(\d+(?:\.\d+)?|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_VAGUE = "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True))
YEARS = re.compile(
    r"\b(?:(over|more than|almost|nearly|about|around|under|less than)\s+)?"
    r"(?:" + _NUM + r"(?:\s*\+)?|" + r"(" + _VAGUE + r"))\s*(?:-|\s)?\s*(years?|yrs?|decades?|months?)\b"
)
DECADE = re.compile(r"\b(?:(over|more than|almost|nearly|about|around)\s+)?(a|one|two|half a)\s+decades?\b")
NO_EXPERIENCE = re.compile(
    r"\b(no (?:work )?experience|just graduated|recent graduate|new grad|fresh graduate|"
    r"still (?:a )?student|still at (?:uni|university|college))\b"
)
FIELD = re.compile(
    r"\b(?:i am|i'm|im|i've been|ive been|i have been|i work as|working as|as)\s+(?:an?\s+)?"
    r"([a-z]+(?:\s+[a-z]+)?)\s+engineer\b"
)
DEGREE_FIELD = re.compile(
    r"\b(?:degree|bachelor'?s?|ba|bsc|major(?:ed)?|studied)\s+(?:is\s+|was\s+)?(?:in\s+)?"
    r"([a-z]+(?:\s+[a-z]+)?)"
)
ENGINEERING_WORDS = (
    "engineer",
    "engineering",
    "mechanical",
    "civil",
    "electrical",
    "chemical",
    "aerospace",
    "software",
    "computer science",
    "manufacturing",
    "systems",
    "industrial",
    "physics",
    "maths",
    "mathematics",
    "math",
    "materials",
    "biomedical",
)


@dataclass(frozen=True)
class Profile:
    years: Optional[float] = None
    field: Optional[str] = None  # e.g. "civil"
    degree_field: Optional[str] = None  # undergraduate subject, when said
    degree_outside_engineering: bool = False


def _number(word: str) -> float:
    return float(word) if re.match(r"\d", word) else float(NUMBER_WORDS[word])


def years_of_experience(text: str) -> Optional[float]:
    low = normalise(text)
    if NO_EXPERIENCE.search(low):
        return 0.0
    match = DECADE.search(low)
    if match:
        qualifier, amount = match.groups()
        value = 5.0 if amount == "half a" else 10.0 * (2 if amount == "two" else 1)
        return value + (1 if qualifier in ("over", "more than") else 0)
    match = YEARS.search(low)
    if not match:
        return None
    qualifier, number, vague, unit = match.groups()
    value = _number(number) if number else float(VAGUE[vague])
    if unit.startswith("month"):
        value /= 12
    elif unit.startswith("decade"):
        value *= 10
    if qualifier in ("over", "more than") or (number and f"{number}+" in low.replace(" ", "")):
        value += 0.5
    return round(value, 1)


def profile_from(text: str) -> Profile:
    low = normalise(text)
    field_match = FIELD.search(low)
    degree_match = DEGREE_FIELD.search(low)
    degree_field: Optional[str] = degree_match.group(1) if degree_match else None
    outside = degree_field is not None and not any(w in degree_field for w in ENGINEERING_WORDS)
    return Profile(years_of_experience(text), field_match.group(1) if field_match else None, degree_field, outside)
