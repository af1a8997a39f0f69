"""Command line: `python -m bot build | check | serve | shell | report | review | purge`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

from bot.insights import commands as owner
from bot.knowledge.loader import KnowledgeBaseError, load_knowledge_base
from bot.paths import KNOWLEDGE_DIR


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="validate the knowledge base and write generated artefacts")
    p_build.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR)
    p_check = sub.add_parser("check", help="only validate the knowledge base")
    p_check.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR)
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
        load_knowledge_base(args.knowledge)
        print("knowledge base OK")
        return 0
    except KnowledgeBaseError as err:
        print(f"knowledge base error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
