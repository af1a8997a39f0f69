"""How long `python -m bot report` takes on 10,000 conversations (target: 10 s on SQLite).

A few dozen conversations are recorded through the real bot over REST (the eval questions,
questions its sources don't cover, out-of-scope and unreadable messages, readiness checks);
their stored events are then cloned, with new conversation ids and timestamps spread over 30
days, into a SQLite tracker database of 10,000 conversations. The report is timed as an owner
runs it (a fresh process, imports included), as HTML and as JSON.
Run alone: `python -m benchmarks.report_bench` (ports from BENCH_REPORT_RASA_PORT/_ACTION_PORT).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, Dict, List

import sqlalchemy as sa

from benchmarks.bench import TARGETS, post
from benchmarks.bench import conversations as eval_conversations
from bot.paths import MODEL, PROJECT_ROOT
from bot.serving.processes import BotProcesses, Ports

TARGET_S = TARGETS["report_s"]
CONVERSATIONS = 10_000
DAYS = 30
EXTRA_SCRIPTS = [
    ["How much is tuition for the Leeds MSc?", "what about scholarships at Northeastern?"],
    ["Do I need a master's to become a dentist?", "what's the weather in Paris?"],
    ["asdkj qwpoe zzxv", "what is engineering management?", "thanks"],
    ["Am I suited to engineering management?", "yes", "partly", "yes", "no", "yes", "about four years, physics"],
    ["check my readiness for management", "yes", "stop"],
    ["What are the working hours of an engineering manager?", "is it stressful being a manager?"],
]


def scripts(count: int) -> List[List[str]]:
    """`count` conversations: the bench's multi-turn scripts and the unanswered and readiness ones."""
    pool = eval_conversations()
    rng = random.Random(13)
    return EXTRA_SCRIPTS + rng.sample(pool, min(count - len(EXTRA_SCRIPTS), len(pool)))


def record(db: Path, count: int, ports: Ports) -> None:
    """Real conversations, stored by the real bot in `db`."""
    saved = os.environ.get("TRACKER_DB")
    os.environ["TRACKER_DB"] = str(db)  # read by the Rasa server it starts
    try:
        with BotProcesses(ports, MODEL, quiet=True):
            for script in scripts(count):
                sender = f"bench-{uuid.uuid4().hex}"
                for text in script:
                    post(ports.rest_url, sender, text)
    finally:
        if saved is None:
            os.environ.pop("TRACKER_DB", None)
        else:
            os.environ["TRACKER_DB"] = saved


def clone(source: Path, target: Path, count: int) -> int:
    """`count` conversations cloned from `source`'s, spread over DAYS days; returns the events written."""
    src, dst = sa.create_engine(f"sqlite:///{source}"), sa.create_engine(f"sqlite:///{target}")
    metadata = sa.MetaData()
    metadata.reflect(src, only=["events"])
    events = metadata.tables["events"]
    metadata.create_all(dst)
    with src.connect() as read:
        rows = [dict(r._mapping) for r in read.execute(events.select().order_by(events.c.id))]
    by_sender: Dict[str, List[Dict[str, Any]]] = {}
    for row in rows:
        row.pop("id")
        by_sender.setdefault(row["sender_id"], []).append(row)
    templates = list(by_sender.values())
    rng = random.Random(11)
    now, written = time.time(), 0
    with dst.begin() as write:
        batch: List[Dict[str, Any]] = []
        for index in range(count):
            template = templates[index % len(templates)]
            sender = uuid.uuid4().hex
            shift = template[0]["timestamp"] - (now - rng.uniform(0, DAYS) * 86400)
            for row in template:
                data = json.loads(row["data"])
                data["timestamp"] = row["timestamp"] - shift
                batch.append({**row, "sender_id": sender, "timestamp": data["timestamp"], "data": json.dumps(data)})
            if len(batch) > 20_000:
                write.execute(events.insert(), batch)
                written, batch = written + len(batch), []
        write.execute(events.insert(), batch)
        written += len(batch)
    return written


def time_report(db: Path, out: Path, fmt: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "bot", "report", "--db", str(db), "--format", fmt, "--out", str(out)],
        cwd=PROJECT_ROOT,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def bench_report(ports: Ports, recorded: int = 36, count: int = CONVERSATIONS) -> Dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="report-bench-") as folder:
        recorded_db, big_db = Path(folder) / "recorded.db", Path(folder) / "tracker.db"
        record(recorded_db, recorded, ports)
        events = clone(recorded_db, big_db, count)
        html = time_report(big_db, Path(folder) / "report.html", "html")
        as_json = time_report(big_db, Path(folder) / "report.json", "json")
        conversations = json.loads((Path(folder) / "report.json").read_text())["totals"]["conversations"]
    return {
        "conversations": conversations,
        "recorded": recorded,
        "events": events,
        "html_s": round(html, 2),
        "json_s": round(as_json, 2),
        "target_s": TARGET_S,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations", type=int, default=CONVERSATIONS)
    args = parser.parse_args()
    ports = Ports(
        rasa=int(os.environ.get("BENCH_REPORT_RASA_PORT", "5305")),
        actions=int(os.environ.get("BENCH_REPORT_ACTION_PORT", "5355")),
        demo=8380,
    )
    result = bench_report(ports, count=args.conversations)
    print(json.dumps(result, indent=1))
    return 0 if max(result["html_s"], result["json_s"]) <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
