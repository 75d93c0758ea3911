"""The parts of `python3 dev.py test --page docs/CHAPTER/PAGE.md` that the whole run does for every
page at once (tests/test_site.py builds the site, tests/test_lint.py runs ruff on everything):
here for the pages named by --page only. Collected only with --page (tools/suite/page_check.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tools.pages import checks
from tools.paths import ROOT, rel
from tools.suite.page_check import OPTION, pages, snippets_of


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "page" in metafunc.fixturenames:
        chosen = pages(metafunc.config)
        if not chosen:
            raise pytest.UsageError(f"tests/test_page.py checks the pages named by {OPTION} docs/CHAPTER/PAGE.md")
        metafunc.parametrize("page", chosen, ids=[rel(p) for p in chosen])


INCLUDE_ERROR = re.compile(r"^(?:docs/)?(?P<page>[^:\s]+\.md):(?P<line>\d+): (?:includes '|'[^']+' has no section)")


def _said_by_the_pages_blocks(problem: str, page: Path) -> bool:
    """A broken include in a Python fence fails that block already (Sybil), with the same message."""
    match = INCLUDE_ERROR.match(problem)
    if match is None or not page.as_posix().endswith(match["page"]):
        return False
    python_fences = [f for f in checks.fences(page) if f.language in checks.PYTHON_LANGUAGES]
    return any(f.line < int(match["line"]) <= f.line + f.body.count("\n") for f in python_fences)


def test_the_page_builds_strict(page, page_build):
    """Its includes, maths, diagrams, links and anchors, as `mkdocs build --strict` sees them
    (tools/site/page_build.py, started at collection: tests/conftest.py)."""
    if problems := [p for p in page_build(page) if not _said_by_the_pages_blocks(p, page)]:
        pytest.fail("\n".join(problems), pytrace=False)


def test_ruff_finds_nothing_in_the_pages_snippets(page):
    files = [rel(p) for p in snippets_of(page)]
    if not files:
        return  # a page without snippets has no Python of its own to lint (its blocks run above)
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{result.stdout}{result.stderr}Fix these lines (`.venv/bin/ruff check --fix {' '.join(files)}` fixes "
            "import order and unused imports).",
            pytrace=False,
        )
