"""A person to talk to: the contact the site set up, or where to look when there is none.

The contact, its checks and the offer's wording are in `bot.contact`, which the
servers (bot/serving) read too.
"""

from __future__ import annotations

from bot.advice.registry import handles
from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Found, Question
from bot.contact import contact_url, no_contact


@handles("ask_for_person", knowledge=False)
def answer_ask_for_person(advisor: Tools, question: Question, found: Found) -> Answer:
    url = contact_url(question.contact_url)
    if url:
        text = (
            f"You can reach a person here: {url}\n"
            "I'm a bot, so I can't pass on this conversation myself; ask me anything in the meantime."
        )
    else:
        text = no_contact(advisor.kb)
    return Answer(text, advisor.help_buttons(), kind=AnswerKind.CHITCHAT)
