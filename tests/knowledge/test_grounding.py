"""Grounding: `python -m bot check --sources` finds every figure and name of the knowledge base in
the article its entry cites, and names file, entry, field and string for each one it cannot find."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any, Callable, Dict, List

import pytest
import yaml

from bot.knowledge.articles import Article, SourcesError, found
from bot.knowledge.claims import Claim, figures_in
from bot.knowledge.grounding import check_grounding
from bot.knowledge.loader import collection_files, load_knowledge_base
from bot.paths import KNOWLEDGE_DIR, PROJECT_ROOT
from tests.conftest import SHARED

SEEDS = SHARED / "seeds"


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} (the two articles) not present beside this checkout")
    return SEEDS


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, target)
    return target


def edit(path: Path, change: Callable[[Dict[str, Any]], Any]) -> None:
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def by_id(entries: List[Dict[str, Any]], entry_id: str) -> Dict[str, Any]:
    return next(e for e in entries if e.get("id") == entry_id)


def failures(knowledge: Path, seeds: Path) -> List[str]:
    return [
        str(f) for f in check_grounding(load_knowledge_base(knowledge), collection_files(knowledge), seeds).failures
    ]


# -- the real knowledge base against the real articles ------------------------------------------
def test_real_kb_is_grounded_in_the_two_articles(seeds: Path) -> None:
    assert failures(KNOWLEDGE_DIR, seeds) == []


def test_check_reads_figures_modules_frameworks_sectors_and_titles(seeds: Path) -> None:
    kb = load_knowledge_base(KNOWLEDGE_DIR)
    report = check_grounding(kb, collection_files(KNOWLEDGE_DIR), seeds)
    checked = {(c.entry, c.field, c.text) for c in report.claims}
    for expected in [
        ("median_salary", "value", "$165,370"),
        ("earnings_boost", "value", "18%"),
        ("experience_required", "value", "five years"),
        ("leeds_msc_em", "features[2].text", "Business Strategy for Engineers"),
        ("leeds_msc_em", "features[2].text", "Safety and Corporate Social Responsibility"),
        ("leeds_msc_em", "features[4].text", "Project Initiation Routemap"),
        ("leeds_msc_em", "features[3].text", "Chartered Management Institute"),
        ("sectors", "points[1].names[2]", "aerospace engineering"),
        ("quality_engineer", "title", "Quality engineer/analyst"),
        ("northeastern_ms_em", "name", "Master of Science in Engineering Management"),
        ("northeastern", "title", "What Can You Do With an MS in Engineering Management?"),
        ("northeastern", "published", "2024-07-25"),
        ("salary", "points[0].text", "U.S. Bureau of Labor Statistics"),
        ("jobs", "points[0].text", "nine job titles"),
        ("role_explorer", "points[0].text", "nine Northeastern job titles"),
        ("fit", "points[1].text", "five signs"),
        ("northeastern_ms_em", "university", "Northeastern University"),
    ]:
        assert expected in checked, expected
    assert report.count("figure") >= 20 and report.count("name") >= 80
    assert {s: p.name for s, p in report.articles.items()} == {
        "northeastern": "000_4a915afbd5765add.txt",
        "leeds": "001_003e386110f532c2.txt",
    }


# -- a wrong KB fails, naming file, entry, field and string -------------------------------------
def _stat(stat_id: str, **change: Any) -> Callable[[Dict[str, Any]], Any]:
    return lambda d: by_id(d["statistics"], stat_id).update(**change)


def _feature(feature_id: str, old: str, new: str) -> Callable[[Dict[str, Any]], Any]:
    def change(data: Dict[str, Any]) -> None:
        feature = next(f for p in data["programs"] for f in p["features"] if f["id"] == feature_id)
        feature["text"] = feature["text"].replace(old, new)

    return change


def _point(topic_id: str, index: int, **change: Any) -> Callable[[Dict[str, Any]], Any]:
    return lambda d: by_id(d["topics"], topic_id)["points"][index].update(**change)


GOOD_CAREER = (
    "Leeds calls it a good choice for people who want to drive meaningful change, and positions grow by {job_growth}."
)
SECTORS = "Leeds names civil, chemical and nuclear engineering among the sectors where engineering managers work."

# (file, change, the failure that must be reported)
WRONG = [
    (
        "statistics.yml",
        _stat("median_salary", value="$165,470"),
        "statistics.yml: entry 'median_salary': field 'value': \"$165,470\" not found in source 'northeastern'",
    ),
    (
        "statistics.yml",
        _stat("job_growth", value="14%"),
        "statistics.yml: entry 'job_growth': field 'value': \"14%\" not found in source 'northeastern'",
    ),
    (
        "statistics.yml",
        _stat("experience_required", value="six years"),
        "statistics.yml: entry 'experience_required': field 'value': \"six years\" not found in source 'northeastern'",
    ),
    (
        "programs.yml",
        _feature("leeds_modules", "Business Strategy for Engineers", "Business Strategy for Executives"),
        "programs.yml: entry 'leeds_msc_em': field 'features[2].text': \"Business Strategy for Executives\" not found"
        " in source 'leeds'",
    ),
    (
        "programs.yml",
        _feature("leeds_frameworks", "Iron Triangle", "Golden Triangle"),
        "programs.yml: entry 'leeds_msc_em': field 'features[4].text': \"The Golden Triangle\" not found in source"
        " 'leeds'",
    ),
    (
        "programs.yml",
        _feature("leeds_accreditation", "Level 7", "Level 6"),
        "programs.yml: entry 'leeds_msc_em': field 'features[3].text': \"6 Diploma\" not found in source 'leeds'",
    ),
    # A Northeastern figure quoted in a point that cites Leeds.
    (
        "topics.yml",
        _point("good_career", 0, text=GOOD_CAREER, lists=[]),
        "topics.yml: entry 'good_career': field 'points[0].text': \"4%\" not found in source 'leeds'",
    ),
    (
        "topics.yml",
        _point("sectors", 1, text=SECTORS, names=["civil", "chemical", "nuclear engineering"]),
        "topics.yml: entry 'sectors': field 'points[1].names[2]': \"nuclear engineering\" not found in source 'leeds'",
    ),
    # The list of names and the text drift apart.
    (
        "topics.yml",
        _point("sectors", 1, text=SECTORS),
        "topics.yml: entry 'sectors': field 'points[1].names[2]': \"aerospace engineering\" not found in the entry's"
        " own text",
    ),
    (
        "roles.yml",
        lambda d: by_id(d["roles"], "operations_manager").update(title="Operations Director"),
        "roles.yml: entry 'operations_manager': field 'title': \"Operations Director\" not found in source 'leeds'",
    ),
    # Leeds names the project manager too: the title must be in both articles.
    (
        "roles.yml",
        lambda d: by_id(d["roles"], "systems_engineer").update(also_named_by=["leeds"]),
        "roles.yml: entry 'systems_engineer': field 'title': \"Systems engineer\" not found in source 'leeds'",
    ),
    (
        "reading.yml",
        lambda d: by_id(d["reading"], "read_value_of_masters").update(about="eight ways a program can help"),
        "reading.yml: entry 'read_value_of_masters': field 'about': \"eight ways\" not found in source 'northeastern'",
    ),
    (
        "sources.yml",
        lambda d: by_id(d["sources"], "northeastern").update(published="2024-07-26"),
        "sources.yml: entry 'northeastern': field 'published': \"2024-07-26\" not found in source 'northeastern'",
    ),
]


@pytest.mark.parametrize("file,change,expected", WRONG, ids=[w[2].split('"')[1] for w in WRONG])
def test_wrong_figure_or_name_is_reported(
    kb_copy: Path, seeds: Path, file: str, change: Callable[[Dict[str, Any]], Any], expected: str
) -> None:
    edit(kb_copy / file, change)
    reported = failures(kb_copy, seeds)
    assert any(f.startswith(f"{kb_copy / file}") and expected.split(": ", 1)[1] in f for f in reported), reported


def test_all_failures_are_listed(kb_copy: Path, seeds: Path) -> None:
    edit(kb_copy / "statistics.yml", _stat("median_salary", value="$165,470"))
    reported = failures(kb_copy, seeds)
    # the statistic and every point that quotes it
    quoting = {"median_salary", "salary", "masters_earnings", "worth_it", "good_career"}
    assert {f.split("entry '")[1].split("'")[0] for f in reported} == quoting, reported


@pytest.mark.parametrize(
    "file,change",
    [
        ("statistics.yml", _stat("experience_required", value="5 years")),  # digits here, words in the article
        (
            "reading.yml",
            lambda d: by_id(d["reading"], "read_value_of_masters").update(about="7 ways a graduate program can help"),
        ),
        ("statistics.yml", _stat("median_salary", value="$165370")),  # thousands separator left out
    ],
    ids=["5 years", "7 ways", "no separator"],
)
def test_same_figure_in_another_form_passes(kb_copy: Path, seeds: Path, file: str, change: Any) -> None:
    edit(kb_copy / file, change)
    assert failures(kb_copy, seeds) == []


# -- a count of the KB's own list is grounded by that list -------------------------------------
def test_count_that_is_not_the_kb_list_names_the_list(kb_copy: Path, seeds: Path) -> None:
    edit(kb_copy / "topics.yml", _point("jobs", 0, text="Northeastern names eight job titles a master's can lead to:"))
    edit(kb_copy / "topics.yml", _point("fit", 1, text="Leeds gives six signs that you may be ready for the move:"))
    assert failures(kb_copy, seeds) == [
        f"{kb_copy}/topics.yml: entry 'jobs': field 'points[0].text': \"eight job titles\" not found in source"
        " 'northeastern' (“What Can You Do With an MS in Engineering Management?”), and the KB lists 9 roles citing"
        f" that source ({kb_copy}/roles.yml)",
        f"{kb_copy}/topics.yml: entry 'fit': field 'points[1].text': \"six signs\" not found in source 'leeds'"
        " (“Engineering vs Engineering Management: What's the difference?”), and the KB lists 5 readiness_signals"
        f" citing that source ({kb_copy}/readiness.yml)",
    ]


def test_count_follows_the_kb_list(kb_copy: Path, seeds: Path) -> None:
    # One Northeastern role fewer: "nine" no longer counts the list, wherever it is said.
    edit(kb_copy / "roles.yml", lambda d: d["roles"].remove(by_id(d["roles"], "business_analyst")))
    reported = failures(kb_copy, seeds)
    assert [f.split(": ", 1)[1] for f in reported] == [
        f"entry '{entry}': field 'points[0].text': \"{count}\" not found in source 'northeastern' (“What Can You Do"
        f" With an MS in Engineering Management?”), and the KB lists 8 roles citing that source ({kb_copy}/roles.yml)"
        for entry, count in [("jobs", "nine job titles"), ("role_explorer", "nine Northeastern job titles")]
    ], reported
    # ... and "eight" does.
    edit(kb_copy / "topics.yml", _point("jobs", 0, text="Northeastern names eight job titles a master's can lead to:"))
    edit(kb_copy / "topics.yml", _point("role_explorer", 0, text="Each of the 8 Northeastern job titles is described."))
    assert failures(kb_copy, seeds) == []


def test_a_count_of_another_sources_list_fails(kb_copy: Path, seeds: Path) -> None:
    # Leeds's five signs quoted as if Northeastern gave them: Northeastern has none in the KB.
    edit(kb_copy / "topics.yml", _point("fit", 1, source="northeastern", section="Valuable experience"))
    reported = failures(kb_copy, seeds)
    assert any("entry 'fit'" in f and "the KB lists 0 readiness_signals citing that source" in f for f in reported)


@pytest.mark.parametrize(
    "text,figures",
    [
        ("Northeastern names nine job titles a master's can lead to", ["nine job titles"]),
        ("Each of the 9 Northeastern job titles", ["9 Northeastern job titles"]),
        ("after five years in senior roles", ["five years"]),  # counts years, not roles
        ("two of the programs", ["two of"]),  # "of" ends the count: not a count of programs
    ],
)
def test_a_count_runs_to_the_listed_noun_it_counts(text: str, figures: List[str]) -> None:
    assert figures_in(text) == figures


# -- a source's publisher is a name for that source ---------------------------------------------
def test_publisher_grounds_only_its_own_source(kb_copy: Path, seeds: Path) -> None:
    def university(name: str) -> List[str]:
        edit(kb_copy / "programs.yml", lambda d: by_id(d["programs"], "northeastern_ms_em").update(university=name))
        return failures(kb_copy, seeds)

    assert university("Northeastern University") == []  # sources.yml: northeastern's publisher
    for other in ["Northeastern State University", "University of Leeds (online)"]:  # Leeds's publisher
        assert university(other) == [
            f"{kb_copy}/programs.yml: entry 'northeastern_ms_em': field 'university': \"{other}\" not found in source"
            " 'northeastern' (“What Can You Do With an MS in Engineering Management?”)"
        ]


# -- matching is exact about figures ------------------------------------------------------------
def _article(text: str) -> Article:
    return Article.read("test", Path("test.txt"), text)


@pytest.mark.parametrize(
    "figure,text,expected",
    [
        ("4%", "positions grow at a rate of 14% annually", False),
        ("4%", "positions grow at a rate of 4% annually", True),
        ("4%", "positions grow at a rate of 4.5% annually", False),
        ("4%", "positions grow at four percent", True),
        ("$165,370", "is [$165,370](https://www.bls.gov/x)", True),
        ("$165,370", "is $1,165,370", False),
        ("$165,370", "is 165,370 people", False),
        ("five years", "at least [five years of experience](https://x)", True),
        ("five years", "at least 5 years", True),
        ("five years", "five of them, years later", False),
        ("7 Diploma", "a Level 7 Diploma", True),
        ("2022", "see https://example.com/2022/page", False),  # a URL's digits are no figure
    ],
)
def test_figure_matching(figure: str, text: str, expected: bool) -> None:
    claim = Claim("f.yml", "e", "value", figure, "figure", ("test",))
    assert found(claim, _article(text)) is expected


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("Decision Making for Engineering Managers", "such as Decision Making for Engineering Managers.", True),
        ("Decision Making for Engineers", "such as Decision Making for Engineering Managers.", False),
        ("United States", "the U.S. Bureau of Labor Statistics", True),
        ("The Iron Triangle", "frameworks like ‘The Iron Triangle’ and", True),
        (
            "Iron Triangle and Project Initiation Routemap",
            "'The Iron Triangle' and the 'Project Initiation Routemap'",
            True,
        ),
        ("health", "From healthcare and banking", False),
        ("Quality engineer/analyst", "### Quality engineer/analyst", True),
    ],
)
def test_name_matching(name: str, text: str, expected: bool) -> None:
    claim = Claim("f.yml", "e", "title", name, "name", ("test",))
    assert found(claim, _article(text)) is expected


# -- the articles themselves --------------------------------------------------------------------
def test_source_without_its_article_is_named(tmp_path: Path, seeds: Path) -> None:
    for seed in seeds.glob("*.txt"):
        text = seed.read_text(encoding="utf-8")
        (tmp_path / seed.name).write_text(text.replace("Engineering vs Engineering Management", "An article"))
    with pytest.raises(SourcesError) as info:
        failures(KNOWLEDGE_DIR, tmp_path)
    message = str(info.value)
    assert "sources.yml: entry 'leeds': field 'title': no article" in message and str(tmp_path) in message


def test_unreadable_article_is_named(tmp_path: Path, seeds: Path) -> None:
    for seed in seeds.glob("*.txt"):
        shutil.copy(seed, tmp_path / seed.name)
    (tmp_path / "zz_broken.txt").write_bytes(b"\xff\xfe not text \x80")
    with pytest.raises(SourcesError, match="zz_broken.txt: cannot read the article"):
        failures(KNOWLEDGE_DIR, tmp_path)


# -- the command line ---------------------------------------------------------------------------
def run_check(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "check", *args], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_lists_each_failure_and_exits_2(kb_copy: Path, seeds: Path) -> None:
    edit(kb_copy / "statistics.yml", _stat("earnings_boost", value="19%"))
    edit(kb_copy / "programs.yml", _feature("leeds_modules", "Decision Making", "Decision Taking"))
    result = run_check("--knowledge", str(kb_copy), "--sources", str(seeds))
    assert result.returncode == 2, result.stderr
    assert "statistics.yml: entry 'earnings_boost': field 'value': \"19%\" not found in source 'northeastern'" in (
        result.stderr
    )
    assert "entry 'leeds_msc_em': field 'features[2].text': \"Decision Taking for Engineering Managers\"" in (
        result.stderr
    )
    assert "Traceback" not in result.stderr


def test_cli_summary_when_grounded(kb_copy: Path, seeds: Path) -> None:
    result = run_check("--knowledge", str(kb_copy), "--sources", str(seeds))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("knowledge base OK and grounded: checked ") and " figures, " in line and " names " in line


def test_cli_missing_sources_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = run_check("--sources", str(tmp_path / "nowhere"))
    assert result.returncode == 2
    assert result.stderr.strip() == f"sources error: {tmp_path / 'nowhere'}: sources directory not found"
