"""What the knowledge base claims: the figures, names and dates in the fields that hold them.

FIELDS says which field of which record holds a name, prose, a phrase, a list of names or a
date; `claims_of` reads them out of each record `cited_records` finds, as `Claim`s that
bot/knowledge/grounding.py then looks up in the cited articles (bot/knowledge/articles.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from bot.knowledge.model import (
    Aspect,
    Feature,
    KnowledgeBase,
    Overall,
    Point,
    Program,
    Reading,
    Role,
    Signal,
    Source,
    Statistic,
)

# What a field holds, and so how it is checked.
NAME = "name"  # the whole value is a name (a role title, a program's name, a URL)
PROSE = "prose"  # sentences: their figures and capitalised or quoted names are checked
PHRASE = "phrase"  # like prose, but a phrase: its first word is capitalised only if it is a name
LISTED = "listed"  # a list of names the entry's text quotes (lower-case ones no pattern finds)
DATE = "date"  # an ISO date (2024-07-25, 2022-10), written out in the article

# Record type -> field -> what it holds. Fields left out are not claims about the article:
# synonyms and keywords (visitors' words), the KB's own headings (aspect and feature titles),
# ids, sections (the loader checks those), a source's publisher (the site that runs the page,
# not a name its text uses, though it grounds that name elsewhere: see `is_publisher`) and the
# statistic's `years` (the same figure as its `value`).
FIELDS: Dict[type, Dict[str, str]] = {
    Source: {"title": NAME, "author": NAME, "published": DATE, "first_published": DATE},
    Statistic: {
        "value": PHRASE,
        "label": PHRASE,
        "unit": PHRASE,
        "measures": PHRASE,
        "measured_by": PHRASE,
        "region": PHRASE,
        "note": PROSE,
    },
    Point: {"text": PROSE, "names": LISTED},
    Role: {"title": NAME, "involves": PROSE, "degree_helps": PROSE},
    Overall: {"engineer": PROSE, "manager": PROSE},
    Aspect: {"engineer": PROSE, "manager": PROSE},
    Program: {"name": NAME, "university": NAME, "location": NAME, "url": NAME, "summary": PROSE},
    Feature: {"text": PROSE},
    Signal: {"sign": PROSE, "question": PROSE},
    Reading: {"title": NAME, "url": NAME, "about": PHRASE},
}

# Counts written as words. "one" is left out: in prose it is nearly always "one of", not a count.
_SMALL = "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
NUMBER_WORDS: Dict[str, int] = {
    **{w: n for n, w in enumerate(f"{_SMALL} eighteen nineteen".split(), start=2)},
    **dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10), strict=True)),
}
WORD_FOR = {n: w for w, n in NUMBER_WORDS.items()}

# Plural nouns a count can end with -> the KB collection whose entries are the things counted.
# The count is checked against the entries citing the same source as the count. Modules and
# frameworks are not here: the KB names them inside a feature's text, not as entries of their own.
COUNTED_LISTS: Dict[str, str] = {
    "job titles": "roles",
    "jobs": "roles",
    "roles": "roles",
    "signs": "readiness_signals",
    "programs": "programs",
    "programmes": "programs",
}
_COUNTED_NOUN = "|".join(re.escape(n) for n in sorted(COUNTED_LISTS, key=len, reverse=True))
# After a count's number: up to two modifiers ("nine Northeastern job titles"), then a listed noun.
_COUNTED_PHRASE = re.compile(rf"(?:\s+[A-Za-z][\w'’-]*){{0,2}}?\s+(?P<noun>{_COUNTED_NOUN})(?![\w])", re.IGNORECASE)
_ENDS_WITH_COUNTED = re.compile(rf"\s(?P<noun>{_COUNTED_NOUN})$", re.IGNORECASE)

# A figure: money, a percentage, or a number (digits or a word) with the word it counts.
FIGURE = re.compile(
    r"(?<![\w.$,])(?P<money>\$)?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?![\w])(?P<percent>\s?%|\s+percent\b)?(?:\s+(?P<counted>[A-Za-z]+))?",
    re.IGNORECASE,
)
# Words after a number that say nothing about what it counts ("4% a year", "5 of them").
NOT_COUNTED = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "per", "for", "by", "at"})

# Tokens for finding capitalised names: dotted initials (U.S.), words, numbers, punctuation.
_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[A-Za-z][\w/&-]*(?:['’][a-z]+)?|\d+(?:[.,]\d+)*%?|[^\w\s]")
_CONNECTORS = frozenset({"of", "in", "for", "and", "the", "on", "to", "&"})
_SENTENCE_END = frozenset({".", "!", "?", ":"})
# A quoted title: 'The Iron Triangle', “...” (an apostrophe inside a word is not a quote).
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))['‘\"“]([^'‘’\"“”]{3,}?)['’\"”](?![A-Za-z])")


@dataclass(frozen=True)
class Claim:
    """One figure or name the KB states, where it stands, and the sources it must be in."""

    file: str
    entry: str
    field: str
    text: str  # as the KB writes it
    kind: str  # "figure", "name" or "date"
    sources: Tuple[str, ...]


# -- what the KB claims -----------------------------------------------------------------------------
def figures_in(text: str) -> List[str]:
    """Money, percentages and counts in prose, as written ("$165,370", "18%", "five years"); a count of
    one of the KB's lists runs to its noun ("nine Northeastern job titles")."""
    out = []
    for match in FIGURE.finditer(text):
        if match["money"] or match["percent"]:
            out.append((match["money"] or "") + match["number"] + (match["percent"] or ""))
            continue
        listed = _COUNTED_PHRASE.match(text, match.end("number"))
        if listed and not set(listed.group(0).lower().split()[:-1]) & NOT_COUNTED:
            out.append(match["number"] + listed.group(0))
        else:
            out.append(match.group(0).strip())
    return out


