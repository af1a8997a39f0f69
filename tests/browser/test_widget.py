"""The chat widget in a real browser (Debian's Chromium, driven by Playwright),
embedded on the demo host page from another origin, talking to the real bot."""

from __future__ import annotations

import os
import re
import sqlite3
import urllib.request
from pathlib import Path
from typing import Iterator, List
from urllib.parse import urlparse

import pytest

from bot.paths import PROJECT_ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = PROJECT_ROOT / "tests" / "output" / "browser"
# Flags that keep Chromium from calling home (this machine has no network).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
QUESTION = "Do I need a master's to be an engineering manager?"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Visit:
    """One visitor's browser tab on the demo host page, with every request recorded."""

    def __init__(self, browser, servers, viewport=(1280, 800)) -> None:
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.requests: List[str] = []
        self.dialogs: List[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(servers.ports.demo_url)
        self.launcher = self.page.get_by_role("button", name="Open chat")
        self.chat = self.page.frame_locator("iframe")

    def open(self) -> None:
        self.launcher.click()
        self.chat.get_by_role("textbox", name="Message").wait_for()
        self.bot_messages().first.wait_for()  # the greeting, once the embed's settings arrived

    def ask(self, text: str) -> None:
        before = self.bot_messages().count()
        self.chat.get_by_role("textbox", name="Message").fill(text)
        self.chat.get_by_role("button", name="Send").click()
        self.wait_for_bot(before)

    def bot_messages(self):
        return self.chat.locator(".msg--bot")

    def wait_for_bot(self, before: int) -> None:
        self.bot_messages().nth(before).wait_for(timeout=30000)

    def last_answer(self) -> str:
        return self.bot_messages().last.inner_text()

    def shot(self, name: str) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, web_servers) -> Iterator[Visit]:
    v = Visit(browser, web_servers)
    yield v
    v.close()


def test_ask_a_question_and_see_the_answer_with_its_source(visit: Visit) -> None:
    visit.open()
    visit.ask(QUESTION)
    answer = visit.last_answer()
    assert "not required" in answer and "five years" in answer
    assert "Source:" in answer and "Northeastern University" in answer
    link = visit.bot_messages().last.locator("a").first
    assert link.get_attribute("href").startswith("https://graduate.northeastern.edu/")
    visit.shot("answer")


def test_quick_reply_button_sends_its_payload(visit: Visit) -> None:
    visit.open()
    visit.ask("What is engineering management?")
    before = visit.bot_messages().count()
    button = visit.chat.get_by_role("button", name="Do I need a master's?")
    button.click()
    visit.wait_for_bot(before)
    assert visit.chat.locator(".msg--user").last.inner_text().endswith("Do I need a master's?")
    assert "not required" in visit.last_answer()
    visit.shot("quick-reply")


def test_readiness_check_with_reply_buttons(visit: Visit) -> None:
    visit.open()
    visit.ask("Am I suited to engineering management?")
    assert "Question 1 of 5" in visit.last_answer()
    for expected in ("Question 2 of 5", "Question 3 of 5"):
        before = visit.bot_messages().count()
        visit.chat.get_by_role("button", name="Yes", exact=True).click()
        visit.wait_for_bot(before)
        assert expected in visit.last_answer()
    visit.shot("readiness-check")
    before = visit.bot_messages().count()
    visit.chat.get_by_role("button", name="Stop the check").click()
    visit.wait_for_bot(before)
    assert "stopped the readiness check" in visit.last_answer()


def test_reload_keeps_the_transcript_and_the_conversation(visit: Visit) -> None:
    visit.open()
    visit.ask("What does a program manager do?")
    visit.page.reload()
    visit.open()
    assert "program manager" in visit.chat.locator("#log").inner_text().lower()
    visit.ask("and a principal engineer?")
    assert "Principal engineers are high-ranking leaders" in visit.last_answer()
    visit.ask("where does that come from?")
    assert "Jobs you can get with a master's in engineering management" in visit.last_answer()


def test_markup_is_shown_as_text(visit: Visit) -> None:
    visit.open()
    attack = "<img src=x onerror=alert(1)>"
    visit.ask(attack)
    log = visit.chat.locator("#log")
    assert attack in log.inner_text()
    assert log.locator("img").count() == 0
    assert visit.dialogs == []


def test_no_request_leaves_this_machine(visit: Visit) -> None:
    visit.open()
    visit.ask(QUESTION)
    hosts = {urlparse(u).hostname for u in visit.requests if not u.startswith(("data:", "about:"))}
    assert hosts and hosts <= {"127.0.0.1", "localhost"}, hosts


def test_overlong_message_is_refused_with_a_notice(visit: Visit) -> None:
    visit.open()
    sent_before = len([u for u in visit.requests if u.endswith("/webhook")])
    visit.chat.get_by_role("textbox", name="Message").fill("a" * 1001)
    visit.chat.get_by_role("button", name="Send").click()
    notice = visit.chat.locator("#notice")
    assert "limited to 1,000 characters" in notice.inner_text()
    assert len([u for u in visit.requests if u.endswith("/webhook")]) == sent_before


