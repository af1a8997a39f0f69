"""Typed records of the knowledge base and the queries over them."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Tuple


def strings_in(value: Any) -> Iterable[str]:
    """Every string inside nested dicts and lists (a record's text, for searching)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_in(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_in(v)


PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:\.([a-z_]+))?\}")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    published: str
    sections: List[str]
    url: Optional[str] = None
    author: Optional[str] = None
    first_published: Optional[str] = None

    def citation(self) -> str:
        """How an answer names this source: title, publisher, link if known."""
        text = f"“{self.title}”, {self.publisher}"
        return f"{text}, {self.url}" if self.url else text


@dataclass(frozen=True)
class Statistic:
    id: str
    label: str
    value: str
    unit: str
    measures: str
    measured_by: str
    source: str
    section: str
    note: Optional[str] = None
    region: Optional[str] = None  # where the figure applies, when the source says (e.g. U.S. data)
    years: Optional[float] = None  # the figure as a number of years, for a duration (experience required)
    # The role the figure is about (a role id): asked about another job, the answer says the sources give none.
    describes: Optional[str] = None
    asked_as: Optional[str] = None  # how a question asks for this figure ("a salary"), for "no X for that job"
    asked_with: List[str] = field(default_factory=list)  # words a visitor names the figure by ("pay", "bump")


@dataclass(frozen=True)
class NamedList:
    """A list its entry's text names item by item ("soft skills, namely …"), so it can be counted and listed."""

    noun: str  # what the answer calls the list, plural: "soft skills"
    items: List[str]  # each as the text writes it
    asked_as: List[str] = field(default_factory=list)  # more words a visitor names it by ("tech", "technologies")


@dataclass(frozen=True)
class Point:
    text: str
    source: str
    section: str
    in_brief: bool = False  # the one line that sums up engineering vs management, quoted by other answers
    # Named things the text quotes in lower case (sectors such as "healthcare"), which no pattern can
    # pick out of prose; `python -m bot check --sources` finds each in the text and in the cited article.
    names: List[str] = field(default_factory=list)
    lists: List[NamedList] = field(default_factory=list)


@dataclass(frozen=True)
class Topic:
    id: str
    intent: str
    question: str
    points: List[Point]
    related: List[str] = field(default_factory=list)
    # Comparison aspects whose manager side belongs in this answer too ("what do managers do all day?").
    aspects: List[str] = field(default_factory=list)


@dataclass(frozen=True)
class Role:
    id: str
    title: str
    synonyms: List[str]
    source: str
    section: str
    involves: Optional[str] = None
    degree_helps: Optional[str] = None
    keywords: List[str] = field(default_factory=list)
    also_named_by: List[str] = field(default_factory=list)
    # The role this advisor is about: the sources' pay and growth figures describe it.
    is_subject: bool = False
    # The senior technical role offered when the readiness signs point away from management.
    technical_track: bool = False
    # The topic that describes this job in depth; its points follow `involves` in the role's answer.
    topic: Optional[str] = None


@dataclass(frozen=True)
class Aspect:
    id: str
    title: str
    synonyms: List[str]
    engineer: str
    manager: str
    source: str
    section: str
    lists: List[NamedList] = field(default_factory=list)


@dataclass(frozen=True)
class Overall:
    engineer: str
    manager: str
    source: str
    section: str


@dataclass(frozen=True)
class Comparison:
    overall: Overall
    aspects: List[Aspect]


@dataclass(frozen=True)
class Feature:
    id: str
    title: str
    synonyms: List[str]
    text: str
    section: str
    names: List[str] = field(default_factory=list)  # the named things it lists (modules, frameworks), as published
    bullet_of: Optional[str] = None  # the heading of the article's bulleted list it is one item of ("Reasons to enrol")
    bullet: Optional[str] = None  # its name as that list's item, as published ("Comprehensive curriculum")
    lists: List[NamedList] = field(default_factory=list)


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    university: str
    synonyms: List[str]
    location: str
    source: str
    section: str
    summary: str
    features: List[Feature]
    url: Optional[str] = None


@dataclass(frozen=True)
class Signal:
    id: str
    label: str  # a short name for the sign, used in the readiness verdict
    sign: str
    question: str
    keywords: List[str]
    source: str
    section: str


@dataclass(frozen=True)
class Reading:
    id: str
    title: str
    about: str
    source: str
    section: str
    url: Optional[str] = None


@dataclass(frozen=True)
class Gap:
    id: str
    subject: str
    synonyms: List[str]
    # Naming it makes a question about it, whatever else the question asks: "how many hours
    # do engineering managers work?" is about working hours, not experience.
    decisive: bool = False
    # Its synonyms name places: figures asked "for the UK" get where the KB's figures come from.
    places: bool = False
    # Its synonyms name institutions: "what are stanford's fees?" asks about another university's programs.
    institutions: bool = False
    # Topics whose answer follows the "sources don't cover" line when the question asks about them too:
    # "do you need a PhD to be an engineering manager?" also gets what employers do ask for.
    also_answers: List[str] = field(default_factory=list)


