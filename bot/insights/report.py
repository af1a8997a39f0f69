"""The owner's report as plain data: what `render_html` and `render_json` show.

Nothing here identifies a visitor: conversation ids are only used to count
conversations, and are never put in the report.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Dict, List

import sqlalchemy as sa

from bot.insights import store
from bot.insights.grouping import Asked, group_questions
from bot.insights.period import Period, day_of
from bot.insights.turns import LABELS, QUESTION_OUTCOMES, UNANSWERED, Conversation, Outcome, Turn, read_conversation

TOP_TOPICS = 15
TOP_UNANSWERED = 30
NOT_TOPICS = frozenset({"out_of_scope", "nlu_fallback"})  # not a topic the bot covers


@dataclass
class Tally:
    """Counts gathered over the conversations, before they are shaped into the report."""

    per_day: Dict[str, Dict[str, Any]] = field(default_factory=lambda: defaultdict(_day))
    outcomes: Counter = field(default_factory=Counter)
    topics: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    unanswered: List[Asked] = field(default_factory=list)
    by_message: Dict[str, Turn] = field(default_factory=dict)
    checks: Counter = field(default_factory=Counter)
    verdicts: Counter = field(default_factory=Counter)
    conversations: int = 0


def _day() -> Dict[str, Any]:
    return {"senders": set(), "visitor_messages": 0, "bot_messages": 0}


def add_conversation(tally: Tally, sender: str, conversation: Conversation, period: Period) -> None:
    turns = [t for t in conversation.turns if period.contains(t.timestamp)]
    if turns:
        tally.conversations += 1
    for turn in turns:
        day = tally.per_day[day_of(turn.timestamp)]
        day["senders"].add(sender)
        day["visitor_messages"] += 1
        outcome = turn.outcome
        tally.outcomes[outcome] += 1
        if turn.message_id:
            tally.by_message[turn.message_id] = turn
        if outcome in QUESTION_OUTCOMES and turn.intent not in NOT_TOPICS:
            tally.topics[turn.intent][outcome] += 1
        if outcome in UNANSWERED and not turn.is_button:
            tally.unanswered.append(Asked(turn.text, turn.entities, outcome.value))
    for timestamp in conversation.bot_messages:
        if period.contains(timestamp):
            tally.per_day[day_of(timestamp)]["bot_messages"] += 1
    tally.checks["started"] += sum(1 for t in conversation.checks_started if period.contains(t))
    for timestamp, result in conversation.check_outcomes:
        if period.contains(timestamp):
            tally.checks["finished" if result.get("finished") else "stopped"] += 1
            tally.verdicts[str(result.get("verdict"))] += 1


def build_report(engine: sa.engine.Engine, period: Period) -> Dict[str, Any]:
    """The report over the conversations in `period` (JSON-ready: str keys, lists, numbers)."""
    tally = Tally()
    for sender, events in store.conversations(engine, period):
        add_conversation(tally, sender, read_conversation(events), period)
    return shape(tally, store.feedback(engine, period), period)


def shape(tally: Tally, ratings: Dict[str, store.Feedback], period: Period) -> Dict[str, Any]:
    days = sorted(tally.per_day)
    per_day = [
        {
            "day": d,
            "conversations": len(tally.per_day[d]["senders"]),
            "visitor_messages": tally.per_day[d]["visitor_messages"],
            "bot_messages": tally.per_day[d]["bot_messages"],
        }
        for d in days
    ]
    questions = sum(tally.outcomes[o] for o in QUESTION_OUTCOMES)
    topics = sorted(tally.topics.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:TOP_TOPICS]
    groups = group_questions(tally.unanswered)[:TOP_UNANSWERED]
    return {
        "title": "Career advisor: what visitors ask",
        "period": {"since": _iso(period.since), "until": _iso(period.until), "described": period.describe()},
        "generated_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "totals": {
            "conversations": tally.conversations,
            "visitor_messages": sum(d["visitor_messages"] for d in per_day),
            "bot_messages": sum(d["bot_messages"] for d in per_day),
            "questions": questions,
        },
        "per_day": per_day,
        "outcomes": [
            {"outcome": o.value, "label": LABELS[o], "count": tally.outcomes[o], "question": o in QUESTION_OUTCOMES}
            for o in Outcome
            if o in QUESTION_OUTCOMES or tally.outcomes[o]
        ],
        "topics": [
            {
                "intent": intent,
                "topic": intent.removeprefix("ask_").replace("_", " "),
                "questions": sum(counts.values()),
                "answered": counts[Outcome.ANSWERED],
            }
            for intent, counts in topics
        ],
        "unanswered": [
            {
                "count": g.count,
                "example": g.example,
                "wordings": len(g.wordings),
                "outcomes": {LABELS[Outcome(o)]: n for o, n in g.outcomes.most_common()},
            }
            for g in groups
        ],
        "helpfulness": helpfulness(tally.by_message, ratings),
        "readiness": {
            "started": tally.checks["started"],
            "finished": tally.checks["finished"],
            "stopped": tally.checks["stopped"],
            "left": max(tally.checks["started"] - tally.checks["finished"], 0),
            "verdicts": dict(tally.verdicts.most_common()),
        },
    }


def helpfulness(by_message: Dict[str, Turn], ratings: Dict[str, store.Feedback]) -> Dict[str, Any]:
    """Ratings of the answers given in the period, and the 'not helpful' ones with their question and comment."""
    rated = [(by_message[m], r) for m, r in ratings.items() if m in by_message]
    counts = Counter(r.rating for _, r in rated)
    unhelpful = sorted((pair for pair in rated if pair[1].rating == "not_helpful"), key=lambda p: -p[1].timestamp)
    rows = [
        {
            "day": day_of(rating.timestamp),
            "question": turn.text,
            "answer": turn.reply,
            "outcome": LABELS[turn.outcome],
            "comment": rating.comment or "",
        }
        for turn, rating in unhelpful
    ]
    total = counts["helpful"] + counts["not_helpful"]
    return {
        "helpful": counts["helpful"],
        "not_helpful": counts["not_helpful"],
        "helpful_share": round(counts["helpful"] / total, 3) if total else None,
        "not_helpful_answers": rows,
    }


def _iso(day: Any) -> Any:
    return day.isoformat() if day else None
