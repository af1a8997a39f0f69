"""The site owner's loop: a report over the stored conversations, the NLU inbox, and retention."""

from bot.insights.period import Period, parse_day
from bot.insights.purge import Purged, purge
from bot.insights.render import RENDERERS, render_html, render_json
from bot.insights.report import build_report
from bot.insights.review import drafts, known_examples, to_yaml
from bot.insights.store import NoConversationsError, StoreError, engine_for

__all__ = [
    "RENDERERS",
    "NoConversationsError",
    "Period",
    "Purged",
    "StoreError",
    "build_report",
    "drafts",
    "engine_for",
    "known_examples",
    "parse_day",
    "purge",
    "render_html",
    "render_json",
    "to_yaml",
]
