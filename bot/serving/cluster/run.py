"""The cluster: start its parts in order, watch the Python servers, stop it all."""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot.paths import DEPLOY_DIR
from bot.serving.cluster.children import Child, stop_children
from bot.serving.cluster.config import HOST, ClusterConfig
from bot.serving.cluster.nginx_site import HEADERS_FILE, SiteSettings, render_site
from bot.serving.cluster.services import Nginx, Postgres, Redis, ServiceError, process_running
from bot.serving.supervision import ExitedError, server_env, wait_http
from bot.serving.web.demo_server import PAGE as DEMO_PAGE

ENDPOINTS = DEPLOY_DIR / "endpoints.cluster.yml"
START_TIMEOUT_S = 240
# How long a conversation's lock lasts (Rasa's default is 60 s). A replica killed mid-turn never
# gives its lock back, so its visitors wait this long; a turn takes under a second and the widget
# gives up after 30 s, so 20 s is ample for a live turn (tests/cluster: kill -9 under load).
LOCK_LIFETIME_S = 20  # replicas load the model side by side on a shared 2-core machine


class ClusterAlreadyRunningError(RuntimeError):
    pass


def install_stop_signals() -> None:
    """The first SIGTERM/SIGINT/SIGHUP interrupts; `Cluster.stop` then ignores the rest."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, interrupt)


def ignore_stop_signals() -> None:
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, signal.SIG_IGN)


def say(text: str) -> None:
    print(f"[cluster {time.strftime('%H:%M:%S')}] {text}", flush=True)


class Cluster:
    def __init__(self, config: ClusterConfig) -> None:
        self.config = config
        self.postgres = Postgres(config)
        self.redis = Redis(config)
        self.nginx = Nginx(config, config.nginx_dir / "nginx.conf")
        self.actions: List[Child] = []
        self.replicas: List[Child] = []
        self.started: List[str] = []  # services in start order, stopped in reverse
        self.stopped = False

    # --- start ---------------------------------------------------------------------------------

    def start(self) -> None:
        if not self.config.model.exists():
            raise ServiceError(f"{self.config.model} is missing: run `make train`")
        self.config.state_dir.mkdir(parents=True, exist_ok=True)
        self.config.state_dir.chmod(0o755)  # the service users traverse it to their own folders
        self._refuse_or_clean_up_previous_run()
        self.config.logs_dir.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        say(f"PostgreSQL on {HOST}:{self.config.postgres_port}, Redis on {HOST}:{self.config.redis_port}")
        self.started.append("postgres")
        self.postgres.start()
        self.started.append("redis")
        self.redis.start()
        self.actions = [self._action_child(i) for i in range(self.config.replicas)]
        self.replicas = [self._replica_child(i) for i in range(self.config.replicas)]
        say(f"{self.config.replicas} action servers and {self.config.replicas} Rasa replicas (loading the model) ...")
        for child in self.actions + self.replicas:
            child.spawn()
        self._write_nginx_config()
        self.started.append("nginx")
        self.nginx.start()
        self.write_state()
        for child in self.actions:
            self._wait_ready(child, f"http://{HOST}:{child.port}/health")
        for child in self.replicas:
            self._wait_ready(child, f"http://{HOST}:{child.port}/")
        say(f"ready in {time.monotonic() - started:.0f} s")

    def _refuse_or_clean_up_previous_run(self) -> None:
        """A cluster killed with SIGKILL leaves its daemons: stop them before starting again."""
        state = read_state(self.config)
        if not state:
            return
        pid = int(state.get("pid", 0))
        if pid and pid != os.getpid() and process_running(pid):
            raise ClusterAlreadyRunningError(f"A cluster is already running (pid {pid}); stop it first.")
        say("cleaning up after a previous run that did not stop")
        for entry in state.get("children", []):
            child_pid = int(entry.get("pid") or 0)
            if child_pid and _is_ours(child_pid):
                try:
                    os.killpg(child_pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        self.nginx.stop()
        self.redis.stop()
        self.postgres.stop()
        self.config.state_file.unlink(missing_ok=True)

    def _base_env(self) -> Dict[str, str]:
        return server_env(HOST)  # HANDOFF_URL among it: the contact for a person (deploy/advisor.env)

    def _action_child(self, index: int) -> Child:
        port = self.config.action_ports[index]
        return Child(
            name=f"action server {index + 1}",
            port=port,
            args=["-m", "rasa_sdk", "--actions", "actions", "-p", str(port), "--quiet"],
            env=self._base_env(),
            log_path=self.config.logs_dir / f"actions-{index + 1}.log",
        )

    def _replica_child(self, index: int) -> Child:
        port = self.config.rasa_ports[index]
        env = self._base_env()
        env.update(replica_env(self.config))
        return Child(
            name=f"replica {index + 1}",
            port=port,
            args=[
                "-m",
                "bot.serving.cluster.rasa_entry",
                "run",
                "-m",
                str(self.config.model),
                "--endpoints",
                str(ENDPOINTS),
                "--credentials",
                "credentials.yml",
                "-i",
                HOST,
                "-p",
                str(port),
            ],
            env=env,
            log_path=self.config.logs_dir / f"replica-{index + 1}.log",
        )

    def _write_nginx_config(self) -> None:
        nginx_dir = self.config.nginx_dir
        www = self.config.state_dir / "www"
        www.mkdir(parents=True, exist_ok=True)
        # The demo host page: another origin (the demo port) embedding the bot through nginx.
        page = DEMO_PAGE.read_text(encoding="utf-8").replace("{{BOT_URL}}", self.config.bot_url)
        (www / "index.html").write_text(page, encoding="utf-8")
        nginx_dir.mkdir(parents=True, exist_ok=True)
        # A copy next to the site, so nginx's user needs to reach var/cluster/ only, not deploy/.
        headers = nginx_dir / HEADERS_FILE.name
        shutil.copyfile(HEADERS_FILE, headers)
        site = render_site(
            SiteSettings(
                listen=f"{HOST}:{self.config.nginx_port}",
                server_name="127.0.0.1 localhost",
                rasa_ports=self.config.rasa_ports,
                action_ports=self.config.action_ports,
                actions_listen=f"{HOST}:{self.config.actions_proxy_port}",
                frame_ancestors=self.config.frame_ancestors,
                headers_file=headers,
                rate_limit=self.config.rate_limit,
                rate_burst=self.config.rate_burst,
            )
        )
        (nginx_dir / "advisor.conf").write_text(site, encoding="utf-8")
        (nginx_dir / "nginx.conf").write_text(main_nginx_config(self.config, www), encoding="utf-8")
        for sub in ("tmp", "logs"):
            (nginx_dir / sub).mkdir(exist_ok=True)
        if os.geteuid() == 0:  # nginx runs as its own user and writes its pid, log and temp files here
            for path in [nginx_dir, *nginx_dir.iterdir()]:
                shutil.chown(path, user=Nginx.user, group=Nginx.user)

    def _wait_ready(self, child: Child, url: str) -> None:
        assert child.proc is not None
        try:
            wait_http(url, START_TIMEOUT_S, child.proc, step=0.5)
        except ExitedError:
            raise ServiceError(f"{child.name} exited during start-up: see {child.log_path}") from None
        except TimeoutError:
            raise ServiceError(
                f"{child.name} did not answer on {url} within {START_TIMEOUT_S} s: see {child.log_path}"
            ) from None

    # --- run -----------------------------------------------------------------------------------

    def print_addresses(self) -> None:
        c = self.config
        print(
            f"\nThe career advisor cluster is ready: {c.replicas} replicas behind nginx.\n"
            f"  Demo host page (through nginx, another origin): {c.demo_url}\n"
            f"  Chat widget: {c.widget_url}\n"
            f"  REST channel: POST {c.rest_url}\n"
            f"  Replicas: {', '.join(f'{HOST}:{p}' for p in c.rasa_ports)}; "
            f"action servers: {', '.join(f'{HOST}:{p}' for p in c.action_ports)} (via {HOST}:{c.actions_proxy_port})\n"
            f"  PostgreSQL {HOST}:{c.postgres_port} (database {c.database}), Redis {HOST}:{c.redis_port}\n"
            f"  Logs: {c.logs_dir}/; state: {c.state_file}\n"
            "Press Ctrl-C to stop everything.",
            flush=True,
        )

    def supervise(self) -> None:
        while True:
            changed = False
            for child in self.actions + self.replicas:
                changed |= child.check(say, self.stopped)
            if changed:
                self.write_state()
            time.sleep(0.5)

    def write_state(self) -> None:
        state: Dict[str, Any] = {
            "pid": os.getpid(),
            "bot_url": self.config.bot_url,
            "demo_url": self.config.demo_url,
            "postgres_port": self.config.postgres_port,
            "redis_port": self.config.redis_port,
            "database": self.config.database,
            "children": [
                {"name": c.name, "kind": kind, "port": c.port, "pid": c.pid, "restarts": c.restarts}
                for kind, group in (("actions", self.actions), ("replica", self.replicas))
                for c in group
            ],
        }
        tmp = self.config.state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
        tmp.replace(self.config.state_file)

    # --- stop ----------------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop everything started, in reverse order; later signals are ignored meanwhile."""
        if self.stopped:
            return
        self.stopped = True
        ignore_stop_signals()
        steps = [
            ("nginx", self.nginx.stop),
            ("servers", lambda: stop_children(self.replicas + self.actions)),
            ("redis", self.redis.stop),
            ("postgres", self.postgres.stop),
        ]
        for name, step in steps:
            if name != "servers" and name not in self.started:
                continue
            try:
                step()
            except Exception as err:  # keep stopping the rest
                say(f"stopping {name} failed: {err}")
        self.config.state_file.unlink(missing_ok=True)
        say("stopped")


