"""Run the bot: the action server, the Rasa server (or shell) and the demo page, supervised.

`python -m bot serve` is what `make run` calls; tests start the servers the
same way. A server that exits is logged and restarted with a growing pause
(1 s, 2 s, 4 s ... up to 30 s; back to 1 s once it has run for a minute), so
one crash does not take the others down. SIGTERM, SIGINT or SIGHUP, once or
many times, stops everything: the signal only sets a flag that the loops
below check, so a second signal cannot cut the cleanup short. A hang-up of
the terminal counts as SIGHUP even when `make` leads its session. Each child
also gets SIGTERM from the kernel if this process dies without cleaning up
(PR_SET_PDEATHSIG), and everything binds 127.0.0.1. Starting, waiting for and
stopping a child is bot/serving/supervision.py's, shared with `make cluster`.
"""

from __future__ import annotations

import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Dict, List, Optional

from bot.paths import MODEL, PROJECT_ROOT, TRACKER_DB
from bot.serving.supervision import (
    LOOPBACK,
    BotAddresses,
    Output,
    StopRequestedError,
    answers,
    die_with_parent,
    server_env,
    spawn,
    stop_groups,
    wait_http,
)

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
FIRST_BACKOFF_S, MAX_BACKOFF_S, STABLE_AFTER_S = 1.0, 30.0, 60.0
# Library deprecation warnings are for Rasa's developers, not for whoever runs the bot.
QUIET_WARNINGS = "ignore::DeprecationWarning,ignore::PendingDeprecationWarning,ignore::FutureWarning"

log = logging.getLogger("bot.supervisor")


@dataclass(frozen=True)
class Ports(BotAddresses):
    rasa: int = int(os.environ.get("RASA_PORT", "5005"))
    actions: int = int(os.environ.get("ACTION_PORT", "5055"))
    demo: int = int(os.environ.get("DEMO_PORT", "8080"))
    host: str = LOOPBACK

    @property
    def bot_url(self) -> str:
        return f"http://{self.host}:{self.rasa}"

    @property
    def demo_url(self) -> str:
        return f"http://{self.host}:{self.demo}/"


def child_env(ports: Ports) -> Dict[str, str]:
    # Everything set for `make run` reaches the servers: TRACKER_DB, WIDGET_FRAME_ANCESTORS, and
    # HANDOFF_URL (the contact for a person, read by the action server and the feedback endpoint).
    env = server_env(ports.host)
    env.setdefault("TRACKER_DB", str(TRACKER_DB))
    env.setdefault("LOG_LEVEL", "WARNING")  # Rasa's INFO lines are for its developers; errors still show
    env.update(
        {
            "ACTION_ENDPOINT_URL": f"http://{ports.host}:{ports.actions}/webhook",
            "DEMO_PORT": str(ports.demo),  # the widget's frame-ancestors default follows it
            "PYTHONWARNINGS": QUIET_WARNINGS,
        }
    )
    Path(env["TRACKER_DB"]).parent.mkdir(parents=True, exist_ok=True)
    return env


@dataclass
class Server:
    """One supervised child: how to start it, how to tell it is up, and its restart state."""

    name: str
    args: List[str]
    health_url: str
    start_timeout: float
    extra_env: Dict[str, str] = field(default_factory=dict)
    proc: Optional[subprocess.Popen] = None
    up_since: float = 0.0  # when it last answered its health check (0: not up)
    backoff: float = FIRST_BACKOFF_S
    restart_at: float = 0.0  # when to start it again after it exited (0: not waiting)
    start_deadline: float = 0.0  # a restarted server must answer by then


