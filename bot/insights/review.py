"""The NLU inbox: questions NLU did not understand or was unsure of, as a Rasa NLU YAML draft.

Each question is its own entry under the intent the model guessed, with the guess, its
confidence and how the question ended as a comment. A maintainer corrects the intents,
deletes what should not be learnt, and moves the rest into data/nlu/; nothing is trained here.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List

import sqlalchemy as sa
import yaml

from bot.insights import store
from bot.insights.period import Period
from bot.insights.turns import Outcome, Turn, read_conversation
from bot.knowledge.text import normalise
from bot.paths import NLU_DIR

LOW_CONFIDENCE = 0.6  # below this, NLU's guess is worth a maintainer's look even if the bot answered
_ANNOTATION = re.compile(r"[\[\]{}]")  # Rasa reads [text](entity) and {...} inside examples as annotations


@dataclass
class Draft:
    text: str
    guess: str
    confidence: float
    outcome: str
    count: int = 1


def needs_review(turn: Turn) -> bool:
    """Typed by the visitor (not a button or a readiness reply) and not understood, or understood unsurely."""
    if turn.is_button or (turn.in_form and not turn.aside) or not turn.replied:
        return False
    return turn.outcome == Outcome.NOT_UNDERSTOOD or turn.confidence < LOW_CONFIDENCE


def known_examples(nlu_dir: Path = NLU_DIR) -> set[str]:
    """The training examples already in data/nlu/, normalised."""
    known = set()
    for path in sorted(nlu_dir.glob("*.yml")):
        for entry in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            for line in str(entry.get("examples") or "").splitlines():
                known.add(normalise(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line.strip().removeprefix("- "))))
    return known


def drafts(engine: sa.engine.Engine, period: Period, known: Iterable[str] = ()) -> List[Draft]:
    """One draft per distinct wording, most asked first; wordings already in the training data are left out."""
    skip = set(known)
    found: Dict[str, Draft] = {}
    for _sender, events in store.conversations(engine, period):
        for turn in read_conversation(events).turns:
            if not period.contains(turn.timestamp) or not needs_review(turn):
                continue
            text = clean(turn.text)
            key = normalise(text)
            if not key or key in skip:
                continue
            if key in found:
                found[key].count += 1
            else:
                found[key] = Draft(text, turn.guess, turn.confidence, turn.outcome.value)
    return sorted(found.values(), key=lambda d: (-d.count, d.guess, d.text))


def clean(text: str) -> str:
    """One printable line that Rasa reads as plain text."""
    text = "".join(c if c.isprintable() else " " for c in text)
    return " ".join(_ANNOTATION.sub(" ", text).split())


def to_yaml(found: List[Draft], described: str) -> str:
    """The draft file: valid Rasa NLU YAML, each example under the model's guess with a comment."""
    lines = [
        "# NLU inbox from `python -m bot review`: " + described + ".",
        "# Each example sits under the intent the model GUESSED. Correct the intent, delete what the bot",
        "# should not learn, then move the entries into data/nlu/ and run `make build` and `make test`.",
        'version: "3.1"',
        "nlu:" if found else "nlu: []",
    ]
    tally = Counter(d.guess for d in found)
    for draft in found:
        asked = f"asked {draft.count}x" if draft.count > 1 else "asked once"
        lines += [
            f"- intent: {draft.guess}  # guessed by the model ({draft.confidence:.2f}); {draft.outcome}; {asked}",
            "  examples: |",
            f"    - {draft.text}",
        ]
    if found:
        lines.append("# guesses: " + ", ".join(f"{intent} {n}" for intent, n in tally.most_common()))
    return "\n".join(lines) + "\n"
