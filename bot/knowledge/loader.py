"""Load the knowledge base from YAML, validate it, and read/write its compiled form.

Every error names the file, the entry id (or position) and the field, so an
editor can find the mistake without reading code.
"""

from __future__ import annotations

import dataclasses
import json
import typing
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple, Union

import yaml

from bot.knowledge.model import COLLECTIONS, PLACEHOLDER, KnowledgeBase


class KnowledgeBaseError(ValueError):
    """A knowledge-base file is malformed; says where and what."""

    def __init__(self, file: str, entry: str, field: str, problem: str) -> None:
        self.file, self.entry, self.field, self.problem = file, entry, field, problem
        super().__init__(f"{file}: entry '{entry}': field '{field}': {problem}")


def _type_name(tp: Any) -> str:
    origin = typing.get_origin(tp)
    if origin is Union:
        return " or ".join(_type_name(a) for a in typing.get_args(tp))
    if origin in (list, List):
        return f"list of {_type_name(typing.get_args(tp)[0])}"
    if dataclasses.is_dataclass(tp):
        return "mapping"
    return "nothing" if tp is type(None) else tp.__name__


# A scalar field's type -> what it accepts, the problem named otherwise, and the value it keeps.
SCALARS: Dict[type, Tuple[Callable[[Any], bool], str, Callable[[Any], Any]]] = {
    bool: (lambda d: isinstance(d, bool), "expected true or false", lambda d: d),
    str: (lambda d: isinstance(d, str) and bool(d.strip()), "expected non-empty text", str.strip),
    float: (
        lambda d: not isinstance(d, bool) and isinstance(d, (int, float)) and d >= 0,
        "expected a number, 0 or more",
        float,
    ),
}


