"""Processes and ports, read from /proc, for the supervision and shutdown tests."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Set

from bot.paths import PROJECT_ROOT


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def parent_of(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat.rsplit(")", 1)[1].split()[1])


def descendants(root: int) -> Dict[int, str]:
    """Every process below `root`, with its command line."""
    parents = {int(p): parent_of(int(p)) for p in os.listdir("/proc") if p.isdigit()}
    found: Dict[int, str] = {}
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found[pid] = cmdline(pid)
                frontier.append(pid)
    return found


def session_members(session: int) -> Dict[int, str]:
    """Every process in the session `session` leads, with its command line."""
    found: Dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == session:  # after the state: ppid, pgrp, session
                found[int(entry)] = cmdline(int(entry))
    return found


def still_running(processes: Dict[int, str]) -> Dict[int, str]:
    """Those of `processes` that still run (same pid, same command line; zombies don't count)."""
    alive = {}
    for pid, command in processes.items():
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and cmdline(pid) == command:
            alive[pid] = command
    return alive


def listening(port: int) -> Set[str]:
    """The local addresses (hex, as in /proc/net/tcp) listening on `port`."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, port_hex = fields[1].rsplit(":", 1)
            if int(port_hex, 16) == port and fields[3] == "0A":  # 0A: LISTEN
                found.add(address)
    return found


LOOPBACK = "0100007F"  # 127.0.0.1 as /proc/net/tcp writes it


def wait_for(condition: Callable[[], object], timeout: float, what: str, step: float = 0.3) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def bot_command(command: str) -> List[str]:
    return [sys.executable, "-m", "bot", command]


def bot_env(rasa: int, actions: int, demo: int, tracker_db: Path, extra: Optional[Dict[str, str]] = None) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "RASA_PORT": str(rasa),
            "ACTION_PORT": str(actions),
            "DEMO_PORT": str(demo),
            "TRACKER_DB": str(tracker_db),
            "PYTHONPATH": str(PROJECT_ROOT),
        }
    )
    env.pop("WIDGET_FRAME_ANCESTORS", None)
    env.update(extra or {})
    return env


def start_serve(rasa: int, actions: int, demo: int, tmp: Path) -> subprocess.Popen:
    """`python -m bot serve` as `make run` starts it, its output in tmp/serve.log."""
    out = open(tmp / "serve.log", "wb")
    return subprocess.Popen(
        bot_command("serve"),
        cwd=PROJECT_ROOT,
        env=bot_env(rasa, actions, demo, tmp / "tracker.db"),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
