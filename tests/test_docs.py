"""The README and the docs site (docs/, mkdocs.yml): short README, strict build, no remote assets.

The site is built as `make docs` builds it (`mkdocs build --strict`, so a broken link or
anchor fails), into a temporary folder. Visitors' browsers may be offline or behind a strict
policy, and the project loads nothing from another host: no page, stylesheet or script of the
built site may fetch a script, stylesheet, font or image from http(s):// or //.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Iterator, List, Optional, Tuple

import pytest
import yaml

from bot.paths import PROJECT_ROOT

README = PROJECT_ROOT / "README.md"
DOCS = PROJECT_ROOT / "docs"
MKDOCS_YML = PROJECT_ROOT / "mkdocs.yml"
README_MAX_BYTES = int(6.5 * 1024)

REMOTE = r"(?:https?:)?//"
# Attributes that make a browser fetch something (an <a href> is a link, not an asset).
FETCHING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "source": ("src", "srcset"),
    "audio": ("src",),
    "video": ("src", "poster"),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
}
CSS_REMOTE = [
    re.compile(r"url\(\s*['\"]?\s*" + REMOTE, re.I),
    re.compile(r"@import\s+(?:url\(\s*)?['\"]?\s*" + REMOTE, re.I),
]
JS_REMOTE = [
    re.compile(r"importScripts\(\s*['\"`]" + REMOTE, re.I),
    re.compile(r"\bimport\s*\(\s*['\"`]" + REMOTE, re.I),
    re.compile(r"\bfrom\s*['\"`]" + REMOTE, re.I),
    re.compile(r"\.(?:src|href)\s*=\s*['\"`]" + REMOTE, re.I),
    re.compile(r"['\"`]" + REMOTE + r"[^'\"`\s]+\.(?:m?js|css|woff2?|ttf|otf|eot)(?:[?#][^'\"`\s]*)?['\"`]", re.I),
]
# Hosts that only ever serve assets: named anywhere, they are a remote load waiting to happen.
CDN_HOSTS = re.compile(
    r"fonts\.googleapis\.com|fonts\.gstatic\.com|cdnjs\.|jsdelivr\.|unpkg\.com|googletagmanager", re.I
)


class AssetReferences(HTMLParser):
    """Remote URLs an HTML page would fetch: tag attributes, <style> blocks and style="" attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.remote: List[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in FETCHING_ATTRIBUTES.get(tag, ()) and any(
                re.match(REMOTE, part.strip(), re.I) for part in value.split(",")
            ):
                self.remote.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.remote += css_remote(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.remote += css_remote(data)


def css_remote(text: str) -> List[str]:
    return [m.group(0) for pattern in CSS_REMOTE for m in pattern.finditer(text)]


def js_remote(text: str) -> List[str]:
    return [m.group(0) for pattern in JS_REMOTE for m in pattern.finditer(text)]


def remote_references(path: Path) -> List[str]:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = [m.group(0) for m in CDN_HOSTS.finditer(text)]
    if path.suffix == ".html":
        parser = AssetReferences()
        parser.feed(text)
        found += parser.remote
    elif path.suffix == ".css":
        found += css_remote(text)
    elif path.suffix == ".js":
        found += js_remote(text)
    return found


def nav_pages(nav: Any) -> Iterator[str]:
    """Every page path in mkdocs.yml's nav, however deep."""
    if isinstance(nav, str):
        yield nav
    elif isinstance(nav, list):
        for item in nav:
            yield from nav_pages(item)
    elif isinstance(nav, dict):
        for value in nav.values():
            yield from nav_pages(value)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(MKDOCS_YML), "--site-dir", str(out)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, f"mkdocs build --strict failed:\n{built.stdout}\n{built.stderr}"
    return out


def test_the_docs_build_in_strict_mode(site: Path) -> None:
    assert (site / "index.html").is_file()
    assert (site / "report.png").is_file()


def test_every_nav_page_exists_and_is_built(site: Path) -> None:
    pages = list(nav_pages(yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8"))["nav"]))
    assert "index.md" in pages
    assert "maintainer/reading-messages.md" in pages
    for page in pages:
        assert (DOCS / page).is_file(), f"{page} is in mkdocs.yml's nav but not in docs/"
        assert (site / page).with_suffix(".html").is_file(), f"{page} was not built"
    written = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md")}
    assert written <= set(pages), f"pages not in the nav: {sorted(written - set(pages))}"


def test_the_built_site_loads_nothing_from_another_host(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.suffix in {".html", ".css", ".js"}]
    assert any(p.suffix == ".js" for p in files) and any(p.suffix == ".css" for p in files)
    remote = {str(p.relative_to(site)): refs for p in files if (refs := remote_references(p))}
    assert remote == {}


def test_the_remote_asset_check_finds_what_it_should() -> None:
    parser = AssetReferences()
    parser.feed(
        '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/x.js"></script>'
        '<a href="https://www.mkdocs.org/">MkDocs</a><style>@import url("https://fonts.example/f.css");</style>'
    )
    found = " ".join(parser.remote)
    assert "x.css" in found and "x.js" in found and "@import" in found
    assert "mkdocs.org" not in found
    assert css_remote("src: url(https://fonts.example/f.woff2)") and not css_remote("url(../webfonts/fa.woff2)")
    assert not css_remote("url(\"data:image/svg+xml,%3csvg xmlns='http://www.w3.org/2000/svg'\")")
    assert js_remote("s.src = 'https://cdn.example/hl.js'") and js_remote('importScripts("https://x.example/a.js")')
    assert not js_remote('throw new TypeError("Bootstrap\'s tooltips require Popper (https://popper.js.org)")')


def test_the_readme_is_short_and_starts_with_run_and_test() -> None:
    data = README.read_bytes()
    assert len(data) < README_MAX_BYTES, f"README.md is {len(data)} bytes; the rest belongs in docs/"
    head = data.decode("utf-8").splitlines()[:20]
    commands = [line.split("#")[0].strip() for line in head]
    assert "make run" in commands and "make test" in commands
    assert commands.index("make run") < commands.index("make test")


def test_the_readme_links_into_docs() -> None:
    text = README.read_text(encoding="utf-8")
    for target in re.findall(r"\]\((docs/[^)#]+)", text):
        assert (PROJECT_ROOT / target).is_file(), f"README links to {target}, which does not exist"
    assert "docs/index.md" in text
    assert "embed.js" in text
