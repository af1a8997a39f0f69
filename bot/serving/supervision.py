"""Child servers, for both supervisors: start one, wait until it answers over HTTP, stop them.

`bot.serving.processes` (`make run`, `make shell`, the tests) and `bot.serving.cluster`
(`make cluster`) start their Python servers here: each in its own process group, in the
project folder, with the environment Rasa and the action server need, getting SIGTERM from
the kernel if its supervisor dies (PR_SET_PDEATHSIG); and they stop them here, group by
group. `BotAddresses` spells the bot's public addresses once for both.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import time
import urllib.request
from typing import IO, Callable, Dict, List, Union

from bot.paths import PROJECT_ROOT

LOOPBACK = "127.0.0.1"  # every server binds it; nginx or the widget's page is what visitors reach
PR_SET_PDEATHSIG = 1
Output = Union[int, IO[bytes], None]  # where a child's output goes: a file, subprocess.DEVNULL, or ours


class BotAddresses:
    """The addresses a visitor or an operator uses, from the bot's base URL (`bot_url`)."""

    @property
    def bot_url(self) -> str:
        raise NotImplementedError

    @property
    def widget_url(self) -> str:
        return f"{self.bot_url}/webhooks/widget/"

    @property
    def rest_url(self) -> str:
        return f"{self.bot_url}/webhooks/rest/webhook"

    @property
    def ready_url(self) -> str:
        return f"{self.bot_url}/ready"


def server_env(host: str = LOOPBACK) -> Dict[str, str]:
    """Our environment, plus what every server needs: the project importable, loopback, no telemetry."""
    env = dict(os.environ)
    env.update(
        {
            "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
            "SANIC_HOST": host,  # the action server binds loopback only
            "RASA_TELEMETRY_ENABLED": "false",  # offline by design
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            # Fewer malloc arenas: TensorFlow's threads otherwise each grow their own, inflating memory.
            "MALLOC_ARENA_MAX": env.get("MALLOC_ARENA_MAX", "2"),
        }
    )
    return env


def die_with_parent() -> None:
    """In the child before exec (or in a supervisor, for its own parent): get SIGTERM when the
    parent dies, even by SIGKILL (Linux only; elsewhere a leftover server is stopped by hand)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def spawn(args: List[str], env: Dict[str, str], output: Output = None) -> subprocess.Popen:
    """`python ARGS` in the project folder, in a new session (so its own process group, and a
    terminal's Ctrl-C reaches only its supervisor), its stdout and stderr both to `output`."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=output,
        stderr=output,
        start_new_session=True,
        preexec_fn=die_with_parent,
    )


class StopRequestedError(Exception):
    """The supervisor was asked to stop while it waited for a server."""


class ExitedError(RuntimeError):
    """The server exited before it answered."""


def answers(url: str, timeout: float = 1) -> bool:
    """Whether `url` answers 200 now."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def wait_http(
    url: str, timeout: float, proc: subprocess.Popen, stopping: Callable[[], bool] = lambda: False, step: float = 0.3
) -> None:
    """Return once `url` answers 200; ExitedError if the server exits first, TimeoutError after
    `timeout` seconds, StopRequestedError as soon as `stopping()` is true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stopping():
            raise StopRequestedError
        if proc.poll() is not None:
            raise ExitedError(f"process for {url} exited with code {proc.returncode}")
        if answers(url, timeout=2):
            return
        time.sleep(step)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


def stop_groups(children: List[subprocess.Popen], grace: float) -> None:
    """SIGTERM each child's process group (anything it started too), wait up to `grace` seconds
    in all, then SIGKILL whatever is left in each group."""
    for proc in children:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except (ProcessLookupError, PermissionError):
            if proc.poll() is None:
                proc.terminate()  # not a group leader (the Rasa shell shares our group)
    deadline = time.monotonic() + grace
    for proc in children:
        try:
            proc.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # a no-op unless something in the group hung on
        except (ProcessLookupError, PermissionError):
            if proc.poll() is None:
                proc.kill()
        proc.wait()
