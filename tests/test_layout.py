"""The layout issue #18 asks for: every package has its __init__.py, no module is over 400 lines, no import
of the project's own hides behind TYPE_CHECKING, and the Makefile's BUILD_SOURCES list every module the NLU
pipeline and the build import, so a change to any of them rebuilds and retrains. The import layers
themselves are pyproject.toml's contracts, checked by `make lint` (lint-imports)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import List

import grimp

from bot.paths import PROJECT_ROOT

MAX_LINES = 400
CODE = ("bot", "actions", "benchmarks")


def python_files() -> List[Path]:
    return sorted(p for folder in CODE for p in (PROJECT_ROOT / folder).rglob("*.py"))


def test_every_folder_of_python_code_is_a_package() -> None:
    folders = {p.parent for p in python_files()}
    missing = [str(f.relative_to(PROJECT_ROOT)) for f in sorted(folders) if not (f / "__init__.py").exists()]
    assert not missing, f"no __init__.py in {missing}"


def test_no_module_is_over_400_lines() -> None:
    long = {}
    for path in python_files():
        name = str(path.relative_to(PROJECT_ROOT))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            long[name] = lines
    assert not long, f"over {MAX_LINES} lines: {long}"


# `if TYPE_CHECKING:` followed by an import of the project's own modules.
OWN_IMPORT_FOR_TYPES = re.compile(
    r"^if TYPE_CHECKING:\n(?:[ \t]+.*\n)*?[ \t]+(?:from|import) (?:bot|actions)\b", re.MULTILINE
)


def test_no_import_of_our_own_hides_behind_type_checking() -> None:
    """Such an import exists only to hold an import circle open; lint-imports counts it as an import anyway."""
    hiding = [
        str(path.relative_to(PROJECT_ROOT))
        for path in python_files()
        if OWN_IMPORT_FOR_TYPES.search(path.read_text(encoding="utf-8"))
    ]
    assert not hiding, f"TYPE_CHECKING imports of bot or actions in {hiding}: import the lower layer's type instead"


def build_sources() -> List[str]:
    """BUILD_SOURCES as make expands it."""
    rule = "print-build-sources: ; @echo $(BUILD_SOURCES)"
    command = ["make", "-s", "--no-print-directory", "--eval", rule, "print-build-sources"]
    out = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, check=True).stdout
    return out.split()


def test_the_build_sources_cover_everything_the_nlu_pipeline_imports() -> None:
    graph = grimp.build_graph("bot")
    imported = {"bot.nlu", *graph.find_children("bot.nlu"), *graph.find_upstream_modules("bot.nlu", as_package=True)}
    files = set()
    for module in imported:
        path = PROJECT_ROOT / Path(*module.split("."))
        files.add(str((path / "__init__.py" if path.is_dir() else path.with_suffix(".py")).relative_to(PROJECT_ROOT)))
    sources = set(build_sources())
    assert "bot/knowledge/slots.py" in files  # the readiness form's slot names, which the build checks
    assert not files - sources, f"the build imports these, but BUILD_SOURCES does not list them: {files - sources}"