def capitalised_names(text: str, sentence: bool = True) -> List[str]:
    """Runs of capitalised words ("Business Strategy for Engineers", "U.S. Bureau of Labor Statistics"),
    and single capitalised words inside a sentence ("Boston"). A sentence's first word is capitalised
    whatever it is, so it is left out ("Each Northeastern job title" -> "Northeastern")."""
    tokens = _TOKEN.findall(text)
    names: List[str] = []
    run: List[str] = []
    starts_sentence = at_start = sentence

    def close() -> None:
        if at_start and run:
            run.pop(0)
        while run and run[0] in _CONNECTORS:
            run.pop(0)
        while run and run[-1] in _CONNECTORS:
            run.pop()
        if run:
            names.append(re.sub(r"['’]s?$", "", " ".join(run)))
        run.clear()

    for i, token in enumerate(tokens):
        capital = token[:1].isupper()
        follows_capital = i + 1 < len(tokens) and tokens[i + 1][:1].isupper()
        joins = run and (token in _CONNECTORS or token[:1].isdigit()) and follows_capital
        if capital and not run:
            at_start = starts_sentence
        if capital or joins:
            run.append(token)
        else:
            close()
        starts_sentence = token in _SENTENCE_END
    close()
    return names


def quoted_names(text: str) -> List[str]:
    return [m.strip(" ,.") for m in _QUOTED.findall(text)]


def _prose_claims(text: str, sentence: bool) -> Iterator[Tuple[str, str]]:
    seen = set()
    for kind, value in [("figure", f) for f in figures_in(text)] + [
        ("name", n) for n in capitalised_names(text, sentence) + quoted_names(text)
    ]:
        if (kind, value.lower()) not in seen:
            seen.add((kind, value.lower()))
            yield kind, value


@dataclass(frozen=True)
class Cited:
    """A record as the check reads it: where it is, and which sources it cites."""

    file: str
    entry: str
    prefix: str  # "points[2]." for a record inside an entry
    record: object
    source: str
    also_named_by: Tuple[str, ...] = ()  # other sources that name it (its name fields must be in those too)


def cited_records(kb: KnowledgeBase, files: Dict[str, Path]) -> Iterator[Cited]:
    """Every record that cites a source, named as the loader names it (entry id, `points[2].`)."""

    def file(collection: str) -> str:
        return display(files.get(collection, Path(collection)))

    yield from (Cited(file("sources"), s.id, "", s, s.id) for s in kb.sources)
    yield from (Cited(file("statistics"), st.id, "", st, st.source) for st in kb.statistics)
    for t in kb.topics:
        yield from (Cited(file("topics"), t.id, f"points[{i}].", pt, pt.source) for i, pt in enumerate(t.points))
    yield from (Cited(file("roles"), r.id, "", r, r.source, tuple(r.also_named_by)) for r in kb.roles)
    yield Cited(file("comparison"), "overall", "", kb.comparison.overall, kb.comparison.overall.source)
    yield from (Cited(file("comparison"), a.id, "", a, a.source) for a in kb.comparison.aspects)
    for p in kb.programs:
        yield Cited(file("programs"), p.id, "", p, p.source)
        yield from (Cited(file("programs"), p.id, f"features[{i}].", f, p.source) for i, f in enumerate(p.features))
    yield from (Cited(file("readiness_signals"), sig.id, "", sig, sig.source) for sig in kb.readiness_signals)
    yield from (Cited(file("reading"), rd.id, "", rd, rd.source) for rd in kb.reading)


def claims_of(kb: KnowledgeBase, cited: Cited) -> Iterator[Claim]:
    """The record's figures, names and dates, read from the fields FIELDS lists for its type."""
    for field, holds in FIELDS[type(cited.record)].items():
        value = getattr(cited.record, field)
        if value is None:
            continue
        where = f"{cited.prefix}{field}"
        if holds == NAME:
            yield Claim(cited.file, cited.entry, where, value, "name", (cited.source, *cited.also_named_by))
        elif holds == DATE:
            yield Claim(cited.file, cited.entry, where, value, "date", (cited.source,))
        elif holds == LISTED:
            for i, name in enumerate(value):
                yield Claim(cited.file, cited.entry, f"{where}[{i}]", name, "name", (cited.source,))
        else:
            for kind, text in _prose_claims(kb.fill(value), sentence=holds == PROSE):
                yield Claim(cited.file, cited.entry, where, text, kind, (cited.source,))


def counted_list(claim: Claim) -> Optional[str]:
    """The KB collection a count claim counts ("nine job titles" -> roles), None for any other claim."""
    counted = _ENDS_WITH_COUNTED.search(claim.text) if claim.kind == "figure" else None
    return COUNTED_LISTS[counted["noun"].lower()] if counted else None


def display(path: Path) -> str:
    """A file as an editor would name it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
