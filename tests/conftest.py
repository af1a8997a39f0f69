"""Shared fixtures: the real knowledge base, the advisor, and running servers."""

from __future__ import annotations

import json
import os
import urllib.request
import uuid
from typing import Any, Callable, Dict, Iterator, List, Tuple

import pytest

from bot.advice import Advisor
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.model import KnowledgeBase
from bot.paths import KNOWLEDGE_DIR, MODEL, PROJECT_ROOT

SHARED = PROJECT_ROOT.parent / "shared"


def server_ports(offset: int = 0) -> Tuple[int, int, int]:
    """(Rasa, action server, demo page) ports for servers a test starts: this run's TEST_RASA_PORT,
    TEST_ACTION_PORT and TEST_DEMO_PORT plus `offset` (each test picks its own, below 50), so two
    runs given different bases never share a port."""
    rasa = int(os.environ.get("TEST_RASA_PORT", "5105"))
    actions = int(os.environ.get("TEST_ACTION_PORT", "5155"))
    demo = int(os.environ.get("TEST_DEMO_PORT", "8180"))
    return rasa + offset, actions + offset, demo + offset


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base(KNOWLEDGE_DIR)


@pytest.fixture(scope="session")
def advisor(kb: KnowledgeBase) -> Advisor:
    return Advisor(kb)


def post_json(url: str, payload: Any, timeout: float = 60) -> Any:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read() or b"null")


class RestClient:
    """Talks to the bot's REST channel as one visitor (one sender id)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sender = f"test-{uuid.uuid4().hex}"

    def send(self, text: str) -> List[Dict[str, Any]]:
        return post_json(self.url, {"sender": self.sender, "message": text})

    def ask(self, text: str) -> str:
        """The reply's text and button titles, as a visitor would read them."""
        parts = []
        for message in self.send(text):
            parts.append(message.get("text", ""))
            parts += [b["title"] for b in message.get("buttons", [])]
        return "\n".join(parts)


@pytest.fixture(scope="session")
def servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The action server and Rasa server, started the way `make run` starts them."""
    if not MODEL.exists():
        pytest.fail(f"{MODEL} is missing: run `make train` (make test does it for you)")
    from bot.serving.processes import BotProcesses, Ports

    os.environ["TRACKER_DB"] = str(tmp_path_factory.mktemp("tracker") / "tracker.db")
    rasa, actions, demo = server_ports()
    ports = Ports(rasa=rasa, actions=actions, demo=demo)
    # No WIDGET_FRAME_ANCESTORS: the default must follow the demo page's port on its own.
    os.environ.pop("WIDGET_FRAME_ANCESTORS", None)
    log_file = tmp_path_factory.mktemp("logs") / "servers.log"
    bot = BotProcesses(ports, MODEL, log_file=log_file).start()
    yield bot
    bot.stop()


@pytest.fixture(scope="session")
def web_servers(servers: Any) -> Any:
    """The servers plus the demo host page on another origin (as `make run` has)."""
    if len(servers.children) < 3:
        servers.start_demo()
    return servers


@pytest.fixture
def client(servers: Any) -> RestClient:
    return RestClient(servers.ports.rest_url)


@pytest.fixture
def new_client(servers: Any) -> Callable[[], RestClient]:
    return lambda: RestClient(servers.ports.rest_url)
