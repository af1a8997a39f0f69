"""Rasa NLU components of our own.

- `TextNormaliser`, first in the pipeline: shorthand expanded and typos corrected
  (`bot.nlu.normalise`) before spaCy and the classifiers read the message.
- `ScopeGuardClassifier`: "Do I need a master's to become an architect?" reads like an
  in-domain question to an n-gram classifier; `bot.language.scope.ScopeGuard` spots the foreign
  subject. Placed after the intent classifier, so `rasa test nlu` measures what users get.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.knowledge.loader import load
from bot.language.scope import ScopeGuard
from bot.nlu.normalise import Normaliser, shared_normaliser

OUT_OF_SCOPE = "out_of_scope"
FOREIGN_SUBJECT = "foreign_subject"  # message property (not output): the scope guard named another subject
# parse_data key: the message as the visitor typed it, when `text` is the normalised one. Rasa's UserUttered
# event keeps the typed text as its own `text` (rasa/core/processor.py), and parse_data carries this too.
TEXT_ORIGINAL = "text_original"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER], is_trainable=False)
class TextNormaliser(GraphComponent):
    """Rewrites a message's text before NLU: "wat is enginering managment" -> "what is engineering management".

    Registered as a tokenizer only so that the recipe runs it first, before SpacyNLP, in training and at
    inference. Training examples are left as they are: they are written correctly, and the typo and
    shorthand variants that the build adds to them (bot/nlu/augment.py) are there to be learnt as typed,
    for what the normaliser can't mend; normalising them would turn most back into their originals.
    """

    def __init__(self, normaliser: Normaliser) -> None:
        self.normaliser = normaliser

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> TextNormaliser:
        return cls(shared_normaliser())  # built once per process, shared by every model loaded in it

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if not text or text.startswith("/"):  # a button payload: Rasa parses it itself
                continue
            normalised = self.normaliser.normalise(text)
            message.set(TEXT_ORIGINAL, text, add_to_output=True)
            if normalised != text:
                message.set(TEXT, normalised)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ScopeGuardClassifier(GraphComponent):
    def __init__(self, guard: ScopeGuard) -> None:
        self.guard = guard

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ScopeGuardClassifier:
        return cls(ScopeGuard(load()))

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text: Optional[str] = message.get(TEXT)
            if text and not text.startswith("/") and self.guard.foreign_subject(text):
                mark_out_of_scope(message, 1.0)
                message.set(FOREIGN_SUBJECT, True)  # DIET can say 1.0 too; this says the guard decided
        return messages


def mark_out_of_scope(message: Message, confidence: float) -> None:
    """Make out of scope the message's intent, first in its ranking, with this confidence."""
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get(INTENT_NAME_KEY) != OUT_OF_SCOPE]
    top = {INTENT_NAME_KEY: OUT_OF_SCOPE, PREDICTED_CONFIDENCE_KEY: confidence}
    message.set(INTENT, top, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [top, *ranking], add_to_output=True)
