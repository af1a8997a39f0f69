"""What a visitor says about themselves: years of experience, field, first degree.

Only first-person statements count ("I've been a civil engineer for two
years", "my degree is in history"). Hearsay ("my mentor says it takes 12
years"), ages ("a 41-year-old"), questions about requirements ("is 5 years
enough?") and someone else's numbers never become a fact about the visitor:
the advice quotes what they said back to them, so it must be theirs.
Plain functions, no Rasa.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, List, Optional

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
# Vague amounts, read as a typical value ("many" and "several" are too vague to compare with a requirement).
VAGUE = {
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
    "a few": 3,
    "few": 3,
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
    r"\b((?:no|zero|0|without any) (?:work |working |professional |industry |real |job )?experience|never worked|"
    r"just graduated|recent graduate|new grad|fresh graduate|"
    r"still (?:a )?student|still at (?:uni|university|college))\b"
)
FIELD = re.compile(
    r"\b(?:i am|i'm|im|i've been|ive been|i have been|i work as|i'm working as|i am working as)\s+(?:an?\s+)?"
    r"([a-z]+(?:\s+[a-z]+)?)\s+engineer\b"
)
_DEGREE_NOUN = r"(?:degree|bachelor'?s?|ba|bsc|beng|meng|undergrad(?:uate)?(?: degree)?|major)"
# "my degree is in history", "I studied physics", "I have a BSc in chemistry".
OWN_DEGREE = re.compile(
    r"\b(?:my (?:first |undergrad(?:uate)? )?" + _DEGREE_NOUN + r"(?: degree)? (?:is|was)(?: in)?"
    r"|i (?:studied|majored in|graduated in|read|did (?:a |my )?" + _DEGREE_NOUN + r" in"
    r"|(?:have|hold|got|earned) (?:a |an )?" + _DEGREE_NOUN + r" in)"
    r"|(?:with|from) (?:a |an |my )?" + _DEGREE_NOUN + r" in)\s+([a-z]+(?:\s+[a-z]+)?)"
)
# In reply to "what was your first degree in?": "physics", "degree in physics", "a BSc in maths".
ANSWERED_DEGREE = re.compile(r"\b" + _DEGREE_NOUN + r"\s+(?:is\s+|was\s+)?(?:in\s+)?([a-z]+(?:\s+[a-z]+)?)")
# Words that follow "degree is" without naming a subject ("the degree is worth it").
NOT_SUBJECTS = frozenset(
    """worth useful enough necessary needed required important valuable good better best worthwhile the a an it
    that this what which required essential mandatory optional recognised recognized accredited online required
    engineering_management and or but so do does is are not no from""".split()
)
TRAILING = frozenset("and or but so do does is are was were should would could can i my to for with at not".split())
# Someone else's claim, or a guess: its numbers are not the visitor's.
HEARSAY = re.compile(
    r"\b(says?|said|told|tells|telling|reckons?|thinks?|thought|think|according|heard|hear|claims?|apparently|"
    r"supposedly|insists?|believes?|rumou?rs?|read that|people|someone|somebody|everyone|they say)\b"
)
# Between "I" and the amount, these make it a question or a wish, not a statement ("I want to know if 5 years…").
NOT_A_STATEMENT = re.compile(
    r"\b(need|needs|require[sd]?|want|wants|wonder|wondering|know|ask|asking|expect|enough|minimum|at least|"
    r"how|would|should|could|will|if|whether|take|takes|before)\b"
)
# "my friend has 6 years", "my company was founded 30 years ago": someone else's years.
SOMEONE_ELSES = re.compile(
    r"\bmy (?:friend|boss|manager|mentor|colleague|company|team|dad|mum|mom|father|mother|partner|wife|husband|"
    r"brother|sister|son|daughter|uncle|aunt|cousin|firm|employer|department|project|kids?|children|lecturer|"
    r"professor|tutor|supervisor|coworker|co worker|peers?|classmates?)\b|\b(?:ago|from now|later|time)\b"
)
# A clause that asks ("should I wait 5 years?") states nothing, unless it says "I have" or "I've been".
ASKS = re.compile(r"^(?:should|could|would|will|can|do|does|did|is|are|was|how|what|when|where|why|which|who)\b")
STATES = re.compile(r"\b(?:i have|i've|ive|i had|i was|i worked|i spent|i am|i'm|im|my)\b")
FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|i'd|my)\b")
# "Software dev here, …", "mech engineer here -": the visitor introducing themselves.
SELF_INTRODUCTION = re.compile(r"^\W*(?:[\w/&-]+\s+){1,4}here\b\W")
# An age, in digits or words ("41-year-old", "twenty nine years old", "aged 30"): never experience.
AGE = re.compile(r"\b(?:aged?\s+\S+|(?:\S+\s+)?\S+\s+(?:years?|yrs?)\s+old|\d+\s*yo|\S+\s+years?\s+of\s+age)\b")
# A background given as a statement: "Six years as a process engineer in a brewery, ..."
BACKGROUND_START = re.compile(
    r"^\s*(?:about |around |over |almost |nearly )?(?:" + _NUM + "|" + _VAGUE + r")\s+(?:years?|yrs?|decades?)\s+"
    r"(?:as|in|at|of|working|doing|with|experience)\b"
)
CLAUSE_BREAK = re.compile(
    r"(?<=[.!?;])\s+|\n+|,\s*(?=(?:but|so|and|do|does|did|is|are|was|should|would|could|can|what|how|will|"
    r"which|who|where|why|when)\b)"
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

    def slot_updates(self) -> Dict[str, object]:
        """The context slots this profile sets: only what the visitor said."""
        updates: Dict[str, object] = {}
        if self.years is not None:
            updates["experience_years"] = self.years
        if self.degree_field:
            updates["degree_field"] = self.degree_field
        return updates


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


# "I prefer hands-on technical work", "I don't enjoy managing people": leaning away from management.
PREFERS_TECHNICAL = re.compile(
    r"\b(?:i|i'd|i'm|i am|i would|i really)\b[^.?!]{0,30}?\b(?:prefer|rather|love|enjoy|like|happier|happiest|"
    r"want to stay|want to remain|stay|remain)\b[^.?!]{0,30}?\b(?:technical|hands on|engineering work|coding|"
    r"code|design work|designing|building things|problem solving|solving problems|the tech)\b"
    r"|\b(?:i|i'm|i am|i really)\b[^.?!]{0,20}?\b(?:don't|do not|dont|never|hate|dislike|not keen on|"
    r"not interested in|can't stand|avoid|not a fan of|not good at|struggle with|not sure i want to|"
    r"don't want to|do not want to|dont want to|rather not|have no interest in|no desire to)\b[^.?!]{0,25}?"
    r"\b(?:manag\w*|leading people|lead people|people management|meetings|politics|admin|paperwork|supervis\w*)\b"
)
# "I love testing and standards": what the visitor enjoys, in their words (role suggestions read this).
ENJOYS = re.compile(
    r"\b(?:i|i'm|i am|i've always|i really|i do|someone who|somebody who|people who|a person who|anyone who)\b"
    r"[^.?!]{0,20}?\b(?:like|likes|love|loves|enjoy|enjoys|prefer|prefers|am into|'m into|is into|are into|"
    r"am good at|'m good at|am passionate about|'m passionate about|am interested in|'m interested in|"
    r"am keen on|'m keen on|get a kick out of|thrive on)\b([^.?!]*)"
)


def prefers_technical_work(text: str) -> bool:
    """True when the visitor says they prefer technical work, or don't enjoy managing people."""
    return bool(PREFERS_TECHNICAL.search(normalise(text)))


