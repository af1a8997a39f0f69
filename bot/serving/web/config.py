"""Web widget settings, from the environment (no Rasa imports, so tests can use them)."""

from __future__ import annotations

import os
from typing import Dict

from bot.advice.screening import MAX_MESSAGE_CHARS

# Origins allowed to frame the widget (CSP frame-ancestors). The default suits
# local development and the demo host page; set WIDGET_FRAME_ANCESTORS in production.
DEFAULT_FRAME_ANCESTORS = "'self' http://127.0.0.1:8080 http://localhost:8080"


def frame_ancestors() -> str:
    return os.environ.get("WIDGET_FRAME_ANCESTORS", DEFAULT_FRAME_ANCESTORS).strip() or "'none'"


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


MAX_SENDER_CHARS = 64
__all__ = ["MAX_MESSAGE_CHARS", "MAX_SENDER_CHARS", "frame_ancestors", "widget_headers"]
