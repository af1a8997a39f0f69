"""Grounding: every figure and named thing in the knowledge base is in the article its entry cites.

`python -m bot check --sources DIR` reads the articles (one text file each), finds which
file is which source (by the source's URL, or its title when it has none), and looks up
each figure (amounts, percentages, counts, in digits or words) and each name (titles of
programs, modules, frameworks, roles, institutions, sectors, sources) in the cited one.
Which fields hold what is the FIELDS table below.

Two things ground a claim besides the article's text: a count of one of the KB's own lists
("nine job titles") is grounded when it equals the number of entries of that list citing the same
source (COUNTED_LISTS says which list a counted noun means), and a name is grounded when it is the
cited source's publisher ("Northeastern University", the site's name, given in sources.yml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
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
from bot.knowledge.text import normalise, singular

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
_FIGURE = re.compile(
    r"(?<![\w.$,])(?P<money>\$)?(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?![\w])(?P<percent>\s?%|\s+percent\b)?(?:\s+(?P<counted>[A-Za-z]+))?",
    re.IGNORECASE,
)
# Words after a number that say nothing about what it counts ("4% a year", "5 of them").
_NOT_COUNTED = frozenset({"a", "an", "the", "of", "and", "or", "to", "in", "per", "for", "by", "at"})
# Tokens for finding capitalised names: dotted initials (U.S.), words, numbers, punctuation.
_TOKEN = re.compile(r"[A-Z](?:\.[A-Z])+\.?|[A-Za-z][\w/&-]*(?:['’][a-z]+)?|\d+(?:[.,]\d+)*%?|[^\w\s]")
_CONNECTORS = frozenset({"of", "in", "for", "and", "the", "on", "to", "&"})
_SENTENCE_END = frozenset({".", "!", "?", ":"})
# A quoted title: 'The Iron Triangle', “...” (an apostrophe inside a word is not a quote).
_QUOTED = re.compile(r"(?:^|(?<=[\s(]))['‘\"“]([^'‘’\"“”]{3,}?)['’\"”](?![A-Za-z])")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_MONTHS = "January February March April May June July August September October November December".split()


class SourcesError(ValueError):
    """The articles cannot be read, or a source has no article; says which."""


@dataclass(frozen=True)
class Claim:
    """One figure or name the KB states, where it stands, and the sources it must be in."""

    file: str
    entry: str
    field: str
    text: str  # as the KB writes it
    kind: str  # "figure", "name" or "date"
    sources: Tuple[str, ...]


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


# -- matching ------------------------------------------------------------------------------------
def for_matching(text: str) -> str:
    """The project's normaliser, plus straight quotes and dashes and no thousands separators."""
    return _THOUSANDS.sub("", normalise(str(text).translate(_TYPOGRAPHY)))


@dataclass(frozen=True)
class Article:
    """One article's text, normalised once for all the look-ups."""

    source_id: str
    path: Path
    text: str  # normalised, links included (a program's URL, its slug)
    prose: str  # normalised, link targets left out, for figures (a URL's digits are no figure)

    @classmethod
    def read(cls, source_id: str, path: Path, raw: str) -> Article:
        return cls(source_id, path, for_matching(raw), for_matching(_LINK_TARGET.sub(" ", raw)))


def _bounded(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![a-z0-9]){pattern}(?![a-z0-9])")


def _initials(name: str) -> List[str]:
    """ "United States" -> u.s. (and "cmi" for three letters or more), "US" -> u.s.: how articles abbreviate."""
    words = name.split()
    if len(words) == 1 and len(name) >= 2 and name.isalpha() and name.isupper():
        return [".".join(name.lower()) + "."]  # US -> u.s.
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return []
    letters = [w[0].lower() for w in words]
    forms = [".".join(letters) + "."]
    return forms + ["".join(letters)] if len(letters) >= 3 else forms


def name_pattern(name: str) -> re.Pattern[str]:
    forms = [for_matching(name)] + _initials(name)
    return _bounded("(?:" + "|".join(re.escape(f) for f in forms) + ")")


def figure_pattern(figure: str) -> re.Pattern[str]:
    """Digits or words for the number, the same money sign, percent and counted word."""
    match = _FIGURE.match(figure.strip())  # a count's further words ("nine job titles") are not looked up
    if match is None:
        raise ValueError(f"not a figure: {figure!r}")
    raw = match["number"].replace(",", "").lower()
    value = NUMBER_WORDS.get(raw)
    forms = {raw} | ({str(value)} if value is not None else set())
    if raw.isdigit() and int(raw) in WORD_FOR:
        forms.add(WORD_FOR[int(raw)])
    number = "(?:" + "|".join(re.escape(f) for f in sorted(forms)) + ")"
    money = r"\$" if match["money"] else r"(?<!\$)"
    percent = r"(?: ?%| percent)" if match["percent"] else r"(?! ?%)"
    word = (match["counted"] or "").lower()
    counted = rf" {re.escape(singular(word))}s?(?![a-z])" if word and word not in _NOT_COUNTED else ""
    return re.compile(rf"(?<![\w.]){money}{number}(?![\d])(?!\.\d){percent}{counted}")


