"""Faults injected into the running cluster while visitors talk to it.

Each test records "tried / survived / events lost" for results/cluster_faults.json:
tried is the number of messages sent while the fault lasted, survived means every
conversation went on with its context and service came back by itself, events lost
counts answered turns missing from PostgreSQL plus events stored twice.
"""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from typing import Any, Dict, List

from bot.paths import RESULTS_DIR
from bot.serving.cluster.services import Postgres, Redis
from tests.cluster.conftest import RunningCluster
from tests.cluster.events import all_event_ids, check_conversation, stored_events
from tests.cluster.visitors import Attempt, Visitor, join_all, post, run_all

VISITORS = 16


def record(report: List[Dict[str, Any]], fault: str, tried: int, survived: bool, lost: int, notes: str) -> None:
    report.append({"fault": fault, "tried": tried, "survived": survived, "events_lost": lost, "notes": notes})


def during(visitors: List[Visitor], start: float, end: float) -> List[Attempt]:
    """Messages the fault met: in flight when it began, or sent while it lasted."""
    return [a for v in visitors for a in v.attempts if a.sent_at + a.elapsed >= start and a.sent_at <= end]


def verify_stored(cluster: RunningCluster, visitors: List[Visitor]) -> tuple:
    """(events lost, problems) over the visitors' conversations as PostgreSQL holds them."""
    lost, problems, _ = verify_stored_and_replays(cluster, visitors)
    return lost, problems


def verify_stored_and_replays(cluster: RunningCluster, visitors: List[Visitor]) -> tuple:
    """(events lost, problems, turns saved whose reply was lost) over the visitors' conversations."""
    events = stored_events(cluster.config, [v.sender for v in visitors])
    lost, problems, replayed = 0, [], 0
    for visitor in visitors:
        check = check_conversation(visitor, events[visitor.sender])
        lost += check.lost + check.duplicated
        replayed += check.replayed
        found = [f"{visitor.sender}: {p}" for p in check.problems + visitor.problems]
        if found:
            save_evidence(visitor, events[visitor.sender])
        problems += found
    return lost, problems, replayed


