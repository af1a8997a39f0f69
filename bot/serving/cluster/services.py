"""PostgreSQL, Redis and nginx from Debian's packages, run by the project itself.

Each runs on loopback with its data under var/cluster/, as an unprivileged user
when we are root (PostgreSQL refuses to run as root), in its own session so a
Ctrl-C in the terminal reaches only the cluster process, which stops them in order.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from typing import List, Optional

from bot.serving.cluster.config import HOST, ClusterConfig


class ServiceError(RuntimeError):
    pass


def as_user(user: str) -> List[str]:
    """Command prefix that runs a daemon as `user` when we are root, as ourselves otherwise."""
    if os.geteuid() != 0:
        return []
    return ["runuser", "-u", user, "--"]


def require_reachable(user: str, path: Path, service: str) -> None:
    """Fail with the fix, not a cryptic daemon error, when `user` cannot get to `path`."""
    if os.geteuid() != 0 or not _user_exists(user):
        return
    if subprocess.run([*as_user(user), "test", "-r", str(path)], capture_output=True, timeout=10).returncode != 0:
        raise ServiceError(
            f"{service} runs as '{user}', which cannot reach {path}: the folders above it must be "
            "searchable by others (chmod o+x), or set CLUSTER_DIR to a folder that is."
        )


def give_to(path: Path, user: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        shutil.chown(path, user=user, group=user if user != "nobody" else "nogroup")
        path.chmod(0o700)


def run(command: List[str], timeout: float = 60) -> None:
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, start_new_session=True)
    if result.returncode != 0:
        raise ServiceError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr.strip()[-800:]}")


def port_open(port: int, host: str = HOST) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def wait_port(port: int, timeout: float, name: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if port_open(port):
            return
        time.sleep(0.2)
    raise ServiceError(f"{name} did not listen on {HOST}:{port} within {timeout:.0f} s")


def wait_port_closed(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and port_open(port):
        time.sleep(0.2)


def postgres_bin() -> Path:
    """The newest Debian PostgreSQL server's programs (initdb and pg_ctl are not on PATH)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        raise ServiceError("PostgreSQL is not installed: run `make cluster-deps` (apt-get install postgresql)")
    return Path(found[-1]).parent


def read_pid(path: Path) -> Optional[int]:
    try:
        return int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


class Postgres:
    """The tracker store: one database, trust authentication, loopback and a socket under its data dir."""

    user = "postgres"

    def __init__(self, config: ClusterConfig) -> None:
        self.config = config
        self.data = config.postgres_dir / "data"
        self.log = config.logs_dir / "postgres.log"

    def _pg(self, program: str, *args: str) -> List[str]:
        return [*as_user(self.user), str(postgres_bin() / program), *args]

    def init(self) -> None:
        if (self.data / "PG_VERSION").exists():
            return
        require_reachable(self.user, self.config.state_dir, "PostgreSQL")
        give_to(self.config.postgres_dir, self.user)
        run(self._pg("initdb", "-D", str(self.data), "-A", "trust", "-U", self.config.database_user), timeout=120)

    def start(self) -> None:
        self.init()
        give_to(self.config.logs_dir, self.user)
        self.config.logs_dir.chmod(0o755)
        options = f"-p {self.config.postgres_port} -k {self.data} -c listen_addresses={HOST}"
        run(self._pg("pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60", "start"))
        wait_port(self.config.postgres_port, 30, "PostgreSQL")
        self._create_database()

    def _create_database(self) -> None:
        # Created once here, so replicas starting together don't race to create it.
        check = self._pg(
            "psql",
            "-h",
            HOST,
            "-p",
            str(self.config.postgres_port),
            "-U",
            self.config.database_user,
            "-d",
            "postgres",
            "-tAc",
            f"SELECT 1 FROM pg_database WHERE datname = '{self.config.database}'",
        )
        found = subprocess.run(check, capture_output=True, text=True, timeout=30)
        if found.stdout.strip() != "1":
            run(
                self._pg(
                    "createdb",
                    "-h",
                    HOST,
                    "-p",
                    str(self.config.postgres_port),
                    "-U",
                    self.config.database_user,
                    self.config.database,
                )
            )

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            run(self._pg("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop"), timeout=90)

    def restart(self) -> None:
        self.stop()
        self.start()


class Redis:
    """The lock store: nothing persisted (locks live seconds), loopback only."""

    user = "redis"

    def __init__(self, config: ClusterConfig) -> None:
        self.config = config
        self.pidfile = config.redis_dir / "redis.pid"

    def start(self) -> None:
        user = self.user if _user_exists(self.user) else "nobody"
        give_to(self.config.redis_dir, user)
        run(
            [
                *as_user(user),
                "redis-server",
                "--port",
                str(self.config.redis_port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.config.redis_dir),
                "--pidfile",
                str(self.pidfile),
                "--logfile",
                str(self.config.redis_dir / "redis.log"),
                "--protected-mode",
                "yes",
                "--daemonize",
                "yes",
            ]
        )
        wait_port(self.config.redis_port, 15, "Redis")

    def stop(self) -> None:
        pid = read_pid(self.pidfile)
        if pid is not None and process_running(pid):
            os.kill(pid, 15)
            _wait_gone(pid, 15)
        wait_port_closed(self.config.redis_port, 5)

    def restart(self) -> None:
        self.stop()
        self.start()


class Nginx:
    """nginx with a main configuration of our own, so nothing under /etc is touched."""

    user = "www-data"

    def __init__(self, config: ClusterConfig, main_config: Path) -> None:
        self.config = config
        self.main_config = main_config
        self.pidfile = config.nginx_dir / "nginx.pid"

    def command(self, *args: str) -> List[str]:
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        prefix, error_log = str(self.config.nginx_dir), str(self.config.nginx_dir / "error.log")
        # -e: nginx would otherwise try /var/log/nginx/error.log before reading our configuration.
        return [*as_user(self.user), nginx, "-p", prefix, "-e", error_log, "-c", str(self.main_config), *args]

    def test(self) -> None:
        require_reachable(self.user, self.main_config, "nginx")
        run(self.command("-t"))

    def start(self) -> None:
        self.test()
        run(self.command())
        wait_port(self.config.nginx_port, 15, "nginx")

    def stop(self) -> None:
        pid = read_pid(self.pidfile)
        if pid is not None and process_running(pid):
            os.kill(pid, 3)  # SIGQUIT: graceful, finishes requests in flight
            if not _wait_gone(pid, 10):
                os.kill(pid, 15)
                _wait_gone(pid, 5)


def _user_exists(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
        return True
    except KeyError:
        return False


def process_running(pid: int) -> bool:
    """Running (a zombie, exited but not yet reaped by its parent, counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not process_running(pid):
            return True
        time.sleep(0.1)
    return False
