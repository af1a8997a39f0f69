"""Check the readiness form in domain.yml against the knowledge base.

Rasa needs one slot, one required-slot entry and one `action_ask_<slot>` per
step of the check (bot/knowledge/slots.py names them): one per readiness sign in
data/knowledge/readiness.yml, then the experience question. domain.yml lists
them; `check_readiness_form` (run by `python -m bot build` and the tests) fails
naming the sign when the two disagree, so the KB stays the single source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import yaml

from bot.knowledge.loader import KnowledgeBaseError
from bot.knowledge.model import KnowledgeBase
from bot.knowledge.slots import EXPERIENCE, RESUMED_SLOT, UNCLEAR_SLOT, slot_for

FORM = "readiness_form"
KB_FILE = "readiness.yml"


def expected_steps(kb: KnowledgeBase) -> List[str]:
    return [s.id for s in kb.readiness_signals] + [EXPERIENCE]


def _problem(step: str, field: str, problem: str) -> KnowledgeBaseError:
    return KnowledgeBaseError(KB_FILE, step, field, f"domain.yml: {problem}")


def check_slot(step: str, slots: Dict[str, Any], actions: List[str]) -> None:
    """One step's slot: from_text while the form asks for it, and an action that asks it."""
    slot = slot_for(step)
    spec = slots.get(slot)
    if not isinstance(spec, dict):
        raise _problem(step, "id", f"no slot '{slot}' for this sign")
    wanted = [{"active_loop": FORM, "requested_slot": slot}]
    if spec.get("mappings") != [{"type": "from_text", "conditions": wanted}]:
        raise _problem(step, "id", f"slot '{slot}' must be mapped from_text while {FORM} requests it")
    if spec.get("influence_conversation", True):
        raise _problem(step, "id", f"slot '{slot}' must not influence the conversation")
    if f"action_ask_{slot}" not in actions:
        raise _problem(step, "id", f"action 'action_ask_{slot}' is not listed")


def check_readiness_form(kb: KnowledgeBase, domain_file: Path) -> None:
    """Raise KnowledgeBaseError naming the first sign whose slot, form entry or ask action is wrong."""
    for signal in kb.readiness_signals:
        if signal.id == EXPERIENCE or slot_for(signal.id) in (UNCLEAR_SLOT, RESUMED_SLOT):
            raise KnowledgeBaseError(KB_FILE, signal.id, "id", "reserved for the check's own slots")
    domain = yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}
    slots, actions = domain.get("slots") or {}, domain.get("actions") or []
    required = ((domain.get("forms") or {}).get(FORM) or {}).get("required_slots") or []
    steps = expected_steps(kb)
    for index, step in enumerate(steps):
        check_slot(step, slots, actions)
        if index >= len(required) or required[index] != slot_for(step):
            raise _problem(step, "id", f"{FORM} must require '{slot_for(step)}' as its slot number {index + 1}")
    for extra in required[len(steps) :]:
        raise KnowledgeBaseError(KB_FILE, extra, "id", f"domain.yml: {FORM} requires '{extra}', which is no sign")