class BotProcesses:
    """The servers as child processes, each in its own process group."""

    def __init__(
        self, ports: Ports = Ports(), model: Path = MODEL, quiet: bool = False, log_file: Optional[Path] = None
    ) -> None:
        self.ports, self.model, self.quiet, self.log_file = ports, model, quiet, log_file
        self.servers: Dict[str, Server] = {}
        self.stop_requested = False
        self._log: Optional[IO[bytes]] = None

    # -- starting ------------------------------------------------------------------
    @property
    def children(self) -> List[subprocess.Popen]:
        """The running children in start order: action server, Rasa server, demo page."""
        return [s.proc for s in self.servers.values() if s.proc is not None]

    def _output(self) -> Output:
        if self.log_file is not None:
            if self._log is None:
                self._log = open(self.log_file, "ab")
            return self._log
        return subprocess.DEVNULL if self.quiet else None

    def _spawn(self, args: List[str], extra_env: Optional[Dict[str, str]] = None) -> subprocess.Popen:
        return spawn(args, {**child_env(self.ports), **(extra_env or {})}, self._output())

    def _start(self, server: Server) -> None:
        self.servers[server.name] = server
        server.proc = self._spawn(server.args, server.extra_env)
        wait_http(server.health_url, server.start_timeout, server.proc, lambda: self.stop_requested)
        server.up_since = time.monotonic()

    def action_server(self) -> Server:
        return Server(
            "action server",
            ["-m", "bot.serving.actions_main", "--actions", "actions", "-p", str(self.ports.actions), "--quiet"],
            f"http://{self.ports.host}:{self.ports.actions}/health",
            120,
        )

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

    def rasa_server(self) -> Server:
        # /health, not /ready: Rasa is up once it answers; /ready also needs the others.
        return Server("Rasa server", self.rasa_args(), f"{self.ports.bot_url}/health", 180)

    def demo_server(self) -> Server:
        """The sample host page, on another origin, with the embed snippet."""
        args = ["-m", "bot.serving.web.demo_server", "--host", self.ports.host, "--port", str(self.ports.demo)]
        return Server("demo page", [*args, "--bot-url", self.ports.bot_url], self.ports.demo_url, 30)

    def start_actions(self) -> None:
        self._start(self.action_server())

    def start_rasa(self) -> None:
        self._start(self.rasa_server())

    def start_demo(self) -> None:
        self._start(self.demo_server())

    def restart_rasa(self) -> None:
        """Stop and start the Rasa server alone (conversations must survive this)."""
        rasa = self.servers["Rasa server"]
        if rasa.proc is not None:
            self._stop([rasa.proc], grace=15)
        self._start(rasa)

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

    # -- supervising -----------------------------------------------------------------
    def supervise(self) -> None:
        """One round: notice servers that exited, restart those whose pause is over. Never blocks long."""
        now = time.monotonic()
        for server in self.servers.values():
            proc = server.proc
            if proc is None:
                continue
            if server.restart_at == 0.0 and proc.poll() is not None:
                if server.up_since and now - server.up_since >= STABLE_AFTER_S:
                    server.backoff = FIRST_BACKOFF_S
                log.error("%s exited (code %s); restarting in %.0f s", server.name, proc.returncode, server.backoff)
                self._stop([proc], grace=5)  # whatever it left in its process group
                server.up_since, server.restart_at = 0.0, now + server.backoff
                server.backoff = min(server.backoff * 2, MAX_BACKOFF_S)
            elif server.restart_at and now >= server.restart_at:
                server.restart_at = 0.0
                server.proc = self._spawn(server.args, server.extra_env)
                server.start_deadline = now + server.start_timeout
                log.warning("%s restarted (pid %d), waiting for it to answer", server.name, server.proc.pid)
            elif server.start_deadline and proc.poll() is None:
                if answers(server.health_url):
                    server.start_deadline, server.up_since = 0.0, now
                    log.warning("%s is back", server.name)
                elif now > server.start_deadline:
                    log.error("%s did not answer within %.0f s; stopping it", server.name, server.start_timeout)
                    server.start_deadline = 0.0
                    self._stop([proc], grace=5)

    # -- stopping --------------------------------------------------------------------
    def stop(self, grace: float = 10) -> None:
        self.stop_requested = True
        self._stop(self.children, grace)
        self.servers.clear()
        if self._log is not None:
            self._log.close()
            self._log = None

    @staticmethod
    def _stop(children: List[subprocess.Popen], grace: float) -> None:
        stop_groups(children, grace)

    def __enter__(self) -> BotProcesses:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s", datefmt="%H:%M:%S", stream=sys.stderr
    )


