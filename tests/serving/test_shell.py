"""`python -m bot shell` (what `make shell` runs): loopback only, and closing its terminal ends everything,
whether the shell itself or `make` leads the terminal's session (a terminal window, `ssh -t host make shell`)."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import subprocess
import termios
import time
from pathlib import Path
from typing import Dict, List

from bot.paths import MODEL, PROJECT_ROOT
from tests.conftest import server_ports
from tests.serving.procs import (
    LOOPBACK,
    bot_command,
    bot_env,
    descendants,
    listening,
    session_members,
    still_running,
    wait_for,
)

RASA, ACTIONS, DEMO = server_ports(20)
MAKE_RASA, MAKE_ACTIONS, MAKE_DEMO = server_ports(21)
HANG_UP_WITHIN_S = 10


class Terminal:
    """A pseudo-terminal whose command leads a new session with it as its controlling terminal,
    as a terminal window's shell or an ssh session's command does."""

    def __init__(self, command: List[str], env: Dict[str, str]) -> None:
        self.master, slave = pty.openpty()

        def own_terminal() -> None:
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdin=slave, stdout=slave, stderr=slave, preexec_fn=own_terminal
        )
        os.close(slave)
        os.set_blocking(self.master, False)
        self.output = bytearray()
        self.seen: Dict[int, str] = {}  # processes the test found, killed if a failed test left them

    def read(self) -> bytes:
        try:
            self.output.extend(os.read(self.master, 65536))  # keep the pty drained
        except OSError:
            pass
        return bytes(self.output)

    def text(self) -> str:
        return self.output.decode(errors="replace")[-3000:]

    def hang_up(self) -> None:
        """The terminal window closes, or the ssh connection drops: the session leader gets SIGHUP."""
        os.close(self.master)
        self.master = -1

    def close(self) -> None:
        if self.master >= 0:
            self.hang_up()
        if self.proc.poll() is None:
            self.proc.kill()
        for pid in still_running(self.seen):
            os.kill(pid, signal.SIGKILL)


def test_the_shell_listens_on_loopback_and_dies_with_its_terminal(tmp_path):
    terminal = Terminal(bot_command("shell"), bot_env(RASA, ACTIONS, DEMO, tmp_path / "tracker.db"))
    try:

        def server_up() -> bool:
            terminal.read()
            return bool(listening(RASA))

        wait_for(server_up, 240, "the shell's Rasa server")
        assert listening(RASA) == {LOOPBACK}, terminal.text()  # was 0.0.0.0
        assert listening(ACTIONS) == {LOOPBACK}
        wait_for(lambda: server_up() and b"Your input" in terminal.read(), 60, "the prompt")
        os.write(terminal.master, b"What is engineering management?\r")
        wait_for(lambda: server_up() and b"interdisciplinary" in terminal.read(), 60, "an answer in the shell")
        # A task is declined in the shell as on the web channels (issue #17). The answer's buttons are a menu:
        # its last entry, "Type out your own message...", takes free text.
        seen = len(terminal.read())
        os.write(terminal.master, b"\x1b[B" * 4 + b"\r")
        wait_for(lambda: server_up() and b"Your input" in terminal.read()[seen:], 60, "the prompt again")
        os.write(terminal.master, b"Translate engineering manager into Japanese\r")
        wait_for(lambda: server_up() and b"not something I can do" in terminal.read()[seen:], 60, "a decline")
        children = descendants(terminal.proc.pid)
        terminal.hang_up()
        terminal.proc.wait(60)
        wait_for(lambda: not still_running(children), 30, "the shell's servers gone")
        assert not listening(RASA) and not listening(ACTIONS)
    finally:
        terminal.close()


def make_shell_env(tmp_path: Path) -> Dict[str, str]:
    env = bot_env(MAKE_RASA, MAKE_ACTIONS, MAKE_DEMO, tmp_path / "tracker.db")
    for inherited in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL"):  # as typed in a terminal, not from `make test`
        env.pop(inherited, None)
    return env


def test_make_shell_leading_the_session_stops_everything_when_the_terminal_hangs_up(tmp_path):
    """`ssh -t host make shell`: make leads the session and only make gets the SIGHUP; it used to wait
    for `bot shell`, which never heard of it, while the Rasa shell read a dead terminal."""
    assert MODEL.exists(), f"{MODEL} is missing: run `make train`"
    # -o: the model is taken as it is (make test has just trained it), never retrained here.
    command = ["make", "--no-print-directory", "-o", str(MODEL.relative_to(PROJECT_ROOT)), "shell"]
    terminal = Terminal(command, make_shell_env(tmp_path))
    try:
        wait_for(lambda: b"Your input" in terminal.read() or terminal.proc.poll() is not None, 240, "the prompt")
        assert terminal.proc.poll() is None, terminal.text()
        running = terminal.seen = {**session_members(terminal.proc.pid), **descendants(terminal.proc.pid)}
        names = " | ".join(running.values())
        for part in ("make", "bot shell", "rasa_main shell", "actions_main"):
            assert part in names, names
        assert listening(MAKE_RASA) == {LOOPBACK} and listening(MAKE_ACTIONS) == {LOOPBACK}
        hung_up = time.monotonic()
        terminal.hang_up()
        wait_for(lambda: not still_running(running), HANG_UP_WITHIN_S, "every process of the session gone", step=0.1)
        took = time.monotonic() - hung_up
        assert not listening(MAKE_RASA) and not listening(MAKE_ACTIONS)
        assert terminal.proc.wait(5) != 0  # make ends by the hang-up
        print(f"everything stopped {took:.1f} s after the hang-up")
    finally:
        terminal.close()
