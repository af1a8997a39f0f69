"""domain.yml's readiness form is checked against the KB's readiness signs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.knowledge.loader import KnowledgeBaseError
from bot.knowledge.model import KnowledgeBase
from bot.nlu.forms import check_readiness_form
from bot.paths import DOMAIN_FILE


def test_the_domain_matches_the_knowledge_base(kb: KnowledgeBase) -> None:
    check_readiness_form(kb, DOMAIN_FILE)


def _edited(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    domain = yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8"))
    edit(domain)
    path = tmp_path / "domain.yml"
    path.write_text(yaml.safe_dump(domain), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "edit,problem",
    [
        (lambda d: d["slots"].pop("readiness_sustainability"), "no slot 'readiness_sustainability'"),
        (lambda d: d["actions"].remove("action_ask_readiness_sustainability"), "is not listed"),
        (lambda d: d["forms"]["readiness_form"]["required_slots"].remove("readiness_sustainability"), "number 4"),
        (lambda d: d["slots"]["readiness_sustainability"]["mappings"].__setitem__(0, {"type": "custom"}), "from_text"),
    ],
)
def test_a_sign_missing_from_the_domain_is_named(kb: KnowledgeBase, tmp_path: Path, edit, problem: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(KnowledgeBaseError) as error:
        check_readiness_form(kb, _edited(tmp_path, edit))
    assert error.value.entry == "sustainability" and problem in str(error.value)


def test_a_slot_for_no_sign_is_named(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = _edited(tmp_path, lambda d: d["forms"]["readiness_form"]["required_slots"].append("readiness_golf"))
    with pytest.raises(KnowledgeBaseError, match="readiness_golf"):
        check_readiness_form(kb, path)
