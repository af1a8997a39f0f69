"""Every intent reaches a handler, and a new plain topic needs no Python."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.advice import Advisor, AnswerKind, Question
from bot.advice.handlers.chitchat import answer_out_of_scope
from bot.advice.handlers.topics import answer_topic
from bot.advice.registry import HANDLERS, OUT_OF_SCOPE, handler_for, knowledge_intents
from bot.knowledge.loader import load_knowledge_base
from bot.knowledge.model import KnowledgeBase
from bot.paths import DOMAIN_FILE, KNOWLEDGE_DIR

DOMAIN_INTENTS = yaml.safe_load(DOMAIN_FILE.read_text())["intents"]


@pytest.mark.parametrize("intent", DOMAIN_INTENTS)
def test_every_domain_intent_has_a_handler(kb: KnowledgeBase, intent: str) -> None:
    handler = handler_for(intent, kb)
    assert (handler is answer_out_of_scope) == (intent == OUT_OF_SCOPE), intent


def test_every_registered_intent_is_one_rasa_knows(kb: KnowledgeBase) -> None:
    registered = {i for i in HANDLERS if not i.startswith("*")}
    assert registered - set(DOMAIN_INTENTS) == {"nlu_fallback"}


def test_topic_intents_are_knowledge_intents(kb: KnowledgeBase) -> None:
    intents = knowledge_intents(kb)
    assert {t.intent for t in kb.topics} <= intents
    assert not {"greet", "thank", "out_of_scope", "nlu_fallback"} & intents


def test_a_new_plain_topic_is_answered_without_python(tmp_path: Path) -> None:
    """YAML only: a topic with a new intent is routed to the topic handler and answered with its source."""
    kb_dir = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE_DIR, kb_dir)
    topics_file = kb_dir / "topics.yml"
    data = yaml.safe_load(topics_file.read_text())
    data["topics"].append(
        {
            "id": "teams",
            "intent": "ask_teams",
            "question": "What teams do engineering managers lead?",
            "points": [
                {
                    "text": "Engineering managers lead the people and processes that deliver solutions.",
                    "source": "leeds",
                    "section": "Key differences (summary)",
                }
            ],
            "related": ["difference", "fit"],
        }
    )
    topics_file.write_text(yaml.safe_dump(data, sort_keys=False))
    kb = load_knowledge_base(kb_dir)
    assert handler_for("ask_teams", kb) is answer_topic
    answer = Advisor(kb).answer(Question("ask_teams", "what teams do engineering managers lead?"))
    assert answer.kind == AnswerKind.ANSWER
    assert answer.text.startswith("Engineering managers lead the people")
    assert "University of Leeds" in answer.text.rsplit("Source", 1)[1]
    assert answer.updates["topic"] == "teams"
