"""The deployment files in deploy/, checked with the real tools.

The nginx site is rendered for a server (TLS with a self-signed certificate made
here by openssl), checked with `nginx -t`, then run on loopback in front of a
stub upstream to check what it forwards, refuses and limits. The systemd units
are checked with `systemd-analyze verify`, pointed at this checkout.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import ssl
import subprocess
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, Tuple

import pytest

from bot.paths import PROJECT_ROOT
from bot.serving.cluster.config import ClusterConfig
from bot.serving.cluster.nginx_site import HEADERS_FILE, SiteSettings, render_site
from bot.serving.cluster.run import ENDPOINTS, replica_env

DEPLOY = PROJECT_ROOT / "deploy"
NGINX_PORT = 8481  # free while these run: the fault tests' cluster starts after them
STUB_PORT = 5499
FRAME_ANCESTORS = "https://www.example.edu"


class StubReplica(BaseHTTPRequestHandler):
    """Stands in for a Rasa replica: answers everything, sends a permissive CSP nginx must replace."""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        body = json.dumps([{"text": f"stub saw {self.command} {self.path}"}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Security-Policy", "frame-ancestors *")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def log_message(self, *args: object) -> None:
        pass


def self_signed_certificate(directory: Path) -> Tuple[Path, Path]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Dict[str, Any]]:
    work = tmp_path_factory.mktemp("nginx")
    cert, key = self_signed_certificate(work)
    site = render_site(
        SiteSettings(
            listen=f"127.0.0.1:{NGINX_PORT} ssl",
            server_name="localhost",
            rasa_ports=[STUB_PORT],
            action_ports=[STUB_PORT],
            actions_listen="127.0.0.1:5498",
            frame_ancestors=FRAME_ANCESTORS,
            headers_file=HEADERS_FILE,
            rate_limit="5r/s",
            rate_burst=10,
            tls_certificate=cert,
            tls_key=key,
        )
    )
    (work / "advisor.conf").write_text(site)
    (work / "nginx.conf").write_text(
        f"pid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
        f"http {{\n  client_body_temp_path {work}/body;\n  proxy_temp_path {work}/proxy;\n"
        f"  include {work}/advisor.conf;\n}}\n"
    )
    nginx = [shutil.which("nginx") or "/usr/sbin/nginx", "-p", str(work), "-e", str(work / "error.log")]
    nginx += ["-c", str(work / "nginx.conf")]
    checked = subprocess.run([*nginx, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    stub = ThreadingHTTPServer(("127.0.0.1", STUB_PORT), StubReplica)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    subprocess.run([*nginx, "-g", "daemon on; master_process on;"], check=True, timeout=30)
    context = ssl.create_default_context(cafile=str(cert))  # verified: the certificate is really used
    try:
        deadline = time.monotonic() + 10
        while socket.socket().connect_ex(("127.0.0.1", NGINX_PORT)) != 0 and time.monotonic() < deadline:
            time.sleep(0.1)
        yield {"base": f"https://localhost:{NGINX_PORT}", "context": context, "nginx_check": checked.stderr}
    finally:
        subprocess.run([*nginx, "-s", "quit"], timeout=30)
        stub.shutdown()
        stub.server_close()
        time.sleep(0.5)


def fetch(site: Dict[str, Any], path: str, body: Any = None, raw: bytes = b"") -> Tuple[int, Dict[str, str], Any]:
    data = raw or (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(site["base"] + path, data, {"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10, context=site["context"]) as response:
            status, headers, content = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        status, headers, content = err.code, dict(err.headers), err.read()
    try:
        return status, headers, json.loads(content)
    except ValueError:
        return status, headers, content.decode(errors="replace")


def test_site_passes_nginx_t_with_tls(tls_site: Dict[str, Any]) -> None:
    assert "syntax is ok" in tls_site["nginx_check"]


def test_only_the_webhooks_and_the_widget_are_forwarded(tls_site: Dict[str, Any]) -> None:
    message = {"sender": "deploy-test", "message": "hi"}
    assert fetch(tls_site, "/webhooks/rest/webhook", message)[0] == 200
    assert fetch(tls_site, "/webhooks/widget/webhook", message)[0] == 200
    for path in ("/webhooks/widget/", "/webhooks/widget/embed.js", "/webhooks/widget/widget.js"):
        assert fetch(tls_site, path)[0] == 200, path
    for path in ("/", "/version", "/status", "/model/parse", "/conversations/x/tracker", "/webhooks/widget/x.js"):
        status, _, body = fetch(tls_site, path)
        assert status == 404 and body == {"error": "Not found."}, (path, status, body)
    status, _, body = fetch(tls_site, "/webhooks/rest/webhook")  # GET
    assert status == 405 and "error" in body


def test_security_headers_and_the_widget_frame_ancestors(tls_site: Dict[str, Any]) -> None:
    _, headers, _ = fetch(tls_site, "/webhooks/widget/")
    csp = headers["Content-Security-Policy"]
    assert csp.endswith(f"frame-ancestors {FRAME_ANCESTORS}") and "frame-ancestors *" not in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert headers["Server"] == "nginx"  # no version
    _, headers, _ = fetch(tls_site, "/webhooks/rest/webhook", {"sender": "a", "message": "hi"})
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]


def test_body_size_limit(tls_site: Dict[str, Any]) -> None:
    status, _, body = fetch(tls_site, "/webhooks/rest/webhook", raw=b'{"message": "' + b"a" * 40_000 + b'"}')
    assert status == 413 and body == {"error": "That message is too long."}


def test_rate_limit_per_ip(tls_site: Dict[str, Any]) -> None:
    time.sleep(2.5)  # let the earlier requests' budget refill
    began = time.monotonic()
    replies = [fetch(tls_site, "/webhooks/widget/webhook", {"sender": "a", "message": "hi"}) for _ in range(30)]
    elapsed = time.monotonic() - began
    statuses = [status for status, _, _ in replies]
    # 5 a second with a burst of 10: the burst, plus what refilled while the loop ran, passes.
    allowed = 10 + 1 + 5 * elapsed
    assert 8 <= statuses.count(200) <= allowed + 1, (statuses, elapsed)
    assert statuses.count(200) + statuses.count(429) == 30, statuses
    refused = [(headers, body) for status, headers, body in replies if status == 429]
    assert refused, statuses
    headers, body = refused[-1]
    assert "error" in body and headers.get("Retry-After") == "1"
    # The REST webhook shares the per-IP budget: right after the flood it is refused too.
    rest = [fetch(tls_site, "/webhooks/rest/webhook", {"sender": "a", "message": "hi"})[0] for _ in range(5)]
    assert 429 in rest, rest


def test_systemd_units_verify(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is missing: make cluster-deps installs the systemd package")
    # Point the units at this checkout (they name /opt/advisor), then check them as instances.
    for template in (DEPLOY / "systemd").glob("*@.service"):
        text = template.read_text().replace("/etc/advisor/advisor.env", str(DEPLOY / "advisor.env"))
        instance = template.name.replace("@.", "@5005.")
        (tmp_path / instance).write_text(text.replace("/opt/advisor", str(PROJECT_ROOT)))
    units = sorted(str(p) for p in tmp_path.glob("*.service"))
    assert len(units) == 2
    result = subprocess.run(["systemd-analyze", "verify", *units], capture_output=True, text=True, timeout=60)
    # verify only warns about some mistakes (an unknown Restart= value): any output is a failure.
    assert result.returncode == 0 and not result.stdout.strip() and not result.stderr.strip(), result.stderr
    for unit in units:
        assert "Restart=on-failure" in Path(unit).read_text()


def test_env_file_has_everything_the_endpoints_read() -> None:
    env_keys = set(re.findall(r"^([A-Z_]+)=", (DEPLOY / "advisor.env").read_text(), re.MULTILINE))
    read = set(re.findall(r"\$\{([A-Z_]+)\}", ENDPOINTS.read_text()))
    assert read and read <= env_keys, read - env_keys
    assert set(replica_env(ClusterConfig())) <= env_keys