def replica_env(config: ClusterConfig) -> Dict[str, str]:
    """What deploy/endpoints.cluster.yml reads (deploy/advisor.env on a server)."""
    return {
        "ACTION_ENDPOINT_URL": f"http://{HOST}:{config.actions_proxy_port}/webhook",
        "TRACKER_DB_HOST": HOST,
        "TRACKER_DB_PORT": str(config.postgres_port),
        "TRACKER_DB_NAME": config.database,
        "TRACKER_DB_USER": config.database_user,
        "TRACKER_DB_PASSWORD": "",
        "LOCK_STORE_HOST": HOST,
        "LOCK_STORE_PORT": str(config.redis_port),
        "WIDGET_FRAME_ANCESTORS": config.frame_ancestors,
        "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_S),
    }


def main_nginx_config(config: ClusterConfig, www: Path) -> str:
    """nginx's main file for the cluster: our pid, logs and temp files; the site; the demo page."""
    tmp = config.nginx_dir / "tmp"
    return f"""# Written by bot/serving/cluster/run.py for `make cluster`; the site itself is advisor.conf.
worker_processes 1;
pid {config.nginx_dir / "nginx.pid"};
error_log {config.nginx_dir / "error.log"} warn;
events {{
    worker_connections 1024;
}}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    server_tokens off;
    keepalive_timeout 30s;

    include {config.nginx_dir / "advisor.conf"};

    # The demo host page, on its own origin: a site embedding the bot with one script tag.
    server {{
        listen {HOST}:{config.demo_port};
        server_name localhost;
        access_log off;
        root {www};
        location = / {{
            try_files /index.html =404;
        }}
        location / {{
            return 404;
        }}
    }}
}}
"""


def read_state(config: ClusterConfig) -> Optional[Dict[str, Any]]:
    try:
        data = json.loads(config.state_file.read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else None
    except (OSError, ValueError):
        return None


def _is_ours(pid: int) -> bool:
    """Only kill a leftover pid that is still one of our servers (pids get reused)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return False
    return "bot.serving.cluster" in cmdline or "rasa_sdk" in cmdline