def found(claim: Claim, article: Article) -> bool:
    """Whether the article states the claim (figures in its prose, names and dates anywhere)."""
    if claim.kind == "figure":
        return bool(figure_pattern(claim.text).search(article.prose))
    if claim.kind == "date":
        return any(_bounded(re.escape(for_matching(d))).search(article.text) for d in date_forms(claim.text))
    return _name_found(claim.text, article.text)


def _name_found(name: str, text: str) -> bool:
    """Whole, or, for "A and B" (one title or two names), each side."""
    if name_pattern(name).search(text):
        return True
    parts = name.split(" and ")
    return len(parts) > 1 and all(name_pattern(p).search(text) for p in parts)


def date_forms(iso: str) -> List[str]:
    """2024-07-25 -> "July 25, 2024", "25 July 2024"; 2022-10 -> "October 2022"."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 2:
        return [f"{_MONTHS[parts[1] - 1]} {parts[0]}"]
    day = date(*parts)
    month = _MONTHS[day.month - 1]
    return [f"{month} {day.day}, {day.year}", f"{day.day} {month} {day.year}", f"{month} {day.day} {day.year}"]


# -- what the KB claims -----------------------------------------------------------------------------
def figures_in(text: str) -> List[str]:
    """Money, percentages and counts in prose, as written ("$165,370", "18%", "five years"); a count of
    one of the KB's lists runs to its noun ("nine Northeastern job titles")."""
    out = []
    for match in _FIGURE.finditer(text):
        if match["money"] or match["percent"]:
            out.append((match["money"] or "") + match["number"] + (match["percent"] or ""))
            continue
        listed = _COUNTED_PHRASE.match(text, match.end("number"))
        if listed and not set(listed.group(0).lower().split()[:-1]) & _NOT_COUNTED:
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

    for s in kb.sources:
        yield Cited(file("sources"), s.id, "", s, s.id)
    for st in kb.statistics:
        yield Cited(file("statistics"), st.id, "", st, st.source)
    for t in kb.topics:
        for i, point in enumerate(t.points):
            yield Cited(file("topics"), t.id, f"points[{i}].", point, point.source)
    for r in kb.roles:
        yield Cited(file("roles"), r.id, "", r, r.source, tuple(r.also_named_by))
    yield Cited(file("comparison"), "overall", "", kb.comparison.overall, kb.comparison.overall.source)
    for a in kb.comparison.aspects:
        yield Cited(file("comparison"), a.id, "", a, a.source)
    for p in kb.programs:
        yield Cited(file("programs"), p.id, "", p, p.source)
        for i, feature in enumerate(p.features):
            yield Cited(file("programs"), p.id, f"features[{i}].", feature, p.source)
    for sig in kb.readiness_signals:
        yield Cited(file("readiness_signals"), sig.id, "", sig, sig.source)
    for rd in kb.reading:
        yield Cited(file("reading"), rd.id, "", rd, rd.source)


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


def listed(kb: KnowledgeBase, collection: str, source_id: str) -> int:
    """How many entries of the collection cite the source (as their source, or among those also naming it)."""
    return sum(1 for e in getattr(kb, collection) if source_id in (e.source, *getattr(e, "also_named_by", ())))


def counts_own_list(kb: KnowledgeBase, claim: Claim, source_id: str) -> bool:
    """A count of one of the KB's lists that equals the entries citing the same source."""
    collection = counted_list(claim)
    figure = _FIGURE.match(claim.text)
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


def display(path: Path) -> str:
    """A file as an editor would name it: relative to the working folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# -- articles -------------------------------------------------------------------------------------
def read_articles(directory: Path) -> Dict[Path, str]:
    """Every *.txt in the folder; a missing folder or an unreadable file is a SourcesError naming it."""
    if not directory.is_dir():
        raise SourcesError(f"{directory}: sources directory not found")
    paths = sorted(directory.glob("*.txt"))
    if not paths:
        raise SourcesError(f"{directory}: no article files (*.txt) in the sources directory")
    texts = {}
    for path in paths:
        try:
            texts[path] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise SourcesError(f"{path}: cannot read the article: {err}") from None
    return texts


def _marker(source: Source) -> Tuple[str, str]:
    """(field, text) by which an article file shows it is this source: its URL, else its title."""
    return ("url", source.url) if source.url else ("title", source.title)


def _shows(raw: str, field: str, marker: str) -> bool:
    # A URL is compared as written; a title after normalising (quotes, case, spaces).
    return marker in raw if field == "url" else for_matching(marker) in for_matching(raw)


def identify(source: Source, texts: Dict[Path, str], sources_file: str) -> Path:
    """The one article file that shows the source's URL (or, with no URL, its title)."""
    field, marker = _marker(source)
    matches = [path for path, raw in texts.items() if _shows(raw, field, marker)]
    if len(matches) != 1:
        directory = next(iter(texts)).parent
        problem = "no article" if not matches else f"{len(matches)} articles ({', '.join(p.name for p in matches)})"
        raise SourcesError(
            f"{sources_file}: entry '{source.id}': field '{field}': {problem} in {directory} contains {marker!r}"
        )
    return matches[0]


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
