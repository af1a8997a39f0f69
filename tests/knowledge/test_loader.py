"""The knowledge base: it loads, every checklist fact is in it with a source,
and each kind of malformed file is rejected with file, entry and field named."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, List, Tuple

import pytest
import yaml

from bot.knowledge.loader import KnowledgeBaseError, load_compiled, load_knowledge_base, write_compiled
from bot.knowledge.model import KnowledgeBase, strings_in
from bot.paths import KNOWLEDGE_DIR, PROJECT_ROOT


def cited_texts(kb: KnowledgeBase) -> List[Tuple[str, str]]:
    """(source id, text) for every fact-bearing piece of the KB, figures filled in."""
    out = []
    for entry in [*kb.entries(), kb.comparison.overall]:
        data = dataclasses.asdict(entry)
        if "points" in data:  # topics: each point carries its own source
            out += [(p["source"], kb.fill(p["text"])) for p in data["points"]]
            continue
        source = data.get("source")
        if source is None and hasattr(entry, "features"):
            continue
        if source is None:
            owner = next((p for p in kb.programs if entry in p.features), None)
            source = owner.source if owner else None
        out += [(source, kb.fill(s)) for s in strings_in(data)]
    return [(s, t) for s, t in out if s]


# Checklist item -> strings that must appear, each in some entry that cites the given source.
CHECKLIST = [
    (
        1,
        "northeastern",
        [
            "interdisciplinary",
            "bridges the gap between engineering and business operations",
            "healthcare",
            "banking",
            "communications",
            "entertainment",
        ],
    ),
    (2, "northeastern", ["not required", "bachelor's degree", "five years", "U.S. Bureau of Labor Statistics"]),
    (3, "northeastern", ["undergraduate degree is not in a relevant field"]),
    (4, "northeastern", ["18%"]),
    (
        5,
        "northeastern",
        [
            "Engineering manager",
            "Systems engineer",
            "Project manager",
            "Manufacturing engineer",
            "Program manager",
            "Principal engineer",
            "Product manager",
            "Quality engineer/analyst",
            "Business analyst",
        ],
    ),
    (
        6,
        "northeastern",
        ["$165,370", "4%", "experiential learning", "internships", "networking", "job placement", "project portfolio"],
    ),
    (7, "northeastern", ["time and money"]),
    (
        8,
        "northeastern",
        [
            "Master of Science in Engineering Management",
            "Boston",
            "https://graduate.northeastern.edu/program/master-of-science-in-engineering-management-boston-5273/",
        ],
    ),
    (
        9,
        "northeastern",
        [
            "7 Emerging Skills Engineering Managers Need to Stay Competitive",
            "How To Become an Engineering Manager",
            "What Is the Value of a Master's Degree?",
        ],
    ),
    (
        10,
        "leeds",
        [
            "technical design, analysis and problem-solving",
            "leadership, strategy, budgets and team performance",
            "lead the people and processes that deliver them",
            "influence, strategic responsibility and career progression",
            "through experience or an MSc in Engineering Management",
        ],
    ),
    (
        11,
        "leeds",
        [
            "strategic business leadership",
            "conception to completion",
            "budgets",
            "evaluating risks",
            "negotiating with stakeholders",
            "ethical, sustainable",
        ],
    ),
    (
        12,
        "leeds",
        ["scientific and mathematical principles", "orchestrates the people, processes and business strategy"],
    ),
    (
        13,
        "leeds",
        [
            "Scope of work",
            "CAD",
            "thermodynamics",
            "programming",
            "emotional intelligence",
            "conflict resolution",
            "strategic planning",
            "financial literacy",
            "quality, safety and functionality",
            "team productivity",
            "on time and within budget",
            "value brought to the organisation",
            "creating, testing and refining",
            "communicating, mentoring staff, allocating resources",
        ],
    ),
    (
        14,
        "leeds",
        [
            "mentoring junior colleagues",
            "bottom line",
            "coordinate resources and plan strategy",
            "corporate social responsibility and sustainable development",
            "technical jargon",
        ],
    ),
    (
        15,
        "leeds",
        [
            "skills gap",
            "artificial intelligence",
            "sustainable infrastructure",
            "stability",
            "competitive compensation",
            "diverse opportunities",
            "Operations Manager",
            "Supply Chain Manager",
            "Director of Engineering",
            "civil, chemical and aerospace engineering",
        ],
    ),
    (16, "leeds", ["influence", "ethical standards", "inclusive workplace cultures", "global challenges"]),
    (
        17,
        "leeds",
        [
            "Engineering Management (online) MSc",
            "100% online",
            "full-time",
            "four leading engineering schools",
            "Business Strategy for Engineers",
            "Safety and Corporate Social Responsibility",
            "Decision Making for Engineering Managers",
            "Chartered Management Institute (CMI)",
            "Level 7 Diploma in Strategic Management and Leadership",
            "The Iron Triangle",
            "Project Initiation Routemap",
            "global support network",
        ],
    ),
    (
        18,
        "leeds",
        [
            "Myths vs truths of engineering management",
            "4 ways to become an engineering manager",
            "7 reasons to study engineering management",
            "4 ways engineering managers can lead major projects",
        ],
    ),
]


@pytest.mark.parametrize("item,source,facts", CHECKLIST, ids=[f"item{c[0]}" for c in CHECKLIST])
def test_checklist_fact_is_in_the_kb_with_its_source(
    kb: KnowledgeBase, item: int, source: str, facts: List[str]
) -> None:
    texts = [t.lower() for s, t in cited_texts(kb) if s == source]
    missing = [f for f in facts if not any(f.lower() in t for t in texts)]
    assert not missing, f"checklist item {item}: not found in entries citing '{source}': {missing}"


def test_sources_carry_title_publisher_date_and_url(kb: KnowledgeBase) -> None:
    neu, leeds = kb.source("northeastern"), kb.source("leeds")
    assert neu.author == "Shaday Stewart" and neu.published == "2024-07-25" and neu.first_published == "2022-10"
    assert neu.url.startswith("https://graduate.northeastern.edu/")
    assert leeds.publisher.startswith("University of Leeds") and leeds.published == "2026-04-13"
    assert leeds.url is None  # the article never states its own address


def test_compiled_form_round_trips(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "kb.json"
    write_compiled(kb, path)
    assert load_compiled(path).to_dict() == kb.to_dict()


# -- malformed files -------------------------------------------------------------
@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def by_id(entries: List[Any], entry_id: str) -> Any:
    return next(e for e in entries if e.get("id") == entry_id)


def expect_error(directory: Path, file: str, entry: str, field: str, problem: str) -> None:
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(directory)
    err = info.value
    assert err.file.endswith(file) and err.entry == entry and err.field == field, str(err)
    assert problem in err.problem
    assert file in str(err) and entry in str(err) and field in str(err)


# (file, how to break it, entry, field, what the error says)
MALFORMED = [
    (  # a named list's item must be in its entry's text, as written
        "comparison.yml",
        lambda d: by_id(d["comparison"]["aspects"], "skill_sets")["lists"][0]["items"].append("juggling"),
        "skill_sets",
        "lists[0].items",
        "'juggling' is not in the entry's text",
    ),
    ("roles.yml", lambda d: d["roles"][6].pop("title"), "product_manager", "title", "missing"),
    (
        "statistics.yml",
        lambda d: d["statistics"][0].update(source="wikipedia"),
        "median_salary",
        "source",
        "unknown source 'wikipedia'",
    ),
    (
        "topics.yml",
        lambda d: d["topics"][0]["points"][1].update(section="Nowhere"),
        "definition",
        "points[1].section",
        "section 'Nowhere'",
    ),
    (
        "reading.yml",
        lambda d: d["reading"][1].update(id="read_emerging_skills"),
        "read_emerging_skills",
        "id",
        "duplicate id",
    ),
    (
        "roles.yml",
        lambda d: d["roles"][0].update(synonyms="engineering manager"),
        "engineering_manager",
        "synonyms",
        "expected a list",
    ),
    (
        "topics.yml",
        lambda d: next(t for t in d["topics"] if t["id"] == "salary")["points"][0].update(text="Pay is {median_pay}."),
        "salary",
        "points[0].text",
        "unknown statistic",
    ),
    (
        "topics.yml",
        lambda d: d["topics"][0].update(related=["no_such_topic"]),
        "definition",
        "related",
        "unknown entry 'no_such_topic'",
    ),
    (
        "topics.yml",
        lambda d: by_id(d["topics"], "manager_work").update(aspects=["daily_chores"]),
        "manager_work",
        "aspects",
        "unknown comparison aspect 'daily_chores'",
    ),
    (
        "roles.yml",
        lambda d: by_id(d["roles"], "engineering_manager").update(topic="manager_life"),
        "engineering_manager",
        "topic",
        "unknown topic 'manager_life'",
    ),
    (
        "gaps.yml",
        lambda d: by_id(d["gaps"], "other_degrees").update(also_answers=["needs_masters"]),
        "other_degrees",
        "also_answers",
        "unknown topic 'needs_masters'",
    ),
    ("programs.yml", lambda d: d["programs"][1].update(tuition="£1"), "leeds_msc_em", "tuition", "unknown field"),
    ("gaps.yml", lambda d: d["gaps"][7].update(decisive="yes"), "working_life", "decisive", "expected true or false"),
    (
        "statistics.yml",
        lambda d: by_id(d["statistics"], "experience_required").update(years="five"),
        "experience_required",
        "years",
        "expected a number",
    ),
    (
        "roles.yml",
        lambda d: by_id(d["roles"], "principal_engineer").update(is_subject=True),
        "principal_engineer",
        "is_subject",
        "only one entry may set it (also 'engineering_manager')",
    ),
    (
        "gaps.yml",
        lambda d: by_id(d["gaps"], "working_life").update(places=True),
        "working_life",
        "places",
        "only one entry may set it",
    ),
]


@pytest.mark.parametrize(
    "file,change,entry,field,problem", MALFORMED, ids=[f"{m[0]}:{m[3]}:{m[4][:20]}" for m in MALFORMED]
)
def test_malformed_entry_is_named(kb_copy: Path, file: str, change: Any, entry: str, field: str, problem: str) -> None:
    edit(kb_copy / file, change)
    expect_error(kb_copy, file, entry, field, problem)


def test_invalid_yaml_names_file_and_line(kb_copy: Path) -> None:
    (kb_copy / "gaps.yml").write_text("gaps:\n  - id: cost\n   subject: [unclosed\n")
    with pytest.raises(KnowledgeBaseError) as info:
        load_knowledge_base(kb_copy)
    assert "gaps.yml" in str(info.value) and "line" in info.value.entry


def test_cli_build_stops_with_a_clear_message(kb_copy: Path) -> None:
    edit(kb_copy / "roles.yml", lambda d: d["roles"][2].pop("source"))
    result = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--knowledge", str(kb_copy)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "roles.yml: entry 'project_manager': field 'source': missing" in result.stderr
