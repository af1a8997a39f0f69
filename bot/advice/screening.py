"""Screen a message before answering: too long, nothing that reads as words, off the topic, or "stop"."""

from __future__ import annotations

import difflib
import re
from typing import FrozenSet, Optional, Sequence, Tuple

from bot.knowledge.text import normalise, words
from bot.language.limits import MAX_MESSAGE_CHARS
from bot.language.vocabulary import content_words

MAX_WORD_CHARS = 40  # no English word is longer; a longer one is a pasted token or keyboard mash
NOT_UNDERSTOOD = "Sorry, I didn't understand that. Could you rephrase it as a question about engineering management?"
_LETTERS = re.compile(r"[A-Za-z]{2,}")


def message_problem(text: str) -> Optional[str]:
    """A polite explanation when a message can't be answered as it stands, else None."""
    if len(text) > MAX_MESSAGE_CHARS:
        return (
            f"Sorry, that message is too long for me ({len(text):,} characters; the limit is "
            f"{MAX_MESSAGE_CHARS:,}). Could you ask one question at a time?"
        )
    found = _LETTERS.findall(text)
    if text.strip().startswith("/"):  # a button payload, already parsed by Rasa
        return None
    if not found or all(len(set(w.lower())) == 1 for w in found) or max(len(w) for w in found) > MAX_WORD_CHARS:
        return NOT_UNDERSTOOD
    return None


# Asking to leave ("stop", "never mind", "I'd rather not continue").
STOP = re.compile(
    r"^\W*(please\s+)?(stop|cancel|quit|exit|abort|end|leave|halt)\b|\b(never\s?mind|forget (it|this)|"
    r"stop (the|this) (check|quiz|test|questions)|no more questions|(want|like) to (stop|quit|leave)|"
    r"(let's|lets) stop|enough questions|i'm done|i am done|forget about it|"
    r"(rather not|don't want to|do not want to) (continue|go on|carry on|do this))\b"
)


# Asking to check one's own fit ("am I suited to it?", "check if it suits me", "should I become one?").
FIT_CHECK = re.compile(
    r"\b(?:am i|would i be|i'd be|i would be|will i be|could i be|i'm not sure i'm|not sure if i'm|i wonder if i'm)\b"
    r".*\b(?:suited|suitable|a good fit|fit|right|cut out|ready|good at|made for)\b"
    r"|\b(?:check|test|assess|quiz|evaluate|see)\b.*\b(?:fit|suit|suits|suited|ready|readiness|right for me)\b"
    r"|\b(?:suits?|suited to|fit for|right for|made for|meant for) me\b"
    r"|\b(?:i'?d|i would|would i|do i|will i) suit\b"
    r"|\bshould i (?:become|move|go|switch|get|transition|step|make the move|make the jump)\b"
    r"|\bis (?:it|this|management|engineering management|that) (?:for me|right for me|a good fit for me|my thing)\b"
    r"|\bready (?:for|to) (?:manage|lead|move|step|become|make)\b"
    r"|\b(?:would|will|could|do you think) i (?:make|be) (?:a |an )?(?:good|great|decent|strong|natural|successful)\b"
)


# Asking how to tell one is ready, or for the signs: "how do I know I'm ready to move into management?"
ASKS_FOR_SIGNS = re.compile(
    r"\bhow (?:do|would|can|could|will|should|to|does one) (?:i |you |one |someone )?(?:\w+ )?"
    r"(?:know|kno|tell|recogni[sz]e|judge|decide|figure out|work out)\b[^?.!]{0,40}\bready\b"
    r"|\bsigns?\b[^?.!]{0,40}\bready\b|\bready\b[^?.!]{0,50}\b(?:any|what|which|the) signs?\b"
    r"|\b(?:what|which|any) (?:are (?:the )?)?signs?\b[^?.!]{0,40}\b(?:management|manager|mgmt|lead|leadership|move)\b"
    # "is that a sign I should move to management?", "does that mean I'm ready?"
    r"|\b(?:is|are) (?:that|this|these|those|it|they) (?:a |any )?(?:good )?signs? (?:that )?(?:i|i'?m|i am)\b"
    r"|\bdoes (?:that|this|it) mean (?:i'?m|i am) ready\b"
    # "signs I should manage?", "any signs I'd be good at it?"
    r"|^\W*(?:(?:and|so|any|are (?:these|those|they))\W+)*signs? (?:that )?(?:i|i'?d|i'?m|i am)\b"
)


