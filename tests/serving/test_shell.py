"""`python -m bot shell` (what `make shell` runs): loopback only, and closing its terminal ends everything."""

from __future__ import annotations

import fcntl
import os
import pty
import subprocess
import termios

from bot.paths import PROJECT_ROOT
from tests.serving.procs import LOOPBACK, bot_command, bot_env, descendants, listening, still_running, wait_for

RASA, ACTIONS = 5330, 5331


def test_the_shell_listens_on_loopback_and_dies_with_its_terminal(tmp_path):
    master, slave = pty.openpty()

    def own_terminal() -> None:  # a new session with the pty as its controlling terminal, as a terminal window
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        bot_command("shell"),
        cwd=PROJECT_ROOT,
        env=bot_env(RASA, ACTIONS, 5332, tmp_path / "tracker.db"),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        preexec_fn=own_terminal,
    )
    os.close(slave)
    output = bytearray()
    try:

        def server_up() -> bool:
            try:
                output.extend(os.read(master, 65536))  # keep the pty drained
            except OSError:
                pass
            return bool(listening(RASA))

        os.set_blocking(master, False)
        wait_for(server_up, 240, "the shell's Rasa server")
        assert listening(RASA) == {LOOPBACK}, output.decode(errors="replace")[-2000:]  # was 0.0.0.0
        assert listening(ACTIONS) == {LOOPBACK}
        wait_for(lambda: server_up() and b"Your input" in output, 60, "the prompt")
        os.write(master, b"What is engineering management?\r")
        wait_for(lambda: server_up() and b"interdisciplinary" in output, 60, "an answer in the shell")
        children = descendants(proc.pid)
        os.close(master)  # the terminal window closes: SIGHUP
        master = -1
        proc.wait(60)
        wait_for(lambda: not still_running(children), 30, "the shell's servers gone")
        assert not listening(RASA) and not listening(ACTIONS)
    finally:
        if master >= 0:
            os.close(master)
        if proc.poll() is None:
            proc.kill()