def what_they_enjoy(text: str) -> str:
    """The words after "I like / I enjoy / I'm good at ...", or "" when the visitor says nothing they enjoy."""
    return " ".join(found.group(1) for found in ENJOYS.finditer(normalise(text))).strip()


def clauses(text: str) -> List[str]:
    """The sentences and clauses of a message, so that one clause's "I" does not vouch for another's number."""
    return [c.strip() for c in CLAUSE_BREAK.split(normalise(text)) if c and c.strip()]


def said_about_self(clause: str, answering: bool = False) -> bool:
    """True when the clause's amount of experience is the visitor's own, as they state it.

    `answering`: the clause replies to "how many years have you worked?", so no "I" is needed.
    """
    if HEARSAY.search(clause) or SOMEONE_ELSES.search(clause):
        return False
    amount = _amount_match(clause)
    if amount is None:
        return False
    if answering:
        return True
    if BACKGROUND_START.match(clause) and not clause.rstrip().endswith("?"):
        return True
    fragment = amount.start() == 0 or clause[: amount.start()].rstrip().endswith(",")
    if amount.re is NO_EXPERIENCE and fragment and not clause.rstrip().endswith("?"):
        return True  # "…, zero work experience, …": a fragment about the visitor, as a background is written
    before = clause[: amount.start()]
    if ASKS.match(clause) and not STATES.search(before):
        return False
    people = list(FIRST_PERSON.finditer(before))
    introduced = SELF_INTRODUCTION.match(before)  # "software dev here, 6 yrs …": the visitor, without an "I"
    if not people and not introduced:
        return False
    subject_end = people[-1].end() if people else introduced.end()  # type: ignore[union-attr]
    return not NOT_A_STATEMENT.search(before[subject_end:])  # the last "I"/"my" before the amount is its subject