@dataclass
class KnowledgeBase:
    sources: List[Source]
    statistics: List[Statistic]
    topics: List[Topic]
    roles: List[Role]
    comparison: Comparison
    programs: List[Program]
    readiness_signals: List[Signal]
    reading: List[Reading]
    gaps: List[Gap]

    def __post_init__(self) -> None:
        self._by_id: Dict[str, Any] = {}
        for entry in self.entries():
            self._by_id[entry.id] = entry

    # -- lookups -----------------------------------------------------------
    def entries(self) -> Iterable[Any]:
        """Every entry that has an id, across all collections."""
        yield from self.sources
        yield from self.statistics
        yield from self.topics
        yield from self.roles
        yield from self.comparison.aspects
        yield from self.programs
        for program in self.programs:
            yield from program.features
        yield from self.readiness_signals
        yield from self.reading
        yield from self.gaps

    def get(self, entry_id: str) -> Any:
        return self._by_id.get(entry_id)

    def source(self, source_id: str) -> Source:
        return self._by_id[source_id]

    def topic(self, topic_id: str) -> Topic:
        return self._by_id[topic_id]

    def topic_for_intent(self, intent: str) -> Optional[Topic]:
        return next((t for t in self.topics if t.intent == intent), None)

    def statistic(self, stat_id: str) -> Statistic:
        return self._by_id[stat_id]

    def role(self, role_id: str) -> Optional[Role]:
        entry = self._by_id.get(role_id)
        return entry if isinstance(entry, Role) else None

    def program(self, program_id: str) -> Optional[Program]:
        entry = self._by_id.get(program_id)
        return entry if isinstance(entry, Program) else None

    def aspect(self, aspect_id: str) -> Optional[Aspect]:
        entry = self._by_id.get(aspect_id)
        return entry if isinstance(entry, Aspect) else None

    def subject_role(self) -> Optional[Role]:
        """The role the sources' figures describe (engineering manager)."""
        return next((r for r in self.roles if r.is_subject), None)

    def technical_role(self) -> Optional[Role]:
        """The senior technical role for visitors whom management does not suit."""
        return next((r for r in self.roles if r.technical_track), None)

    def institution_gap(self) -> Optional[Gap]:
        """The gap whose synonyms name other universities."""
        return next((g for g in self.gaps if g.institutions), None)

    def place_gap(self) -> Optional[Gap]:
        """The gap whose synonyms name places."""
        return next((g for g in self.gaps if g.places), None)

    def points_in_brief(self) -> List[Point]:
        """Points marked as the one-line summary of engineering vs engineering management."""
        return [p for t in self.topics for p in t.points if p.in_brief]

    def statistics_quoted(self, topic: Topic) -> List[Statistic]:
        """The statistics a topic's points quote (`{median_salary}`), each once, in order."""
        ids = [m.group(1) for p in topic.points for m in PLACEHOLDER.finditer(p.text)]
        return [self.statistic(i) for i in dict.fromkeys(ids)]

    def named_lists(self) -> List[Tuple[NamedList, str, str, str]]:
        """Every list an entry's text names item by item, with the id of the entry, its source and section."""
        found: List[Tuple[NamedList, str, str, str]] = []
        for topic in self.topics:
            found += [(nl, topic.id, p.source, p.section) for p in topic.points for nl in p.lists]
        for a in self.comparison.aspects:
            found += [(nl, a.id, a.source, a.section) for nl in a.lists]
        for program in self.programs:
            found += [(nl, program.id, program.source, f.section) for f in program.features for nl in f.lists]
        return found

    def described_roles(self) -> List[Role]:
        return [r for r in self.roles if r.involves]

    def fill(self, text: str) -> str:
        """Insert figures from statistics.yml into a point's text."""

        def value(match: re.Match[str]) -> str:
            stat = self.statistic(match.group(1))
            return str(getattr(stat, match.group(2) or "value"))

        return PLACEHOLDER.sub(value, text)

    def to_dict(self) -> Dict[str, Any]:
        return {
            name: (asdict(getattr(self, name)) if name == "comparison" else [asdict(e) for e in getattr(self, name)])
            for name in COLLECTIONS
        }


# Collection name -> record type; the loader and the compiled form both use it.
COLLECTIONS: Dict[str, type] = {
    "sources": Source,
    "statistics": Statistic,
    "topics": Topic,
    "roles": Role,
    "comparison": Comparison,
    "programs": Program,
    "readiness_signals": Signal,
    "reading": Reading,
    "gaps": Gap,
}
