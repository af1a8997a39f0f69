"""The cluster's Python servers (Rasa replicas, action servers), kept running.

Each runs in its own process group with its output in var/cluster/logs/. A server
that exits is restarted after a backoff that doubles up to 30 s, and is logged;
nginx sends traffic to the others meanwhile.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Dict, List, Optional

from bot.paths import PROJECT_ROOT

MAX_BACKOFF_S = 30.0
# A server that stayed up this long counts as healthy again: its next crash restarts it at once.
HEALTHY_AFTER_S = 60.0


PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """In the child before exec: get SIGTERM if the cluster process dies, even by SIGKILL,
    so no replica outlives it (Linux only; elsewhere the next `make cluster` cleans up)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


@dataclass
class Child:
    name: str
    port: int
    args: List[str]
    env: Dict[str, str]
    log_path: Path
    proc: Optional[subprocess.Popen] = None
    started_at: float = 0.0
    restarts: int = 0
    backoff_s: float = 1.0
    restart_at: Optional[float] = None
    _log: Optional[IO[bytes]] = field(default=None, repr=False)

    @property
    def pid(self) -> Optional[int]:
        return self.proc.pid if self.proc is not None else None

    def spawn(self) -> None:
        if self._log is None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = open(self.log_path, "ab")  # kept open for the child's lifetime
        self.proc = subprocess.Popen(
            [sys.executable, *self.args],
            cwd=PROJECT_ROOT,
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a terminal's Ctrl-C reaches the cluster process only
            preexec_fn=die_with_parent,
        )
        self.started_at = time.monotonic()
        self.restart_at = None

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def check(self, say: Callable[[str], None], stopping: bool) -> bool:
        """Restart the server if it died and its backoff is over; True if it was (re)spawned."""
        if self.proc is None or self.alive() or stopping:
            return False
        now = time.monotonic()
        if self.restart_at is None:
            if now - self.started_at > HEALTHY_AFTER_S:
                self.backoff_s = 1.0
            self.restart_at = now + self.backoff_s
            say(
                f"{self.name} (pid {self.proc.pid}) exited with code {self.proc.returncode}; "
                f"restarting in {self.backoff_s:.0f} s"
            )
            self.backoff_s = min(MAX_BACKOFF_S, self.backoff_s * 2)
            return False
        if now < self.restart_at:
            return False
        self.restarts += 1
        self.spawn()
        say(f"{self.name} restarted (pid {self.pid})")
        return True

    def signal_group(self, signum: int) -> None:
        if self.alive():
            assert self.proc is not None
            try:
                os.killpg(self.proc.pid, signum)
            except (ProcessLookupError, PermissionError):
                pass

    def close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


def stop_children(children: List[Child], grace: float = 15) -> None:
    """SIGTERM every group, wait up to `grace`, then SIGKILL what is left."""
    for child in children:
        child.signal_group(signal.SIGTERM)
    deadline = time.monotonic() + grace
    for child in children:
        if child.proc is None:
            continue
        try:
            child.proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.signal_group(signal.SIGKILL)
            child.proc.wait(10)
        child.close_log()
