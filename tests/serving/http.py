"""Raw HTTP for the serving tests: any body, any content type, the status and JSON back (no raising)."""

from __future__ import annotations

import http.client
import json
from typing import Any, Dict, Optional, Tuple
from urllib.parse import urlsplit


def post_raw(
    url: str, body: bytes, content_type: Optional[str] = "application/json", timeout: float = 60
) -> Tuple[int, Any]:
    """(status, parsed JSON body or the raw text) for one POST; status 0 if the server closed the connection."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    headers: Dict[str, str] = {"Content-Type": content_type} if content_type is not None else {}
    try:
        connection.request("POST", parts.path, body=body, headers=headers)
        reply = connection.getresponse()
        data = reply.read()
    except (ConnectionResetError, BrokenPipeError):
        return 0, None
    finally:
        connection.close()
    try:
        return reply.status, json.loads(data or b"null")
    except ValueError:
        return reply.status, data.decode("utf-8", "replace")


def get(url: str, timeout: float = 10) -> Tuple[int, str, Dict[str, str]]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request("GET", parts.path)
        reply = connection.getresponse()
        return reply.status, reply.read().decode("utf-8", "replace"), dict(reply.getheaders())
    finally:
        connection.close()


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for {pid}")
