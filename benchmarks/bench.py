"""`make bench`: speed and memory of our bot and the stock-pipeline bot, in one run.

A full run also measures Rasa's floor (benchmarks/floor.yml: no TensorFlow, rules
only, the same actions): what any pipeline costs at least on this machine.

For each bot: cold start to first answer, REST latency (p50/p95/p99) and
throughput at 1, 8 and 32 concurrent conversations (multi-turn, a realistic
mix of questions), and resident memory of the Rasa and action servers. Then the
owner's report on 10,000 conversations (benchmarks/report_bench.py). Training
times come from results/train_*.json, written whenever a model is trained.
Load goes to 127.0.0.1 only and is bounded in requests and seconds.
Writes results/bench.json and results/bench.png. Timings are reported, not asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from bot.paths import FLOOR_MODEL, MODEL, PROJECT_ROOT, RESULTS_DIR, STOCK_MODEL
from bot.serving.processes import BotProcesses, Ports

RESULTS = RESULTS_DIR
MODELS = {"ours": MODEL, "stock": STOCK_MODEL, "floor": FLOOR_MODEL}
QUICK_BOTS = ("ours", "stock")  # the floor is a reference for full runs
CONVERSATIONS = PROJECT_ROOT / "tests" / "eval" / "answers.yml"
TARGETS = {
    "p95_ms_at_8": 150.0,
    "throughput_ratio_at_8": 1.5,
    "memory_mb": 900.0,
    "cold_start_s": 30.0,
    "train_s": 180.0,
    "report_s": 10.0,  # `python -m bot report` on 10,000 conversations in SQLite (benchmarks/report_bench.py)
}
BENCH_PORTS = Ports(rasa=5305, actions=5355, demo=8380)


def post(url: str, sender: str, text: str) -> float:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(response.status)
    return (time.perf_counter() - start) * 1000


def conversations() -> List[List[str]]:
    """Multi-turn scripts: the eval questions, chained in twos and threes, plus greetings."""
    singles = [c["turns"] for c in yaml.safe_load(CONVERSATIONS.read_text())["cases"]]
    rng = random.Random(7)
    scripts = [s for s in singles if len(s) > 1]
    flat = [t for s in singles for t in s]
    for _ in range(40):
        scripts.append(["hi"] + rng.sample(flat, rng.choice([2, 3])) + ["thanks"])
    return scripts


def load(url: str, concurrency: int, max_requests: int, max_seconds: float) -> Dict[str, Any]:
    scripts = conversations()
    latencies: List[float] = []
    errors = 0
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds
    issued = 0

    def take() -> bool:
        nonlocal issued
        with lock:
            if issued >= max_requests or time.monotonic() > deadline:
                return False
            issued += 1
            return True

    def user(seed: int) -> None:
        nonlocal errors
        rng = random.Random(seed)
        while True:
            sender = f"bench-{uuid.uuid4().hex}"
            for turn in rng.choice(scripts):
                if not take():
                    return
                try:
                    ms = post(url, sender, turn)
                    with lock:
                        latencies.append(ms)
                except Exception:
                    with lock:
                        errors += 1

    start = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(user, range(concurrency)))
    wall = time.monotonic() - start
    latencies.sort()

    def pct(p: float) -> Optional[float]:
        return round(latencies[min(len(latencies) - 1, int(len(latencies) * p))], 1) if latencies else None

    return {
        "concurrency": concurrency,
        "requests": len(latencies),
        "errors": errors,
        "seconds": round(wall, 2),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "throughput_rps": round(len(latencies) / wall, 1) if wall else None,
    }


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    """Resident memory of a process and its descendants, in MB.

    `field="RssAnon"` counts only the processes' own (anonymous) pages. VmRSS also counts
    shared-library pages mapped in, which vary with what the page cache holds: about
    140 MB more right after a fresh install, with the same anonymous memory.
    """
    total = 0
    pids = [pid]
    while pids:
        p = pids.pop()
        try:
            status = Path(f"/proc/{p}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith(f"{field}:")))
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                pids += [int(c) for c in children]
        except (FileNotFoundError, StopIteration, ProcessLookupError):
            continue
    return round(total / 1024, 1)


def bench_bot(name: str, model: Path, levels: List[int], max_requests: int, max_seconds: float) -> Dict[str, Any]:
    ports = BENCH_PORTS
    bot = BotProcesses(ports, model, quiet=True)
    start = time.monotonic()
    try:
        bot.start_actions()
        bot.start_rasa()
        post(ports.rest_url, "bench-cold", "hi")
        cold = time.monotonic() - start
        for text in ("what is engineering management?", "do I need a master's?", "thanks"):
            post(ports.rest_url, "bench-warmup", text)
        runs = [load(ports.rest_url, c, max_requests, max_seconds) for c in levels]
        memory = {
            "actions_mb": rss_mb(bot.children[0].pid),
            "rasa_mb": rss_mb(bot.children[1].pid),
            "memory_anon_mb": round(sum(rss_mb(c.pid, "RssAnon") for c in bot.children[:2]), 1),
        }
    finally:
        bot.stop()
    train_file = RESULTS / f"train_{'advisor' if name == 'ours' else name}.json"
    train = json.loads(train_file.read_text())["seconds"] if train_file.exists() else None
    return {
        "cold_start_s": round(cold, 1),
        "train_s": train,
        "runs": runs,
        **memory,
        "memory_mb": round(memory["actions_mb"] + memory["rasa_mb"], 1),
    }


def plot(result: Dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for name, data in result["bots"].items():
        xs = [r["concurrency"] for r in data["runs"]]
        a.plot(xs, [r["p95_ms"] for r in data["runs"]], marker="o", label=f"{name} p95")
        a.plot(xs, [r["p50_ms"] for r in data["runs"]], marker=".", linestyle="--", label=f"{name} p50")
        b.plot(xs, [r["throughput_rps"] for r in data["runs"]], marker="o", label=name)
    a.set(xlabel="concurrent conversations", ylabel="latency (ms)", title="REST latency")
    b.set(xlabel="concurrent conversations", ylabel="requests / s", title="Throughput")
    for ax in (a, b):
        ax.set_xscale("log", base=2)
        ax.legend()
        ax.grid(alpha=0.3)
    fig.suptitle(f"{result['machine']}")
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def print_figures(ours: Dict[str, Any], stock: Dict[str, Any], floor: Optional[Dict[str, Any]]) -> None:
    """Ours beside stock (and the floor when measured): each figure, then each latency at each concurrency."""

    def ratio(a: Optional[float], b: Optional[float]) -> str:
        return f"{a / b:.2f}x" if a and b else "-"

    def row(label: str, key: str, values: List[Dict[str, Any]]) -> None:
        first, second, *rest = values  # ours, stock, then the floor if measured
        print(
            f"{label:<34}{first[key] or '-':>10}{second[key] or '-':>10}{ratio(first[key], second[key]):>12}"
            + "".join(f"{v[key] or '-':>10}" for v in rest)
        )

    print(f"\n{'figure':<34}{'ours':>10}{'stock':>10}{'ours/stock':>12}{'floor' if floor else '':>10}")
    for key, unit in (("train_s", "s"), ("cold_start_s", "s"), ("memory_mb", "MB"), ("memory_anon_mb", "MB")):
        row(f"{key} ({unit})", key, [b for b in (ours, stock, floor) if b])
    for index, o in enumerate(ours["runs"]):
        runs = [b["runs"][index] for b in (ours, stock, floor) if b]
        for key in ("p50_ms", "p95_ms", "p99_ms", "throughput_rps"):
            row(f"{key} @{o['concurrency']}", key, runs)
        if any(r["errors"] for r in runs):
            row(f"errors @{o['concurrency']}", "errors", runs)


def target_checks(ours: Dict[str, Any], stock: Dict[str, Any], report: Dict[str, Any]) -> List[Tuple[str, bool]]:
    """Each target (TARGETS) with whether this run met it."""
    at8 = next((o, s) for o, s in zip(ours["runs"], stock["runs"], strict=True) if o["concurrency"] == 8)
    checks = [
        (
            f"p95 <= {TARGETS['p95_ms_at_8']:.0f} ms at 8 conversations",
            (at8[0]["p95_ms"] or 1e9) <= TARGETS["p95_ms_at_8"],
        ),
        (
            f"throughput >= {TARGETS['throughput_ratio_at_8']}x stock at 8",
            (at8[0]["throughput_rps"] or 0) >= TARGETS["throughput_ratio_at_8"] * (at8[1]["throughput_rps"] or 1e9),
        ),
        (f"Rasa + action server memory <= {TARGETS['memory_mb']:.0f} MB", ours["memory_mb"] <= TARGETS["memory_mb"]),
        (f"cold start <= {TARGETS['cold_start_s']:.0f} s", ours["cold_start_s"] <= TARGETS["cold_start_s"]),
        (
            f"training <= {TARGETS['train_s']:.0f} s",
            ours["train_s"] is not None and ours["train_s"] <= TARGETS["train_s"],
        ),
        (
            f"report of {report['conversations']:,} conversations <= {TARGETS['report_s']:.0f} s "
            f"(HTML {report['html_s']} s, JSON {report['json_s']} s, SQLite)",
            max(report["html_s"], report["json_s"]) <= TARGETS["report_s"],
        ),
    ]
    return checks


def print_floor(floor: Dict[str, Any]) -> None:
    floor_at8 = next(r for r in floor["runs"] if r["concurrency"] == 8)
    print(
        f"  Rasa's floor on this machine (no TensorFlow, rules only): p95 {floor_at8['p95_ms']} ms and "
        f"{floor_at8['throughput_rps']} req/s at 8 conversations, {floor['memory_mb']} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small counts: checks the bench runs (CI)")
    args = parser.parse_args()
    levels = [1, 8] if args.quick else [1, 8, 32]
    max_requests, max_seconds = (30, 15) if args.quick else (600, 60)
    bots = QUICK_BOTS if args.quick else tuple(MODELS)
    for model in (MODELS[name] for name in bots):
        if not model.exists():
            print(f"{model} is missing: run `make bench` (it trains what is needed)", file=sys.stderr)
            return 2
    machine = f"{os.cpu_count()} cores, {os.uname().machine}, Python {sys.version.split()[0]}"
    result: Dict[str, Any] = {"machine": machine, "quick": args.quick, "bots": {}}
    for name in bots:
        print(f"benchmarking {name} ...", flush=True)
        result["bots"][name] = bench_bot(name, MODELS[name], levels, max_requests, max_seconds)
    from benchmarks.report_bench import CONVERSATIONS, bench_report  # it reuses this module's scripts

    print(f"timing the owner's report on {CONVERSATIONS:,} conversations ...", flush=True)
    result["report"] = bench_report(BENCH_PORTS, recorded=12 if args.quick else 36)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench.json").write_text(json.dumps(result, indent=1))
    plot(result, RESULTS / "bench.png")

    ours, stock, report = result["bots"]["ours"], result["bots"]["stock"], result["report"]
    floor = result["bots"].get("floor")
    print_figures(ours, stock, floor)
    checks = target_checks(ours, stock, report)
    result["checks"] = [{"target": label, "pass": ok} for label, ok in checks]
    (RESULTS / "bench.json").write_text(json.dumps(result, indent=1))
    print()
    for label, ok in checks:
        print(f"  [{'PASS' if ok else 'FAIL'}] {label}")
    if floor:
        print_floor(floor)
    print(f"\nmachine: {machine}{' (quick mode: small counts)' if args.quick else ''}")
    print(f"wrote {RESULTS / 'bench.json'} and {RESULTS / 'bench.png'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
