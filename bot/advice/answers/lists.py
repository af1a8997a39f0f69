"""Counts and lists: "how many job titles does Northeastern list?", "which sectors does Leeds mention?".

Every list the KB holds is one entry of `LISTS`, or a list an entry's text names item by item (its
`lists` field, read by `all_lists`): the words a visitor names it by, and how to read its items (each
with the article it comes from) out of the KB. An article named in the question
narrows the list to that article's items; a list it doesn't give is said plainly.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from bot.advice.answers.kb_lists import (
    LIST_TOPIC,
    LISTS,
    Item,
    KBList,
    all_lists,
    context_list,
    list_framed_by,
    lists_named_in_topic,
)
from bot.advice.answers.list_items import item_answer, item_by_words, membership_answer
from bot.advice.answers.provenance import articles_named
from bot.advice.articles import ARTICLE_WORDS, OTHER_ONE, other_article
from bot.advice.state import DialogueState, state_of
from bot.advice.tools import Tools
from bot.advice.types import Answer, Citation, Found, Question
from bot.knowledge.model import KnowledgeBase, Source
from bot.language.vocabulary import content_words

__all__ = ["LISTS", "KBList", "all_lists", "context_list", "list_framed_by", "list_answer", "list_rule", "lists_asked"]

COUNT = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b")
# Where a counted noun may start: right after "how many" / "number of", or past one word ("different", "job").
COUNTED = re.compile(r"\b(?:how many|number of|count(?: the)?)\s+")
ONE_WORD = re.compile(r"[\w'-]+\s+")
LIST_VERB = re.compile(
    r"\b(?:list|lists|listed|name|names|named|mention|mentions|mentioned|cite|cites|give|gives|enumerate|include|"
    r"includes|cover|covers|highlight|highlights|identify|identifies|suggest|suggests|offer|offers|compare|compares|"
    r"contrast|contrasts|say|says|said|according to|per)\b"
)
WHICH = re.compile(r"\b(?:which|what)\b")
WHAT_ARE = re.compile(r"\b(?:what|which) (?:are|were|r|was) (?:the |all the |those |these |its |their )?")
# An order to list: "list the modules", "name all the soft skills", "give me the sectors".
LIST_ORDER = re.compile(r"^\W*(?:(?:please|pls|can you|could you)\s+)?(?:list|name|enumerate|give me|tell me)\b")
AND_ANOTHER = re.compile(r"\band (?:\w+ ){0,2}(?:the )?\w+")
ASKS_BY_WH = re.compile(r"\b(?:which|what)\s+(?:(?:the|all|any|every|of|its|their|some)\s+)*")
ASKS_FOR = re.compile(rf"(?:\b(?:which|what)\b|{LIST_VERB.pattern})\s+(?:(?:the|all|any|every|of|its|their|some)\s+)*")
# A short question leaning on the last answer: "and which sectors?", "what about the frameworks?".
LEANS_ON_LAST = re.compile(
    r"^\W*(?:(?:ok|okay|so|right|alright)\W+)?(?:and|what about|how about|also|plus)\b[^?]{0,30}\??\s*$"
    r"|^\W*(?:and )?(?:(?:in|for|at|from|on) )?(?:which|what) \w+(?: \w+)?\W*$"
)
# What the visitor could move into: "…could I get?", "…can I go into?", "…are open to me?"
OPEN_TO_ME = re.compile(
    r"\b(?:could|can|would|might|should) i (?:get|do|go into|move into|apply for|aim for|land|target|go for)\b"
    r"|\bopen to me\b|\bavailable to me\b"
)
NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve".split()
STATED_COUNT = re.compile(r"\b(?:[2-9]|1[0-2]|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+")


def lists_asked(text: str, kb: Optional[KnowledgeBase] = None) -> List[KBList]:
    """The lists a question asks to count or enumerate, in the order of `all_lists`; [] for any other question."""
    low = text.lower()
    named = [kb_list for kb_list in all_lists(kb) if kb_list.asked_as.search(low)]
    if not named:
        return []
    counted = [kb_list for kb_list in named if _counts(kb_list, low)]
    if counted:
        return counted[:2]
    if COUNT.search(low):
        return []
    # "Northeastern says there's 3 things to think about first, what are they?": a count of the list, and a question.
    stated = [kb_list for kb_list in named if _noun_after(kb_list, STATED_COUNT, low)]
    if stated and WHICH.search(low):
        return stated[:2]
    by_wh = [kb_list for kb_list in named if _noun_after(kb_list, ASKS_BY_WH, low)]
    if by_wh and kb is not None and ARTICLE_WORDS.search(low) and articles_named(kb, text):
        return by_wh[:2]  # "what job titles does the Northeastern article go through?": whatever its verb
    if by_wh and OPEN_TO_ME.search(low):
        return by_wh[:2]  # "ok and what roles could I get?": which of the list are open to the visitor
    if LIST_VERB.search(low) and (WHICH.search(low) or LIST_ORDER.match(low)):
        # A list asked by "which"/"what" first: "what kinds of thinking does it say the best programs build?"
        by_which = [kb_list for kb_list in named if _noun_after(kb_list, ASKS_BY_WH, low)]
        listed = by_which or [kb_list for kb_list in named if _names_the_list(kb_list, low)]
        if LIST_ORDER.match(low) and AND_ANOTHER.search(low):
            listed = listed + [k for k in named if k not in listed]  # "name two modules and two job titles"
        if listed:
            return listed[:2]
    # "what were the factors again?", "what are the areas leeds uses to compare…?"
    return [kb_list for kb_list in named if _noun_after(kb_list, WHAT_ARE, low)][:2]


def _names_the_list(kb_list: KBList, low: str) -> bool:
    """ "Which sectors…", "list the modules", "mentions any industries": the list is what is asked for.

    Not "what kind of learning do the programmes offer?", which asks about learning.
    """
    return _noun_after(kb_list, ASKS_FOR, low)  # "which other sectors", "what job titles"


def _counts(kb_list: KBList, low: str) -> bool:
    """ "How many job titles…": the list's noun is what is counted, not a word further on ("how many years… roles")."""
    return _noun_after(kb_list, COUNTED, low)  # "how many different job titles", "how many job roles"


