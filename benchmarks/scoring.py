"""Scoring a reply against a case of the held-out sets: shared by `make eval` and the fresh sets.

A case passes when its reply holds one alternative of every `expect` group, none of its `forbid`
strings, is not empty, and (with `decline: true`) says one of the set's decline markers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

import yaml

from bot.paths import PROJECT_ROOT

REALISTIC = PROJECT_ROOT / "tests" / "eval" / "realistic.yml"
# The category of the realistic set whose `forbid` strings are facts about the visitor nobody gave.
VISITOR_FACTS = "visitor_facts"


def holds(case: Dict[str, Any], reply: str) -> bool:
    low = reply.lower()
    return all(any(alt.lower() in low for alt in group) for group in case.get("expect", [])) and not any(
        bad.lower() in low for bad in case.get("forbid", [])
    )


def load_realistic(path: Path = REALISTIC) -> Tuple[List[Dict[str, Any]], List[str]]:
    """The realistic cases and the decline markers the set defines."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["cases"], [m.lower() for m in data["defaults"]["decline_markers"]]


def says_decline(reply: str, markers: List[str]) -> bool:
    low = reply.lower()
    return any(m in low for m in markers)


def passes(case: Dict[str, Any], reply: str, markers: List[str]) -> bool:
    """Every expect group held, nothing forbidden, a decline where one is due, and not silent."""
    if not reply.strip() or not holds(case, reply):
        return False
    return says_decline(reply, markers) if case.get("decline") else True


def why_not(case: Dict[str, Any], reply: str, markers: List[str]) -> List[str]:
    """Why a reply fails its case: the expect groups missing, the forbidden strings said, no decline."""
    low = reply.lower()
    why = [
        f"missing one of {group[:3]}" for group in case.get("expect", []) if not any(a.lower() in low for a in group)
    ]
    why += [f"said {bad!r}" for bad in case.get("forbid", []) if bad.lower() in low]
    if case.get("decline") and not says_decline(reply, markers):
        why.append("no decline marker")
    return why or ([] if reply.strip() else ["empty reply"])


def invents_fact(case: Dict[str, Any], reply: str) -> bool:
    """A visitor-facts reply that states something about the visitor they did not give."""
    low = reply.lower()
    return case["category"] == VISITOR_FACTS and any(bad.lower() in low for bad in case.get("forbid", []))


def score_realistic(
    answer: Callable[[List[str]], str], cases: List[Dict[str, Any]], markers: List[str]
) -> Dict[str, Any]:
    """Correctness on answerable cases, recall on `decline: true` ones, invented facts; each per category."""
    per: Dict[str, List[int]] = {}
    answerable, declinable, invented, failures = [0, 0], [0, 0], 0, []
    for case in cases:
        reply = answer(case["turns"])
        ok = passes(case, reply, markers)
        tally = declinable if case.get("decline") else answerable
        tally[0] += ok
        tally[1] += 1
        cell = per.setdefault(case["category"], [0, 0])
        cell[0] += ok
        cell[1] += 1
        invented += invents_fact(case, reply)
        if not ok:
            failures.append(
                {
                    "id": case["id"],
                    "category": case["category"],
                    "turns": case["turns"],
                    "why": why_not(case, reply, markers),
                    "reply": reply[:400],
                }
            )
    return {
        "realistic_correctness": answerable[0] / max(1, answerable[1]),
        "realistic_oos_recall": declinable[0] / max(1, declinable[1]),
        "invented_facts": invented,
        "realistic_by_category": {c: {"passed": p, "total": n, "rate": p / n} for c, (p, n) in sorted(per.items())},
        "realistic_failures": failures,
    }


def rasa_answerer(model: Path) -> Callable[[List[str]], str]:
    from tests.harness import LocalConversation, nlu_parser

    parse = nlu_parser(str(model))

    def answer(turns: List[str]) -> str:
        conversation = LocalConversation(parse)
        reply = ""
        for turn in turns:
            reply = conversation.reply(turn)
        return reply

    return answer
