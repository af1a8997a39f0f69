"""Unanswered questions grouped by similar wording, so an owner reads one line per question asked.

A question is a bag of stemmed content words plus the knowledge-base entities NLU found in it
(so "the Leeds MSc" and "the Leeds master's" meet). Words are weighted by TF-IDF over the
questions being grouped; each question joins the most similar group if it is close enough
to that group's centre, else starts a new one. Most-asked wordings go first, so a group's
centre (and its example) is the commonest way the question was asked.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Sequence, Tuple

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.knowledge.text import normalise, stem
from bot.language.vocabulary import content_words

# Cosine similarity to a group's centre needed to join it. On the test questions
# (tests/insights/conversations.py, and a wider probe) any value from 0.25 to 0.5 gives the same
# groups; below, different questions about one program merge; above, rewordings split.
SAME_QUESTION = 0.35
# Entities that are spans of the question itself, not knowledge-base ids.
NOT_KB_ENTITIES = frozenset({"question", "gap"})
WORDLESS = "<no words>"  # the one feature of "??" or "😀": such messages form one group


@dataclass(frozen=True)
class Asked:
    """One unanswered question as the visitor wrote it, and how it ended."""

    text: str
    entities: Sequence[Tuple[str, str]]
    outcome: str


@dataclass
class Group:
    example: str  # the commonest wording
    count: int = 0
    wordings: Counter = field(default_factory=Counter)  # normalised wording -> times asked
    outcomes: Counter = field(default_factory=Counter)


def features(question: Asked) -> List[str]:
    """Stemmed content words, and `label=id` for each knowledge-base entity NLU found."""
    tokens = [stem(w) for w in content_words(question.text)]
    tokens += [f"{label}={value}" for label, value in question.entities if label not in NOT_KB_ENTITIES]
    return tokens


def group_questions(questions: Sequence[Asked], threshold: float = SAME_QUESTION) -> List[Group]:
    """Groups of similar questions, the most asked first."""
    by_wording: Dict[str, List[Asked]] = {}
    for question in questions:
        by_wording.setdefault(normalise(question.text), []).append(question)
    if not by_wording:
        return []
    wordings = sorted(by_wording, key=lambda w: (-len(by_wording[w]), w))
    firsts = [by_wording[w][0] for w in wordings]
    tokens = [features(q) or [WORDLESS] for q in firsts]
    vectors = TfidfVectorizer(analyzer=lambda t: t, sublinear_tf=True).fit_transform(tokens).toarray()
    groups: List[Group] = []
    centres: List[np.ndarray] = []
    for wording, question, vector in zip(wordings, firsts, vectors, strict=True):
        best, score = -1, 0.0
        if centres:
            matrix = np.vstack(centres)
            norms = np.linalg.norm(matrix, axis=1) * np.linalg.norm(vector)
            scores = matrix @ vector / np.where(norms == 0, 1, norms)
            best, score = int(scores.argmax()), float(scores.max())
        asked = by_wording[wording]
        if best < 0 or score < threshold:
            groups.append(Group(example=question.text.strip()))
            centres.append(np.zeros_like(vector))
            best = len(groups) - 1
        group = groups[best]
        group.count += len(asked)
        group.wordings[wording] += len(asked)
        group.outcomes.update(q.outcome for q in asked)
        centres[best] = centres[best] + vector * len(asked)
    return sorted(groups, key=lambda g: -g.count)
