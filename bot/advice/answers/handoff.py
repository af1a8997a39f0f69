"""The offer of a person after an answer; the contact and the offer's wording are in `bot.contact`."""

from __future__ import annotations

from typing import Optional

from bot.advice.types import Answer
from bot.contact import contact_offer
from bot.knowledge.model import KnowledgeBase


def with_contact_offer(answer: Answer, kb: KnowledgeBase, url: Optional[str]) -> Answer:
    """The same answer with the offer of a person after it (its kind and buttons unchanged)."""
    answer.text = f"{answer.text}\n\n{contact_offer(kb, url)}"
    return answer
