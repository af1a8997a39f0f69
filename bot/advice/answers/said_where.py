"""Which article says a thing, and what one article says about a thing: "which article talks about a skills gap?".

The thing is read from the question's own words against every article-sourced text of the KB (the
detail index, `bot.advice.details`); the answer names the article (or both) and quotes what it says.
A figure asked this way is the provenance answer's (`provenance.py`, read before this rule); a list
is the list answer's. Words that point clearly at no text leave the question to the other rules.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Callable, List, Optional, Tuple

from bot.advice.articles import articles_named
from bot.advice.details import Match, detail_answer
from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Found, Question
from bot.knowledge.terms import FEATURE, ROLE
from bot.knowledge.text import holds_in_order, normalise, stem, words
from bot.language.vocabulary import content_words

# "Which article talks about a skills gap?", "which uni mentions the Routemap?"
WHICH_ARTICLE_SAYS = re.compile(
    r"\b(?:which|what) (?:article|source|uni|university|school|piece|blog|post|of the (?:two|articles|sources))\b"
    r"[^?.!]{0,15}?\b(?:says?|said|mentions?|mentioned|talks? about|talked about|discuss(?:es|ed)?|covers?|"
    r"brings? up|is about|refers? to|writes? about|describes?|calls?|names?|has|raises?|points? (?:to|out))\s+"
    r"(?P<what>[^?.!]+)"
)
# "What does Leeds say about a skills gap?", "what does the Northeastern piece say on job placements?"
WHAT_IT_SAYS_ABOUT = re.compile(
    r"\bwhat (?:does|did|do) (?P<who>[^?.!]{2,40}?) (?:say|said|write|mention|tell us|have to say)\s+"
    r"(?:about|on|regarding|of)\s+(?P<what>[^?.!]+)"
    # "what skills gap is Leeds talking about?"
    r"|\bwhat (?P<what2>[\w' -]{3,40}?) (?:is|does|did|do) (?:the )?(?P<who2>\w+(?: \w+)?) (?:talking about|talk about|"
    r"refer to|referring to|mean|on about)\b"
)


MIN_PHRASE = 2  # content words


def which_article_rule(advisor: Tools, question: Question, found: Found) -> Optional[Callable[..., Answer]]:
    """Router rule: the article that says what is asked ("which article talks about a skills gap?")."""
    answer = which_article_says(advisor, question.text) if question.text else None
    return None if answer is None else (lambda _a, _q, _f: answer)


def what_it_says_rule(advisor: Tools, question: Question, found: Found) -> Optional[Callable[..., Answer]]:
    """Router rule: what the named article says about a phrase, or that it doesn't; a role's or a program's feature
    is left to their rules."""
    if not question.text or found.get(ROLE) or found.get(FEATURE):
        return None
    answer = what_it_says_about(advisor, question.text)
    return None if answer is None else (lambda _a, _q, _f: answer)


def which_article_says(advisor: Tools, text: str) -> Optional[Answer]:
    asked = WHICH_ARTICLE_SAYS.search(text.lower())
    if asked is None:
        return None
    matches = _texts_saying(advisor, asked.group("what"), [s.id for s in advisor.kb.sources])
    if not matches:
        return None
    publishers = [advisor.kb.source(m.detail.citation[0]).publisher for m in matches]
    lead = "Both articles do." if len(matches) > 1 else f"The {publishers[0]} article does."
    answer = detail_answer(advisor, *matches)
    lines = [lead, *(m.detail.text for m in matches)]
    return advisor.compose(lines, answer.citations, advisor.help_buttons(), updates=answer.updates)


def what_it_says_about(advisor: Tools, text: str) -> Optional[Answer]:
    asked = WHAT_IT_SAYS_ABOUT.search(text.lower())
    who, what = (
        (asked.group("who") or asked.group("who2"), asked.group("what") or asked.group("what2")) if asked else ("", "")
    )
    articles = articles_named(advisor.kb, who) if asked else []
    if asked is None or len(articles) != 1:
        return None
    # A phrase of two words or more, word for word: one word ("pay") the article may say in others ("salary").
    phrase = " ".join(stem(w) for w in content_words(what))
    if len(phrase.split()) < MIN_PHRASE:
        return None
    held = _holding(advisor, phrase, articles[0].id)
    if held is not None:
        return detail_answer(advisor, held)
    # "What does Northeastern say about the skills gap?": it doesn't; say so, and what the other one says.
    others = [s for s in advisor.kb.sources if s.id != articles[0].id]
    elsewhere = [m for m in (_holding(advisor, phrase, s.id) for s in others) if m is not None] if phrase else []
    if not elsewhere:
        return None
    what = what.strip()
    other = advisor.kb.source(elsewhere[0].detail.citation[0]).publisher
    lead = f"The {articles[0].publisher} article doesn't mention {what}; the {other} article does."
    answer = detail_answer(advisor, *elsewhere)
    lines = [lead, *(m.detail.text for m in elsewhere)]
    # Not covered by the article asked about: not narrowed to it afterwards (`scoped_to_article`).
    buttons = advisor.help_buttons()
    return advisor.compose(lines, answer.citations, buttons, kind=AnswerKind.NOT_COVERED, updates=answer.updates)


def _texts_saying(advisor: Tools, what: str, source_ids: List[str]) -> List[Match]:
    """For each article, the text that holds the words as a phrase ("skills gap"), else the one its rare words
    point to clearly; an article whose text holds fewer of the words doesn't say it."""
    phrase = " ".join(stem(w) for w in content_words(what))
    if phrase:
        holding = [m for m in (_holding(advisor, phrase, s) for s in source_ids) if m is not None]
        if holding:
            return holding
    found = [advisor.details.best(what, frozenset({source_id})) for source_id in source_ids]
    wanted = set(phrase.split())
    # Not a phrase of any text: a text that holds every one of its words ("…say managers need soft skills?").
    matches = [m for m in found if m is not None and len(m.shared) >= len(wanted)]
    if not matches:
        return []
    most = max(len(m.shared) for m in matches)
    return [m for m in matches if len(m.shared) == most]  # an article that holds fewer of the words doesn't say it


