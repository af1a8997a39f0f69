"""`python -m bot report | review | purge`: the owner's commands (arguments in bot/cli.py)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Dict

from bot.paths import RESULTS_DIR, TRACKER_DB

DEFAULT_DB = os.environ.get("TRACKER_DB") or str(TRACKER_DB)
DEFAULT_HTML = RESULTS_DIR / "report.html"
EXIT_NOTHING, EXIT_BAD_INPUT = 1, 2


def add_arguments(sub: argparse._SubParsersAction) -> None:
    """The report, review and purge subcommands."""
    db_help = "the tracker database: a SQLite file or a SQLAlchemy URL, e.g. postgresql://user@host:5432/advisor"
    p_report = sub.add_parser("report", help="what visitors asked and how it went, as HTML or JSON")
    p_review = sub.add_parser("review", help="write the not-understood questions as a Rasa NLU YAML draft")
    for parser in (p_report, p_review):
        parser.add_argument("--db", default=DEFAULT_DB, help=db_help + " (default: $TRACKER_DB)")
        parser.add_argument("--since", type=_day, help="first day, YYYY-MM-DD (UTC, included)")
        parser.add_argument("--until", type=_day, help="last day, YYYY-MM-DD (UTC, included)")
    p_report.add_argument("--format", choices=("html", "json"), default="html")
    p_report.add_argument(
        "--out", type=Path, help=f"the file to write (default: {DEFAULT_HTML} for HTML, stdout for JSON)"
    )
    p_review.add_argument("--export", type=Path, required=True, help="the YAML draft to write")
    p_purge = sub.add_parser("purge", help="delete conversations older than DAYS days (events and feedback)")
    p_purge.add_argument("--db", default=DEFAULT_DB, help=db_help + " (default: $TRACKER_DB)")
    p_purge.add_argument("--older-than", type=_days, required=True, metavar="DAYS", help="latest activity before this")
    p_purge.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")


def _day(text: str) -> object:
    from bot.insights.period import parse_day

    try:
        return parse_day(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def _days(text: str) -> float:
    try:
        days = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not days >= 0:
        raise argparse.ArgumentTypeError("the number of days must be 0 or more")
    return days


def report(args: argparse.Namespace) -> int:
    from bot.insights import RENDERERS, Period, build_report, engine_for

    period = Period(args.since, args.until)
    report = build_report(engine_for(args.db), period)
    if not report["totals"]["conversations"]:
        print(f"no conversations in {period.describe()}", file=sys.stderr)
    text = RENDERERS[args.format](report)
    out = args.out or (DEFAULT_HTML if args.format == "html" else None)
    if out is None or str(out) == "-":
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"wrote {out} ({report['totals']['conversations']} conversations, {period.describe()})")
    return 0


def review(args: argparse.Namespace) -> int:
    from bot.insights import Period, drafts, engine_for, known_examples, to_yaml

    period = Period(args.since, args.until)
    found = drafts(engine_for(args.db), period, known_examples())
    args.export.parent.mkdir(parents=True, exist_ok=True)
    args.export.write_text(to_yaml(found, period.describe()), encoding="utf-8")
    print(f"wrote {args.export}: {len(found)} questions to review (correct the intents, then move them to data/nlu/)")
    return 0


def purge(args: argparse.Namespace) -> int:
    from bot.insights import engine_for
    from bot.insights import purge as purge_store

    done = purge_store(engine_for(args.db), args.older_than, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    print(
        f"{verb} {done.conversations} conversations last active more than {args.older_than:g} days ago: "
        f"{done.events} events, {done.feedback} feedback ratings"
    )
    return 0


COMMANDS: Dict[str, Callable[[argparse.Namespace], int]] = {"report": report, "review": review, "purge": purge}


def run(args: argparse.Namespace) -> int:
    """Run an owner's command; a database problem is one clear line, never a traceback."""
    from bot.insights import NoConversationsError, StoreError

    try:
        return COMMANDS[args.command](args)
    except NoConversationsError as err:
        print(err, file=sys.stderr)
        return EXIT_NOTHING
    except (StoreError, ValueError) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_BAD_INPUT