class _Builder:
    """Turns parsed YAML into records, checking each field against its type."""

    def __init__(self, file: str) -> None:
        self.file = file

    def record(self, cls: type, data: Any, entry: str, path: str = "") -> Any:
        if not isinstance(data, dict):
            raise KnowledgeBaseError(self.file, entry, path or "(entry)", "expected a mapping")
        hints = typing.get_type_hints(cls)
        fields = {f.name: f for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - set(fields))
        if unknown:
            raise KnowledgeBaseError(self.file, entry, f"{path}{unknown[0]}", "unknown field")
        values = {}
        for name, fld in fields.items():
            where = f"{path}{name}"
            if name not in data:
                required = fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING
                if required:
                    raise KnowledgeBaseError(self.file, entry, where, "missing")
                continue
            values[name] = self.value(hints[name], data[name], entry, where)
        return cls(**values)

    def value(self, tp: Any, data: Any, entry: str, where: str) -> Any:
        origin = typing.get_origin(tp)
        if origin is Union:
            if data is None and type(None) in typing.get_args(tp):
                return None
            (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
            return self.value(inner, data, entry, where)
        if origin in (list, List):
            if not isinstance(data, list):
                raise KnowledgeBaseError(self.file, entry, where, f"expected a {_type_name(tp)}")
            (item,) = typing.get_args(tp)
            return [self.value(item, d, entry, f"{where}[{i}]") for i, d in enumerate(data)]
        if dataclasses.is_dataclass(tp):
            return self.record(typing.cast(type, tp), data, entry, f"{where}.")
        if tp not in SCALARS:
            raise TypeError(tp)  # a model type the builder does not know: a programming error
        accepts, problem, convert = SCALARS[tp]
        if not accepts(data):
            raise KnowledgeBaseError(self.file, entry, where, problem)
        return convert(data)


def _entry_name(data: Any, index: int, collection: str) -> str:
    if isinstance(data, dict) and isinstance(data.get("id"), str):
        return data["id"]
    return f"{collection}[{index}]"


def _read_yaml(path: Path) -> Dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "(file)"
        raise KnowledgeBaseError(str(path), where, "(syntax)", f"not valid YAML: {err}") from None
    if not isinstance(data, dict):
        raise KnowledgeBaseError(str(path), "(file)", "(top level)", "expected a mapping of collections")
    return data


def collection_files(directory: Path) -> Dict[str, Path]:
    """Which file defines each collection, for messages that name the file (after `load_knowledge_base`)."""
    return {name: path for path in sorted(directory.glob("*.yml")) for name in _read_yaml(path)}


def load_knowledge_base(directory: Path) -> KnowledgeBase:
    """Read every *.yml in `directory`, build records, and check cross-references."""
    collections: Dict[str, Any] = {}
    origin: Dict[str, str] = {}  # collection -> file, for error messages
    files = sorted(directory.glob("*.yml"))
    if not files:
        raise KnowledgeBaseError(str(directory), "(none)", "(files)", "no knowledge files (*.yml) found")
    for path in files:
        for name, data in _read_yaml(path).items():
            builder = _Builder(str(path))
            if name not in COLLECTIONS:
                raise KnowledgeBaseError(
                    str(path), "(file)", name, f"unknown collection; expected one of {', '.join(COLLECTIONS)}"
                )
            if name in collections:
                raise KnowledgeBaseError(str(path), "(file)", name, f"collection also defined in {origin[name]}")
            cls = COLLECTIONS[name]
            if name == "comparison":
                collections[name] = builder.record(cls, data, "comparison")
            else:
                if not isinstance(data, list):
                    raise KnowledgeBaseError(str(path), "(file)", name, "expected a list of entries")
                collections[name] = [builder.record(cls, d, _entry_name(d, i, name)) for i, d in enumerate(data)]
            origin[name] = str(path)
    missing = [n for n in COLLECTIONS if n not in collections]
    if missing:
        raise KnowledgeBaseError(str(directory), "(none)", missing[0], "collection missing from every file")
    _check_references(collections, origin)
    return KnowledgeBase(**collections)


def _cited(collections: Dict[str, Any]) -> List[Tuple[str, str, str, str, str]]:
    """(collection, entry id, field, source id, section) for every citation."""
    out = []
    for name in ("statistics", "roles", "programs", "readiness_signals", "reading"):
        for e in collections[name]:
            out.append((name, e.id, "source", e.source, e.section))
            for rel in getattr(e, "also_named_by", []):
                out.append((name, e.id, "also_named_by", rel, ""))
    for p in collections["programs"]:
        for i, f in enumerate(p.features):
            out.append(("programs", p.id, f"features[{i}].section", p.source, f.section))
    for t in collections["topics"]:
        for i, pt in enumerate(t.points):
            out.append(("topics", t.id, f"points[{i}].source", pt.source, pt.section))
    comp = collections["comparison"]
    out.append(("comparison", "overall", "source", comp.overall.source, comp.overall.section))
    for a in comp.aspects:
        out.append(("comparison", a.id, "source", a.source, a.section))
    return out


@dataclasses.dataclass(frozen=True)
class _Collections:
    """The collections as built, the file each came from, and every id with its file."""

    items: Dict[str, Any]
    origin: Dict[str, str]  # collection -> file
    ids: Dict[str, str]  # every id -> the file defining it

    def fail(self, collection: str, entry: str, field: str, problem: str) -> KnowledgeBaseError:
        return KnowledgeBaseError(self.origin[collection], entry, field, problem)


# Ids that name another entry: (collection, field, the collection whose ids it names, what one is called).
# A topic's `related` (any id) and `aspects` are checked with the rest of the topic, in `_check_topic`.
REFERENCES = (
    ("statistics", "describes", "roles", "role"),
    ("gaps", "also_answers", "topics", "topic"),
    ("roles", "topic", "topics", "topic"),
)


def _check_references(collections: Dict[str, Any], origin: Dict[str, str]) -> None:
    """Ids unique across the KB, citations to listed sources and sections, and every id that names
    another entry names one; the first problem is raised."""
    kb = _Collections(collections, origin, _unique_ids(collections, origin))
    _check_citations(kb)
    _check_single_flags(collections, origin)
    for name, field, target, what in REFERENCES:
        known = {e.id for e in collections[target]}
        for entry in collections[name]:
            _check_named(kb, name, entry, field, known, what)
    stats = {s.id: s for s in collections["statistics"]}
    intents: Dict[str, str] = {}
    for topic in collections["topics"]:
        if topic.intent in intents:
            raise kb.fail(
                "topics", topic.id, "intent", f"intent '{topic.intent}' already used by topic '{intents[topic.intent]}'"
            )
        intents[topic.intent] = topic.id
        _check_topic(kb, topic, stats)
    _check_named_lists(kb)


def _check_named_lists(kb: _Collections) -> None:
    """Each item of a named list is in its entry's text, as written (case aside)."""
    entries: List[Tuple[str, str, str, Any]] = [
        ("topics", t.id, f"points[{i}]", p) for t in kb.items["topics"] for i, p in enumerate(t.points)
    ]
    entries += [("comparison", a.id, "", a) for a in kb.items["comparison"].aspects]
    entries += [("programs", f.id, "", f) for prog in kb.items["programs"] for f in prog.features]
    for collection, entry_id, where, record in entries:
        text = getattr(record, "text", None) or f"{record.engineer} {record.manager}"
        for i, named in enumerate(record.lists):
            for item in named.items:
                if item.lower() not in text.lower():
                    field = f"{where + '.' if where else ''}lists[{i}].items"
                    raise kb.fail(collection, entry_id, field, f"'{item}' is not in the entry's text")


def _unique_ids(collections: Dict[str, Any], origin: Dict[str, str]) -> Dict[str, str]:
    """Every id (entries, comparison aspects, program features) with its file; a second use is an error."""
    seen: Dict[str, str] = {}
    for name in COLLECTIONS:
        if name == "comparison":
            entries = list(collections[name].aspects)
        else:
            entries = list(collections[name])
            if name == "programs":
                entries += [f for p in collections[name] for f in p.features]
        for entry in entries:
            if entry.id in seen:
                raise KnowledgeBaseError(origin[name], entry.id, "id", f"duplicate id (also in {seen[entry.id]})")
            seen[entry.id] = origin[name]
    return seen


def _check_citations(kb: _Collections) -> None:
    """Every citation names a listed source, and a section that source lists."""
    sources = {s.id: s for s in kb.items["sources"]}
    for coll, entry_id, fld, source_id, section in _cited(kb.items):
        if source_id not in sources:
            raise kb.fail(coll, entry_id, fld, f"unknown source '{source_id}'")
        if section and section not in sources[source_id].sections:
            raise kb.fail(
                coll,
                entry_id,
                fld.replace("source", "section"),
                f"section '{section}' is not listed for source '{source_id}'",
            )


def _check_named(kb: _Collections, collection: str, entry: Any, field: str, known: Iterable[str], what: str) -> None:
    """The ids an entry's field names (one, none or a list) are all known."""
    value = getattr(entry, field)
    for named in value if isinstance(value, list) else [] if value is None else [value]:
        if named not in known:
            raise kb.fail(collection, entry.id, field, f"unknown {what} '{named}'")


def _check_topic(kb: _Collections, topic: Any, stats: Dict[str, Any]) -> None:
    """A topic's related entries and comparison aspects exist; it has points; its placeholders name statistics."""
    _check_named(kb, "topics", topic, "related", kb.ids, "entry")
    _check_named(kb, "topics", topic, "aspects", {a.id for a in kb.items["comparison"].aspects}, "comparison aspect")
    if not topic.points:
        raise kb.fail("topics", topic.id, "points", "needs at least one point")
    for i, point in enumerate(topic.points):
        for stat_id, attr in PLACEHOLDER.findall(point.text):
            if stat_id not in stats:
                raise kb.fail("topics", topic.id, f"points[{i}].text", f"unknown statistic '{{{stat_id}}}'")
            if attr and not hasattr(stats[stat_id], attr):
                raise kb.fail("topics", topic.id, f"points[{i}].text", f"statistic has no attribute '{attr}'")


# Flags that mark the one entry code asks the KB for (`KnowledgeBase.subject_role()` and the like).
SINGLE_FLAGS = (("roles", "is_subject"), ("roles", "technical_track"), ("gaps", "places"), ("gaps", "institutions"))


def _check_single_flags(collections: Dict[str, Any], origin: Dict[str, str]) -> None:
    for name, flag in SINGLE_FLAGS:
        flagged = [e.id for e in collections[name] if getattr(e, flag)]
        if len(flagged) > 1:
            raise KnowledgeBaseError(origin[name], flagged[1], flag, f"only one entry may set it (also '{flagged[0]}')")


def write_compiled(kb: KnowledgeBase, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"generated_by": "python -m bot build; do not edit", **kb.to_dict()}
    path.write_text(json.dumps(payload, indent=1, ensure_ascii=False), encoding="utf-8")


def load_compiled(path: Path) -> KnowledgeBase:
    """Load the compiled knowledge base written by `python -m bot build`."""
    if not path.exists():
        raise FileNotFoundError(f"{path} not found: run `python -m bot build` (or `make build`) first")
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("generated_by", None)
    collections = {}
    builder = _Builder(str(path))
    for name, cls in COLLECTIONS.items():
        if name == "comparison":
            collections[name] = builder.record(cls, data[name], name)
        else:
            collections[name] = [builder.record(cls, d, _entry_name(d, i, name)) for i, d in enumerate(data[name])]
    return KnowledgeBase(**collections)


def load(directory: Optional[Path] = None, compiled: Optional[Path] = None) -> KnowledgeBase:
    """The compiled KB when it is there and newer than the YAML, else the YAML."""
    from bot.paths import COMPILED_KB, KNOWLEDGE_DIR

    directory = directory or KNOWLEDGE_DIR
    compiled = compiled or COMPILED_KB
    newest_source = max((p.stat().st_mtime for p in directory.glob("*.yml")), default=0)
    if compiled.exists() and compiled.stat().st_mtime >= newest_source:
        return load_compiled(compiled)
    return load_knowledge_base(directory)
