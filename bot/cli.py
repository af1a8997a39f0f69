"""Command line: `python -m bot build | check | serve | shell`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import FrozenSet, List, Optional, Tuple

from bot import COMPILED_KB, DOMAIN_WORDS, GENERATED_NLU, KNOWLEDGE_DIR, KNOWN_WORDS, SPACY_MODEL_DIR, STOP_WORDS_FILE
from bot.kb.loader import KnowledgeBaseError, load_knowledge_base, write_compiled
from bot.kb.model import KnowledgeBase


def build(knowledge_dir: Path, quiet: bool = False) -> int:
    """Validate the KB, then write every artefact generated from it."""
    from bot.generate import write_generated_nlu
    from bot.inputs import save_words
    from bot.nlp import save_pipeline
    from spacy.lang.en.stop_words import STOP_WORDS

    kb = load_knowledge_base(knowledge_dir)
    write_compiled(kb, COMPILED_KB)
    save_pipeline(kb, SPACY_MODEL_DIR)
    write_generated_nlu(kb, GENERATED_NLU)
    examples = training_examples()
    save_words(vocabulary(kb, examples), KNOWN_WORDS)
    save_words(frozenset(STOP_WORDS), STOP_WORDS_FILE)  # read by the action server without spaCy
    save_words(domain_vocabulary(kb, examples), DOMAIN_WORDS)
    if not quiet:
        count = sum(1 for _ in kb.entries())
        print(f"knowledge base OK: {count} entries from {knowledge_dir}")
        print(f"wrote {COMPILED_KB}, {SPACY_MODEL_DIR}, {GENERATED_NLU}")
    return 0


# Intents whose examples are not about the subject (their words don't make a message on topic).
NOT_DOMAIN_INTENTS = frozenset({"out_of_scope", "greet", "goodbye", "thank", "bot_identity", "help", "stop"})


def training_examples() -> List[Tuple[Optional[str], str]]:
    """(intent, examples) of every NLU block in data/nlu/, generated.yml included; intent is None for synonyms."""
    import yaml

    return [(block.get("intent"), str(block.get("examples", "")))
            for path in sorted(GENERATED_NLU.parent.glob("*.yml"))
            for block in yaml.safe_load(path.read_text()).get("nlu", [])]


def vocabulary(kb: KnowledgeBase, examples: List[Tuple[Optional[str], str]]) -> FrozenSet[str]:
    """Words of the NLU training data and the KB: what the bot can be said to know."""
    from bot.inputs import known_words
    from bot.kb.model import strings_in

    return known_words(list(strings_in(kb.to_dict())) + [text for _, text in examples])


def domain_vocabulary(kb: KnowledgeBase, examples: List[Tuple[Optional[str], str]]) -> FrozenSet[str]:
    """Content words of the KB and of the on-topic training examples: what an on-topic question touches."""
    from bot.inputs import content_words
    from bot.kb.model import strings_in

    texts = list(strings_in(kb.to_dict()))
    texts += [text for intent, text in examples if intent and intent not in NOT_DOMAIN_INTENTS]
    return frozenset(w for t in texts for w in content_words(t))


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="validate the knowledge base and write generated artefacts")
    p_build.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR)
    p_check = sub.add_parser("check", help="only validate the knowledge base")
    p_check.add_argument("--knowledge", type=Path, default=KNOWLEDGE_DIR)
    sub.add_parser("serve", help="run the action server and the Rasa server (REST)")
    sub.add_parser("shell", help="run the action server and talk to the bot in the Rasa shell")
    args = parser.parse_args(argv)
    if args.command in ("serve", "shell"):
        from bot.serve import serve

        return serve(shell=args.command == "shell")
    try:
        if args.command == "build":
            return build(args.knowledge)
        load_knowledge_base(args.knowledge)
        print("knowledge base OK")
        return 0
    except KnowledgeBaseError as err:
        print(f"knowledge base error: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