# Asking whom it is for: "who is it aimed at?", "is engineering management only for engineers?"
ASKS_WHO_FOR = re.compile(
    r"\bwho(?:'s| is| are)? (?:it|this|that|engineering management|em|"
    r"the (?:field|course|program|programme|degree|msc))"
    r"(?: really| actually| mainly| mostly)? (?:for|aimed at|meant for|designed for|intended for|suited to|suited for|"
    r"targeted at|geared towards?|a good fit for|ideal for)\b"
    r"|\bwho (?:should|would|could) (?:do|study|take|consider|go into|pursue|apply)\b"
    r"|\bwho (?:would|does|is|are)\b[^?.!]{0,40}\b(?:a good fit|good fit|suited|suitable|ideal|right)\b"
    r"[^?.!]{0,10}\bfor\b"
    r"|\b(?:only|just) for (?:engineers|people with an? engineering|those with an? engineering|graduates)\b"
    # "who does the Leeds blog say engineering management is for?", "what if I'm not an engineer?"
    r"|\bwho\b[^?.!]{0,40}\b(?:it|engineering management|em|management)(?:'s| is| are) (?:really |mainly )?"
    r"(?:for|aimed at|meant for|designed for)\b|\bwhat if (?:i'?m|i am) not an? engineer\b"
    r"|\b(?:is|think) (?:it|this|engineering management|em|management) (?:is )?(?:really )?(?:for|right for|meant for|"
    r"suited to) (?:people like me|someone like me|people like us)\b"
    # "is engineering management even a path for ops people?"
    r"|\bis (?:it|em|engineering management|this|that)\b[^?.!]{0,20}\b(?:a path|an option|a route|open|possible|"
    r"realistic|suitable) (?:for|to) (?:\w+ ){0,2}"
    r"(?:people|folks|engineers|non-engineers|someone|those|managers|leads)\b"
    r"|\bwhat (?:kind|sort|type) of (?:people|person|people's|professionals?)\b[^?.!]{0,30}"
    r"\b(?:for|suit|suits|suited)\b"
    # "is engineering management something that suits people like me?"
    r"|\b(?:suits?|suited to|right for|a good fit for|a fit for) (?:people|someone|somebody|folks) like (?:me|us)\b"
)


def asks_who_for(text: str) -> bool:
    """True when the visitor asks whom engineering management (or a course in it) is for."""
    return bool(ASKS_WHO_FOR.search(normalise(text)))


# Whether it suits them: "does that mean I'd suit EM?", "am I suited to management?"
ASKS_IF_IT_SUITS = re.compile(r"\b(?:i'?d|i would|would i|do i|will i) suit\b|\bam i (?:\w+ )?suited\b")


def asks_for_signs(text: str) -> bool:
    """True when the visitor asks how to tell they are ready for management, the signs, or whether it suits them."""
    low = normalise(text)
    return bool(ASKS_FOR_SIGNS.search(low) or ASKS_IF_IT_SUITS.search(low))


def wants_fit_check(text: str) -> bool:
    """True when the visitor asks whether engineering management suits them (or pressed the button)."""
    return text.strip().startswith("/") or bool(FIT_CHECK.search(normalise(text)))


def wants_to_stop(text: str) -> bool:
    """True when the visitor asks to leave what is going on."""
    return bool(STOP.search(normalise(text)))


def off_topic(text: str, topic_words: FrozenSet[str]) -> bool:
    """True when a message has two or more content words and none of them is a topic word.

    "How many ounces are in a pound?" can still get a confident knowledge intent
    from an n-gram classifier; nothing in it touches the subject.
    """
    found = content_words(text)
    return len(found) >= 2 and not any(w in topic_words for w in found)


def asks_beyond_small_talk(text: str, chat_words: FrozenSet[str], topic_words: FrozenSet[str]) -> bool:
    """True when a message NLU read as small talk asks about something else as well.

    "I've had chest pain since this morning, what should I do?" has a greeting's word ("morning"),
    but more words that are neither small talk's nor the subject's, and it asks a question.
    """
    found = content_words(text)
    other = [w for w in found if w not in chat_words and w not in topic_words]
    chat = [w for w in found if w in chat_words]
    return len(other) >= MIN_OTHER_WORDS and len(other) > len(chat) and ASKS_SOMETHING.search(text.lower()) is not None


MIN_OTHER_WORDS = 2
ASKS_SOMETHING = re.compile(r"\?|\b(?:what|how|why|which|where|when|who|should|can|could|do|does|is|are)\b")


def all_words_unknown(text: str, known: FrozenSet[str]) -> bool:
    """True when no word of the message is, or nearly is (a typo), a word the bot knows.

    Catches keyboard mash ("qwertyuiop") that an n-gram classifier would still
    assign to some intent with confidence.
    """
    found = [w for w in words(text) if len(w) >= 3]
    if not found:
        return False
    return not any(w in known or difflib.get_close_matches(w, known, n=1, cutoff=0.8) for w in found)


# A question that names its subject; one that doesn't ("is it worth upgrading?") leans on what came before.
NAMES_SUBJECT = re.compile(
    r"\b(?:engineer\w*|manag\w*|masters?|master's|msc|ms|mba|degrees?|careers?|jobs?|roles?|courses?|"
    r"programs?|programmes?|leeds|northeastern|ems?|salar\w*)\b"
)
PRONOUN = re.compile(r"\b(?:it|its|it's|that|this|they|them|those|one)\b")


def leans_on_last_part(text: str, entities: Sequence[Tuple[str, str]]) -> bool:
    """True for a question that points back ("it", "that") and names nothing of the subject itself."""
    low = text.lower()
    return not entities and bool(PRONOUN.search(low)) and not NAMES_SUBJECT.search(low)


# Asked with nothing before it, a question about the sources names them ("where do your answers come from?").
SOURCE_WORDS = re.compile(
    r"\b(?:sources?|articles?|answers?|information|info|evidence|references?|cite|citations?|data|figures?|"
    r"numbers?|statistics|stats|bls|publications?|original|come from|comes from|based on|you know|northeastern|leeds)\b"
)


def asks_about_sources(text: str) -> bool:
    return bool(SOURCE_WORDS.search(text.lower()))