def _noun_after(kb_list: KBList, lead: re.Pattern[str], low: str) -> bool:
    """True when the list's noun comes right after `lead`, or after it and one more word."""
    for m in lead.finditer(low):
        modifier = ONE_WORD.match(low, m.end())
        starts = [m.end()] + ([modifier.end()] if modifier else [])
        if any(kb_list.asked_as.match(low, start) for start in starts):
            return True
    return False


def count_words(n: int) -> str:
    return f"{NUMBERS[n]} ({n})" if n < len(NUMBERS) else str(n)


def list_answer(advisor: Tools, kb_lists: Sequence[KBList], articles: Sequence[Source]) -> Optional[Answer]:
    kb = advisor.kb
    lines: List[str] = []
    citations: List[Citation] = []
    for kb_list in kb_lists:
        items = kb_list.items(kb)
        if not items:
            continue
        by_source: Dict[str, List[Item]] = {}
        for item in items:
            by_source.setdefault(item[1][0], []).append(item)
        wanted = [a.id for a in articles] or list(by_source)
        for source_id in wanted:
            publisher = kb.source(source_id).publisher
            found = list(dict.fromkeys(name for name, _ in by_source.get(source_id, [])))
            if not found:
                lines.append(f"The {publisher} article doesn't list any {kb_list.noun}.")
                continue
            citations += list(dict.fromkeys(c for _, c in by_source[source_id]))
            worded = [kb_list.worded(kb, name) for name in found] if kb_list.worded else []
            if worded and all(worded):
                said = "\n".join(f"- {w}" for w in worded)  # as the article words each, one a line
                lines.append(f"The {publisher} article names {count_words(len(found))} {kb_list.noun}:\n{said}")
                continue
            lines.append(f"The {publisher} article names {count_words(len(found))} {kb_list.noun}: {_join(found)}.")
    if not lines:
        return None
    # The list is the context: "what about the other uni?" asks the same list of the other article.
    updates: Dict[str, object] = {"topic": LIST_TOPIC + kb_lists[0].noun} if len(kb_lists) == 1 else {}
    if len(kb_lists) == 1 and kb_lists[0].aspect:
        updates["aspect"] = kb_lists[0].aspect  # "and what do engineers rely on?" after the soft skills
    return advisor.compose(lines, citations, advisor.help_buttons(), joiner="\n", updates=updates)


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def list_rule(advisor: Tools, question: Question, found: Found) -> Optional[Callable[..., Answer]]:
    """Router rule: a count or a list of something the KB holds, or one item of the list just given."""
    if not question.text or question.text.startswith("/") or advisor.decisive_gap(found):
        return None  # "what are the latest tech layoffs?": the layoffs, not the technologies
    item = (
        item_answer(advisor, question)
        or membership_answer(advisor, question, found)
        or item_by_words(advisor, question)
    )
    if item is not None:
        return lambda _advisor, _question, _found: item
    by_modifier = _list_by_its_modifier(advisor, question)
    if by_modifier is not None:
        return lambda _advisor, _question, _found: by_modifier
    # A count asked in the message's background: "on how many points do they compare…, and what are they?"
    text = question.text if lists_asked(question.text, advisor.kb) else question.said()
    articles: Sequence[Source] = articles_named(advisor.kb, text)
    kb_lists = lists_asked(text, advisor.kb)
    state = state_of(advisor.kb, question.context)
    if not kb_lists and state.article and LEANS_ON_LAST.search(question.text.lower()):
        kb_lists = [k for k in all_lists(advisor.kb) if k.asked_as.search(question.text.lower())][
            :1
        ]  # "and in which sectors?"
        articles = articles or state.articles
    if not kb_lists:
        kb_lists, articles = _same_list_again(advisor, question, articles, state)
    if not kb_lists:
        kb_lists, articles = _list_of_the_last_answer(advisor, question, articles, state)
    elif not articles:
        articles = _articles_leaned_on(advisor, question.text.lower(), state)
    if not kb_lists:
        return None
    answer = list_answer(advisor, kb_lists, articles)
    if answer is None:
        return None
    return lambda _advisor, _question, _found: answer


