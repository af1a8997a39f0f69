"""Which handler answers which intent.

Handlers register themselves with `@handles`. An intent with no handler of its
own but a topic in the knowledge base is answered by the topic handler, so a
new plain topic needs YAML and training examples, not Python.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Set

from bot.advice.tools import Tools
from bot.advice.types import Answer, Found, Question
from bot.knowledge.model import KnowledgeBase

Handler = Callable[[Tools, Question, Found], Answer]
HANDLERS: Dict[str, Handler] = {}
_KNOWLEDGE: Set[str] = set()  # registered intents whose answers rest on the KB (chit-chat is not)

ANY_TOPIC = "*topic"  # the key of the handler for intents that only name a KB topic
OUT_OF_SCOPE = "out_of_scope"


def handles(*intents: str, knowledge: bool = True) -> Callable[[Handler], Handler]:
    """Register a handler for these intents."""

    def register(fn: Handler) -> Handler:
        for intent in intents:
            HANDLERS[intent] = fn
            if knowledge:
                _KNOWLEDGE.add(intent)
        return fn

    return register


def handler_for(intent: str, kb: KnowledgeBase) -> Handler:
    """The intent's own handler; else the topic handler when a KB topic has this intent; else out of scope."""
    if intent in HANDLERS:
        return HANDLERS[intent]
    if kb.topic_for_intent(intent) is not None:
        return HANDLERS[ANY_TOPIC]
    return HANDLERS[OUT_OF_SCOPE]


def knowledge_intents(kb: KnowledgeBase) -> FrozenSet[str]:
    """Question intents whose answers rest on the KB: registered ones and every topic's intent."""
    return frozenset((_KNOWLEDGE | {t.intent for t in kb.topics}) - {ANY_TOPIC})
