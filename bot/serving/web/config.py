"""Web widget settings, from the environment (no Rasa imports, so tests can use them)."""

from __future__ import annotations

import os
from typing import Dict

DEFAULT_DEMO_PORT = 8080


def demo_port() -> int:
    """The port of the demo host page (DEMO_PORT), which `bot serve` also passes to the Rasa server."""
    return int(os.environ.get("DEMO_PORT", str(DEFAULT_DEMO_PORT)))


def default_frame_ancestors() -> str:
    """The widget itself and the demo host page on its actual port: suits local development only."""
    port = demo_port()
    return f"'self' http://127.0.0.1:{port} http://localhost:{port}"


def frame_ancestors() -> str:
    """Origins allowed to frame the widget (CSP frame-ancestors); set WIDGET_FRAME_ANCESTORS in production."""
    return os.environ.get("WIDGET_FRAME_ANCESTORS", default_frame_ancestors()).strip() or "'none'"


def widget_headers() -> Dict[str, str]:
    """Headers for the widget page: a strict CSP, so only our own files load."""
    csp = (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; "
        f"base-uri 'none'; form-action 'none'; frame-ancestors {frame_ancestors()}"
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-cache",
    }
