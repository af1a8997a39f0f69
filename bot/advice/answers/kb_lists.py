"""The lists the KB holds, as a registry: the words a visitor names each by, and how to read its items.

Every list is one entry of `LISTS`, or a list an entry's text names item by item (its `lists` field,
read by `all_lists`). Each item comes with the article it is from (source id, section).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from bot.knowledge.derived import per_kb
from bot.knowledge.model import KnowledgeBase, Topic

Citation = Tuple[str, str]
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


def _sign_worded(kb: KnowledgeBase, label: str) -> Optional[str]:
    return next((s.sign for s in kb.readiness_signals if s.label == label), None)


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
    aspect: Optional[str] = None  # the comparison aspect whose text names the list (the context after it)
    # Each item as the article words it, when its name is a short label ("mentoring others" -> "You enjoy…")
    worded: Optional[Callable[[KnowledgeBase, str], Optional[str]]] = None


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
    KBList("signs that you may be ready", _nouns(r"signs?|signals?|indicators?"), _signs, worded=_sign_worded),
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
        _nouns(
            r"factors|considerations|criteria|things\b(?:\s+[\w']+){0,5}?\s+(?:weigh|weigh up|consider|think about|"
            r"think of|look at|bear in mind|keep in mind|evaluate|assess)"
        ),
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
        _nouns(
            r"reasons to enrol|reasons?\b(?:\s+[\w']+){0,5}?\s+(?:to|why you should|why to|for) "
            r"(?:enrol|enroll|enrolling|study|studying|join|joining|sign up|apply|applying)"
        ),
        _bullets,
    ),
    KBList("programs", _nouns(r"programs|programmes|courses|master's programs|masters programs"), _programs),
]


def _named_items(noun: str) -> Callable[[KnowledgeBase], List[Item]]:
    def items(kb: KnowledgeBase) -> List[Item]:
        return [
            (item, (source, section))
            for nl, _e, source, section in kb.named_lists()
            if nl.noun == noun
            for item in nl.items
        ]

    return items


def all_lists(kb: Optional[KnowledgeBase]) -> List[KBList]:
    """`LISTS`, after the lists the KB's entries name item by item ("soft skills", "kinds of thinking")."""
    return LISTS if kb is None else _with_named_lists(kb)


@per_kb
def _with_named_lists(kb: KnowledgeBase) -> List[KBList]:
    named: Dict[str, List[str]] = {}
    aspects = {a.id for a in kb.comparison.aspects}
    owner: Dict[str, Optional[str]] = {}
    for nl, entry_id, _source, _section in kb.named_lists():
        named.setdefault(nl.noun, []).extend([nl.noun, *nl.asked_as])
        owner[nl.noun] = entry_id if entry_id in aspects else None
    extra = [
        KBList(
            noun,
            _nouns("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))),
            _named_items(noun),
            aspect=owner[noun],
        )
        for noun, words in named.items()
    ]
    return extra + LISTS  # first: "soft skills" is no "skills" aspect


LIST_TOPIC = "list:"  # the context's topic after a list answer: "list:<noun>"


def context_list(kb: KnowledgeBase, topic_id: Optional[str]) -> Optional[KBList]:
    """The list the last answer gave: a list answer ("list:<noun>"), or a topic whose points head a list."""
    if not topic_id:
        return None
    if topic_id.startswith(LIST_TOPIC):
        return next((k for k in all_lists(kb) if k.noun == topic_id[len(LIST_TOPIC) :]), None)
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


def is_its_list(kb: KnowledgeBase, topic_id: Optional[str], answered_topic: object) -> bool:
    """True when an answer gave a list the topic in context speaks of ("…weighing three factors", "…technologies
    such as …")."""
    listed = [k for k in [context_list(kb, topic_id)] if k] + lists_named_in_topic(kb, topic_id)
    return any(answered_topic == LIST_TOPIC + k.noun for k in listed)


def lists_named_in_topic(kb: KnowledgeBase, topic_id: Optional[str]) -> List[KBList]:
    """The lists the points of a topic name item by item ("…disruptive technologies such as …")."""
    entry = kb.get(topic_id) if topic_id else None
    if not isinstance(entry, Topic):
        return []
    nouns = {nl.noun for p in entry.points for nl in p.lists}
    return [k for k in all_lists(kb) if k.noun in nouns]
