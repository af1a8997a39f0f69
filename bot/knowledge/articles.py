"""The articles the knowledge base cites, and finding a claim's figure, name or date in one.

`read_articles` reads a folder of article texts, `identify` finds which file is which source
(by its URL, or its title when it has none), and `found` looks a `Claim` up in an `Article`:
figures in digits or words, names whole or by their initials, dates as articles write them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Dict, List, Tuple

from bot.knowledge.claims import FIGURE, NOT_COUNTED, NUMBER_WORDS, WORD_FOR, Claim
from bot.knowledge.model import Source
from bot.knowledge.text import normalise, singular

_LINK_TARGET = re.compile(r"\]\([^)]*\)|https?://\S+")
_TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_MONTHS = "January February March April May June July August September October November December".split()


class SourcesError(ValueError):
    """The articles cannot be read, or a source has no article; says which."""


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
    match = FIGURE.match(figure.strip())  # a count's further words ("nine job titles") are not looked up
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
    counted = rf" {re.escape(singular(word))}s?(?![a-z])" if word and word not in NOT_COUNTED else ""
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
