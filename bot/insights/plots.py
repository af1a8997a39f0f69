"""The report's charts as PNG data: URIs (no file beside the page, nothing fetched)."""

from __future__ import annotations

import base64
import io
from typing import Any, Dict, List

import matplotlib

matplotlib.use("Agg")  # no display: the report is written by a command or a cron job
import matplotlib.pyplot as plt

OUTCOME_COLOURS = {
    "answered": "#2e7d32",
    "not_covered": "#f9a825",
    "out_of_scope": "#6d4c41",
    "not_understood": "#c62828",
    "error": "#000000",
}


def _png(figure: Any) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def per_day_chart(per_day: List[Dict[str, Any]]) -> str:
    """Conversations and visitor messages per day."""
    days = [d["day"] for d in per_day]
    figure, axis = plt.subplots(figsize=(8, 3))
    positions = range(len(days))
    axis.bar([p - 0.2 for p in positions], [d["conversations"] for d in per_day], 0.4, label="conversations")
    axis.bar([p + 0.2 for p in positions], [d["visitor_messages"] for d in per_day], 0.4, label="visitor messages")
    step = max(1, len(days) // 12)
    axis.set_xticks(list(positions)[::step])
    axis.set_xticklabels(days[::step], rotation=30, ha="right", fontsize=8)
    axis.legend(fontsize=8)
    axis.set_title("Per day (UTC)", fontsize=10)
    return _png(figure)


def outcomes_chart(outcomes: List[Dict[str, Any]]) -> str:
    """How the questions ended, one bar per outcome."""
    shown = [o for o in outcomes if o["question"]]
    figure, axis = plt.subplots(figsize=(8, 2.4))
    axis.barh(
        [o["label"] for o in shown],
        [o["count"] for o in shown],
        color=[OUTCOME_COLOURS.get(o["outcome"], "#607d8b") for o in shown],
    )
    axis.invert_yaxis()
    axis.set_title("How questions ended", fontsize=10)
    return _png(figure)
