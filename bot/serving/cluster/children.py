"""The cluster's Python servers (Rasa replicas, action servers), kept running.

Each runs in its own process group with its output in var/cluster/logs/ (started and
stopped by bot/serving/supervision.py, as `make run`'s are). A server that exits is
restarted after a backoff that doubles up to 30 s, and is logged; nginx sends traffic
to the others meanwhile.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Callable, Dict, List, Optional

from bot.serving.supervision import spawn, stop_groups

MAX_BACKOFF_S = 30.0
# A server that stayed up this long counts as healthy again: its next crash restarts it at once.
HEALTHY_AFTER_S = 60.0


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
        # In a new session: a terminal's Ctrl-C reaches the cluster process only; and the
        # kernel's SIGTERM if the cluster process dies (elsewhere than Linux, the next run cleans up).
        self.proc = spawn(self.args, self.env, self._log)
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

    def close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None


def stop_children(children: List[Child], grace: float = 15) -> None:
    """SIGTERM every group, wait up to `grace`, then SIGKILL what is left."""
    stop_groups([c.proc for c in children if c.proc is not None and c.alive()], grace)
    for child in children:
        child.close_log()
