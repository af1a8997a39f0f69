"""Simulated visitors for the fault tests: the widget channel through nginx, on loopback."""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from typing import Any, List, Optional

REQUEST_TIMEOUT_S = 40  # nginx gives up after 35 s: a request still open then is a hang
OPENER = "Am I suited to engineering management?"
QUESTION = re.compile(r"Question (\d) of 5")
SIGNS = 5
# After the last sign comes the optional experience question: number SIGNS + 1, as far as skipping goes.
EXPERIENCE_QUESTION = "how many years have you worked"


def question_number(reply: str) -> Optional[int]:
    """Which question of the check a reply asks, the experience question counting as the last."""
    found = QUESTION.search(reply)
    if found:
        return int(found.group(1))
    return SIGNS + 1 if EXPERIENCE_QUESTION in reply else None


@dataclass
class Attempt:
    text: str
    status: int  # 0: no HTTP answer at all (connection refused, reset, timeout)
    body: Any
    sent_at: float
    elapsed: float

    @property
    def ok(self) -> bool:
        return self.status == 200 and isinstance(self.body, list)

    @property
    def polite(self) -> bool:
        """A failure the widget can show: an HTTP error with a JSON message for the visitor."""
        return self.status >= 400 and isinstance(self.body, dict) and bool(self.body.get("error"))

    @property
    def reply_text(self) -> str:
        if not isinstance(self.body, list):
            return ""
        return "\n".join(str(m.get("text", "")) for m in self.body if isinstance(m, dict))


def post(url: str, sender: str, text: str, timeout: float = REQUEST_TIMEOUT_S) -> Attempt:
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as err:
        status, raw = err.code, err.read()
    except OSError:
        return Attempt(text, 0, None, start, time.monotonic() - start)
    try:
        parsed = json.loads(raw or b"null")
    except ValueError:
        parsed = raw.decode(errors="replace")
    return Attempt(text, status, parsed, start, time.monotonic() - start)


@dataclass
class Visitor:
    """One conversation. `say` retries a failed message, as a visitor would, until it is answered."""

    url: str
    sender: str = field(default_factory=lambda: f"visitor-{uuid.uuid4().hex[:16]}")
    attempts: List[Attempt] = field(default_factory=list)
    problems: List[str] = field(default_factory=list)

    def say(self, text: str, give_up_after: float = 90, url: Optional[str] = None) -> Attempt:
        deadline = time.monotonic() + give_up_after
        while True:
            attempt = post(url or self.url, self.sender, text)
            self.attempts.append(attempt)
            if attempt.ok or time.monotonic() > deadline:
                return attempt
            time.sleep(1.0)

    @property
    def acknowledged(self) -> List[str]:
        """The messages the visitor got an answer to, in order."""
        return [a.text for a in self.attempts if a.ok]

    def run_readiness_check(self, answers: int = 4, pause: float = 0.2) -> None:
        """Start the readiness check and answer; each reply must ask the next question (context kept).

        One exception, and it is counted: a message whose reply was lost (its replica died after
        saving the turn) was processed, so its retry answers the question after. The reply may
        then skip one question per failed attempt, never more, never repeat or go back.
        """
        reply = self.say(OPENER)
        self.expect(reply, "Question 1 of 5")
        asked = 1
        for _ in range(answers):
            time.sleep(pause)
            tries_before = len(self.attempts)
            reply = self.say("yes")
            failed = len(self.attempts) - tries_before - 1
            number = question_number(reply.reply_text)
            if not reply.ok or number is None:
                self.expect(reply, f"Question {asked + 1} of 5")
                return
            if not asked < number <= asked + 1 + failed:
                self.problems.append(f"after question {asked} (with {failed} failed tries) came question {number}")
            asked = number

    def expect(self, attempt: Attempt, phrase: str) -> None:
        if not attempt.ok:
            self.problems.append(f"{attempt.text!r}: no answer (HTTP {attempt.status}: {attempt.body!r:.200})")
        elif phrase not in attempt.reply_text:
            self.problems.append(f"{attempt.text!r}: expected {phrase!r}, got {attempt.reply_text!r:.300}")


def run_all(visitors: List[Visitor], script: str = "readiness", **kwargs: Any) -> List[threading.Thread]:
    """Start each visitor's script in its own thread (returned running; join them)."""
    threads = []
    for visitor in visitors:
        target = getattr(visitor, f"run_{script}_check" if script == "readiness" else script)
        thread = threading.Thread(target=target, kwargs=kwargs, daemon=True)
        thread.start()
        threads.append(thread)
    return threads


def join_all(threads: List[threading.Thread], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.1, deadline - time.monotonic()))
    stuck = sum(thread.is_alive() for thread in threads)
    assert stuck == 0, f"{stuck} visitors still waiting after {timeout:.0f} s: a request hung"
