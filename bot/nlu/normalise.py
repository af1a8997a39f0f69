"""Normalise a visitor's message before NLU: chat shorthand expanded, typos corrected.

"how many yrs xp do u need b4 eng mgr" -> "how many years experience do you need before
engineering manager"; "wat is enginering managment" -> "what is engineering management".

- Shorthand comes from a table (bot/nlu/shorthand.yml), the same one the build's augmentation
  reads in reverse (bot/nlu/augment.py).
- Spelling is corrected with SymSpell (symspellpy) against the project's own vocabulary first
  (every word of the knowledge base and of the NLU training data, `build/project_words.json`,
  counted above any English word so it wins a tie, and ordered among itself by the project's own
  use: "enginer" is "engineer", not "engine") and the English frequency list that ships inside
  symspellpy second.
- Only an unknown word is corrected: a word of the project, of the English list, of common web
  text (`build/web_words.json`: "reddit", "pharma") or of the shorthand table's `keep` list is
  never changed, nor is anything holding a digit (numbers, "$165,370", "18%", "165k"), a URL or an
  e-mail address, or an acronym ("CMI", "BLS"). A capitalised word inside a sentence is a name
  ("Tesla", "Elon"): corrected only into a project word one edit away ("Northestern").
  At most 2 edits, 1 for a word of five letters or fewer, and 2 only into a project word ("bonjour"
  is no "honour"); words of one or two letters are left.
- A correction never makes an everyday request on topic: when none of a message's own words
  touches the subject (`build/topic_words.json`), a correction into a topic word is made only at
  one edit, and only into a word that names the subject (`build/subject_words.json`: "salry",
  "enginer"; five letters typed at least) or when no other word is one edit away ("enginering").
  So "pricess" (perhaps "prices") is not made "process", nor "nea" (perhaps "near") "NEU".

Built once per process (`shared_normaliser`); corrections are cached per word.
"""

from __future__ import annotations

import importlib.resources
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, FrozenSet, List, Mapping, Optional, Tuple

import yaml
from symspellpy import SymSpell, Verbosity
from symspellpy.editdistance import DistanceAlgorithm, EditDistance

from bot.knowledge.text import singular
from bot.language.vocabulary import content_words, load_words
from bot.nlu.little_words import digit_spans, phrase_spans
from bot.paths import PROJECT_WORDS, SUBJECT_WORDS_FILE, TOPIC_WORDS, WEB_WORDS

SHORTHAND_FILE = Path(__file__).with_name("shorthand.yml")
ENGLISH_FILE = "frequency_dictionary_en_82_765.txt"  # inside the symspellpy package
MAX_EDITS = 2
SHORT_WORD = 5  # a word this long or shorter gets at most one edit ("tesco" is no "teach")
MIN_LENGTH = 3  # "hw", "ai": too short to say what was meant
SURE_LENGTH = 5  # shorter typos are too ambiguous to put the subject into an everyday request ("nea": "neu"?)
PREFIX_LENGTH = 5  # SymSpell's prefix: 5 instead of 7 keeps the index at about 40 MB instead of 140
MAX_CACHED = 50_000  # words whose correction is remembered
# Words of the web that the English list lacks ("reddit", "pharma", "favorite") are known too: those at least
# this likely in spaCy's lexeme table (spacy-lookups-data, from web text). The domain's typos are rarer
# ("managment" -15.4, "enginering" -18.6); everyday misspellings ("recieve" -13.5) are left as they are.
WEB_WORD_LOG_PROB = -14.5

