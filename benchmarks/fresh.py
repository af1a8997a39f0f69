"""The fresh sets of issue #17: messages written from the articles by readers who never saw the bot.

Each set in tests/eval/fresh_scores.yml is scored like the realistic set (`score_realistic`), with
`background` as the category whose `forbid` strings are facts about the visitor. A set may not fall
below its recorded first score. `python -m benchmarks.fresh` scores them alone (no stock model needed).
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Dict, List, Tuple

import yaml

from benchmarks.scoring import load_realistic, rasa_answerer, score_realistic
from bot.paths import MODEL, PROJECT_ROOT

EVAL_DIR = PROJECT_ROOT / "tests" / "eval"
FIRST_SCORES = EVAL_DIR / "fresh_scores.yml"
VISITOR_FACTS = "background"  # the fresh sets' category whose `forbid` strings are facts about the visitor
ROUNDING = 0.0005  # first scores are written to three decimals
# Issue #17's targets, for the set written after the changes; reported next to its first score.
TARGETS = {"answerable": 0.92, "declined": 0.95, "invented": 0}


def fresh_sets() -> Dict[str, Dict[str, Any]]:
    return dict(yaml.safe_load(FIRST_SCORES.read_text(encoding="utf-8"))["sets"])


def invented_facts(cases: List[Dict[str, Any]], failures: List[Dict[str, Any]]) -> int:
    background = {c["id"] for c in cases if c["category"] == VISITOR_FACTS}
    return sum(1 for f in failures if f["id"] in background and any(w.startswith("said") for w in f["why"]))


def score_fresh(answer: Callable[[List[str]], str]) -> Dict[str, Dict[str, Any]]:
    """Each fresh set's scores now, next to its first score."""
    results = {}
    for name, entry in fresh_sets().items():
        cases, markers = load_realistic(EVAL_DIR / entry["file"])
        scored = score_realistic(answer, cases, markers)
        results[name] = {
            "answerable": scored["realistic_correctness"],
            "declined": scored["realistic_oos_recall"],
            "invented": invented_facts(cases, scored["realistic_failures"]),
            "by_category": scored["realistic_by_category"],
            "failures": scored["realistic_failures"],
            "first_score": entry["first_score"],
        }
    return results


def floor_checks(results: Dict[str, Dict[str, Any]]) -> List[Tuple[str, bool, float]]:
    """No set below its first score, and no more `forbid` hits in `background` cases than then."""
    checks = []
    for name, row in results.items():
        first = row["first_score"]
        for measure in ("answerable", "declined"):
            label = f"{name} {measure} not below its first score {first[measure]:.1%}"
            checks.append((label, row[measure] >= first[measure] - ROUNDING, row[measure]))
        label = f"{name} invented visitor facts not above its first score ({first['invented']})"
        checks.append((label, row["invented"] <= first["invented"], float(row["invented"])))
    return checks


def report(results: Dict[str, Dict[str, Any]]) -> List[str]:
    lines = []
    for name, row in results.items():
        first = row["first_score"]
        lines.append(
            f"{name}: answerable {row['answerable']:.1%} (first {first['answerable']:.1%}), "
            f"declined {row['declined']:.1%} (first {first['declined']:.1%}), invented {row['invented']}"
        )
        for category, cell in row["by_category"].items():
            was = first.get("by_category", {}).get(category)
            before = f" (first {was[0]}/{was[1]})" if was else ""
            lines.append(f"    {category}: {cell['passed']}/{cell['total']}{before}")
    return lines


def main() -> int:
    results = score_fresh(rasa_answerer(MODEL))
    print("\n".join(report(results)))
    checks = floor_checks(results)
    for label, ok, _ in checks:
        print(f"  [{'PASS' if ok else 'FAIL'}] {label}")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
