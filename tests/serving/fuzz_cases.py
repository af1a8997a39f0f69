"""Generated bad requests for the fuzz test: odd JSON, wrong types, huge and nested bodies,
surrogates, control characters, wrong content types, and a few odd-but-valid messages.

Deterministic for a seed, so a failure can be replayed.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Callable, Iterator, List, Optional

JSON = "application/json"


@dataclass(frozen=True)
class Case:
    kind: str
    body: bytes
    content_type: Optional[str] = JSON
    valid: bool = False  # a well-formed request: it must be answered (200), not refused


def _text(rng: random.Random, length: int) -> str:
    """Any code points: letters, emoji, right-to-left, combining marks, controls, lone surrogates."""
    pools = [
        (0x20, 0x7E),
        (0x00, 0x1F),
        (0x7F, 0x9F),
        (0x300, 0x36F),
        (0x590, 0x6FF),
        (0x1F300, 0x1FAFF),
        (0xD800, 0xDFFF),
        (0xFFF0, 0xFFFF),
        (0x10FFF0, 0x10FFFF),
    ]
    out = []
    for _ in range(length):
        low, high = rng.choice(pools)
        out.append(chr(rng.randint(low, high)))
    return "".join(out)


def _value(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(9 if depth < 3 else 6)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([True, False])
    if choice == 2:
        return rng.randint(-(10**30), 10**30)
    if choice == 3:
        return rng.uniform(-1e308, 1e308)
    if choice in (4, 5):
        return _text(rng, rng.randint(0, 40))
    if choice in (6, 7):
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {_text(rng, 3): _value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=True, allow_nan=True).encode()


def odd_json(rng: random.Random) -> Case:
    raw = rng.choice(
        [
            b"null",
            b"[]",
            b"0",
            b"-0.0e999",
            b"true",
            b'"x"',
            b"{}",
            b"{",
            b"}",
            b"[1,]",
            b"NaN",
            b"Infinity",
            b'{"sender": "a", "message": "hi"',
            b'{"sender": "a" "message": "hi"}',
            b"{'sender': 'a'}",
            b"",
            b'{"sender": "a", "message": "hi"}{"x": 1}',
            b'\xef\xbb\xbf{"sender": "a", "message": "hi"}',
        ]
    )
    return Case("odd JSON", raw)


def wrong_types(rng: random.Random) -> Case:
    data = {"sender": _value(rng), "message": _value(rng)}
    if rng.random() < 0.3:
        data = {rng.choice(["Sender", "text", "msg", "sender_id", ""]): _value(rng), **data}
        del data[rng.choice(["sender", "message"])]
    if isinstance(data.get("sender"), str) and isinstance(data.get("message"), str):
        data["message"] = 1  # keep it a bad request
    return Case("wrong types", _dump(data))


def surrogates_and_controls(rng: random.Random) -> Case:
    bad = rng.choice(["\ud800", "\udfff", "\ud83d", "\u0000", "\u001b[31m", "\u0007", "\u0085\u009b"])
    field = rng.choice(["sender", "message"])
    data = {"sender": "fuzz-ok", "message": "what is engineering management?"}
    data[field] = rng.choice([bad, data[field] + bad, bad + data[field]])
    return Case("surrogate or control character", _dump(data))


def huge_body(rng: random.Random) -> Case:
    size = rng.choice([17_000, 64_000, 300_000, 1_000_000])
    shape = rng.randrange(3)
    if shape == 0:
        body = _dump({"sender": "fuzz-huge", "message": "x" * size})
    elif shape == 1:
        body = _dump({"sender": "s" * size, "message": "hi"})
    else:
        body = _dump({"sender": "fuzz-huge", "message": "hi", "padding": ["y" * 100] * (size // 100)})
    return Case("huge body", body)


def long_message(rng: random.Random) -> Case:
    return Case("overlong message", _dump({"sender": "fuzz-long", "message": "w " * rng.randint(501, 8000)}))


def deep_nesting(rng: random.Random) -> Case:
    depth = rng.choice([5, 50, 1000, 100_000])
    opener, closer = rng.choice([(b"[", b"]"), (b'{"a":', b"}")])
    nested = opener * depth + b"1" + closer * depth
    if rng.random() < 0.5:
        return Case("deep nesting", nested)
    return Case("deep nesting", b'{"sender": "fuzz-deep", "message": "hi", "x": ' + nested + b"}")


def bad_bytes(rng: random.Random) -> Case:
    junk = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
    return Case("invalid bytes", b'{"sender": "fuzz-bytes", "message": "' + junk + b'"}')


def wrong_content_type(rng: random.Random) -> Case:
    content_type = rng.choice(
        [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
            None,
            "",
            "application/jsonx",
            "text/json",
            "application/xml",
        ]
    )
    return Case("wrong content type", _dump({"sender": "fuzz-ct", "message": "hi"}), content_type)


def odd_but_valid(rng: random.Random) -> Case:
    """Well-formed requests with strange text: Rasa must answer them (politely), not fail."""
    message = rng.choice(
        [
            "😀" * rng.randint(1, 50),
            "<script>alert(1)</script>",
            "?" * 999,
            "a\tb\nc\r",
            "שלום",
            "ﷺ" * 20,
            "what is engineering management?" + "\u0301" * 30,
            " ".join(["salary"] * 100),
            "é" * 1000,
        ]
    )
    sender = "fuzz-" + "".join(rng.choice("abcdef0123456789") for _ in range(12))
    return Case("odd but valid", _dump({"sender": sender, "message": message}), valid=True)


MAKERS: List[Callable[[random.Random], Case]] = [
    odd_json, wrong_types, wrong_types, surrogates_and_controls, surrogates_and_controls, huge_body, long_message,
    deep_nesting, bad_bytes, wrong_content_type,
]  # fmt: skip


def generate(seed: int, count: int, valid_share: float = 0.05) -> Iterator[Case]:
    rng = random.Random(seed)
    for _ in range(count):
        if rng.random() < valid_share:
            yield odd_but_valid(rng)
        else:
            yield rng.choice(MAKERS)(rng)
