"""Feedback, the privacy line and the contact for a person in the widget, in Chromium.

The host page is a site owner's page on the demo origin with the embed tag and
the attributes under test; the chat in its frame talks to the real bot, and the
ratings are read back from the tracker's SQLite file.
"""

from __future__ import annotations

import json
import os
import sqlite3
from typing import Dict, Iterator, List, Optional, Tuple

import pytest
from playwright.sync_api import expect

from tests.browser.test_widget import SHOTS, browser  # noqa: F401  (browser: the Chromium fixture)

QUESTION = "How much do engineering managers earn?"
PRIVACY = "https://www.example.edu/privacy#chat"
CONTACT = "https://careers.example.edu/book-an-adviser"
COMMENT = "The salary for engineering managers in the UK"


EMBED_JS = "**/webhooks/widget/embed.js"
# The site's page adds the embed tag itself (as a tag manager does), with the attributes under test.
ADD_EMBED_TAG = """([src, attributes]) => {
  const tag = document.createElement("script");
  tag.src = src;
  tag.dataset.title = "Career advisor";
  for (const [name, value] of Object.entries(attributes)) tag.setAttribute("data-" + name, value);
  document.body.appendChild(tag);
}"""


class Site:
    """A visitor on a page of the embedding site, the chat open."""

    def __init__(self, browser, servers, attributes: Dict[str, str]) -> None:  # noqa: F811
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.posts: List[Tuple[str, Optional[str]]] = []
        self.context.on("request", lambda r: self.posts.append((r.url, r.post_data)) if r.method == "POST" else None)
        # A page of the embedding site, served from its own (loopback) origin: the demo page, with
        # its own embed tag kept from loading so that the one with these attributes is the embed.
        self.context.route(EMBED_JS, lambda route: route.abort())
        self.page = self.context.new_page()
        self.console: List[str] = []
        self.page.on("console", lambda m: self.console.append(m.text))
        self.page.goto(servers.ports.demo_url)
        self.page.wait_for_load_state("load")
        self.context.unroute(EMBED_JS)
        self.page.evaluate(ADD_EMBED_TAG, [f"{servers.ports.bot_url}/webhooks/widget/embed.js", attributes])
        self.chat = self.page.frame_locator("iframe")
        self.page.get_by_role("button", name="Open chat").click()
        self.chat.get_by_role("textbox", name="Message").wait_for()
        self.chat.locator(".msg--bot").first.wait_for()

    def ask(self, text: str) -> None:
        before = self.chat.locator(".msg--bot").count()
        self.chat.get_by_role("textbox", name="Message").fill(text)
        self.chat.get_by_role("button", name="Send").click()
        self.chat.locator(".msg--bot").nth(before).wait_for(timeout=30000)

    def frame(self):
        return next(f for f in self.page.frames if "/webhooks/widget/" in f.url)

    def sender(self) -> str:
        return json.loads(self.frame().evaluate("sessionStorage.getItem('career-advisor.session')"))["id"]

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def site(browser, web_servers, request) -> Iterator[Site]:  # noqa: F811
    s = Site(browser, web_servers, getattr(request, "param", {}))
    yield s
    s.close()


def stored(sender: str) -> List[Tuple[str, str, Optional[str]]]:
    with sqlite3.connect(os.environ["TRACKER_DB"]) as db:
        return db.execute("SELECT message_id, rating, comment FROM feedback WHERE sender_id = ?", (sender,)).fetchall()


