"""Counts and lists: "how many job titles does Northeastern list?", "which sectors does Leeds mention?".

Every list the KB holds is one entry of `LISTS`: the words a visitor names it by, and how to read
its items (each with the article it comes from) out of the KB. An article named in the question
narrows the list to that article's items; a list it doesn't give is said plainly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

from bot.advice.answers.provenance import articles_named
from bot.advice.articles import other_article
from bot.advice.state import DialogueState, state_of
from bot.advice.tools import Tools
from bot.advice.types import Answer, Citation, Found, Question
from bot.knowledge.model import KnowledgeBase, Source, Topic

Item = Tuple[str, Citation]  # the item's name, and where it is said (source id, section)


def _roles(kb: KnowledgeBase) -> List[Item]:
    items = [(r.title, (r.source, r.section)) for r in kb.roles]
    for role in kb.roles:  # a role both articles name counts for each
        for other in role.also_named_by:
            section = next((r.section for r in kb.roles if r.source == other), role.section)
            items.append((role.title, (other, section)))
    return items


def _sectors(kb: KnowledgeBase) -> List[Item]:
    topic = kb.topic_for_intent("ask_sectors")
    return [(name, (p.source, p.section)) for p in (topic.points if topic else []) for name in p.names]


def _signs(kb: KnowledgeBase) -> List[Item]:
    return [(s.label, (s.source, s.section)) for s in kb.readiness_signals]


def _feature_names(feature_word: str) -> Callable[[KnowledgeBase], List[Item]]:
    """The names a program feature lists (its `names`), e.g. the modules or the frameworks."""

    def items(kb: KnowledgeBase) -> List[Item]:
        return [
            (name, (p.source, f.section))
            for p in kb.programs
            for f in p.features
            if feature_word in f.id
            for name in f.names
        ]

    return items


def _bullets(kb: KnowledgeBase) -> List[Item]:
    """Items of a bulleted list a program's article heads ("Reasons to enrol"), as published."""
    return [(f.bullet, (p.source, f.section)) for p in kb.programs for f in p.features if f.bullet_of and f.bullet]


def _summary_points(kb: KnowledgeBase) -> List[Item]:
    """The points of the summary an article opens with (the short-version topic), each as written."""
    topic = kb.topic_for_intent("ask_summary")
    return [(p.text.rstrip("."), (p.source, p.section)) for p in (topic.points if topic else [])]


def _aspects(kb: KnowledgeBase) -> List[Item]:
    return [(a.title, (a.source, a.section)) for a in kb.comparison.aspects]


def _factors(kb: KnowledgeBase) -> List[Item]:
    """The factors a topic weighs, written as "Factor: why" points (the worth-it question)."""
    topic = kb.topic_for_intent("ask_worth_it")
    points = topic.points if topic else []
    return [(p.text.split(":", 1)[0], (p.source, p.section)) for p in points if _is_labelled(p.text)]


def _is_labelled(text: str) -> bool:
    head = text.split(":", 1)[0]
    return ":" in text and len(head.split()) <= 4 and "{" not in head


def _reads(kb: KnowledgeBase) -> List[Item]:
    return [(f"“{r.title}”", (r.source, r.section)) for r in kb.reading]


def _programs(kb: KnowledgeBase) -> List[Item]:
    return [(f"{p.university}: {p.name}", (p.source, p.section)) for p in kb.programs]


@dataclass(frozen=True)
class KBList:
    noun: str  # how the answer names the list
    asked_as: re.Pattern[str]  # how a question names it
    items: Callable[[KnowledgeBase], List[Item]]
    framed_by: Optional[str] = None  # the intent of the topic whose points head this list in its answer
    points_of: Optional[str] = None  # the intent of the topic whose points are this list's items


def _nouns(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{pattern})\b")