# "Which of those are the soft ones?" after the skills: "ones" for the noun of a list the last answer's aspect names.
THE_X_ONES = re.compile(r"\b(?:the )?(\w+) ones?\b")


def _list_by_its_modifier(advisor: Tools, question: Question) -> Optional[Answer]:
    """The list of the aspect just given whose noun is the word before "ones" and the aspect's own noun."""
    found = THE_X_ONES.search(question.text.lower())
    aspect = question.context.aspect
    if found is None or not aspect or len(question.text.split()) > SHORT_FOLLOW_UP:
        return None
    lists = [k for k in all_lists(advisor.kb) if k.aspect == aspect and k.noun.split()[0] == found.group(1)]
    return list_answer(advisor, lists[:1], []) if len(lists) == 1 else None


def _articles_leaned_on(advisor: Tools, low: str, state: DialogueState) -> Sequence[Source]:
    """The article a list question names only by leaning on the last answer's, if it does."""
    if OTHER_ONE.search(low):
        other = other_article(advisor, state.article)  # "what about the other uni, which roles does it mention?"
        return [other] if other else []
    if POINTS_AT_ONE.search(low):
        return state.articles  # "which roles does it mention?" after one article's answer
    if state.article and LEANS_ON_LAST.search(low):
        return state.articles  # "ok and which sectors?" after what the Leeds blog says
    return []


POINTS_AT_ONE = re.compile(r"\b(?:it|its|that one|this one|that article|this article|that uni|that university)\b")
SHORT_FOLLOW_UP = 10  # words


def _same_list_again(
    advisor: Tools, question: Question, articles: Sequence[Source], state: DialogueState
) -> Tuple[List[KBList], Sequence[Source]]:
    """After a list: "what about the other uni?", "and Leeds?", "how many is that?": the same list again."""
    low = question.text.lower()
    kb_list = context_list(advisor.kb, question.context.topic)
    if kb_list is None or len(low.split()) > SHORT_FOLLOW_UP or len(_own_words(advisor, low)) > OWN_WORDS:
        return [], articles  # "what do managers oversee per Northeastern?" asks something else of the article
    if COUNT.search(low):  # "how many is that in total?": the list just given, counted
        return [kb_list], list(articles) or state.articles
    other = other_article(advisor, state.article) if OTHER_ONE.search(low) else None
    wanted = [other] if other else list(articles)
    if not wanted:
        return [], articles
    return [kb_list], wanted


OWN_WORDS = 2  # "and the other uni?", "what about leeds then?", "how many is that?"


def _own_words(advisor: Tools, low: str) -> List[str]:
    """The content words of a follow-up besides those naming an article."""
    naming = {w for s in advisor.kb.sources for w in content_words(f"{s.id} {s.publisher}")}
    return [w for w in content_words(ARTICLE_WORDS.sub(" ", low)) if w not in naming]


def _list_of_the_last_answer(
    advisor: Tools, question: Question, articles: Sequence[Source], state: DialogueState
) -> Tuple[List[KBList], Sequence[Source]]:
    """ "What factors should I weigh up?" after the worth-it answer: the items of the list it spoke of."""
    kb_list = context_list(advisor.kb, question.context.topic)
    low = question.text.lower()
    if len(low.split()) > SHORT_FOLLOW_UP:
        return [], articles
    if kb_list is None or not _names_the_list(kb_list, low):
        # "What kind of tech are they talking about?" after the skills gap: a list that answer's text named
        named = [k for k in lists_named_in_topic(advisor.kb, question.context.topic) if k.asked_as.search(low)]
        kb_list = named[0] if len(named) == 1 and WHICH.search(low) else None
    if kb_list is None:
        return [], articles
    return [kb_list], list(articles) or state.articles
