"""Find the knowledge-base passage a question's distinctive words point to.

For questions NLU can't place ("do engineering managers have to deal with
budgets?"): when the question names the subject and shares rare words with
one passage of the KB (a topic, an aspect of the difference, a program
feature), that passage answers it. Words every passage shares ("engineering",
"manager") carry no weight, so a question about something else finds nothing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Optional, Sequence

from bot.knowledge.model import KnowledgeBase
from bot.knowledge.text import normalise, stem, words
from bot.language.vocabulary import stop_words

# The subject itself: a question must name it, but it says nothing about which passage answers.
SUBJECT = re.compile(
    r"\b(?:engineering managers?|engineering management|eng managers?|ems?|engineering leads?|"
    r"engineering leaders?|heads? of engineering|engineering mgrs?|managers? of engineers)\b"
)
PROGRAM_WORDS = re.compile(
    r"\b(?:course|courses|program|programs|programme|msc|ms|master|masters|master's|degree|study|studying|"
    r"module|modules|leeds|northeastern|university|uni)\b"
)
GENERIC = frozenset(
    stem(w)
    for w in """engineer engineers engineering manager managers management managing manage em ems role roles job jobs
    work working day days people person team teams time thing things part lot need needs get make much many often
    usually really actually also still just kind sort way good well new help helps involve involved involves deal
    stuff thing part like want become spend spent important know able lots bit typical typically think thinks
    feel feels say says said go goes going gone come comes coming back take takes taking look looks looking
    try trying give gives giving put keep""".split()
)
# Words about the articles rather than in them: "which reasons does the Leeds article list?"
ABOUT_THE_TEXT = frozenset(
    stem(w)
    for w in """article articles piece post page blog list lists listed mention mentions mentioned name names named
    give gives given say says said write wrote written summary bullet bullets point points state states stated
    according source sources reason reasons example examples compare compares compared comparing use uses
    used""".split()
)


POSSESSED = re.compile(r"\b(?:my|your|his|her|our|their)\s+\w+")  # the visitor's people and things
MIN_SCORE = 2.0  # the sum of matched words' rarity (idf); one rare word such as "stakeholders" is enough
ASPECT_INTENT, PROGRAM_INTENT = "ask_difference", "ask_program"  # whose answers hold aspects and features
KINDS = ("aspect", "topic", "feature")  # on a tie, the more specific passage first
MIN_SHARED_PREFIX = 6  # "sustainability" and "sustainable", "ethics" and "ethical" are the same word here


@dataclass(frozen=True)
class Passage:
    kind: str  # aspect | topic | feature
    entry_id: str
    owner_id: str  # the program a feature belongs to, else the entry itself
    intent: str  # the intent whose answer holds it (an aspect belongs to the difference, a feature to the programs)
    stems: FrozenSet[str]


class PassageIndex:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.passages = list(_passages(kb))
        self.idf = rarity([p.stems for p in self.passages])

    def best(self, text: str, preferred: Sequence[str] = (), min_score: float = 0.0) -> Optional[Passage]:
        """The passage the question's distinctive words point to, when they point clearly enough.

        Among passages that score the same, one whose intent NLU guessed (`preferred`, likeliest first) wins.
        """
        if not SUBJECT.search(normalise(text)):
            return None
        asked = asked_stems(text) - ABOUT_THE_TEXT  # "how does each article define it?" asks for no further reads
        about_programs = bool(PROGRAM_WORDS.search(normalise(text)))
        scored = []
        for passage in self.passages:
            if passage.kind == "feature" and not about_programs:
                continue  # a program's feature answers questions about programs only
            score = sum(self.idf.get(s, 0.0) for s in passage.stems if any(same_word(s, a) for a in asked))
            if score >= max(MIN_SCORE, min_score):
                scored.append((score, passage))
        if not scored:
            return None
        top = max(score for score, _ in scored)
        tied = [p for score, p in scored if score >= top - 1e-9]
        rank = {intent: i for i, intent in enumerate(preferred)}
        return min(tied, key=lambda p: (rank.get(p.intent, len(rank)), KINDS.index(p.kind), p.entry_id))

    def covers(self, passage: Passage, question: str, answer: str) -> bool:
        """True when the answer already holds the words the question and the passage share."""
        shared = [s for s in passage.stems if any(same_word(s, a) for a in asked_stems(question))]
        said = stems_of(answer)
        return any(any(same_word(s, a) for a in said) for s in shared)


def rarity(texts: Sequence[FrozenSet[str]]) -> Dict[str, float]:
    """Each stem's inverse document frequency over the texts: the fewer hold it, the more it says."""
    counts: Dict[str, int] = {}
    for stems in texts:
        for s in stems:
            counts[s] = counts.get(s, 0) + 1
    return {s: math.log(1 + len(texts) / n) for s, n in counts.items()}


def same_word(one: str, other: str) -> bool:
    if one == other:
        return True
    shorter, longer = sorted((one, other), key=len)
    return len(shorter) >= MIN_SHARED_PREFIX - 1 and longer.startswith(shorter[:MIN_SHARED_PREFIX])


def asked_stems(text: str) -> FrozenSet[str]:
    """The stems a question asks about: "my mentor says …" is about what the mentor says, not mentoring."""
    return stems_of(POSSESSED.sub(" ", normalise(text)))


def stems_of(text: str) -> FrozenSet[str]:
    stop = stop_words()
    return frozenset(stem(w) for w in words(text) if w not in stop) - GENERIC


def _passages(kb: KnowledgeBase) -> Sequence[Passage]:
    out: List[Passage] = []
    for topic in kb.topics:
        out.append(
            Passage(
                "topic", topic.id, topic.id, topic.intent, stems_of(" ".join(kb.fill(p.text) for p in topic.points))
            )
        )
    for aspect in kb.comparison.aspects:
        text = " ".join([aspect.title, *aspect.synonyms, aspect.engineer, aspect.manager])
        out.append(Passage("aspect", aspect.id, aspect.id, ASPECT_INTENT, stems_of(text)))
    # Roles are left out: a question that names the subject asks about engineering managers, not another job.
    for program in kb.programs:
        for feature in program.features:
            text = " ".join([feature.title, feature.text, *feature.synonyms])
            out.append(Passage("feature", feature.id, program.id, PROGRAM_INTENT, stems_of(text)))
    return out