def hang_up_with_terminal(fd: int) -> None:
    """If `fd` is a terminal, send ourselves SIGHUP when it hangs up (its window closed, its ssh
    connection dropped), as an interactive shell passes the hang-up on to what it runs.

    Only a session's leader gets the kernel's SIGHUP. Typed into bash, that is bash, which passes
    it on; started as `ssh -t host make shell`, it is make, which only waits for us to finish.
    """
    if fd < 0 or not os.isatty(fd):
        return

    def watch() -> None:
        poller = select.poll()
        poller.register(fd, 0)  # nothing asked for: poll returns on a hang-up or an error only
        for _, events in poller.poll():
            if events & (select.POLLHUP | select.POLLERR):
                os.kill(os.getpid(), signal.SIGHUP)

    threading.Thread(target=watch, name="terminal hang-up", daemon=True).start()


def serve(shell: bool = False) -> int:
    configure_logging()
    die_with_parent()  # if `make` (our parent) is killed, we get SIGTERM and clean up
    bot = BotProcesses()
    received: List[int] = []

    def on_signal(signum: int, frame: object) -> None:
        # Only a flag: raising here could interrupt the cleanup halfway.
        received.append(signum)
        bot.stop_requested = True

    for signum in STOP_SIGNALS:
        signal.signal(signum, on_signal)
    hang_up_with_terminal(sys.stdin.fileno() if sys.stdin is not None else -1)
    try:
        log.info("starting the action server on %s:%d", bot.ports.host, bot.ports.actions)
        bot.start_actions()
        if shell:
            return run_shell(bot)
        log.info("starting the Rasa server on %s:%d", bot.ports.host, bot.ports.rasa)
        start = time.monotonic()
        bot.start_rasa()
        bot.start_demo()
        print(
            f"\nThe career advisor is ready ({time.monotonic() - start:.1f} s).\n"
            f"  Demo host page (the chat bubble embedded on another site): {bot.ports.demo_url}\n"
            f"  Chat widget on its own: {bot.ports.widget_url}\n"
            f"  REST channel: POST {bot.ports.rest_url}\n"
            '    e.g. curl -s -XPOST -H "Content-Type: application/json" -d \'{"sender":"me","message":"hi"}\' '
            + bot.ports.rest_url
            + "\n"
            f"  Health: {bot.ports.bot_url}/health   Readiness: {bot.ports.ready_url}\n"
            "Press Ctrl-C to stop.",
            flush=True,
        )
        while not bot.stop_requested:
            bot.supervise()
            time.sleep(0.5)
        return 0
    except StopRequestedError:
        return 0
    except (RuntimeError, TimeoutError) as err:
        log.error("could not start the bot: %s", err)
        return 1
    finally:
        bot.stop_requested = True  # from here on a signal changes nothing
        if received:
            log.info("stopping (signal %s)", signal.Signals(received[0]).name)
        bot.stop()
        log.info("stopped; nothing left running")


def run_shell(bot: BotProcesses) -> int:
    """The Rasa shell in this terminal, on loopback; it ends with us (PR_SET_PDEATHSIG) and we with it."""
    args = ["-m", "bot.serving.rasa_main", "shell", "-m", str(bot.model), "--endpoints", "endpoints.yml"]
    args += ["-i", bot.ports.host, "-p", str(bot.ports.rasa)]
    # In our process group, so the terminal is its; stopped by pid below.
    proc = subprocess.Popen(
        [sys.executable, *args], cwd=PROJECT_ROOT, env=child_env(bot.ports), preexec_fn=die_with_parent
    )
    bot.servers["Rasa shell"] = Server("Rasa shell", args, "", 0, proc=proc)
    while proc.poll() is None and not bot.stop_requested:
        time.sleep(0.3)
    return proc.returncode or 0