_CHUNK = re.compile(r"\S+")
_LEAD = re.compile(r"^[\"'“‘(\[{<*_]+")
_TRAIL = re.compile(r"[\"'”’)\]}>*_.,!?;:…]+$")
_URLISH = re.compile(r"@|://|^www\.|\.(?:com|org|net|edu|gov|io|uk)\b", re.IGNORECASE)
_NUMBER_AND_WORD = re.compile(r"^(\d+(?:\.\d+)?\+?)([A-Za-z]+)$")  # "5yrs"
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]['\")\]]*$")
_APOSTROPHE = re.compile(r"(['’])")


@dataclass(frozen=True)
class Shorthand:
    """Chat shorthand and what it stands for (bot/nlu/shorthand.yml)."""

    any_case: Mapping[str, str]  # keys in lower case: "u", "yrs"
    exact: Mapping[str, str]  # keys with capitals, matched only as written
    keep: FrozenSet[str]  # chat words never corrected ("lol")
    as_person: Mapping[str, str] = field(default_factory=dict)  # "eng" ending its phrase: "engineer"
    also_read: Mapping[str, str] = field(default_factory=dict)  # read, never written back ("wats", "kno")
    as_field: Mapping[str, str] = field(default_factory=dict)  # "EM" before "degree": "engineering management"
    phrases: Mapping[str, str] = field(default_factory=dict)  # "acc 2": "according to"
    digit_words: Mapping[str, str] = field(default_factory=dict)  # "2": "to", when it counts nothing

    def expansion(self, token: str) -> Optional[str]:
        """What `token` stands for, in the token's case ("Pls" -> "Please"), or None."""
        if token in self.exact:
            return self.exact[token]
        found = self.any_case.get(token.lower()) or self.also_read.get(token.lower())
        return None if found is None else cased(found, token)

    def pairs(self) -> List[Tuple[str, str]]:
        """(shorthand, words) pairs, for the build's augmentation."""
        return sorted({**self.any_case, **self.exact}.items())


@lru_cache(maxsize=4)
def load_shorthand(path: Path = SHORTHAND_FILE) -> Shorthand:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    table = {str(k): str(v) for k, v in (data.get("expand") or {}).items()}
    return Shorthand(
        any_case={k: v for k, v in table.items() if k == k.lower()},
        exact={k: v for k, v in table.items() if k != k.lower()},
        keep=frozenset(str(w).lower() for w in data.get("keep") or []),
        as_person={str(k).lower(): str(v) for k, v in (data.get("as_person") or {}).items()},
        also_read={str(k).lower(): str(v) for k, v in (data.get("also_read") or {}).items()},
        as_field={str(k).lower(): str(v) for k, v in (data.get("as_field") or {}).items()},
        phrases={str(k).lower(): str(v) for k, v in (data.get("phrases") or {}).items()},
        digit_words={str(k): str(v) for k, v in (data.get("digit_words") or {}).items()},
    )


@lru_cache(maxsize=1)
def english_words() -> Dict[str, int]:
    """The English frequency list that ships with symspellpy: word -> count."""
    text = importlib.resources.files("symspellpy").joinpath(ENGLISH_FILE).read_text(encoding="utf-8")
    counts: Dict[str, int] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            counts[parts[0]] = int(parts[1])
    return counts


def web_words(english: Mapping[str, int]) -> FrozenSet[str]:
    """Common words of web text that `english` lacks; `python -m bot build` saves them (build/web_words.json)."""
    import spacy_lookups_data
    import srsly

    table = srsly.read_gzip_json(Path(spacy_lookups_data.__file__).parent / "data" / "en_lexeme_prob.json.gz")
    return frozenset(
        w for w, p in table.items() if p >= WEB_WORD_LOG_PROB and w.isalpha() and w.islower() and w not in english
    )


def cased(word: str, like: str) -> str:
    """`word` in the case of `like`: "YRS" -> "YEARS", "Wat" -> "What"; a value with capitals stays as written."""
    if word != word.lower():
        return word
    if len(like) > 1 and like.isupper():
        return word.upper()
    if like[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


@dataclass(frozen=True)
class Change:
    """One word the normaliser changed: where, from what, to what, and why."""

    start: int
    end: int
    before: str
    after: str
    kind: str  # "shorthand" or "spelling"
    distance: int = 0


class Normaliser:
    """Expands shorthand and corrects typos; see the module's docstring for the rules."""

    def __init__(
        self,
        project_words: Mapping[str, int],
        topic_words: FrozenSet[str],
        subject_words: FrozenSet[str],
        shorthand: Shorthand,
        english: Mapping[str, int],
        other_words: FrozenSet[str] = frozenset(),
    ) -> None:
        self.project = frozenset(w.lower() for w in project_words)
        self.subject = subject_words
        self.other = other_words  # known, never a correction
        self.topic = topic_words
        self.shorthand = shorthand
        self.english = english
        self.spell = SymSpell(
            max_dictionary_edit_distance=MAX_EDITS,
            prefix_length=PREFIX_LENGTH,
            distance_comparer=EditDistance(DistanceAlgorithm.DAMERAU_OSA_FAST),
        )
        # A word of the project counts above any English word, and the project's own use orders its
        # words: "enginer" is the project's "engineer", not its "engine".
        above_any = max(english.values(), default=0) + 1
        for word, count in english.items():
            if word not in self.project:
                self.spell.create_dictionary_entry(word, count)
        for word, count in project_words.items():
            self.spell.create_dictionary_entry(word.lower(), above_any * (1 + max(count, 0)))
        self._cache: Dict[str, Optional[Tuple[str, int]]] = {}

    # -- words ------------------------------------------------------------------------
    def known(self, word: str) -> bool:
        low = word.lower()
        return low in self.project or low in self.english or low in self.other or low in self.shorthand.keep

    def suggestion(self, word: str) -> Optional[Tuple[str, int]]:
        """The closest word to an unknown lower-case word and its edit distance, or None."""
        if word in self._cache:
            return self._cache[word]
        edits = 1 if len(word) <= SHORT_WORD else MAX_EDITS
        found = self.spell.lookup(word, Verbosity.CLOSEST, max_edit_distance=edits)
        best = (found[0].term, found[0].distance) if found and found[0].distance > 0 else None
        if best and best[1] > 1 and best[0] not in self.project:
            # Two edits from an everyday word is as likely a name or a foreign word ("bonjour", "tesco").
            close = [
                s for s in self.spell.lookup(word, Verbosity.ALL, max_edit_distance=edits) if s.term in self.project
            ]
            best = (close[0].term, close[0].distance) if close else None
        if len(self._cache) >= MAX_CACHED:
            self._cache.clear()
        self._cache[word] = best
        return best

    def only_near_word(self, word: str) -> bool:
        """True when exactly one known word is one edit from `word`."""
        return len(self.spell.lookup(word, Verbosity.ALL, max_edit_distance=1)) == 1

    def is_topic_word(self, word: str) -> bool:
        low = word.lower()
        return low in self.topic or singular(low) in self.topic

    def touches_subject(self, text: str) -> bool:
        return any(w in self.topic for w in content_words(text))

    # -- messages ---------------------------------------------------------------------
    def changes(self, text: str) -> List[Change]:
        """Every change the normaliser makes to `text`, in order (the guard already applied)."""
        found: List[Change] = []
        for start, end, typed, words in phrase_spans(text, self.shorthand.phrases) + digit_spans(
            text, self.shorthand.digit_words
        ):
            if all(end <= c.start or start >= c.end for c in found):
                found.append(Change(start, end, typed, words, "shorthand"))
        taken = [(c.start, c.end) for c in found]
        at_start = True
        chunks = list(_CHUNK.finditer(text))
        for i, chunk in enumerate(chunks):
            if any(start <= chunk.start() < end or chunk.start() <= start < chunk.end() for start, end in taken):
                at_start = bool(_SENTENCE_END.search(chunk.group(0)))
                continue
            changes = self._chunk_changes(chunk.group(0), chunk.start(), at_start) or self._as_field(chunks, i)
            before = chunks[i - 1].group(0) if i > 0 else None
            following = chunks[i + 1].group(0) if i + 1 < len(chunks) else None
            found += [self._as_person(c, chunk.group(0), before, following) for c in changes]
            at_start = bool(_SENTENCE_END.search(chunk.group(0)))
        spelling = [c for c in found if c.kind == "spelling"]
        if spelling and any(self.is_topic_word(c.after) for c in spelling):
            shorthand_only = apply(text, [c for c in found if c.kind == "shorthand"])
            if not self.touches_subject(shorthand_only):
                found = [
                    c for c in found if not (c.kind == "spelling" and self.is_topic_word(c.after) and not self.sure(c))
                ]
        return sorted(found, key=lambda c: c.start)

    def _as_field(self, chunks: List[re.Match[str]], i: int) -> List[Change]:
        """ "an EM degree": the role's short name before a word of study names the field."""
        word = chunks[i].group(0)
        field_name = self.shorthand.as_field.get(word.lower())
        following = chunks[i + 1].group(0).lower().strip("?,.!") if i + 1 < len(chunks) else ""
        if field_name is None or singular(following.replace("'s", "")) not in STUDY_NOUNS:
            return []
        return [Change(chunks[i].start(), chunks[i].end(), word, field_name, "shorthand")]

    def _as_person(self, change: Change, chunk: str, before: Optional[str], following: Optional[str]) -> Change:
        """ "eng" heading its phrase is a person ("a quality eng do?"); else the field ("eng mgmt", "what is eng?").

        It heads its phrase when a word that can qualify it comes before ("a", "quality", "software") and
        no word the field qualifies comes after ("mgmt", "degree", "team"…).
        """
        person = self.shorthand.as_person.get(change.before.lower())
        if change.kind != "shorthand" or person is None or before is None or _TRAIL.search(before):
            return change
        if before.lower() in NOT_QUALIFIERS:
            return change
        qualifies = following is not None and not _TRAIL.search(chunk) and singular(following.lower()) in QUALIFIED
        return change if qualifies else replace_change(change, cased(person, change.before))

    def sure(self, change: Change) -> bool:
        """May this correction put the subject into an everyday request? Only if it is one edit, and either a word
        that names the subject ("salry", "enginer"; five letters typed at least) or the only word one edit away."""
        if change.distance != 1:
            return False
        names_subject = singular(change.after.lower()) in self.subject and len(change.before) >= SURE_LENGTH
        return (
            names_subject or len(self.spell.lookup(change.before.lower(), Verbosity.CLOSEST, max_edit_distance=1)) == 1
        )

    def normalise(self, text: str) -> str:
        """`text` with shorthand expanded and typos corrected; everything else as it was."""
        if not text or text.startswith("/"):
            return text
        return apply(text, self.changes(text))

    def _chunk_changes(self, chunk: str, offset: int, at_start: bool) -> List[Change]:
        if _URLISH.search(chunk):
            return []
        lead = _LEAD.match(chunk)
        start = lead.end() if lead else 0
        trail = _TRAIL.search(chunk, start)
        end = trail.start() if trail else len(chunk)
        core = chunk[start:end]
        if not core:
            return []
        expanded = self.shorthand.expansion(core)
        if expanded is not None:
            return [Change(offset + start, offset + end, core, expanded, "shorthand")]
        number = _NUMBER_AND_WORD.match(core)
        if number:
            unit = self.shorthand.expansion(number.group(2))
            after = f"{number.group(1)} {unit}" if unit else None
            return [Change(offset + start, offset + end, core, after, "shorthand")] if after else []
        if any(ch.isdigit() for ch in core):
            return []
        out: List[Change] = []
        for word in _WORD.finditer(core):
            change = self._word_change(word.group(0), at_start and word.start() == 0)
            if change is not None:
                after, distance = change
                first = offset + start + word.start()
                out.append(Change(first, first + len(word.group(0)), word.group(0), after, "spelling", distance))
        return out

    def _word_change(self, word: str, at_start: bool) -> Optional[Tuple[str, int]]:
        """A word inside a chunk ("well-paid", "U.S."): corrected if unknown; shorthand is read only whole ("u")."""
        parts = _APOSTROPHE.split(word, maxsplit=1)
        base, apostrophe, rest = (parts[0], parts[1], parts[2]) if len(parts) == 3 else (word, "", "")
        if apostrophe and rest.lower() != "s":
            return None  # "dont've": contractions are left as they are
        if (
            len(base) < MIN_LENGTH
            or self.known(base)
            or (len(base) > 1 and base.isupper())  # an acronym
            or base[1:] != base[1:].lower()  # "iPhone", "McKinsey"
        ):
            return None
        found = self.suggestion(base.lower())
        if found is None or (len(base) <= MIN_LENGTH and not self.only_near_word(base.lower())):
            return None  # "shd" is as near "she" as "phd": three letters say too little to pick one
        term, distance = found
        term = self.shorthand.expansion(term) or term  # "engnr" is a near miss of the shorthand "engr": "engineer"
        if base[:1].isupper() and not at_start and not (term in self.project and distance == 1):
            return None  # a name inside a sentence: only a near miss of the project's own ("Northestern")
        return cased(term, base) + apostrophe + rest, distance


# Words "engineering" qualifies: "eng mgmt", "an eng degree", "eng team".
QUALIFIED = frozenset(
    "mgmt mgr mngr manager management leadership lead leader director head degree background field team job role "
    "career school student graduate grad firm company department discipline work world industry sector position "
    "salary pay experience bachelor bachelors bsc beng meng masters master msc program programme course "
    "project org".split()
)


# Words of study the field's name comes before: "an EM degree", "EM masters", "the EM msc".
STUDY_NOUNS = frozenset("degree master masters msc ms program programme course qualification diploma".split())
# Words after which "eng" is the field, not a person: "what is eng?", "a career in eng", "eng vs mgmt".
NOT_QUALIFIERS = frozenset(
    "is are was were what's whats about of in into study studied studying do does from vs versus and or than like "
    "to for with at on by".split()
)


def replace_change(change: Change, after: str) -> Change:
    return Change(change.start, change.end, change.before, after, change.kind, change.distance)


def apply(text: str, changes: List[Change]) -> str:
    """`text` with `changes` made (they don't overlap and are in order)."""
    out, cursor = [], 0
    for change in changes:
        out += [text[cursor : change.start], change.after]
        cursor = change.end
    out.append(text[cursor:])
    return "".join(out)


def from_build() -> Normaliser:
    """A normaliser from the build's word lists (`python -m bot build` writes them)."""
    topic, subject = load_words(TOPIC_WORDS), load_words(SUBJECT_WORDS_FILE)
    if topic is None or subject is None or not PROJECT_WORDS.exists():
        raise FileNotFoundError(f"{PROJECT_WORDS} or the topic words not found: run `python -m bot build` first")
    project = json.loads(PROJECT_WORDS.read_text(encoding="utf-8"))
    other = load_words(WEB_WORDS) or frozenset()
    return Normaliser(project, topic, subject, load_shorthand(), english_words(), other)


shared_normaliser: Callable[[], Normaliser] = lru_cache(maxsize=1)(from_build)