def _amount_match(clause: str) -> Optional[re.Match[str]]:
    for pattern in (NO_EXPERIENCE, DECADE, YEARS):
        found = pattern.search(clause)
        if found:
            return found
    return None


def own_years(text: str, answering: bool = False) -> Optional[float]:
    """The years of experience the visitor states about themselves, or None."""
    for clause in clauses(text):
        clause = AGE.sub(" ", clause)
        if said_about_self(clause, answering):
            return years_of_experience(clause)
    return None


def own_degree(text: str, answering: bool = False) -> Optional[str]:
    """The subject of the visitor's first degree, when they say it ("my degree is in history")."""
    low = normalise(text)
    pattern = ANSWERED_DEGREE if answering else OWN_DEGREE
    for clause in clauses(low):
        if HEARSAY.search(clause):
            continue
        found = pattern.search(clause)
        if not found:
            continue
        words = found.group(1).split()
        while words and words[-1] in TRAILING:
            words.pop()
        if words and words[0] not in NOT_SUBJECTS:
            return " ".join(words)
    return None


# "not from engineering", "no engineering degree", "a non-engineering background": a first degree outside it.
NOT_ENGINEERING = re.compile(
    r"\b(?:not|non)[- ](?:from |in |an? )?engineering\b(?! manag)|\bno engineering (?:degree|background)\b"
    r"|\bwithout an? engineering (?:degree|background)\b|\bnot an? engineer\b"
    r"|\b(?:don'?t|do not|didn'?t|did not) (?:have|hold|get|study|do) (?:an? )?engineering (?:degree|background)\b"
    r"|\b(?:undergrad|undergraduate|first degree|bachelor'?s?|degree) (?:is ?n'?t|is not|isnt|wasn'?t|was not|not) "
    r"(?:relevant|in engineering|engineering|related)\b"
)
OTHER_THAN_ENGINEERING = "another subject"


def profile_from(text: str, answering: bool = False) -> Profile:
    """What the visitor says about themselves in this message; `answering` when it replies to a question about them."""
    low = normalise(text)
    field_match = FIELD.search(low)
    degree_field = own_degree(text, answering)
    if degree_field is None and NOT_ENGINEERING.search(low) and not HEARSAY.search(low):
        degree_field = OTHER_THAN_ENGINEERING  # they said only what it is not
    outside = degree_field is not None and not any(w in degree_field for w in ENGINEERING_WORDS)
    field = field_match.group(1) if field_match and not HEARSAY.search(low) else None
    return Profile(own_years(text, answering), field, degree_field, outside)


# The visitor asking about their own move: "should I…", "can I…", "am I ready", "apply now".
OWN_MOVE = re.compile(
    r"\b(?:should|can|could|would|do|shall|must|will) i\b|\bam i\b|\bi'?m (?:ready|qualified|eligible)\b"
    r"|\b(?:would|will|could) (?:a|an|the|my) (?:master'?s|masters|msc|degree)\b[^?.!]{0,50}\bhelp\b"
    r"|\bfor me\b|\bmy chances\b|\bapply (?:now|yet)\b|\bis it (?:too )?(?:early|late|soon)\b"
    r"|\bhelp (?:me|someone like me|people like me|my career)\b"
    r"|\b(?:someone|people) (?:like me|in my (?:job|role|position|shoes|line of work|field))\b"
    r"|\bmy (?:kind|type|sort|line) of (?:role|job|work|position)\b"
    r"|\bif my (?:undergrad|undergraduate|degree|first degree|bachelor'?s?)\b"
    r"|\b(?:broaden|widen|open up|improve|boost|expand|help|change)\w* my (?:options|prospects|career|chances|future)\b"
)
