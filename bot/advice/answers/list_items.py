"""One item of a list just given, by its place ("what's the last one?"), or whether a list holds one."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from bot.advice.answers.acronyms import initials
from bot.advice.answers.kb_lists import LIST_TOPIC, all_lists, context_list
from bot.advice.answers.programs import program_in_context
from bot.advice.articles import articles_named
from bot.advice.state import state_of
from bot.advice.tools import Tools
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.terms import ROLE
from bot.knowledge.text import stem
from bot.language.vocabulary import content_words

SHORT_FOLLOW_UP = 10  # words: "tell me more about the second one"

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


# "Is that role in the Leeds list too?", "does Leeds mention principal engineers?"
ASKS_YES_NO = re.compile(r"^\W*(?:and |so |but |also )?(?:is|are|does|do|did|was|were)\b")
POINTS_AT_ROLE = re.compile(r"\b(?:that|this|the same) (?:role|job|title|one)\b|\b(?:it|they)\b")
ROLES_LIST = "job titles"


def membership_answer(advisor: Tools, question: Question, found: Found) -> Optional[Answer]:
    """Whether one article's list of job titles holds a role: named, or the role just discussed."""
    low = question.text.lower()
    roles_list = next((k for k in all_lists(advisor.kb) if k.noun == ROLES_LIST), None)
    articles = articles_named(advisor.kb, question.text)
    if roles_list is None or len(articles) != 1 or not ASKS_YES_NO.search(low):
        return None
    if not (roles_list.asked_as.search(low) or LIST_WORD.search(low)):
        return None  # "does Northeastern's article say anything about quality engineers?" asks what it says
    role_ids = found.get(ROLE, [])
    if not role_ids and question.context.role and POINTS_AT_ROLE.search(low):
        role_ids = [question.context.role]
    role = advisor.kb.role(role_ids[0]) if len(role_ids) == 1 else None
    if role is None or role.is_subject:
        return None
    article = articles[0]
    names = list(dict.fromkeys(n for n, c in roles_list.items(advisor.kb) if c[0] == article.id))
    citation = next((c for _n, c in roles_list.items(advisor.kb) if c[0] == article.id), (article.id, ""))
    if role.title in names:
        line = f"Yes: the {article.publisher} article names {role.title} among its {len(names)} job titles."
    else:
        line = (
            f"No, the {article.publisher} article doesn't name the {role.title.lower()} role; the job titles it "
            f"names are {', '.join(names[:-1])} and {names[-1]}."
        )
    cited = [citation] if citation[1] else []
    return advisor.compose([line], cited, advisor.help_buttons(), updates={"role": role.id})


LIST_WORD = re.compile(r"\blists?\b|\bmention(?:s|ed)?\b|\bnamed?\b|\binclude[sd]?\b")


# "Which one covers CSR?", "which module is about strategy?": an item of the list just given, by what it names.
WHICH_ONE_COVERS = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but)\W+)?(?:which|what) (?:one|ones|of them|of those|of these|\w+)\b[^?.!]{0,15}?"
    r"\b(?:covers?|is about|are about|deals? with|teach(?:es)?|talks? about|mentions?|includes?|handles?|"
    r"focus(?:es)? on|is on)\s+(?P<what>[^?.!]+)"
)


# "Tell me more about the experience one", "what about the salary factor?": an item of the list just given, by a
# word of its name.
THE_ONE_NAMED = re.compile(
    r"\b(?:the|that|this) (?P<what>[\w'-]+(?: [\w'-]+){0,2}?) (?:one|factor|sign|point|item|bit|part|bullet|module|"
    r"framework)\b"
)


def item_by_words(advisor: Tools, question: Question) -> Optional[Answer]:
    """The one item of the list just given (or of the feature just shown) whose name holds what is asked."""
    match = WHICH_ONE_COVERS.search(question.text)
    named_one = THE_ONE_NAMED.search(question.text.lower()) if match is None else None
    if match is None and (named_one is None or len(question.text.split()) > SHORT_FOLLOW_UP):
        return None
    named = _items_in_context(advisor, question)
    if not named:
        return None
    asked = (match or named_one).group("what")  # type: ignore[union-attr]
    hits = list(dict.fromkeys((name, citation) for name, citation in named if _names(name, asked)))
    if len({name for name, _ in hits}) != 1:
        return None
    name, citation = hits[0]
    if match is None:  # "tell me more about the experience one": that item, with what the KB says of it
        return advisor.compose([_item_told(advisor, question, name)], [citation], advisor.help_buttons())
    return advisor.compose([f"Of those, it is {name}, going by its name."], [citation], advisor.help_buttons())


def _item_told(advisor: Tools, question: Question, name: str) -> str:
    """An item with what the KB says of it: its labelled point, or the item as the article words it."""
    detail = detail_of(advisor.kb, name)
    if detail:
        return detail if detail.lower().startswith(name.lower()) else f"{name}: {detail}"
    kb_list = context_list(advisor.kb, question.context.topic)
    worded = kb_list.worded(advisor.kb, name) if kb_list is not None and kb_list.worded else None
    return f"{name[:1].upper()}{name[1:]}: {worded}" if worded else name


# Words of the subject itself: every item may be about them, whatever its name says.
SUBJECT_STEMS = frozenset(stem(w) for w in "project projects engineer engineering manager management managers".split())


def _items_in_context(advisor: Tools, question: Question) -> List[Tuple[str, Tuple[str, str]]]:
    kb_list = context_list(advisor.kb, question.context.topic)
    if kb_list is not None:
        return list(dict.fromkeys(kb_list.items(advisor.kb)))
    program, feature = program_in_context(advisor, question.context.topic)
    if program is None or feature is None:
        return []
    return [(name, (program.source, feature.section)) for name in feature.names]


def _names(name: str, asked: str) -> bool:
    """The item's name holds a word of the question, or the short name the question writes in capitals."""
    shared = {stem(w) for w in content_words(name)} & {stem(w) for w in content_words(asked)}
    if len(shared - SUBJECT_STEMS) >= 1:
        return True  # "which one covers safety?"; not "…about project constraints?", which names the subject only
    shorts = re.findall(r"\b[A-Z]{2,5}\b", asked)
    return any(short in initials(name) for short in shorts)
