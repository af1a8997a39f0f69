"""Run the bot: the action server and the Rasa server (or shell), together.

`python -m bot serve` is what `make run` calls; tests start the servers the
same way. Ctrl-C or SIGTERM stops both; nothing is left running.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

from bot.paths import PROJECT_ROOT

MODEL = PROJECT_ROOT / "models" / "advisor.tar.gz"


@dataclass(frozen=True)
class Ports:
    rasa: int = int(os.environ.get("RASA_PORT", "5005"))
    actions: int = int(os.environ.get("ACTION_PORT", "5055"))
    demo: int = int(os.environ.get("DEMO_PORT", "8080"))
    host: str = "127.0.0.1"

    @property
    def bot_url(self) -> str:
        return f"http://{self.host}:{self.rasa}"

    @property
    def widget_url(self) -> str:
        return f"{self.bot_url}/webhooks/widget/"

    @property
    def demo_url(self) -> str:
        return f"http://{self.host}:{self.demo}/"

    @property
    def rest_url(self) -> str:
        return f"http://{self.host}:{self.rasa}/webhooks/rest/webhook"


def child_env(ports: Ports) -> Dict[str, str]:
    env = dict(os.environ)
    env.setdefault("TRACKER_DB", str(PROJECT_ROOT / "var" / "tracker.db"))
    env.update(
        {
            "ACTION_ENDPOINT_URL": f"http://{ports.host}:{ports.actions}/webhook",
            "SANIC_HOST": ports.host,  # the action server binds loopback only
            "RASA_TELEMETRY_ENABLED": "false",  # offline by design
            "TF_CPP_MIN_LOG_LEVEL": "3",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            # Fewer malloc arenas: TensorFlow's threads otherwise each grow their own, inflating memory.
            "MALLOC_ARENA_MAX": env.get("MALLOC_ARENA_MAX", "2"),
            "PYTHONPATH": str(PROJECT_ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
        }
    )
    Path(env["TRACKER_DB"]).parent.mkdir(parents=True, exist_ok=True)
    return env


def wait_http(url: str, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process for {url} exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


class BotProcesses:
    """The two servers as child processes, each in its own process group."""

    def __init__(self, ports: Ports = Ports(), model: Path = MODEL, quiet: bool = False) -> None:
        self.ports, self.model, self.quiet = ports, model, quiet
        self.children: List[subprocess.Popen] = []

    def _spawn(self, args: List[str], interactive: bool = False) -> subprocess.Popen:
        out = subprocess.DEVNULL if self.quiet else None
        proc = subprocess.Popen(
            [sys.executable, *args],
            cwd=PROJECT_ROOT,
            env=child_env(self.ports),
            stdout=None if interactive else out,
            stderr=None if interactive else out,
            start_new_session=not interactive,
        )
        self.children.append(proc)
        return proc

    def start_actions(self, timeout: float = 120) -> None:
        proc = self._spawn(["-m", "rasa_sdk", "--actions", "actions", "-p", str(self.ports.actions), "--quiet"])
        wait_http(f"http://{self.ports.host}:{self.ports.actions}/health", timeout, proc)

    def rasa_args(self) -> List[str]:
        return [
            "-m",
            "bot.serving.rasa_main",
            "run",
            "-m",
            str(self.model),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
            "-i",
            self.ports.host,
            "-p",
            str(self.ports.rasa),
        ]

    def start_rasa(self, timeout: float = 180) -> None:
        proc = self._spawn(self.rasa_args())
        wait_http(f"http://{self.ports.host}:{self.ports.rasa}/", timeout, proc)

    def start_demo(self, timeout: float = 30) -> None:
        """The sample host page, on another origin, with the embed snippet."""
        proc = self._spawn(
            [
                "-m",
                "bot.serving.web.demo_server",
                "--host",
                self.ports.host,
                "--port",
                str(self.ports.demo),
                "--bot-url",
                self.ports.bot_url,
            ]
        )
        wait_http(self.ports.demo_url, timeout, proc)

    def restart_rasa(self) -> None:
        """Stop and start the Rasa server alone (conversations must survive this)."""
        rasa = self.children.pop(1)
        self._stop([rasa], grace=15)
        self.start_rasa()
        self.children.insert(1, self.children.pop())

    def start(self, demo: bool = False) -> BotProcesses:
        try:
            self.start_actions()
            self.start_rasa()
            if demo:
                self.start_demo()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self, grace: float = 10) -> None:
        self._stop(self.children, grace)
        self.children.clear()

    @staticmethod
    def _stop(children: List[subprocess.Popen], grace: float) -> None:
        for proc in children:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except (ProcessLookupError, PermissionError):
                    proc.terminate()
        deadline = time.monotonic() + grace
        for proc in children:
            try:
                proc.wait(max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()

    def __enter__(self) -> BotProcesses:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def serve(shell: bool = False) -> int:
    bot = BotProcesses()
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_signal)
    try:
        print(f"Starting the action server on {bot.ports.host}:{bot.ports.actions} ...", flush=True)
        bot.start_actions()
        if shell:
            proc = bot._spawn(
                ["-m", "bot.serving.rasa_main", "shell", "-m", str(bot.model), "--endpoints", "endpoints.yml"],
                interactive=True,
            )
            return proc.wait()
        print(f"Starting the Rasa server on {bot.ports.host}:{bot.ports.rasa} ...", flush=True)
        start = time.monotonic()
        bot.start_rasa()
        bot.start_demo()
        print(
            f"\nThe career advisor is ready ({time.monotonic() - start:.1f} s).\n"
            f"  Demo host page (the chat bubble embedded on another site): {bot.ports.demo_url}\n"
            f"  Chat widget on its own: {bot.ports.widget_url}\n"
            f"  REST channel: POST {bot.ports.rest_url}\n"
            '    e.g. curl -s -XPOST -d \'{"sender":"me","message":"hi"}\' ' + bot.ports.rest_url + "\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while all(p.poll() is None for p in bot.children):
            time.sleep(0.5)
        print("A server stopped unexpectedly; shutting down.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping ...", flush=True)
        return 0
    except (RuntimeError, TimeoutError) as err:
        print(f"Could not start the bot: {err}", file=sys.stderr)
        return 1
    finally:
        bot.stop()
