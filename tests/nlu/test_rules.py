"""The intent rules come from the build, and the build checks the KB against domain.yml."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.knowledge.loader import KnowledgeBaseError
from bot.knowledge.model import KnowledgeBase
from bot.nlu.rules import ANSWER_ACTION, FALLBACK_INTENT, check_topic_intents, write_rules
from bot.paths import DOMAIN_FILE, GENERATED_RULES, PROJECT_ROOT

FORM_INTENT = "check_readiness"  # starts the readiness form: its rule is hand-written


def test_every_intent_but_the_forms_is_answered_by_a_generated_rule(tmp_path: Path) -> None:
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    for hand_written in (PROJECT_ROOT / "data" / "rules").glob("*.yml"):
        if hand_written.name != GENERATED_RULES.name:
            (rules_dir / hand_written.name).write_text(hand_written.read_text())
    answered = write_rules(DOMAIN_FILE, rules_dir / GENERATED_RULES.name)
    intents = yaml.safe_load(DOMAIN_FILE.read_text())["intents"]
    assert set(answered) == (set(intents) - {FORM_INTENT}) | {FALLBACK_INTENT}
    rules = yaml.safe_load((rules_dir / GENERATED_RULES.name).read_text())["rules"]
    assert all(r["steps"][1] == {"action": ANSWER_ACTION} for r in rules)


def test_the_committed_build_output_matches_the_domain() -> None:
    """What `make train` used: data/rules/generated.yml answers exactly the domain's intents."""
    if not GENERATED_RULES.exists():
        pytest.fail("run `python -m bot build` (make test does it)")
    intents = yaml.safe_load(DOMAIN_FILE.read_text())["intents"]
    rules = yaml.safe_load(GENERATED_RULES.read_text())["rules"]
    assert {r["steps"][0]["intent"] for r in rules} == (set(intents) - {FORM_INTENT}) | {FALLBACK_INTENT}


def test_a_topic_whose_intent_the_domain_lacks_is_named(kb: KnowledgeBase) -> None:
    intents = [i for i in yaml.safe_load(DOMAIN_FILE.read_text())["intents"] if i != "ask_sectors"]
    with pytest.raises(KnowledgeBaseError) as info:
        check_topic_intents(kb, intents)
    assert (
        str(info.value) == "topics.yml: entry 'sectors': field 'intent': 'ask_sectors' is not an intent in domain.yml"
    )
