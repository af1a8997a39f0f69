"""Render deploy/nginx/advisor.conf.in: the site `make cluster` runs and a server deploys.

The template's @NAME@ fields are the only differences between the two: ports,
paths, TLS and the rate limit. `python -m bot.serving.cluster.nginx_site
--server-name bot.example.edu ...` prints a site file for a real server.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from bot.paths import DEPLOY_DIR

SITE_TEMPLATE = DEPLOY_DIR / "nginx" / "advisor.conf.in"
HEADERS_FILE = DEPLOY_DIR / "nginx" / "advisor-headers.conf"
FIELD = re.compile(r"@([A-Z_]+)@")


@dataclass(frozen=True)
class SiteSettings:
    listen: str  # "127.0.0.1:8480" on loopback, "443 ssl" on a server
    server_name: str
    rasa_ports: Sequence[int]
    action_ports: Sequence[int]
    actions_listen: str  # where the replicas reach the action servers, e.g. "127.0.0.1:5450"
    frame_ancestors: str  # the sites that may embed the widget (CSP frame-ancestors)
    headers_file: Path = HEADERS_FILE
    access_log: str = "off"
    rate_limit: str = "5r/s"  # per visitor IP, on the two webhooks
    rate_burst: int = 10
    tls_certificate: Optional[Path] = None  # with the key: serve TLS
    tls_key: Optional[Path] = None

    def fields(self) -> Dict[str, str]:
        return {
            "LISTEN": self.listen,
            "SERVER_NAME": self.server_name,
            "RASA_SERVERS": _servers(self.rasa_ports),
            "ACTION_SERVERS": _servers(self.action_ports),
            "ACTIONS_LISTEN": self.actions_listen,
            "FRAME_ANCESTORS": self.frame_ancestors,
            "HEADERS": str(self.headers_file),
            "ACCESS_LOG": self.access_log,
            "RATE_LIMIT": self.rate_limit,
            "RATE_BURST": str(self.rate_burst),
            "TLS": self._tls(),
        }

    def _tls(self) -> str:
        if self.tls_certificate is None or self.tls_key is None:
            return "    # No TLS here: loopback only (make cluster). On a server, render with --tls-certificate."
        return (
            f"    ssl_certificate {self.tls_certificate};\n"
            f"    ssl_certificate_key {self.tls_key};\n"
            "    ssl_protocols TLSv1.2 TLSv1.3;\n"
            "    ssl_prefer_server_ciphers off;\n"
            "    ssl_session_cache shared:advisor_tls:10m;\n"
            "    ssl_session_timeout 1d;"
        )


def _servers(ports: Sequence[int]) -> str:
    if not ports:
        raise ValueError("an upstream needs at least one server")
    # max_fails=0: never mark a server down. They share the host, so a dead one refuses at once and
    # the next is tried at no cost; marking it down for a while instead made nginx refuse everything
    # for that while when all servers had died and just come back (tests/cluster saw it).
    return "\n".join(f"    server 127.0.0.1:{port} max_fails=0;" for port in ports)


def render_site(settings: SiteSettings, template: Path = SITE_TEMPLATE) -> str:
    fields = settings.fields()
    text = template.read_text(encoding="utf-8")
    missing = sorted(set(FIELD.findall(text)) - set(fields))
    if missing:
        raise KeyError(f"{template}: no value for {', '.join(missing)}")
    return FIELD.sub(lambda match: fields[match.group(1)], text)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Print the advisor's nginx site file for a server.")
    parser.add_argument("--server-name", required=True, help="e.g. bot.example.edu")
    parser.add_argument("--frame-ancestors", required=True, help='e.g. "https://www.example.edu"')
    parser.add_argument("--tls-certificate", type=Path, required=True)
    parser.add_argument("--tls-key", type=Path, required=True)
    parser.add_argument("--replica-ports", default="5005,5006", help="comma-separated Rasa ports")
    parser.add_argument("--action-ports", default="5055,5056", help="comma-separated action-server ports")
    parser.add_argument("--actions-listen", default="127.0.0.1:5050")
    parser.add_argument("--headers-file", type=Path, default=Path("/etc/nginx/snippets/advisor-headers.conf"))
    parser.add_argument("--rate-limit", default="5r/s")
    parser.add_argument("--rate-burst", type=int, default=10)
    args = parser.parse_args(argv)
    settings = SiteSettings(
        listen="443 ssl",
        server_name=args.server_name,
        rasa_ports=[int(p) for p in args.replica_ports.split(",")],
        action_ports=[int(p) for p in args.action_ports.split(",")],
        actions_listen=args.actions_listen,
        frame_ancestors=args.frame_ancestors,
        headers_file=args.headers_file,
        access_log="/var/log/nginx/advisor.access.log",
        rate_limit=args.rate_limit,
        rate_burst=args.rate_burst,
        tls_certificate=args.tls_certificate,
        tls_key=args.tls_key,
    )
    sys.stdout.write(render_site(settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