def asked(sender: str, message_id: str) -> str:
    with sqlite3.connect(os.environ["TRACKER_DB"]) as db:
        rows = db.execute("SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (sender,)).fetchall()
    return next(json.loads(d)["text"] for (d,) in rows if json.loads(d).get("message_id") == message_id)


@pytest.mark.parametrize("site", [{"privacy-url": PRIVACY, "contact-url": CONTACT}], indirect=True)
def test_not_helpful_with_the_keyboard_stores_the_comment_and_offers_the_contact(site: Site) -> None:
    site.ask("What is engineering management?")
    site.ask(QUESTION)
    answer_feedback = site.chat.get_by_role("group", name="Was this answer helpful?").last
    not_helpful = answer_feedback.get_by_role("button", name="Not helpful")
    assert not_helpful.get_attribute("aria-pressed") == "false"
    not_helpful.focus()
    site.page.keyboard.press("Enter")
    announcement = site.chat.locator("#announce")
    site.chat.locator("#announce:has-text('Thanks, your feedback was sent')").wait_for()
    assert not_helpful.get_attribute("aria-pressed") == "true"
    assert answer_feedback.get_by_role("button", name="Helpful", exact=True).get_attribute("aria-pressed") == "false"

    offer = answer_feedback.locator(".feedback__offer")
    assert CONTACT in offer.inner_text()
    assert offer.locator("a").get_attribute("href") == CONTACT

    comment = answer_feedback.get_by_role("textbox", name="What were you looking for? (optional)")
    assert comment.get_attribute("maxlength") == "500"
    comment.wait_for()
    site.frame().wait_for_function("document.activeElement.tagName === 'TEXTAREA'")  # focus moved to it
    site.page.keyboard.type(COMMENT)
    assert f"{len(COMMENT)} / 500" in answer_feedback.locator(".feedback__count").inner_text()
    site.page.keyboard.press("Tab")  # to "Send feedback"
    site.page.keyboard.press("Enter")
    comment.wait_for(state="hidden")
    site.chat.locator("#announce:has-text('Thanks, your feedback was sent')").wait_for()  # announced again
    assert announcement.get_attribute("aria-live") == "polite"
    SHOTS.mkdir(parents=True, exist_ok=True)
    site.page.screenshot(path=str(SHOTS / "feedback.png"))

    sender = site.sender()
    [(message_id, rating, text)] = stored(sender)
    assert (rating, text) == ("not_helpful", COMMENT)
    assert asked(sender, message_id) == QUESTION  # the row is linked to the question it rates
    assert not [m for m in site.console if "Content Security Policy" in m]  # the widget's CSP still holds


@pytest.mark.parametrize("site", [{"privacy-url": PRIVACY, "contact-url": CONTACT}], indirect=True)
def test_the_privacy_line_links_to_the_sites_notice_and_the_contact_reaches_the_bot(site: Site) -> None:
    privacy = site.chat.locator("#privacy")
    assert "Conversations are stored." in privacy.inner_text()
    assert privacy.get_by_role("link", name="Privacy notice").get_attribute("href") == PRIVACY
    site.ask("is there someone real I could talk to?")
    assert CONTACT in site.chat.locator(".msg--bot").last.inner_text()
    sent = [json.loads(body) for url, body in site.posts if url.endswith("/webhook") and body]
    assert sent and all(b["metadata"] == {"contact_url": CONTACT} for b in sent)


@pytest.mark.parametrize(
    "site", [{"privacy-url": "javascript:alert(1)", "contact-url": "javascript:alert(2)"}], indirect=True
)
def test_without_web_addresses_there_is_no_link_and_no_contact(site: Site) -> None:
    privacy = site.chat.locator("#privacy")
    assert "Conversations are stored." in privacy.inner_text()
    assert privacy.locator("a").count() == 0
    site.ask("is there someone real I could talk to?")
    assert "No contact for a person has been set up" in site.chat.locator(".msg--bot").last.inner_text()
    assert all("metadata" not in json.loads(b) for u, b in site.posts if u.endswith("/webhook") and b)


def test_helpful_is_stored_and_a_failed_send_can_be_retried(site: Site) -> None:
    site.ask(QUESTION)
    group = site.chat.get_by_role("group", name="Was this answer helpful?").last
    site.context.route("**/webhooks/widget/feedback", lambda route: route.abort())
    group.get_by_role("button", name="Helpful", exact=True).click()
    problem = group.locator(".feedback__error")
    problem.wait_for()
    assert "couldn't be sent" in problem.inner_text()
    site.context.unroute("**/webhooks/widget/feedback")
    group.get_by_role("button", name="Retry").click()
    problem.wait_for(state="hidden")  # hidden as the retry starts; pressed once the server has stored it
    expect(group.get_by_role("button", name="Helpful", exact=True)).to_have_attribute(
        "aria-pressed", "true", timeout=30_000
    )
    [(message_id, rating, comment)] = stored(site.sender())
    assert rating == "helpful" and comment is None and asked(site.sender(), message_id) == QUESTION
    # A reload keeps the choice shown.
    site.page.reload()
    site.page.get_by_role("button", name="Open chat").click()
    group = site.chat.get_by_role("group", name="Was this answer helpful?").last
    assert group.get_by_role("button", name="Helpful", exact=True).get_attribute("aria-pressed") == "true"
