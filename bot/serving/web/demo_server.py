"""Serve the demo host page on another origin (http://127.0.0.1:8080/ by default).

The page carries the embed snippet pointing at the bot, to show cross-origin
embedding working. Standard library only; GET / and nothing else.
"""

from __future__ import annotations

import argparse
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAGE = Path(__file__).parent / "demo" / "index.html"


class DemoHandler(BaseHTTPRequestHandler):
    def __init__(self, *args: Any, bot_url: str, **kwargs: Any) -> None:
        self.bot_url = bot_url
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?")[0] not in ("/", "/index.html"):
            self.send_error(404)
            return
        body = PAGE.read_text(encoding="utf-8").replace("{{BOT_URL}}", self.bot_url).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # quiet
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--bot-url", default="http://127.0.0.1:5005")
    args = parser.parse_args()
    server = ThreadingHTTPServer((args.host, args.port), partial(DemoHandler, bot_url=args.bot_url))
    server.serve_forever()


if __name__ == "__main__":
    main()