def _holding(advisor: Tools, phrase: str, source_id: str) -> Optional[Match]:
    """The shortest text of the article whose words, stemmed, hold the phrase word for word."""
    wanted = phrase.split()
    texts = [
        d
        for d in advisor.details.details
        if d.citation[0] == source_id and holds_in_order(_stems_in_order(d.text), wanted)
    ]
    if not texts:
        return None
    shortest = min(texts, key=lambda d: len(d.text))
    return Match(shortest, 0.0, frozenset(phrase.split()))


# "Who said that?", "is that in one of your sources?" after the visitor's own message quoting a claim.
WHO_SAID_IT = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but)\W+)*(?:who (?:said|says|wrote|claims?) (?:that|it|this)"
    r"|which (?:article|source|one) (?:says?|said|mentions?) (?:that|it|this)"
    r"|is (?:that|it|this) (?:in|from) (?:one of )?(?:your|the) (?:sources|articles))"
)
# What a visitor puts before a claim they heard: "I heard somewhere that…", "someone told me…".
HEARD = re.compile(r"^.*?\b(?:heard|read|told me|says|said|reckons|claims?)\b(?: somewhere| online)?(?: that)?\s+")
MOST_OF_THE_CLAIM = 0.6  # of its content words, that one text of the KB holds


def a_claim_the_visitor_quoted(advisor: Tools, question: Question, found: Found) -> Optional[Callable[..., Answer]]:
    """Router rule: "who said that?" after the visitor's own message quoting a claim: the article that says it."""
    previous = question.previous
    low = question.text.lower()
    if previous is not None and WHO_SAID_IT.search(low):
        claim = HEARD.sub("", previous.text.lower(), count=1)
    elif HEARD.match(low) and "?" not in low and not re.search(r"\d", low):
        claim = HEARD.sub("", low, count=1)  # "I heard somewhere that engineers build and managers lead…"
    else:
        return None
    wanted = {stem(w) for w in content_words(claim)}
    matches = [advisor.details.best(claim, frozenset({source.id})) for source in advisor.kb.sources]
    held = [m for m in matches if m is not None and len(m.shared) >= MOST_OF_THE_CLAIM * len(wanted)]
    if len(held) != 1:
        return None
    source = advisor.kb.source(held[0].detail.citation[0])
    answer = detail_answer(advisor, held[0])
    lines = [f"The {source.publisher} article says so:", held[0].detail.text]
    return lambda _a, _q, _f: advisor.compose(lines, answer.citations, advisor.help_buttons(), updates=answer.updates)


@cache  # the KB's texts: a bounded set, each stemmed once
def _stems_in_order(text: str) -> Tuple[str, ...]:
    return tuple(stem(w) for w in words(normalise(text)))