def test_keyboard_only(visit: Visit) -> None:
    page = visit.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-career-advisor')")
    page.keyboard.press("Enter")
    textbox = visit.chat.get_by_role("textbox", name="Message")
    textbox.wait_for()
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'DIV'")
    visit.chat.locator("#input:focus").wait_for(timeout=5000)  # focus moved into the chat
    page.keyboard.type("What is engineering management?")
    page.keyboard.press("Enter")
    visit.wait_for_bot(1)
    assert "interdisciplinary" in visit.last_answer()
    page.keyboard.press("Escape")
    visit.page.locator("iframe").wait_for(state="hidden")
    assert visit.launcher.is_visible()
    visit.shot("keyboard")


def test_phone_viewport(browser, web_servers) -> None:
    v = Visit(browser, web_servers, viewport=(360, 740))
    try:
        v.open()
        v.ask("What jobs can a master's in engineering management lead to?")
        box = v.page.locator("iframe").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360 + 0.5
        assert box["y"] >= 0 and box["y"] + box["height"] <= 740 + 0.5
        v.shot("phone")
    finally:
        v.close()


def test_start_over_begins_a_new_conversation(visit: Visit) -> None:
    visit.open()
    visit.ask("What does a program manager do?")
    visit.chat.get_by_role("button", name="Start over").click()
    assert "program manager" not in visit.chat.locator("#log").inner_text().lower()
    visit.ask("where does that come from?")
    assert "Everything I say comes from two articles" in visit.last_answer()


def test_widget_page_sends_a_strict_csp(web_servers) -> None:
    with urllib.request.urlopen(web_servers.ports.widget_url) as response:
        csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src 'self'" in csp
    assert re.search(rf"frame-ancestors [^;]*http://127\.0\.0\.1:{web_servers.ports.demo}", csp)


def test_unreachable_bot_shows_an_error_and_retry_recovers(visit: Visit) -> None:
    visit.open()
    visit.context.route("**/webhooks/widget/webhook", lambda route: route.abort())
    visit.chat.get_by_role("textbox", name="Message").fill(QUESTION)
    visit.chat.get_by_role("button", name="Send").click()
    error = visit.chat.get_by_role("alert")
    error.wait_for()
    assert "can't be reached" in error.inner_text()
    visit.context.unroute("**/webhooks/widget/webhook")
    before = visit.bot_messages().count()
    visit.chat.get_by_role("button", name="Retry").click()
    visit.wait_for_bot(before)
    assert "not required" in visit.last_answer()
    assert not error.is_visible()


DEMO_GREETING = "Hi! Thinking about engineering management? Ask me anything about it."


def test_the_embed_tags_settings_reach_the_chat_and_not_through_its_url(visit: Visit) -> None:
    visit.open()
    assert visit.bot_messages().first.inner_text().endswith(DEMO_GREETING)
    assert visit.chat.locator("#chat-title").inner_text() == "Career advisor"
    src = visit.page.locator("iframe").get_attribute("src")
    assert "?" not in src and "#" not in src


def test_a_link_cannot_put_words_in_the_advisors_mouth(browser, web_servers) -> None:
    """?title= and ?greeting= used to be shown as the advisor's own message, on the bot's origin."""
    context = browser.new_context()
    try:
        page = context.new_page()
        forged = "Your account is locked, log in at http://evil.example/"
        page.goto(web_servers.ports.widget_url + "?title=Security%20notice&greeting=" + forged.replace(" ", "%20"))
        page.locator(".msg--bot").first.wait_for()
        assert page.locator("#chat-title").inner_text() == "Career advisor"
        assert "evil.example" not in page.locator("#log").inner_text()
        assert "Hi! I can help you decide" in page.locator(".msg--bot").first.inner_text()
    finally:
        context.close()


def test_a_database_failure_shows_a_polite_line_and_retry_recovers(visit: Visit) -> None:
    visit.open()
    db = sqlite3.connect(os.environ["TRACKER_DB"], isolation_level=None)
    db.execute("BEGIN EXCLUSIVE")
    try:
        visit.chat.get_by_role("textbox", name="Message").fill(QUESTION)
        visit.chat.get_by_role("button", name="Send").click()
        error = visit.chat.get_by_role("alert")
        error.wait_for(timeout=30000)
        assert "I couldn't answer just now" in error.inner_text()
        assert visit.bot_messages().count() == 1  # the greeting only: no unsaved answer went out
    finally:
        db.execute("ROLLBACK")
        db.close()
    visit.chat.get_by_role("button", name="Retry").click()
    visit.wait_for_bot(1)
    assert "not required" in visit.last_answer()
