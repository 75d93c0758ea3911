"""The docs contract: every block runs or says why not, nothing is orphaned, the site builds strict
and offline. The Sybil examples themselves are collected from docs/ by the root conftest.py."""

from __future__ import annotations

import ast
import re

from mkdocs.structure.files import InclusionLevel
from sybil import Sybil

from tools.includes import page_includes
from tools.paths import DOCS, ROOT, SNIPPETS, chapters, doc_pages
from tools.sybil_notes import PYTHON_LANGUAGES, NotesPythonParser, iter_fences

SKIP_NEXT = re.compile(r'<!--\s*skip:\s*next\s+"(?P<reason>[^"]*)"\s*-->\s*$')
NOT_RUN = re.compile(r'<!--\s*not-run:\s*"(?P<reason>[^"]*)"\s*-->\s*$')
CHECKED_BY = re.compile(r"<!--\s*checked-by:\s*(?P<test>tests/\S+\.py::\w+)\s*-->\s*$")


def _comment_before(fence) -> str:
    """The last non-blank line before a fence (where its directive must sit)."""
    text = fence.path.read_text()[: fence.start]
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def _test_exists(ref: str) -> bool:
    file, _, name = ref.partition("::")
    path = ROOT / file
    if not path.is_file():
        return False
    tree = ast.parse(path.read_text())
    return any(isinstance(n, ast.FunctionDef) and n.name == name for n in tree.body)


def test_every_fence_in_docs_runs_or_says_why_not():
    problems = []
    for page in doc_pages():
        for fence in iter_fences(page):
            before = _comment_before(fence)
            if fence.language in PYTHON_LANGUAGES:
                if (match := SKIP_NEXT.match(before)) and not match["reason"].strip():
                    problems.append(f"{fence.where}: `skip: next` without a written reason")
                continue  # executed by Sybil (counted below) or skipped with a reason
            if fence.language == "":
                problems.append(f"{fence.where}: fence without a language; say what it is")
            elif match := NOT_RUN.match(before):
                if not match["reason"].strip():
                    problems.append(f"{fence.where}: `not-run` without a reason")
            elif match := CHECKED_BY.match(before):
                if not _test_exists(match["test"]):
                    problems.append(f"{fence.where}: checked-by names a missing test {match['test']}")
            else:
                problems.append(
                    f"{fence.where}: a `{fence.language}` fence is neither executed nor explained; "
                    'put <!-- not-run: "why" --> or <!-- checked-by: tests/…::test_… --> before it'
                )
    assert not problems, "\n".join(problems)


def test_every_page_yields_its_pinned_number_of_examples():
    """Each page pins, in its front matter (`examples: N`), how many Python examples Sybil runs.

    A block that silently stops running (a typo in its info string, a broken fence) changes the
    count and fails here; so does a new page that pins nothing.
    """
    from mkdocs.utils.meta import get_data

    sybil = Sybil(parsers=[NotesPythonParser()], path=str(DOCS), patterns=["*.md"])
    problems = []
    for page in doc_pages():
        _, meta = get_data(page.read_text())
        actual = len(list(sybil.parse(page)))
        pinned = meta.get("examples")
        if pinned != actual:
            problems.append(f"{page.relative_to(ROOT)}: front matter pins examples: {pinned}, Sybil finds {actual}")
    assert problems == [], "\n".join(problems)


def test_every_snippet_is_included_by_a_page():
    included = {target for page in doc_pages() for target in page_includes(page)}
    on_disk = {
        p.relative_to(SNIPPETS).as_posix()
        for p in SNIPPETS.rglob("*")
        if p.is_file() and p.suffix in {".py", ".mmd"} and p.name != "__init__.py"
    }
    assert sorted(on_disk - included) == [], "snippets no page includes"
    assert sorted(included - on_disk) == [], "includes of missing snippets"


def test_every_page_is_in_the_nav():
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.nav import get_navigation

    config = load_config(str(ROOT / "mkdocs.yml"))
    files = get_files(config)
    nav = get_navigation(files, config)
    in_nav = {page.file.src_uri for page in nav.pages}
    pages = {
        f.src_uri
        for f in files
        if (f.src_uri.endswith(".md") or f.src_uri.endswith("lab.py"))
        and f.inclusion is InclusionLevel.INCLUDED
    }
    assert sorted(pages - in_nav) == []


def test_every_chapter_ends_with_a_lab_notebook():
    missing = [d.name for d in chapters() if not (d / "lab.py").is_file()]
    assert missing == []


def test_every_snippet_belongs_to_exactly_one_page_of_its_chapter():
    """snippets/<chapter>/x.py is included by one page, under docs/<chapter>/: from a page you
    find its snippets, and from a snippet its page, without searching."""
    homes: dict[str, set[str]] = {}
    for page in doc_pages():
        for target in page_includes(page):
            homes.setdefault(target, set()).add(page.relative_to(DOCS).as_posix())
    problems = [
        f"snippets/{target} is included by {sorted(pages)}"
        for target, pages in sorted(homes.items())
        if len(pages) != 1 or target.split("/")[0] != next(iter(pages)).split("/")[0]
    ]
    assert problems == []