def save_evidence(visitor: Visitor, events: List[Any]) -> None:
    """What the visitor saw and what PostgreSQL holds, for a conversation that failed a check."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f"cluster_fault_{visitor.sender}.json"
    attempts = [
        {"text": a.text, "status": a.status, "sent_at": a.sent_at, "elapsed": a.elapsed, "reply": a.reply_text}
        for a in visitor.attempts
    ]
    stored = [{"id": e.id, "type": e.type_name, "action": e.action_name, "text": e.text} for e in events]
    path.write_text(json.dumps({"attempts": attempts, "stored": stored}, indent=2), encoding="utf-8")


def test_replica_killed_under_load(cluster: RunningCluster, fault_report: List[Dict[str, Any]]) -> None:
    visitors = [Visitor(cluster.widget_webhook) for _ in range(VISITORS)]
    threads = run_all(visitors, pause=0.3)
    # A third of the turns answered: every visitor is in the middle of the check, several messages in flight.
    wait_for_answers(visitors, VISITORS * 5 // 3)
    victim = cluster.child("replica", 0)
    killed_at = time.monotonic()
    os.kill(victim["pid"], signal.SIGKILL)
    join_all(threads, timeout=180)
    finished = time.monotonic()
    lost, problems, replayed = verify_stored_and_replays(cluster, visitors)
    in_fault = during(visitors, killed_at, finished)
    impolite = [a for a in in_fault if not a.ok and not a.polite]
    cluster.wait_restarted("replica", 0, victim["pid"], f"http://127.0.0.1:{victim['port']}/")
    back_after = time.monotonic() - killed_at
    survived = not problems and not impolite and lost == 0
    record(
        fault_report,
        "kill -9 one of 2 replicas under load",
        len(in_fault),
        survived,
        lost,
        f"{sum(not a.ok for a in in_fault)} polite failures retried; slowest answer "
        f"{max((a.elapsed for a in in_fault), default=0):.1f} s; replica back in {back_after:.0f} s"
        + (f"; {replayed} turn(s) saved whose reply was lost, so the retry was processed again" if replayed else "")
        + (f"; {problems[0]}" if problems else ""),
    )
    assert len(in_fault) >= VISITORS, "the fault met too little traffic to test anything"
    assert not impolite, f"failures without a message for the visitor: {impolite[:3]}"
    assert not problems, "\n".join(problems[:10])
    assert lost == 0


def wait_for_answers(visitors: List[Visitor], count: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while sum(len(v.acknowledged) for v in visitors) < count:
        assert time.monotonic() < deadline, "the visitors got no answers before the fault"
        time.sleep(0.05)


def test_two_replicas_at_once_are_serialised_by_the_lock(
    cluster: RunningCluster, fault_report: List[Dict[str, Any]]
) -> None:
    """The same conversation's next two messages hit both replicas at the same moment."""
    visitors = [Visitor(cluster.widget_webhook) for _ in range(6)]
    problems: List[str] = []
    for visitor in visitors:
        visitor.expect(visitor.say("Am I suited to engineering management?"), "Question 1 of 5")
        barrier = threading.Barrier(2)
        replies: List[Attempt] = []

        def send(index: int, sender: str, barrier: threading.Barrier, replies: List[Attempt]) -> None:
            barrier.wait()
            replies.append(post(cluster.replica_webhook(index), sender, "yes"))

        threads = [threading.Thread(target=send, args=(i, visitor.sender, barrier, replies)) for i in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
        visitor.attempts += replies
        asked = sorted(next((n for n in (2, 3) if f"Question {n} of 5" in r.reply_text), 0) for r in replies)
        if asked != [2, 3]:
            problems.append(f"{visitor.sender}: the two replies asked questions {asked}, not 2 then 3")
    lost, stored_problems = verify_stored(cluster, visitors)
    problems += stored_problems
    record(
        fault_report,
        "one conversation, two replicas, same moment",
        2 * len(visitors),
        not problems and lost == 0,
        lost,
        "each pair answered in turn (questions 2 and 3)" if not problems else problems[0][:120],
    )
    assert not problems, "\n".join(problems[:10])
    assert lost == 0


def outage(cluster: RunningCluster, report: List[Dict[str, Any]], name: str, stop: Any, start: Any) -> None:
    """Visitors keep talking while a service is stopped for a few seconds, then started again."""
    before = all_event_ids(cluster.config)
    visitors = [Visitor(cluster.widget_webhook) for _ in range(4)]
    threads = run_all(visitors, pause=0.5)
    wait_for_answers(visitors, 4)
    down_at = time.monotonic()
    stop()
    time.sleep(4)  # visitors' messages meet the outage
    start()
    up_at = time.monotonic()
    join_all(threads, timeout=180)
    in_fault = during(visitors, down_at, up_at)
    hung = [a for a in in_fault if a.elapsed > 36]
    impolite = [a for a in in_fault if not a.ok and not a.polite]
    after = all_event_ids(cluster.config)
    missing_or_changed = sum(after.get(event_id) != value for event_id, value in before.items())
    lost, problems = verify_stored(cluster, visitors)
    lost += missing_or_changed
    resumed = all(v.attempts and v.attempts[-1].ok for v in visitors)
    survived = not hung and not impolite and resumed and not problems and lost == 0
    record(
        report,
        name,
        len(in_fault),
        survived,
        lost,
        f"{sum(not a.ok for a in in_fault)} polite failures, {sum(a.ok for a in in_fault)} answered; "
        f"slowest {max((a.elapsed for a in in_fault), default=0):.1f} s; {len(before)} earlier events kept",
    )
    assert len(in_fault) >= len(visitors), "the outage met too little traffic to test anything"
    assert not hung, f"requests hung during the outage: {[round(a.elapsed) for a in hung]}"
    assert not impolite, f"failures without a message for the visitor: {impolite[:3]}"
    assert resumed, "service did not resume after the outage"
    assert not problems, "\n".join(problems[:10])
    assert lost == 0


def test_postgres_restarted_during_traffic(cluster: RunningCluster, fault_report: List[Dict[str, Any]]) -> None:
    postgres = Postgres(cluster.config)
    outage(cluster, fault_report, "PostgreSQL stopped 4 s and restarted", postgres.stop, postgres.start)


def test_redis_restarted_during_traffic(cluster: RunningCluster, fault_report: List[Dict[str, Any]]) -> None:
    redis = Redis(cluster.config)
    outage(cluster, fault_report, "Redis stopped 4 s and restarted", redis.stop, redis.start)


def test_action_servers_die_and_come_back(cluster: RunningCluster, fault_report: List[Dict[str, Any]]) -> None:
    """One action server killed: the other covers it. Then all of them: the supervisor brings them back."""
    visitors = [Visitor(cluster.widget_webhook) for _ in range(4)]
    threads = run_all(visitors, pause=0.5)
    time.sleep(1.0)
    first = cluster.child("actions", 0)
    down_at = time.monotonic()
    os.kill(first["pid"], signal.SIGKILL)
    join_all(threads, timeout=120)
    one_down = during(visitors, down_at, time.monotonic())
    cluster.wait_restarted("actions", 0, first["pid"], f"http://127.0.0.1:{first['port']}/health", timeout=60)
    # Now every action server at once, with a conversation going on.
    visitor = Visitor(cluster.widget_webhook)
    visitor.expect(visitor.say("Am I suited to engineering management?"), "Question 1 of 5")
    all_servers = [cluster.child("actions", i) for i in range(cluster.config.replicas)]
    all_down_at = time.monotonic()
    for server in all_servers:
        os.kill(server["pid"], signal.SIGKILL)
    gap = [post(cluster.widget_webhook, visitor.sender, "what is engineering management?") for _ in range(2)]
    visitor.attempts += gap
    for i, server in enumerate(all_servers):
        cluster.wait_restarted("actions", i, server["pid"], f"http://127.0.0.1:{server['port']}/health", timeout=60)
    back_after = time.monotonic() - all_down_at
    visitor.expect(visitor.say("yes"), "Question 2 of 5")  # the check resumes where it was
    lost, problems = verify_stored(cluster, visitors + [visitor])
    silent = [a for a in gap if a.status == 200 and not a.reply_text]
    hung = [a for a in gap + one_down if a.elapsed > 36]
    one_down_failures = [a for a in one_down if not a.ok]
    survived = not problems and lost == 0 and not hung and not one_down_failures
    record(
        fault_report,
        "action server killed (one, then all)",
        len(one_down) + len(gap),
        survived,
        lost,
        f"one down: {len(one_down_failures)} failures of {len(one_down)}; all down: "
        f"{len(silent)} of {len(gap)} answered with nothing (Rasa's silent []); back in {back_after:.0f} s",
    )
    assert not hung
    assert not one_down_failures, f"with one action server left, visitors saw failures: {one_down_failures[:3]}"
    assert not problems, "\n".join(problems[:10])
    assert lost == 0
