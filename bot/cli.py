"""Command line: `python -m bot build | check | serve | shell | report | review | purge`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

from bot.insights import commands as owner
from bot.knowledge.articles import SourcesError
from bot.knowledge.grounding import check_grounding
from bot.knowledge.loader import KnowledgeBaseError, collection_files, load_knowledge_base
from bot.knowledge.model import KnowledgeBase
from bot.paths import KNOWLEDGE_DIR


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="validate the knowledge base and write generated artefacts")
    p_build.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR)
    p_check = sub.add_parser("check", help="only validate the knowledge base")
    p_check.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR)
    p_check.add_argument(
        "--sources", type=Path, help="folder of the article texts: also check every figure and name is in its article"
    )
    sub.add_parser("serve", help="run the action server and the Rasa server (REST)")
    sub.add_parser("shell", help="run the action server and talk to the bot in the Rasa shell")
    owner.add_arguments(sub)
    args = parser.parse_args(argv)
    if args.command in owner.COMMANDS:
        return owner.run(args)
    if args.command in ("serve", "shell"):
        from bot.serving.processes import serve

        return serve(shell=args.command == "shell")
    try:
        if args.command == "build":
            from bot.nlu.build import build

            return build(args.knowledge)
        kb = load_knowledge_base(args.knowledge)
        if args.sources is None:
            print("knowledge base OK")
            return 0
        return check_sources(kb, args.knowledge, args.sources)
    except KnowledgeBaseError as err:
        print(f"knowledge base error: {err}", file=sys.stderr)
        return 2
    except SourcesError as err:
        print(f"sources error: {err}", file=sys.stderr)
        return 2


def check_sources(kb: KnowledgeBase, knowledge: Path, sources: Path) -> int:
    """Print every figure or name missing from its cited article (exit 2), or a one-line summary."""
    report = check_grounding(kb, collection_files(knowledge), sources)
    for failure in report.failures:
        print(failure, file=sys.stderr)
    if report.failures:
        print(f"grounding failed: {len(report.failures)} not found; {report.summary()}", file=sys.stderr)
        return 2
    print(f"knowledge base OK and grounded: {report.summary()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
