"""The one KB text that holds what a detailed question asks: "who designed the Leeds course?".

An intent's answer is written for the usual question of its kind. A question about a detail
("which disruptive technologies?", "how many engineering schools?") can land on the right intent
and still get an answer that never mentions what it asked. This index holds every article-sourced
text of the KB (each topic point, each side of each aspect, each program's summary and features,
each role's description) with its citation, and finds the one whose rare words the question shares.
The advisor uses it when the intent's answer leaves those words out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional

from bot.advice.compose import Composer
from bot.advice.retrieval import ABOUT_THE_TEXT, asked_stems, rarity, same_word, stems_of
from bot.advice.state import program_topic_id
from bot.advice.types import Answer, Citation
from bot.knowledge.model import Aspect, KnowledgeBase, Program, Role, Topic
from bot.knowledge.text import normalise, stem, words
from bot.language.vocabulary import stop_words

FIT_INTENT = "ask_fit"  # the topic the readiness signs belong to
SLOT_OF = {Topic: "topic", Aspect: "aspect", Program: "program", Role: "role"}  # the context slot an entry sets
PLAIN_NAME_WORDS = frozenset(stem(w) for w in ("university", "online", "of", "the"))
TIME = frozenset(stem(w) for w in "year years month months week weeks annual annually".split())
HYPHENATED = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")
MAX_TEXTS = 3  # a follow-up's texts from the entry just discussed
MIN_SCORE = 3.0  # summed rarity (idf) of the shared words: two uncommon words, or one rare one and another
MIN_SHARED = 2  # words: one shared word ("pay", "online", "school") is too often a coincidence in so small a KB
MIN_SHARE = 0.5  # of the question's own rare words (what is left after the subject and names), half at least


@dataclass(frozen=True)
class Detail:
    text: str  # as the visitor reads it: with its subject ("Leeds' MSc: ...", "Quality engineer/analyst: ...")
    citation: Citation
    entry_id: str  # the KB entry it belongs to (a topic, aspect, program or role)
    stems: FrozenSet[str]
    plain: FrozenSet[str] = frozenset()  # every word's stem, the everyday ones too (for a follow-up on its entry)


@dataclass(frozen=True)
class Match:
    detail: Detail
    score: float
    shared: FrozenSet[str]  # the question's stems the detail holds


class DetailIndex:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.details = list(_details(kb))
        self.idf = rarity([d.stems for d in self.details])
        self.plain_idf = rarity([d.plain for d in self.details])
        # Names of articles and programs say which side, not which detail: "what does Leeds say about X?".
        # Their own words only: "Leeds", "Northeastern", not "degree" or "online" that a synonym also holds.
        named = [*(s.publisher for s in kb.sources), *(p.university for p in kb.programs)]
        self.names = frozenset(stem(w) for text in named for w in words(normalise(text))) - PLAIN_NAME_WORDS
        # What each program and role is called: "msc" in "the Leeds MSc" names the program, it asks nothing of it.
        called = {p.id: [p.name, p.university, *p.synonyms] for p in kb.programs}
        called.update({r.id: [r.title, *r.synonyms] for r in kb.roles})
        self.called = {i: frozenset(stem(w) for t in texts for w in words(normalise(t))) for i, texts in called.items()}

    def best(
        self,
        question: str,
        sources: Optional[FrozenSet[str]] = None,
        entries: FrozenSet[str] = frozenset(),
        within: Optional[FrozenSet[str]] = None,
    ) -> Optional[Match]:
        """The detail the question's rare words point to clearly, from the given articles if any.

        Among texts that hold the same words, one of the entries the question names (a role, a
        program) wins, then the shortest: it says the most about those words. `within` reads only
        the texts of those entries (what the last answer was about), where one shared word is enough.
        """
        least = 1 if within is not None else MIN_SHARED
        # Numbers and spans of time are the figures' business ("would 4 years be enough?"), not a detail's words.
        # Within the last answer's entry, everyday words count too: "could I keep working while I do it?".
        question = one_word_each(question)
        own = asked_stems(question) if within is None else frozenset(stem(w) for w in words(normalise(question)))
        asked = frozenset(
            a for a in own - stop_stems() - self.names - ABOUT_THE_TEXT - TIME if a and not a[0].isdigit()
        )
        idf = self.idf if within is None else self.plain_idf
        # Within the last answer's entry a clipped word is its whole: "tech" for "technologies".
        same = same_word if within is None else same_or_clipped
        weight = {a: idf.get(a, max((v for s, v in idf.items() if same(s, a)), default=0.0)) for a in asked}
        wanted = sum(weight.values())
        if wanted <= 0:
            return None
        scored: List[Match] = []
        for detail in self.details:
            if sources is not None and detail.citation[0] not in sources:
                continue
            if within is not None and detail.entry_id not in within:
                continue
            held = detail.stems if within is None else detail.plain
            shared = frozenset(a for a in asked if any(same(s, a) for s in held))
            score = sum(weight[a] for a in shared)
            enough = score >= MIN_SCORE and score >= MIN_SHARE * wanted if within is None else score > 0
            if len(shared) >= least and enough:
                scored.append(Match(detail, score, shared))
        if not scored:
            return None
        top = max(m.score for m in scored)
        tied = [m for m in scored if m.score >= top - 1e-9]
        return min(tied, key=lambda m: (m.detail.entry_id not in entries, len(m.detail.stems)))

    def all_in(self, question: str, within: FrozenSet[str]) -> List[Match]:
        """Every text of those entries that holds the best-scoring words, in KB order (at most MAX_TEXTS).

        After the experience employers ask for, "and what kind of degree?" is in two of its points.
        """
        first = self.best(question, within=within)
        if first is None:
            return []
        same = [
            Match(d, first.score, first.shared)
            for d in self.details
            if d.entry_id in within and all(any(same_or_clipped(s, a) for s in d.plain) for a in first.shared)
        ]
        return same[:MAX_TEXTS]

    def texts_of(self, within: FrozenSet[str]) -> List[Match]:
        """The first texts of those entries, in KB order (at most MAX_TEXTS): "like what?" after one of them."""
        return [Match(d, 0.0, frozenset()) for d in self.details if d.entry_id in within][:MAX_TEXTS]

    def asks_of(self, match: Match, question: str) -> bool:
        """True when a content word of the question, not a word of the entry's own name, is what matched."""
        own_name = self.called.get(match.detail.entry_id, frozenset())
        return bool((match.shared - own_name) & asked_stems(question))

    def said(self, match: Match, answer_text: str) -> bool:
        """True when an answer holds any word the question and the detail share: it is on that detail."""
        present = stems_of(one_word_each(answer_text))
        return any(any(same_word(a, s) for s in present) for a in match.shared)


