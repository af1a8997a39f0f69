"""`/health`, `/ready` and a quiet `/` on the Rasa server, for a load balancer or process manager.

`/health` (liveness): the server's event loop answers. `/ready` (readiness): the
model is loaded, the action server answers its /health, and the tracker
database can be read and written; 503 with the failing checks otherwise.
`/` says only "ok": Rasa's own answer there names its version.
"""

from __future__ import annotations

import asyncio
import os
from typing import Any, Dict, Optional
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

CHECK_TIMEOUT_S = 2.0


def action_health_url(webhook_url: str) -> str:
    """http://host:port/health for the action server whose webhook is http://host:port/webhook."""
    parts = urlsplit(webhook_url)
    return urlunsplit((parts.scheme, parts.netloc, "/health", "", ""))


def agent_of(app: Sanic) -> Optional[Any]:
    return getattr(app.ctx, "agent", None)


def primary_tracker_store(agent: Any) -> Any:
    """The configured store, unwrapped from Rasa's wrappers if any."""
    store = agent.tracker_store
    while hasattr(store, "_tracker_store"):
        store = store._tracker_store
    return store


async def check_actions(agent: Any) -> str:
    endpoint = getattr(agent, "action_endpoint", None) or None
    url = getattr(endpoint, "url", None) or os.environ.get("ACTION_ENDPOINT_URL", "")
    if not url:
        return "no action endpoint configured"
    try:
        timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT_S)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.get(action_health_url(url)) as reply:
                return "" if reply.status == 200 else f"action server answered {reply.status}"
    except (aiohttp.ClientError, asyncio.TimeoutError) as err:
        return f"action server unreachable: {type(err).__name__}"


async def check_database(agent: Any) -> str:
    store = primary_tracker_store(agent)
    problem = getattr(store, "problem", None)
    if problem is None:
        return ""  # a store without a probe: nothing to check
    loop = asyncio.get_running_loop()
    try:
        return str(await asyncio.wait_for(loop.run_in_executor(None, problem), CHECK_TIMEOUT_S * 2))
    except asyncio.TimeoutError:
        return "database did not answer in time"


async def readiness(app: Sanic) -> Dict[str, str]:
    """Each check's problem ('' when it passes)."""
    agent = agent_of(app)
    if agent is None or not agent.is_ready():
        return {"model": "not loaded yet", "actions": "not checked", "database": "not checked"}
    actions, database = await asyncio.gather(check_actions(agent), check_database(agent))
    return {"model": "", "actions": actions, "database": database}


def add_routes(app: Sanic) -> None:
    @app.middleware("request")
    async def quiet_root(request: Request) -> Optional[HTTPResponse]:
        if request.path == "/" and request.method in ("GET", "HEAD"):
            return response.json({"status": "ok"})
        return None

    @app.get("/health")
    async def health(request: Request) -> HTTPResponse:
        return response.json({"status": "ok"})

    @app.get("/ready")
    async def ready(request: Request) -> HTTPResponse:
        problems = await readiness(request.app)
        failing = {name: problem for name, problem in problems.items() if problem}
        if failing:
            return response.json({"ready": False, "failing": failing}, status=503)
        return response.json({"ready": True})
