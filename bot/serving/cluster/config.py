"""Where each part of the cluster listens and keeps its files (all on loopback)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import List

from bot.paths import MODEL, VAR_DIR
from bot.serving.supervision import LOOPBACK, BotAddresses

HOST = LOOPBACK
DEFAULT_STATE_DIR = VAR_DIR / "cluster"


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


@dataclass(frozen=True)
class ClusterConfig(BotAddresses):
    replicas: int = field(default_factory=lambda: _env_int("REPLICAS", 2))
    # Replica i listens on rasa_base_port + i, its action server on action_base_port + i.
    rasa_base_port: int = field(default_factory=lambda: _env_int("CLUSTER_RASA_BASE_PORT", 5401))
    action_base_port: int = field(default_factory=lambda: _env_int("CLUSTER_ACTION_BASE_PORT", 5451))
    actions_proxy_port: int = field(default_factory=lambda: _env_int("CLUSTER_ACTIONS_PROXY_PORT", 5450))
    postgres_port: int = field(default_factory=lambda: _env_int("CLUSTER_POSTGRES_PORT", 5532))
    redis_port: int = field(default_factory=lambda: _env_int("CLUSTER_REDIS_PORT", 6479))
    nginx_port: int = field(default_factory=lambda: _env_int("CLUSTER_NGINX_PORT", 8480))
    demo_port: int = field(default_factory=lambda: _env_int("CLUSTER_DEMO_PORT", 8481))
    # Per client IP on the webhooks. Load tests from one address raise it (CLUSTER_RATE_LIMIT).
    rate_limit: str = field(default_factory=lambda: os.environ.get("CLUSTER_RATE_LIMIT", "5r/s"))
    rate_burst: int = field(default_factory=lambda: _env_int("CLUSTER_RATE_BURST", 10))
    state_dir: Path = field(default_factory=lambda: Path(os.environ.get("CLUSTER_DIR", DEFAULT_STATE_DIR)))
    model: Path = MODEL
    database: str = "advisor"
    database_user: str = "postgres"

    @property
    def rasa_ports(self) -> List[int]:
        return [self.rasa_base_port + i for i in range(self.replicas)]

    @property
    def action_ports(self) -> List[int]:
        return [self.action_base_port + i for i in range(self.replicas)]

    @property
    def bot_url(self) -> str:
        return f"http://{HOST}:{self.nginx_port}"

    @property
    def demo_url(self) -> str:
        return f"http://{HOST}:{self.demo_port}/"

    @property
    def frame_ancestors(self) -> str:
        return f"'self' {self.demo_url.rstrip('/')}"

    @property
    def postgres_dir(self) -> Path:
        return self.state_dir / "postgres"

    @property
    def redis_dir(self) -> Path:
        return self.state_dir / "redis"

    @property
    def nginx_dir(self) -> Path:
        return self.state_dir / "nginx"

    @property
    def logs_dir(self) -> Path:
        return self.state_dir / "logs"

    @property
    def state_file(self) -> Path:
        """Which process is which (pids, ports), for operators and the fault tests."""
        return self.state_dir / "cluster.json"
