"""The report's period: whole UTC days, both ends included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Optional, Tuple

DAY_S = 86400.0


def parse_day(text: str) -> date:
    """A YYYY-MM-DD day; ValueError says what was expected."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a day: use YYYY-MM-DD, e.g. 2026-11-27") from None


def day_of(timestamp: float) -> str:
    """The UTC day of a unix timestamp, as YYYY-MM-DD."""
    return datetime.fromtimestamp(timestamp, timezone.utc).date().isoformat()


def _start_of(day: date) -> float:
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc).timestamp()


@dataclass(frozen=True)
class Period:
    since: Optional[date] = None
    until: Optional[date] = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"--since {self.since} is after --until {self.until}")

    def bounds(self) -> Tuple[Optional[float], Optional[float]]:
        """[start, end) in unix seconds; None where the period is open."""
        start = _start_of(self.since) if self.since else None
        end = _start_of(self.until + timedelta(days=1)) if self.until else None
        return start, end

    def contains(self, timestamp: float) -> bool:
        start, end = self.bounds()
        return (start is None or timestamp >= start) and (end is None or timestamp < end)

    def describe(self) -> str:
        if not self.since and not self.until:
            return "all stored conversations"
        return f"{self.since or 'the first day'} to {self.until or 'today'} (UTC, both days included)"
