"""A person to talk to: the contact the site set up, checked, and the offer of it.

The contact is an http(s) address: `HANDOFF_URL` in the servers' environment, or the
embed tag's `data-contact-url`, which the widget sends with each message (`contact_url`
in the message's metadata) and which wins, since it is the embedding site's own. It is
offered when the visitor asks for a person (bot/advice/handlers/handoff.py), after two
replies in a row that were not understood (actions/actions.py), and after a "Not helpful"
(bot/serving/feedback.py); bot/serving/inbound.py refuses a message whose contact is unusable.
"""

from __future__ import annotations

import os
from typing import List, Optional
from urllib.parse import urlsplit

from bot.knowledge.model import KnowledgeBase

HANDOFF_ENV = "HANDOFF_URL"
CONTACT_METADATA = "contact_url"  # the key in a visitor message's metadata (from the widget)
MAX_CONTACT_URL_CHARS = 300


def usable_contact_url(value: object) -> Optional[str]:
    """`value` if it is an http(s) address with a host, at most 300 characters, of printable ASCII; else None.

    Anything else (javascript:, data:, a relative path, spaces) is never shown as a link.
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if not url or len(url) > MAX_CONTACT_URL_CHARS or not all("!" <= c <= "~" for c in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


def contact_url(from_site: object = None) -> Optional[str]:
    """The contact to offer: the embedding site's (message metadata), else HANDOFF_URL, else None."""
    return usable_contact_url(from_site) or usable_contact_url(os.environ.get(HANDOFF_ENV))


def program_pages(kb: KnowledgeBase) -> List[str]:
    """Where each program's own staff can be found: its page from the KB, or its university's site."""
    return [
        f"For the {p.university} {p.name}: {p.url}"
        if p.url
        else f"For the {p.university} {p.name}: the university's own course page."
        for p in kb.programs
    ]


def no_contact(kb: KnowledgeBase) -> str:
    return "\n".join(
        [
            "No contact for a person has been set up for this advisor, so I can't pass you on. "
            "For questions about a program, its own pages are where to reach the people who run it."
        ]
        + program_pages(kb)
    )


def contact_offer(kb: KnowledgeBase, url: Optional[str]) -> str:
    """One short offer of a person, or, without a contact, where to look instead."""
    if url:
        return f"If you'd rather talk it over with a person, you can reach one here: {url}"
    return no_contact(kb)
