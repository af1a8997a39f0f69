"""`make eval`: answer quality against two baselines, on data not used for training.

Ours and Rasa's stock starter pipeline (trained on our data) are measured the
same way; BM25 over the knowledge base stands in for a site search. Prints a
table, writes results/eval.json and results/confusion_matrix.png, and exits
non-zero when a quality target is missed.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List

import yaml

from benchmarks.bm25 import BM25, documents
from bot.knowledge.loader import load_knowledge_base
from bot.paths import KNOWLEDGE_DIR, PROJECT_ROOT

RESULTS = PROJECT_ROOT / "results"
MODELS = {"ours": PROJECT_ROOT / "models" / "advisor.tar.gz", "stock": PROJECT_ROOT / "models" / "stock.tar.gz"}
HELDOUT = PROJECT_ROOT / "tests" / "nlu" / "heldout.yml"
ANSWERS = PROJECT_ROOT / "tests" / "eval" / "answers.yml"
OOS = PROJECT_ROOT / "tests" / "eval" / "oos.yml"
# A reply is a decline when it says it can't help; "sources don't cover" answers are honest declines.
DECLINE_STARTS = ("sorry",)
HONEST_MARKERS = ("don't cover", "don't give")

TARGETS = {  # name: (threshold, higher is better)
    "heldout_accuracy": (0.95, True),
    "oos_recall": (0.90, True),
    "false_rejection": (0.03, False),
    "answer_correctness": (0.95, True),
}


def run(args: List[str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "rasa", *args],
        cwd=PROJECT_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def nlu_report(model: Path, out: Path) -> Dict[str, float]:
    run(["test", "nlu", "--nlu", str(HELDOUT), "--model", str(model), "--out", str(out)])
    report = json.loads((out / "intent_report.json").read_text())
    return {"accuracy": report["accuracy"], "macro_f1": report["macro avg"]["f1-score"]}


def cross_validation(out: Path, folds: int) -> Dict[str, float]:
    run(
        [
            "test",
            "nlu",
            "--nlu",
            "data/nlu",
            "--config",
            "config.yml",
            "--cross-validation",
            "--folds",
            str(folds),
            "--out",
            str(out),
        ]
    )
    report = json.loads((out / "intent_report.json").read_text())
    return {"accuracy": report["accuracy"], "macro_f1": report["macro avg"]["f1-score"], "folds": folds}


def holds(case: Dict[str, Any], reply: str) -> bool:
    low = reply.lower()
    return all(any(alt.lower() in low for alt in group) for group in case.get("expect", [])) and not any(
        bad.lower() in low for bad in case.get("forbid", [])
    )


def is_decline(reply: str) -> bool:
    return reply.strip().lower().startswith(DECLINE_STARTS)


def is_honest_case(case: Dict[str, Any]) -> bool:
    return any(m in alt for group in case.get("expect", []) for alt in group for m in HONEST_MARKERS)


def score(answer: Callable[[List[str]], str], cases: List[Dict[str, Any]], oos: List[str]) -> Dict[str, Any]:
    correct, rejected, in_domain, failures = 0, 0, 0, []
    for case in cases:
        reply = answer(case["turns"])
        if holds(case, reply):
            correct += 1
        else:
            failures.append({"id": case["id"], "turns": case["turns"], "reply": reply[:300]})
        if not is_honest_case(case):
            in_domain += 1
            rejected += is_decline(reply)
    declined = [q for q in oos if is_decline(answer([q]))]
    return {
        "answer_correctness": correct / len(cases),
        "false_rejection": rejected / in_domain,
        "oos_recall": len(declined) / len(oos),
        "missed_oos": [q for q in oos if q not in declined],
        "failures": failures,
    }


def rasa_answerer(model: Path) -> Callable[[List[str]], str]:
    from tests.harness import LocalConversation, nlu_parser

    parse = nlu_parser(str(model))

    def answer(turns: List[str]) -> str:
        conversation = LocalConversation(parse)
        reply = ""
        for turn in turns:
            reply = conversation.reply(turn)
        return reply

    return answer


def bm25_answerer() -> Callable[[List[str]], str]:
    index = BM25(documents(load_knowledge_base(KNOWLEDGE_DIR)))

    def answer(turns: List[str]) -> str:
        hit = index.search(turns[-1])  # a search box has no memory of the last query
        return hit[0] if hit else "Sorry, no results."

    return answer


def table(rows: Dict[str, Dict[str, Any]]) -> str:
    metrics = [
        "heldout_accuracy",
        "heldout_macro_f1",
        "cv_accuracy",
        "cv_macro_f1",
        "answer_correctness",
        "oos_recall",
        "false_rejection",
    ]
    lines = [f"{'metric':<22}" + "".join(f"{name:>10}" for name in rows)]
    for m in metrics:
        cells = []
        for name in rows:
            v = rows[name].get(m)
            cells.append(f"{v * 100:>9.1f}%" if isinstance(v, float) else f"{'-':>10}")
        lines.append(f"{m:<22}" + "".join(cells))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5, help="cross-validation folds; 0 skips it (CI)")
    args = parser.parse_args()
    for model in MODELS.values():
        if not model.exists():
            print(f"{model} is missing: run `make eval` (it trains what is needed)", file=sys.stderr)
            return 2
    RESULTS.mkdir(exist_ok=True)
    started = time.monotonic()
    cases = yaml.safe_load(ANSWERS.read_text())["cases"]
    oos = yaml.safe_load(OOS.read_text())["questions"]
    rows: Dict[str, Dict[str, Any]] = {}
    for name, model in MODELS.items():
        print(f"evaluating {name} ...", flush=True)
        nlu = nlu_report(model, RESULTS / "eval" / f"{name}_nlu")
        rows[name] = {
            "heldout_accuracy": nlu["accuracy"],
            "heldout_macro_f1": nlu["macro_f1"],
            **score(rasa_answerer(model), cases, oos),
        }
    shutil.copyfile(RESULTS / "eval" / "ours_nlu" / "intent_confusion_matrix.png", RESULTS / "confusion_matrix.png")
    print("evaluating bm25 ...", flush=True)
    rows["bm25"] = score(bm25_answerer(), cases, oos)
    if args.folds:
        print(f"{args.folds}-fold cross-validation of ours ...", flush=True)
        cv = cross_validation(RESULTS / "eval" / "cv", args.folds)
        rows["ours"].update(cv_accuracy=cv["accuracy"], cv_macro_f1=cv["macro_f1"])

    ours = rows["ours"]
    checks = []
    for metric, (threshold, higher) in TARGETS.items():
        value = ours[metric]
        ok = value >= threshold if higher else value <= threshold
        checks.append((f"{metric} {'>=' if higher else '<='} {threshold:.0%}", ok, value))
    for baseline in ("stock", "bm25"):
        ok = ours["answer_correctness"] > rows[baseline]["answer_correctness"]
        checks.append((f"answer correctness above {baseline}", ok, ours["answer_correctness"]))
    ok = ours["heldout_accuracy"] > rows["stock"]["heldout_accuracy"]
    checks.append(("held-out intent accuracy above stock", ok, ours["heldout_accuracy"]))

    print()
    print(table(rows))
    print()
    for label, ok, value in checks:
        print(f"  [{'PASS' if ok else 'FAIL'}] {label} (ours {value:.1%})")
    for name in ("ours",):
        for f in rows[name]["failures"]:
            print(f"  {name} wrong: {f['id']} {f['turns']} -> {f['reply'][:120]!r}")
        for q in rows[name]["missed_oos"]:
            print(f"  {name} answered out-of-scope: {q!r}")
    result = {
        "rows": rows,
        "checks": [{"target": label, "pass": ok} for label, ok, _ in checks],
        "cases": len(cases),
        "oos_questions": len(oos),
        "seconds": round(time.monotonic() - started, 1),
    }
    (RESULTS / "eval.json").write_text(json.dumps(result, indent=1))
    print(f"\nwrote {RESULTS / 'eval.json'} and {RESULTS / 'confusion_matrix.png'} ({result['seconds']:.0f} s)")
    return 0 if all(ok for _, ok, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