LISTS: List[KBList] = [
    KBList(
        "job titles",
        _nouns(r"job titles?|titles|jobs|roles|careers|positions|occupations|job options"),
        _roles,
        framed_by="ask_jobs",
    ),
    KBList("sectors", _nouns(r"sectors?|industries|industry|fields"), _sectors),
    KBList("signs that you may be ready", _nouns(r"signs?|signals?|indicators?"), _signs),
    KBList("modules", _nouns(r"modules?"), _feature_names("modules")),
    KBList("frameworks", _nouns(r"frameworks?"), _feature_names("frameworks")),
    KBList(  # before the points of difference: "how many points are in the key differences summary?"
        "points in the key differences summary",
        _nouns(
            r"summary bullets|summary points|(?:points|bullets|bullet points|items|differences|things|lines)"
            r"(?: are| is)? (?:in|on|of) (?:the|its|that) (?:[\w-]+ ){0,3}(?:summary|bullet list|list at the top)"
        ),
        _summary_points,
        points_of="ask_summary",
    ),
    KBList(
        "points of difference between engineering and engineering management",
        _nouns(r"differences|key differences|points|aspects|areas|dimensions|ways"),
        _aspects,
    ),
    KBList(
        "factors to weigh",
        _nouns(r"factors|things to (?:weigh|consider)|considerations|criteria"),
        _factors,
        points_of="ask_worth_it",
    ),
    KBList(
        "further reads",
        _nouns(r"further reads?|reads|related (?:articles|blogs|posts)|further reading"),
        _reads,
        framed_by="ask_reading",
    ),
    KBList(
        "reasons to enrol",
        _nouns(r"reasons to enrol|reasons? (?:to|why you should|why to) (?:enrol|enroll|study|join|sign up|apply)"),
        _bullets,
    ),
    KBList("programs", _nouns(r"programs|programmes|courses|master's programs|masters programs"), _programs),
]
COUNT = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\b")
# Where a counted noun may start: right after "how many" / "number of", or past one word ("different", "job").
COUNTED = re.compile(r"\b(?:how many|number of|count(?: the)?)\s+")
ONE_WORD = re.compile(r"[\w'-]+\s+")
LIST_VERB = re.compile(
    r"\b(?:list|lists|listed|name|names|named|mention|mentions|mentioned|cite|cites|give|gives|enumerate|include|"
    r"includes|cover|covers|highlight|highlights|identify|identifies|suggest|suggests|offer|offers|compare|compares|"
    r"contrast|contrasts|say|says|said)\b"
)
WHICH = re.compile(r"\b(?:which|what)\b")
WHAT_ARE = re.compile(r"\b(?:what|which) (?:are|were|r|was) (?:the |all the |those |these |its |their )?")
ASKS_FOR = re.compile(rf"(?:\b(?:which|what)\b|{LIST_VERB.pattern})\s+(?:(?:the|all|any|every|of|its|their|some)\s+)*")
# A short question leaning on the last answer: "and which sectors?", "what about the frameworks?".
LEANS_ON_LAST = re.compile(
    r"^\W*(?:and|what about|how about|also|plus)\b[^?]{0,30}\??\s*$"
    r"|^\W*(?:and )?(?:(?:in|for|at|from|on) )?(?:which|what) \w+(?: \w+)?\W*$"
)
NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def lists_asked(text: str) -> List[KBList]:
    """The lists a question asks to count or enumerate, in the order of LISTS; [] for any other question."""
    low = text.lower()
    named = [kb_list for kb_list in LISTS if kb_list.asked_as.search(low)]
    if not named:
        return []
    counted = [kb_list for kb_list in named if _counts(kb_list, low)]
    if counted:
        return counted[:2]
    if COUNT.search(low):
        return []
    if LIST_VERB.search(low) and (WHICH.search(low) or low.lstrip().startswith("list")):
        listed = [kb_list for kb_list in named if _names_the_list(kb_list, low)][:2]
        if listed:
            return listed
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
            lines.append(f"The {publisher} article names {count_words(len(found))} {kb_list.noun}: {_join(found)}.")
            citations += list(dict.fromkeys(c for _, c in by_source[source_id]))
    if not lines:
        return None
    # The list is the context: "what about the other uni?" asks the same list of the other article.
    updates: Dict[str, object] = {"topic": LIST_TOPIC + kb_lists[0].noun} if len(kb_lists) == 1 else {}
    return advisor.compose(lines, citations, advisor.help_buttons(), joiner="\n", updates=updates)


