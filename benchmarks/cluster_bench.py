"""`make bench-cluster` (part of `make bench`): capacity of the cluster with 1 and 2 replicas.

Open-loop load: messages arrive as a Poisson process at a fixed rate, whether or
not earlier ones were answered (as visitors do), through nginx to the widget
webhook. The rate rises step by step until the p95 latency passes 300 ms or more
than 1% fail; the highest rate that stayed within both is what that many replicas
sustain. Each visitor sends a message about every `THINK_S` seconds, so a rate of
r messages a second is about r * THINK_S visitors chatting at once. Also measured:
resident memory per replica and per action server. Reported, never asserted;
writes results/bench_cluster.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from typing import Any, Dict, List, Optional

import aiohttp

from benchmarks.bench import conversations, rss_mb
from bot.paths import PROJECT_ROOT, RESULTS_DIR, VAR_DIR
from bot.serving.cluster.config import ClusterConfig
from bot.serving.cluster.run import read_state

P95_TARGET_MS = 300.0
MAX_ERROR_RATE = 0.01
THINK_S = 10.0  # a realistic pause between a visitor's messages: reading the answer, typing the next
RATES = [4, 8, 12, 16, 20, 25, 30, 36, 42, 50, 60]
BENCH_DIR = VAR_DIR / "cluster-bench"


def start_cluster(replicas: int) -> subprocess.Popen:
    env = dict(os.environ)
    # All bench traffic comes from 127.0.0.1: the per-visitor rate limit is lifted for it.
    env.update(
        {
            "REPLICAS": str(replicas),
            "CLUSTER_DIR": str(BENCH_DIR),
            "CLUSTER_RATE_LIMIT": "10000r/s",
            "CLUSTER_RATE_BURST": "10000",
        }
    )
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    output = BENCH_DIR / "cluster.out"
    with open(output, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.serving.cluster"],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 300
    while b"cluster is ready" not in output.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            stop_cluster(proc)
            raise RuntimeError(f"the cluster did not start:\n{output.read_text()[-2000:]}")
        time.sleep(0.5)
    return proc


def stop_cluster(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(90)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


class Visitors:
    """A pool of visitors, each stepping through a conversation script; one message per arrival."""

    def __init__(self, count: int, seed: int) -> None:
        rng = random.Random(seed)
        scripts = conversations()
        self.visitors = [(f"bench-{seed}-{i}", rng.choice(scripts)) for i in range(count)]
        self.turn = [0] * count
        self.next_index = 0

    def next_message(self) -> tuple:
        index = self.next_index
        self.next_index = (index + 1) % len(self.visitors)
        sender, script = self.visitors[index]
        text = script[self.turn[index] % len(script)]
        self.turn[index] += 1
        return sender, text


async def send(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> Optional[float]:
    start = time.perf_counter()
    try:
        async with session.post(url, json={"sender": sender, "message": text}) as response:
            await response.read()
            if response.status != 200:
                return None
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return None
    return (time.perf_counter() - start) * 1000


async def open_loop(url: str, rate: float, seconds: float, seed: int) -> Dict[str, Any]:
    """Poisson arrivals at `rate` a second for `seconds`; every request is awaited at the end."""
    rng = random.Random(seed)
    visitors = Visitors(max(10, math.ceil(rate * THINK_S)), seed)
    timeout = aiohttp.ClientTimeout(total=40)
    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=0)) as session:
        tasks = []
        start = time.perf_counter()
        next_at = 0.0
        while True:
            next_at += rng.expovariate(rate)
            if next_at > seconds:
                break
            delay = start + next_at - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(send(session, url, *visitors.next_message())))
        results = await asyncio.gather(*tasks)
    latencies = sorted(r for r in results if r is not None)
    errors = len(results) - len(latencies)
    return {
        "rate_rps": rate,
        "sent": len(results),
        "errors": errors,
        "error_rate": round(errors / max(1, len(results)), 4),
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))], 1) if latencies else None,
        "visitors": len(visitors.visitors),
    }


def memory_of(pid: int) -> Dict[str, float]:
    return {"rss_mb": rss_mb(pid), "anon_mb": rss_mb(pid, "RssAnon")}


def within_target(step: Dict[str, Any]) -> bool:
    return step["p95_ms"] is not None and step["p95_ms"] <= P95_TARGET_MS and step["error_rate"] <= MAX_ERROR_RATE


def bench_replicas(replicas: int, step_seconds: float, rates: List[int]) -> Dict[str, Any]:
    config = ClusterConfig(replicas=replicas, state_dir=BENCH_DIR)
    url = f"{config.bot_url}/webhooks/widget/webhook"
    proc = start_cluster(replicas)
    try:
        asyncio.run(open_loop(url, 4, 3, seed=0))  # warm-up: first messages load lazily
        steps: List[Dict[str, Any]] = []
        for rate in rates:
            step = asyncio.run(open_loop(url, rate, step_seconds, seed=rate))
            steps.append(step)
            print(
                f"  {replicas} replica(s) at {rate:>3} msg/s: p50 {step['p50_ms']} ms, p95 {step['p95_ms']} ms, "
                f"{step['errors']} errors of {step['sent']}",
                flush=True,
            )
            if not within_target(step):
                break
            time.sleep(2)  # let the queue drain between steps
        state = read_state(config) or {}
        children = state.get("children", [])
        memory = {
            kind: [
                {"rss_mb": rss_mb(c["pid"]), "anon_mb": rss_mb(c["pid"], "RssAnon")}
                for c in children
                if c["kind"] == kind
            ]
            for kind in ("replica", "actions")
        }
    finally:
        stop_cluster(proc)
    sustained = [s["rate_rps"] for s in steps if within_target(s)]
    return {"replicas": replicas, "max_rate_rps": max(sustained, default=0), "steps": steps, "memory": memory}


def capacity_plan(results: List[Dict[str, Any]], cores: int) -> Dict[str, Any]:
    one = next(r for r in results if r["replicas"] == 1)
    best = max(results, key=lambda r: r["max_rate_rps"])
    visitors_per_core = best["max_rate_rps"] * THINK_S / cores
    needed_rate = 1000 / THINK_S
    per_replica = one["max_rate_rps"] or 1
    return {
        "think_time_s": THINK_S,
        "cores": cores,
        "visitors_per_core": round(visitors_per_core),
        "messages_per_s_for_1000_visitors": needed_rate,
        "replicas_for_1000_visitors": math.ceil(needed_rate / per_replica),
        "cores_for_1000_visitors": math.ceil(1000 / max(1, visitors_per_core)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--step-seconds", type=float, default=12)
    parser.add_argument("--replicas", default="1,2")
    args = parser.parse_args()
    results = []
    started = time.monotonic()
    for replicas in [int(n) for n in args.replicas.split(",")]:
        print(
            f"Cluster with {replicas} replica(s): open-loop Poisson arrivals, {args.step_seconds:.0f} s a rate",
            flush=True,
        )
        results.append(bench_replicas(replicas, args.step_seconds, RATES))
    cores = os.cpu_count() or 1
    report: Dict[str, Any] = {"p95_target_ms": P95_TARGET_MS, "results": results, "cores": cores}
    if any(r["replicas"] == 1 for r in results):
        report["capacity_plan"] = capacity_plan(results, cores)
    report["took_s"] = round(time.monotonic() - started)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "bench_cluster.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print("\nreplicas  highest rate with p95 <= 300 ms  memory per replica (RSS / own pages)")
    for r in results:
        memory = ", ".join(f"{m['rss_mb']:.0f} / {m['anon_mb']:.0f} MB" for m in r["memory"]["replica"])
        print(
            f"{r['replicas']:>8}  {r['max_rate_rps']:>8} msg/s (~{r['max_rate_rps'] * THINK_S:.0f} visitors)  {memory}"
        )
    if "capacity_plan" in report:
        plan = report["capacity_plan"]
        print(
            f"At {THINK_S:.0f} s think time: ~{plan['visitors_per_core']} visitors per core; 1,000 visitors "
            f"({plan['messages_per_s_for_1000_visitors']:.0f} msg/s) need "
            f"{plan['replicas_for_1000_visitors']} replicas (~{plan['cores_for_1000_visitors']} cores)."
        )
    print(f"(results/bench_cluster.json; {report['took_s']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
