"""A person to talk to: the contact the site set up, or where to look when there is none.

The contact, its checks and the offer's wording are in `bot.contact`, which the
servers (bot/serving) read too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from bot.advice.registry import handles
from bot.advice.types import Answer, AnswerKind, Found, Question
from bot.contact import contact_offer, contact_url, no_contact
from bot.knowledge.model import KnowledgeBase

if TYPE_CHECKING:
    from bot.advice.advisor import Advisor


def with_contact_offer(answer: Answer, kb: KnowledgeBase, url: Optional[str]) -> Answer:
    """The same answer with the offer of a person after it (its kind and buttons unchanged)."""
    answer.text = f"{answer.text}\n\n{contact_offer(kb, url)}"
    return answer


@handles("ask_for_person", knowledge=False)
def answer_ask_for_person(advisor: Advisor, question: Question, found: Found) -> Answer:
    url = contact_url(question.contact_url)
    if url:
        text = (
            f"You can reach a person here: {url}\n"
            "I'm a bot, so I can't pass on this conversation myself; ask me anything in the meantime."
        )
    else:
        text = no_contact(advisor.kb)
    return Answer(text, advisor.help_buttons(), kind=AnswerKind.CHITCHAT)
