"""The demo host page served by the cluster's nginx, with the widget talking to the replicas
through nginx, in Debian's Chromium: what `make cluster` shows a visitor."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List

import pytest

from tests.browser.test_widget import CHROMIUM, CHROMIUM_ARGS, QUESTION
from tests.cluster.conftest import RunningCluster


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def test_demo_page_through_nginx_embeds_the_widget_and_it_answers(chromium: object, cluster: RunningCluster) -> None:
    context = chromium.new_context()  # type: ignore[attr-defined]
    console: List[str] = []
    page = context.new_page()
    page.on("console", lambda message: console.append(message.text))
    page.goto(cluster.config.demo_url)
    page.get_by_role("button", name="Open chat").click()
    chat = page.frame_locator("iframe")
    chat.get_by_role("textbox", name="Message").fill(QUESTION)
    chat.get_by_role("button", name="Send").click()
    answer = chat.locator(".msg--bot").last
    answer.wait_for(timeout=30000)
    chat.locator(".msg--bot", has_text="master").first.wait_for(timeout=30000)
    frame = page.frames[1]
    assert frame.url.startswith(cluster.config.bot_url + "/webhooks/widget/")
    # A frame-ancestors or CSP mismatch between nginx and the page would be reported here.
    assert not [m for m in console if "Content Security Policy" in m or "frame-ancestors" in m], console
    context.close()
