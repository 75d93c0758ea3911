"""The docs contract: every block runs or says why not, nothing is orphaned, the site builds strict
and offline. The Sybil examples themselves are collected from docs/ by the root conftest.py."""

from __future__ import annotations

import pytest
from sybil import Sybil

from tools import mkdocs_config, paths
from tools.pages import checks
from tools.pages.sybil_notes import NotesPythonParser
from tools.paths import DOCS, ROOT


def _report(problems: list[str]) -> None:
    __tracebackhide__ = True
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)


def test_every_fence_in_docs_runs_or_says_why_not():
    _report(checks.check_fences(ROOT))


def test_every_skip_marker_says_why():
    _report(checks.check_skip_reasons(ROOT))


def test_every_page_yields_its_pinned_number_of_examples():
    """Each page pins, in its front matter (`examples: N`), how many Python examples Sybil runs.

    A block that silently stops running (a typo in its info string, a broken fence) changes the
    count and fails here; so does a new page that pins nothing.
    """
    _report(checks.check_examples(ROOT))


def test_the_static_example_count_is_what_sybil_collects():
    """check_examples counts without expanding includes (so it works on a scratch copy); it must
    agree with Sybil itself on every page."""
    sybil = Sybil(parsers=[NotesPythonParser()], path=str(DOCS), patterns=["*.md"])
    counted = {str(page): checks.count_examples(page) for page in checks.pages(ROOT)}
    collected = {str(page): len(list(sybil.parse(page))) for page in checks.pages(ROOT)}
    assert counted == collected


def test_every_snippet_belongs_to_exactly_one_page_of_its_chapter():
    """snippets/<chapter>/x.py is included by one page, under docs/<chapter>/: from a page you
    find its snippets, and from a snippet its page, without searching."""
    _report(checks.check_snippets_included(ROOT))


def test_every_page_is_in_the_nav():
    _report(checks.check_nav(ROOT))


def test_every_page_is_in_its_chapters_index_table():
    _report(checks.check_chapter_index(ROOT))


def test_no_code_hard_codes_cuda():
    _report(checks.check_device_agnostic(ROOT))


def test_nothing_is_fetched_from_another_host():
    _report(checks.check_external_assets(ROOT))


def test_the_nav_check_agrees_with_mkdocs():
    """check_nav reads the nav itself; mkdocs' own idea of the pages not in the nav must be the same.
    (A page missing from the nav is reported by test_every_page_is_in_the_nav, once: here both
    sides name it, so they agree.)"""
    from mkdocs.structure.files import InclusionLevel, get_files
    from mkdocs.structure.nav import get_navigation

    config = mkdocs_config.load()
    files = get_files(config)
    nav = get_navigation(files, config)
    in_nav = {page.file.src_uri for page in nav.pages}
    pages = {
        f.src_uri
        for f in files
        if (f.src_uri.endswith(".md") or f.src_uri.endswith("lab.py")) and f.inclusion is InclusionLevel.INCLUDED
    }
    reported = {problem.split(":", 1)[0].removeprefix("docs/") for problem in checks.check_nav(ROOT)}
    assert sorted(pages - in_nav) == sorted(reported)


def test_every_chapter_ends_with_a_lab_notebook():
    chapters = paths.chapters()
    assert chapters
    missing = [d.name for d in chapters if not (d / "lab.py").is_file()]
    assert missing == []