def _join(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def list_rule(advisor: Tools, question: Question, found: Found) -> Optional[Callable[..., Answer]]:
    """Router rule: a count or a list of something the KB holds, or one item of the list just given."""
    if not question.text or question.text.startswith("/"):
        return None
    item = item_answer(advisor, question)
    if item is not None:
        return lambda _advisor, _question, _found: item
    # A count asked in the message's background: "on how many points do they compare…, and what are they?"
    text = question.text if lists_asked(question.text) else question.said()
    articles: Sequence[Source] = articles_named(advisor.kb, text)
    kb_lists = lists_asked(text)
    state = state_of(advisor.kb, question.context)
    if not kb_lists and state.article and LEANS_ON_LAST.search(question.text.lower()):
        kb_lists = [k for k in LISTS if k.asked_as.search(question.text.lower())][:1]  # "and in which sectors?"
        articles = articles or state.articles
    if not kb_lists:
        kb_lists, articles = _same_list_again(advisor, question, articles, state)
    if not kb_lists:
        kb_lists, articles = _list_of_the_last_answer(advisor, question, articles, state)
    elif not articles and OTHER_ONE.search(question.text.lower()):
        other = other_article(advisor, state.article)  # "what about the other uni, which roles does it mention?"
        articles = [other] if other else articles
    elif not articles and POINTS_AT_ONE.search(question.text.lower()):
        articles = state.articles  # "which roles does it mention?" after one article's answer
    if not kb_lists:
        return None
    answer = list_answer(advisor, kb_lists, articles)
    if answer is None:
        return None
    return lambda _advisor, _question, _found: answer


POINTS_AT_ONE = re.compile(r"\b(?:it|its|that one|this one|that article|this article|that uni|that university)\b")
LIST_TOPIC = "list:"  # the context's topic after a list answer: "list:<noun>"
OTHER_ONE = re.compile(r"\bthe other (?:one|uni|university|article|piece|school|source|side)\b|\bthe other\W*$")
SHORT_FOLLOW_UP = 10  # words


def _same_list_again(
    advisor: Tools, question: Question, articles: Sequence[Source], state: DialogueState
) -> Tuple[List[KBList], Sequence[Source]]:
    """After a list: "what about the other uni?", "and Leeds?", "how many is that?": the same list again."""
    low = question.text.lower()
    kb_list = context_list(advisor.kb, question.context.topic)
    if kb_list is None or len(low.split()) > SHORT_FOLLOW_UP:
        return [], articles
    if COUNT.search(low):  # "how many is that in total?": the list just given, counted
        return [kb_list], list(articles) or state.articles
    other = other_article(advisor, state.article) if OTHER_ONE.search(low) else None
    wanted = [other] if other else list(articles)
    if not wanted:
        return [], articles
    return [kb_list], wanted


def _list_of_the_last_answer(
    advisor: Tools, question: Question, articles: Sequence[Source], state: DialogueState
) -> Tuple[List[KBList], Sequence[Source]]:
    """ "What factors should I weigh up?" after the worth-it answer: the items of the list it spoke of."""
    kb_list = context_list(advisor.kb, question.context.topic)
    low = question.text.lower()
    if kb_list is None or len(low.split()) > SHORT_FOLLOW_UP or not _names_the_list(kb_list, low):
        return [], articles
    return [kb_list], list(articles) or state.articles


def context_list(kb: KnowledgeBase, topic_id: Optional[str]) -> Optional[KBList]:
    """The list the last answer gave: a list answer ("list:<noun>"), or a topic whose points head a list."""
    if not topic_id:
        return None
    if topic_id.startswith(LIST_TOPIC):
        return next((k for k in LISTS if k.noun == topic_id[len(LIST_TOPIC) :]), None)
    entry = kb.get(topic_id)
    if isinstance(entry, Topic) and any(k.points_of == entry.intent for k in LISTS):
        return next(k for k in LISTS if k.points_of == entry.intent)  # "…weighing three factors" and the factors
    return list_framed_by(kb, topic_id)


def list_framed_by(kb: KnowledgeBase, topic_id: object) -> Optional[KBList]:
    """The KB list a topic's answer lists under its points ("…job titles a master's can lead to:"), if any."""
    entry = kb.get(topic_id) if isinstance(topic_id, str) else None
    if not isinstance(entry, Topic):
        return None
    return next((k for k in LISTS if k.framed_by == entry.intent), None)


# "Tell me more about the second one", "what's the last one?": one item of the list just given, by its place.
ORDINALS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
ORDINAL = re.compile(
    r"\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|middle|"
    r"1st|2nd|3rd|4th|5th|6th|7th|8th|9th)(?:\s+(?:one|item|thing|point|factor|sign|role|job|title|sector|module|"
    r"framework|reason|read|program|programme))?\b"
)
NUMBERED = {"1st": 0, "2nd": 1, "3rd": 2, **{f"{n}th": n - 1 for n in range(4, 10)}}


def item_answer(advisor: Tools, question: Question) -> Optional[Answer]:
    """One item of the list the last answer gave, named by its place, with what the KB says of it."""
    low = question.text.lower()
    kb_list = context_list(advisor.kb, question.context.topic)
    found = ORDINAL.search(low)
    if kb_list is None or found is None or len(low.split()) > SHORT_FOLLOW_UP:
        return None
    state = state_of(advisor.kb, question.context)
    articles = articles_named(advisor.kb, question.text) or state.articles
    wanted = {a.id for a in articles}
    items = [(n, c) for n, c in kb_list.items(advisor.kb) if not wanted or c[0] in wanted]
    names = list(dict.fromkeys(n for n, _ in items))
    word = found.group(1)
    index = -1 if word in ("last", "final") else NUMBERED.get(word, ORDINALS.index(word) if word in ORDINALS else 0)
    if word == "middle":
        if len(names) % 2 == 0:
            return None  # an even list has no middle one
        index = len(names) // 2
    if not names or index >= len(names):
        return None
    name = names[index]
    citation = next(c for n, c in items if n == name)
    place = (
        "last" if index == -1 else "middle" if word == "middle" else ORDINALS[index] if index < len(ORDINALS) else word
    )
    lines = [f"The {place} of those {kb_list.noun} is {name}."]
    detail = detail_of(advisor.kb, name)
    if detail:
        lines.append(detail)
    updates: Dict[str, object] = {"topic": LIST_TOPIC + kb_list.noun}
    return advisor.compose(lines, [citation], advisor.help_buttons(), updates=updates)


def detail_of(kb: KnowledgeBase, name: str) -> Optional[str]:
    """What the KB says of a list item: its labelled point ("Name: why"), a role's work, an aspect's two sides."""
    low = name.lower()
    for topic in kb.topics:
        for point in topic.points:
            if point.text.lower().startswith(low + ":"):
                return kb.fill(point.text)
    role = next((r for r in kb.roles if r.title.lower() == low and r.involves), None)
    if role is not None:
        return role.involves
    aspect = next((a for a in kb.comparison.aspects if a.title.lower() == low), None)
    return f"{aspect.engineer} {aspect.manager}" if aspect is not None else None
