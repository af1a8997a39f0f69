"""`python -m bot serve` (what `make run` runs): restarts what crashes, stops cleanly on any signal."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path
from typing import Iterator, Tuple

import pytest

from tests.conftest import server_ports
from tests.serving.http import get, post_raw
from tests.serving.procs import descendants, listening, start_serve, still_running, wait_for

RASA, ACTIONS, DEMO = server_ports(10)
STARTING = server_ports(11)  # the servers the signal-during-startup tests start and stop
READY = f"http://127.0.0.1:{RASA}/ready"
REST = f"http://127.0.0.1:{RASA}/webhooks/rest/webhook"


def is_ready() -> bool:
    try:
        return get(READY, timeout=3)[0] == 200
    except OSError:
        return False


def answers() -> bool:
    status, reply = post_raw(
        REST, json.dumps({"sender": "supervised", "message": "What is engineering management?"}).encode()
    )
    return status == 200 and bool(reply)


@pytest.fixture(scope="module")
def serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tuple[subprocess.Popen, Path]]:
    tmp = tmp_path_factory.mktemp("serve")
    proc = start_serve(RASA, ACTIONS, DEMO, tmp)
    try:
        wait_for(lambda: b"is ready" in (tmp / "serve.log").read_bytes() or proc.poll() is not None, 240, "ready")
        assert proc.poll() is None, (tmp / "serve.log").read_text()
        yield proc, tmp / "serve.log"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(60)


def test_a_start_prints_what_an_operator_needs(serve):
    _, log = serve
    text = log.read_text()
    assert "Warning" not in text and "deprecat" not in text.lower(), text
    assert len(text.splitlines()) <= 14, text  # it was 51 lines, 17 of them deprecation warnings
    for address in (f"http://127.0.0.1:{DEMO}/", f"http://127.0.0.1:{RASA}/webhooks/widget/", REST, READY):
        assert address in text


@pytest.mark.parametrize(
    "name, marker", [("action server", "actions_main"), ("demo page", "demo_server"), ("Rasa server", "rasa_main")]
)
def test_a_crashed_server_is_restarted_and_the_bot_keeps_serving(serve, name, marker):
    proc, log = serve
    (victim,) = [pid for pid, command in descendants(proc.pid).items() if marker in command]
    os.kill(victim, signal.SIGKILL)
    wait_for(lambda: f"{name} exited (code -9); restarting" in log.read_text(), 10, "the crash logged")
    wait_for(lambda: f"{name} is back" in log.read_text(), 240, f"{name} back")
    wait_for(is_ready, 30, "ready again")
    assert answers()
    assert proc.poll() is None
    if name != "Rasa server":
        assert get(f"http://127.0.0.1:{DEMO}/")[0] == 200


def test_repeated_sigterm_stops_everything(serve):
    """A process manager signalling the whole group sends several; the second used to abort the cleanup."""
    proc, log = serve
    children = descendants(proc.pid)
    assert len(children) >= 3
    for _ in range(4):
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.2)
    assert proc.wait(60) == 0
    wait_for(lambda: not still_running(children), 10, "children gone")
    assert not any(listening(port) for port in (RASA, ACTIONS, DEMO))
    assert "nothing left running" in log.read_text()


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGHUP, signal.SIGKILL])
def test_a_signal_during_startup_leaves_nothing_running(tmp_path, signum):
    proc = start_serve(*STARTING, tmp_path)
    try:
        # The action server up and the Rasa server loading its model: the worst moment.
        wait_for(lambda: any("rasa_main" in c for c in descendants(proc.pid).values()), 60, "Rasa starting")
        children = descendants(proc.pid)
        for _ in range(3):
            if proc.poll() is None:
                proc.send_signal(signum)
            time.sleep(0.2)
        proc.wait(60)
        # SIGKILL gives no chance to clean up: the children get SIGTERM from the kernel instead.
        wait_for(lambda: not still_running(children), 30, "children gone")
        assert not any(listening(port) for port in STARTING)
    finally:
        if proc.poll() is None:
            proc.kill()
