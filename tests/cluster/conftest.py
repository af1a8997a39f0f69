"""The real cluster for the fault tests: `make test-cluster` (RUN_CLUSTER_TESTS=1) runs them.

They start PostgreSQL, Redis, nginx and two Rasa replicas, and take minutes, so
`make test` leaves them out. Everything is on 127.0.0.1, under var/cluster-test/,
and stopped at the end, which the teardown checks.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from bot.paths import PROJECT_ROOT, RESULTS_DIR
from bot.serving.cluster.config import ClusterConfig
from bot.serving.cluster.run import read_state

if os.environ.get("RUN_CLUSTER_TESTS") != "1":
    collect_ignore_glob = ["test_*.py"]

TEST_DIR = PROJECT_ROOT / "var" / "cluster-test"
START_TIMEOUT_S = 300
FAULTS: List[Dict[str, Any]] = []


def cluster_config() -> ClusterConfig:
    # The fault and load tests send everything from 127.0.0.1: the per-IP limit is raised for them
    # (tests/cluster/test_deploy.py checks the limit itself).
    return ClusterConfig(replicas=2, state_dir=TEST_DIR, rate_limit="1000r/s", rate_burst=1000)


def cluster_env(config: ClusterConfig) -> Dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "REPLICAS": str(config.replicas),
            "CLUSTER_DIR": str(config.state_dir),
            "CLUSTER_RATE_LIMIT": config.rate_limit,
            "CLUSTER_RATE_BURST": str(config.rate_burst),
        }
    )
    return env


class RunningCluster:
    def __init__(self, config: ClusterConfig, proc: subprocess.Popen, output: Path) -> None:
        self.config, self.proc, self.output = config, proc, output

    @property
    def widget_webhook(self) -> str:
        return f"{self.config.bot_url}/webhooks/widget/webhook"

    def replica_webhook(self, index: int) -> str:
        return f"http://127.0.0.1:{self.config.rasa_ports[index]}/webhooks/widget/webhook"

    def state(self) -> Dict[str, Any]:
        state = read_state(self.config)
        assert state, "the cluster's state file is missing"
        return state

    def child(self, kind: str, index: int) -> Dict[str, Any]:
        return [c for c in self.state()["children"] if c["kind"] == kind][index]

    def wait_restarted(self, kind: str, index: int, old_pid: int, health_url: str, timeout: float = 180) -> float:
        """Seconds until the supervisor's replacement for `old_pid` answers `health_url`."""
        import urllib.request

        start = time.monotonic()
        while time.monotonic() - start < timeout:
            assert self.proc.poll() is None, "the cluster process exited"
            if self.child(kind, index)["pid"] not in (None, old_pid):
                try:
                    with urllib.request.urlopen(health_url, timeout=2) as response:
                        if response.status == 200:
                            return time.monotonic() - start
                except OSError:
                    pass
            time.sleep(0.5)
        raise AssertionError(f"{kind} {index + 1} was not restarted within {timeout:.0f} s")


def leftovers(config: ClusterConfig) -> List[str]:
    """Processes of ours still running: anything whose command line names the test cluster's folder or ports."""
    marks = [str(config.state_dir)] + [f"-p {port}" for port in config.rasa_ports + config.action_ports]
    out = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if any(mark in line for mark in marks) and "ps -eo" not in line]


@pytest.fixture(scope="session")
def cluster() -> Iterator[RunningCluster]:
    config = cluster_config()
    assert not leftovers(config), "a test cluster is already running"
    shutil.rmtree(TEST_DIR, ignore_errors=True)  # a fresh database each run
    TEST_DIR.mkdir(parents=True)
    output = TEST_DIR / "cluster.out"
    with open(output, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.serving.cluster"],
            cwd=PROJECT_ROOT,
            env=cluster_env(config),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + START_TIMEOUT_S
    while b"cluster is ready" not in output.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"the cluster did not start:\n{output.read_text()[-3000:]}")
        time.sleep(0.5)
    running = RunningCluster(config, proc, output)
    yield running
    # Stop it the way an impatient operator or a process manager does: several signals in a row.
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGTERM):
        if proc.poll() is None:
            proc.send_signal(signum)
        time.sleep(0.2)
    try:
        proc.wait(90)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the cluster did not stop within 90 s of SIGTERM")
    time.sleep(1)
    left = leftovers(config)
    assert not left, "left running after the cluster stopped:\n" + "\n".join(left)


@pytest.fixture(scope="session")
def fault_report() -> List[Dict[str, Any]]:
    return FAULTS


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if not FAULTS:
        return
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "cluster_faults.json").write_text(json.dumps(FAULTS, indent=2), encoding="utf-8")
    write = terminalreporter.write_line
    write("")
    write(f"{'fault':<44} {'tried':>6} {'survived':>9} {'events lost':>12}  notes")
    for row in FAULTS:
        survived = "yes" if row["survived"] else "NO"
        write(f"{row['fault']:<44} {row['tried']:>6} {survived:>9} {row['events_lost']:>12}  {row['notes']}")
    write(f"(written to {RESULTS_DIR / 'cluster_faults.json'})")