MIN_CLIPPED = 4  # letters: "tech", "info", "corp"; shorter clips ("eng", "mgr") are the shorthand table's business


def same_or_clipped(held: str, asked: str) -> bool:
    """The same word, or the asked word clipped from the held one ("tech" from "technolog")."""
    return same_word(held, asked) or (
        len(asked) >= MIN_CLIPPED and len(held) > len(asked) + 2 and held.startswith(asked)
    )


def one_word_each(text: str) -> str:
    """ "Long-term" is one word here, not two that would count as two shared words."""
    return HYPHENATED.sub("", text)


@lru_cache(maxsize=1)
def stop_stems() -> FrozenSet[str]:
    return frozenset(stem(w) for w in stop_words())


def detail_answer(composer: Composer, *matches: Match) -> Answer:
    """The details on their own, cited; the next turn's context is the first one's entry."""
    details = [m.detail for m in matches]
    entry = composer.kb.get(details[0].entry_id)
    slot = SLOT_OF.get(type(entry), "topic")
    citations = list(dict.fromkeys(d.citation for d in details))
    updates: Dict[str, object] = {slot: details[0].entry_id, "citations": [f"{s}|{sec}" for s, sec in citations]}
    if isinstance(entry, Program):
        updates["topic"] = program_topic_id(entry.id)  # "do I have to quit my job to do it?" is about the program
    return composer.compose([d.text for d in details], citations, updates=updates)


def _signs(kb: KnowledgeBase, detail: Callable[[str, str, str, str], Detail]) -> Iterator[Detail]:
    """The readiness signs, each a detail of the topic they belong to (who engineering management suits)."""
    fit = kb.topic_for_intent(FIT_INTENT)
    for signal in kb.readiness_signals if fit else []:
        publisher = kb.source(signal.source).publisher
        text = f"One of the signs {publisher} gives that you may be ready for engineering management: {signal.sign}"
        yield detail(text, signal.source, signal.section, fit.id if fit else "")


def _details(kb: KnowledgeBase) -> Iterator[Detail]:
    def detail(text: str, source: str, section: str, entry_id: str) -> Detail:
        joined = one_word_each(text)
        plain = frozenset(stem(w) for w in words(normalise(joined)))
        return Detail(text, (source, section), entry_id, stems_of(joined), plain)

    for topic in kb.topics:
        for point in topic.points:
            yield detail(kb.fill(point.text), point.source, point.section, topic.id)
    for aspect in kb.comparison.aspects:
        yield detail(f"{aspect.title}: {aspect.engineer} {aspect.manager}", aspect.source, aspect.section, aspect.id)
    for program in kb.programs:
        about = f"The {program.university} {program.name}"
        yield detail(f"{about}: {program.summary}", program.source, program.section, program.id)
        for feature in program.features:
            yield detail(f"{about}: {feature.text}", program.source, feature.section, program.id)
    for role in kb.roles:
        for text in (role.involves, role.degree_helps):
            if text:
                yield detail(f"{role.title}: {text}", role.source, role.section, role.id)
    yield from _signs(kb, detail)
