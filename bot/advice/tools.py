"""What handlers, router rules and answer builders are given: not the advisor, but the composer over the
knowledge base and what the advisor reads questions with (the resolver, the scope guard, the passage
index, the detail index, the KB's own words, the intents answered from the KB, the decisive gap a question names).

`Advisor` (bot.advice.advisor) is the one `Tools` there is; `answer` is how a handler has a question it
re-read (NLU's next reading, say) answered in full. Handlers import this module, never the advisor.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import FrozenSet, Optional

from bot.advice.compose import Composer
from bot.advice.details import DetailIndex
from bot.advice.retrieval import PassageIndex
from bot.advice.types import Answer, Found, Question
from bot.knowledge.terms import Resolver
from bot.language.scope import ScopeGuard


class Tools(Composer, ABC):
    resolver: Resolver  # KB ids from the words a question uses
    guard: ScopeGuard  # another profession or subject named
    passages: PassageIndex  # the KB passage a question's rare words point to
    details: DetailIndex  # the one KB text a detailed question's rare words point to
    knowledge_intents: FrozenSet[str]  # question intents answered from the KB (bot.advice.registry)
    kb_words: FrozenSet[str]  # the words of what the KB describes

    @abstractmethod
    def answer(self, question: Question) -> Answer:
        """The whole answer to a question, as the advisor gives it."""

    @abstractmethod
    def decisive_gap(self, found: Found) -> Optional[str]:
        """The first gap named whose naming decides what the question is about (see `Gap.decisive`)."""
