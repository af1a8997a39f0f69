"""A private PostgreSQL for tests that need the cluster's database but not the whole cluster."""

from __future__ import annotations

import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from bot.serving.cluster.config import ClusterConfig
from bot.serving.cluster.services import Postgres, port_open


@contextmanager
def private_postgres(port: int, prefix: str) -> Iterator[ClusterConfig]:
    """Debian's PostgreSQL, started as `make cluster` starts it, on 127.0.0.1:port from a temp folder;
    stopped and its folder removed afterwards."""
    if port_open(port):
        pytest.fail(f"port {port} is taken: this test starts its own PostgreSQL there")
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)  # PostgreSQL runs as the postgres user
    config = ClusterConfig(postgres_port=port, state_dir=folder)
    server = Postgres(config)
    try:
        server.start()
        yield config
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)
    assert not port_open(port)
