"""Baseline: BM25 retrieval over the knowledge-base entries (what a site search gives)."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from typing import List, Optional, Tuple

from bot.knowledge.model import KnowledgeBase, strings_in

STOPWORDS = frozenset(
    """a an the and or but if of to in on at for with by from as is are was were be been being
do does did i you he she it we they me my your our their this that these those what which who whom how why when
where can could would should will shall may might must have has had not no so than then there here about into
over out up down just also very really any some such only own same too s t don want tell get""".split()
)


def tokens(text: str) -> List[str]:
    words = re.findall(r"[a-z0-9%$,]+", text.lower().replace("'", ""))
    return [w.rstrip("s") if len(w) > 3 else w for w in words if w not in STOPWORDS]


def documents(kb: KnowledgeBase) -> List[str]:
    """One document per KB entry, as a site search would index the pages' text."""
    docs = []
    for entry in kb.entries():
        data = dataclasses.asdict(entry)
        data.pop("id", None)
        docs.append(kb.fill(" ".join(strings_in(data))))
    overall = kb.comparison.overall
    docs.append(f"{overall.engineer} {overall.manager}")
    return docs


class BM25:
    def __init__(self, docs: List[str], k1: float = 1.5, b: float = 0.75) -> None:
        self.docs = docs
        self.k1, self.b = k1, b
        self.terms = [Counter(tokens(d)) for d in docs]
        self.lengths = [sum(t.values()) for t in self.terms]
        self.avg = sum(self.lengths) / len(self.lengths)
        df = Counter(term for t in self.terms for term in t)
        n = len(docs)
        self.idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}

    def search(self, query: str) -> Optional[Tuple[str, float]]:
        """The best document and its score, or None when no query term occurs anywhere."""
        q = [t for t in tokens(query) if t in self.idf]
        if not q:
            return None
        best, best_score = 0, -1.0
        for i, terms in enumerate(self.terms):
            score = 0.0
            for term in q:
                f = terms.get(term, 0)
                if f:
                    score += (
                        self.idf[term]
                        * f
                        * (self.k1 + 1)
                        / (f + self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg))
                    )
            if score > best_score:
                best, best_score = i, score
        return (self.docs[best], best_score) if best_score > 0 else None
