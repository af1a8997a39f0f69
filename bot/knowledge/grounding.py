"""Grounding: every figure and named thing in the knowledge base is in the article its entry cites.

`python -m bot check --sources DIR` reads the articles (one text file each), finds which
file is which source (by the source's URL, or its title when it has none), and looks up
each figure (amounts, percentages, counts, in digits or words) and each name (titles of
programs, modules, frameworks, roles, institutions, sectors, sources) in the cited one.
Which fields hold what is the FIELDS table in bot/knowledge/claims.py; the articles are
read and searched by bot/knowledge/articles.py.

Two things ground a claim besides the article's text: a count of one of the KB's own lists
("nine job titles") is grounded when it equals the number of entries of that list citing the same
source (COUNTED_LISTS says which list a counted noun means), and a name is grounded when it is the
cited source's publisher ("Northeastern University", the site's name, given in sources.yml).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List

from bot.knowledge.articles import Article, for_matching, found, identify, name_pattern, read_articles
from bot.knowledge.claims import (
    FIELDS,
    FIGURE,
    LISTED,
    NUMBER_WORDS,
    PHRASE,
    PROSE,
    Cited,
    Claim,
    cited_records,
    claims_of,
    counted_list,
    display,
)
from bot.knowledge.model import KnowledgeBase, Source


@dataclass(frozen=True)
class Failure:
    claim: Claim
    missing_from: str  # "source 'x' (“title”)", or the entry's own text for a listed name
    note: str = ""  # what else was tried: ", and the KB lists 9 roles citing that source (roles.yml)"

    def __str__(self) -> str:
        c = self.claim
        return (
            f"{c.file}: entry '{c.entry}': field '{c.field}': \"{c.text}\" not found in {self.missing_from}{self.note}"
        )


@dataclass(frozen=True)
class Report:
    claims: List[Claim]
    failures: List[Failure]
    articles: Dict[str, Path]  # source id -> its article file

    def count(self, kind: str) -> int:
        return sum(1 for c in self.claims if c.kind == kind)

    def summary(self) -> str:
        files = ", ".join(f"{sid}: {path.name}" for sid, path in self.articles.items())
        return (
            f"checked {self.count('figure')} figures, {self.count('name')} names and {self.count('date')} dates"
            f" against the articles their entries cite ({files})"
        )


def listed(kb: KnowledgeBase, collection: str, source_id: str) -> int:
    """How many entries of the collection cite the source (as their source, or among those also naming it)."""
    return sum(1 for e in getattr(kb, collection) if source_id in (e.source, *getattr(e, "also_named_by", ())))


def counts_own_list(kb: KnowledgeBase, claim: Claim, source_id: str) -> bool:
    """A count of one of the KB's lists that equals the entries citing the same source."""
    collection = counted_list(claim)
    figure = FIGURE.match(claim.text)
    if collection is None or figure is None:
        return False
    number = figure["number"].lower()
    return NUMBER_WORDS.get(number, int(number) if number.isdigit() else -1) == listed(kb, collection, source_id)


def _what_the_kb_lists(kb: KnowledgeBase, claim: Claim, source_id: str, files: Dict[str, Path]) -> str:
    collection = counted_list(claim)
    if collection is None:
        return ""
    file = display(files.get(collection, Path(collection)))
    return f", and the KB lists {listed(kb, collection, source_id)} {collection} citing that source ({file})"


def is_publisher(claim: Claim, source: Source) -> bool:
    """A name that is the cited source's publisher: the site's name, metadata rather than article text."""
    return claim.kind == "name" and for_matching(claim.text) == for_matching(source.publisher)


def _listed_outside_text(kb: KnowledgeBase, cited: Cited) -> Iterator[Failure]:
    """A listed name must be in the record's own prose, so the list cannot drift from what is said."""
    fields = FIELDS[type(cited.record)]
    prose = [f for f, holds in fields.items() if holds in (PROSE, PHRASE) and getattr(cited.record, f)]
    text = " | ".join(for_matching(kb.fill(getattr(cited.record, f))) for f in prose)
    where = ", ".join(f"'{cited.prefix}{f}'" for f in prose)
    for field in (f for f, holds in fields.items() if holds == LISTED):
        for i, name in enumerate(getattr(cited.record, field)):
            if not name_pattern(name).search(text):
                claim = Claim(cited.file, cited.entry, f"{cited.prefix}{field}[{i}]", name, "name", ())
                yield Failure(claim, f"the entry's own text (field {where})")


def check_grounding(kb: KnowledgeBase, files: Dict[str, Path], sources_dir: Path) -> Report:
    """Every claim looked up in the article(s) its entry cites; all failures, not just the first."""
    texts = read_articles(sources_dir)
    sources_file = display(files.get("sources", Path("sources")))
    articles = {s.id: Article.read(s.id, p, texts[p]) for s in kb.sources for p in [identify(s, texts, sources_file)]}
    claims: List[Claim] = []
    failures: List[Failure] = []
    for cited in cited_records(kb, files):
        failures += _listed_outside_text(kb, cited)
        for claim in claims_of(kb, cited):
            claims.append(claim)
            for sid in claim.sources:
                source = kb.source(sid)
                if found(claim, articles[sid]) or is_publisher(claim, source) or counts_own_list(kb, claim, sid):
                    continue
                note = _what_the_kb_lists(kb, claim, sid, files)
                failures.append(Failure(claim, f"source '{sid}' (“{source.title}”)", note))
    return Report(claims, failures, {sid: a.path for sid, a in articles.items()})
