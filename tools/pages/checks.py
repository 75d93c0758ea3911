"""Static checks of the docs contract. Each takes the repository root (so the tests can plant a
mistake in a scratch copy) and returns problems as `file:line: what is wrong. Fix: what to do`.

tests/test_contract.py runs them on this repository; tests/test_mistakes.py plants each mistake.
"""

from __future__ import annotations

import ast
import doctest
import re
from dataclasses import dataclass
from pathlib import Path

from tools import mkdocs_config, paths
from tools.pages import includes
from tools.pages.sybil_notes import PYTHON_LANGUAGES  # the fences Sybil runs: one definition

SKIP = re.compile(r"<!--\s*skip:(?P<rest>.*?)-->")
SKIP_WITH_REASON = re.compile(r'^\s*(?:next|start|end)\s+"(?P<reason>[^"]*\S[^"]*)"\s*$')
NOT_RUN = re.compile(r'<!--\s*not-run:\s*"(?P<reason>[^"]*)"\s*-->\s*$')
CHECKED_BY = re.compile(r"<!--\s*checked-by:\s*(?P<test>tests/\S+\.py::\w+)\s*-->\s*$")
FENCE_INFO = re.compile(r"[ \t]*(?P<info>(?P<language>[^\s{`]*)[^\n]*)$\n", re.MULTILINE)


@dataclass(frozen=True)
class Fence:
    page: Path
    line: int  # 1-based line of the opening fence
    language: str
    body: str
    start: int


# Discovery lives in tools/paths.py, the include grammar in tools/pages/includes.py.
pages = paths.doc_pages
snippets = paths.includable_files
chapters = paths.chapters


def fences(page: Path) -> list[Fence]:
    """Every fenced block of a page, lexed as Sybil lexes it (admonitions and tabs included)."""
    from sybil import Document
    from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

    text = page.read_text()
    found = []
    for region in RawFencedCodeBlockLexer(info_pattern=FENCE_INFO)(Document(text, str(page))):
        line = text.count("\n", 0, region.start) + 1
        found.append(Fence(page, line, region.lexemes["language"], str(region.lexemes["source"]), region.start))
    return found


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _line_before(fence: Fence) -> str:
    lines = [line for line in fence.page.read_text()[: fence.start].splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def _test_exists(root: Path, ref: str) -> bool:
    file, _, name = ref.partition("::")
    path = root / file
    return path.is_file() and any(
        isinstance(n, ast.FunctionDef) and n.name == name for n in ast.parse(path.read_text()).body
    )


# --------------------------------------------------------------------------------------------


def check_fences(root: Path) -> list[str]:
    """A fence the suite would not execute needs a written reason right before it."""
    problems = []
    for page in pages(root):
        for fence in fences(page):
            where = f"{_rel(page, root)}:{fence.line}"
            before = _line_before(fence)
            if fence.language in PYTHON_LANGUAGES:
                continue  # executed by Sybil
            if fence.language == "":
                problems.append(
                    f"{where}: a fence without a language is not executed. Fix: write ```python if it is "
                    'code to run, else name its language and put <!-- not-run: "why" --> on the line before it'
                )
            elif match := NOT_RUN.match(before):
                if not match["reason"].strip():
                    problems.append(f'{where}: `not-run` with an empty reason. Fix: <!-- not-run: "why it cannot run" -->')
            elif match := CHECKED_BY.match(before):
                if not _test_exists(root, match["test"]):
                    problems.append(
                        f"{where}: checked-by names {match['test']}, which does not exist. "
                        "Fix: name an existing test function (tests/<file>.py::test_name)"
                    )
            else:
                problems.append(
                    f"{where}: a `{fence.language}` fence is neither executed nor explained (only python, py and "
                    f"pycon fences run). Fix: if it is Python, write ```python; otherwise put "
                    '<!-- not-run: "why" --> or <!-- checked-by: tests/<file>.py::test_name --> on the line before it'
                )
    return problems


def check_skip_reasons(root: Path) -> list[str]:
    """Every `<!-- skip: ... -->` marker says why, in quotes."""
    problems = []
    for page in pages(root):
        for number, line in enumerate(page.read_text().splitlines(), start=1):
            for match in SKIP.finditer(line):
                if not SKIP_WITH_REASON.match(match["rest"]):
                    problems.append(
                        f"{_rel(page, root)}:{number}: `{match.group(0)}` skips a block without a written reason. "
                        'Fix: <!-- skip: next "why this block cannot run" --> (or make the block run)'
                    )
    return problems


def count_examples(page: Path) -> int:
    """The number of Python examples Sybil collects from a page: one per code block, one per `>>>`
    example of a pycon block (tests/test_contract.py checks this against Sybil itself)."""
    total = 0
    for fence in fences(page):
        if fence.language not in PYTHON_LANGUAGES:
            continue
        if fence.language == "pycon" or fence.body.lstrip().startswith(">>>"):
            total += len(doctest.DocTestParser().get_examples(fence.body))
        else:
            total += 1
    return total


def front_matter(page: Path) -> tuple[dict, int]:
    """The page's YAML front matter and the line its `examples:` key is on (1 if none)."""
    import yaml

    text = page.read_text()
    if not text.startswith("---\n"):
        return {}, 1
    end = text.find("\n---", 4)
    meta = yaml.safe_load(text[4:end]) or {}
    lines = text[:end].splitlines()
    line = next((i for i, entry in enumerate(lines, start=1) if entry.startswith("examples:")), 1)
    return meta, line


def check_examples(root: Path) -> list[str]:
    """Each page pins, in its front matter, how many Python examples the suite runs."""
    problems = []
    for page in pages(root):
        meta, line = front_matter(page)
        actual, pinned = count_examples(page), meta.get("examples")
        if pinned != actual:
            problems.append(
                f"{_rel(page, root)}:{line}: front matter pins examples: {pinned}, the suite collects {actual} "
                "(one per python/py block, one per >>> example). Fix: set `examples: "
                f"{actual}` if you added or removed a block; if a block stopped running, fix its fence instead"
            )
    return problems


def check_snippets_included(root: Path) -> list[str]:
    """Each snippet is included by exactly one page, of its own chapter."""
    homes: dict[str, set[str]] = {}
    for page in pages(root):
        for target in includes.page_includes(page):
            homes.setdefault(target, set()).add(_rel(page, root / "docs"))
    problems = []
    for snippet in snippets(root):
        rel = _rel(snippet, root / "snippets")
        chapter = rel.split("/")[0]
        where = homes.get(rel, set())
        if not where:
            problems.append(
                f"snippets/{rel}:1: included by no page. Fix: include it from the page of docs/{chapter}/ that "
                f'explains it (```python, then --8<-- "{rel}:<section>", then ```), or delete it'
            )
        elif len(where) > 1 or next(iter(where)).split("/")[0] != chapter:
            problems.append(
                f"snippets/{rel}:1: included by {sorted(where)}. Fix: one page of docs/{chapter}/ includes it; "
                "give the others their own snippet"
            )
    return problems


def _nav_files(root: Path) -> tuple[set[str], dict]:
    config = mkdocs_config.load(root)

    def walk(entries) -> set[str]:
        found = set()
        for entry in entries or []:
            value = next(iter(entry.values())) if isinstance(entry, dict) else entry
            found |= walk(value) if isinstance(value, list) else {value}
        return found

    return walk(config["nav"]), config


def check_nav(root: Path) -> list[str]:
    """Every page and lab is in the nav of mkdocs.yml, in its chapter's section."""
    in_nav, _ = _nav_files(root)
    yml = mkdocs_config.text(root).splitlines()
    problems = []
    docs = root / "docs"
    for page in [*pages(root), *sorted(docs.glob("*/lab.py"))]:
        rel = _rel(page, docs)
        if rel in in_nav:
            continue
        chapter = rel.split("/")[0]
        anchor = next((i for i, line in enumerate(yml, 1) if f"{chapter}/index.md" in line), None)
        nav_line = next((i for i, line in enumerate(yml, 1) if line.startswith("nav:")), len(yml))
        where = (
            f"in the `{chapter}` section of mkdocs.yml (its entries start at line {anchor}, `{chapter}/index.md`), "
            "in reading order, before the lab"
            if anchor and "/" in rel
            else f"under `nav:` (mkdocs.yml line {nav_line})"
        )
        problems.append(f"docs/{rel}:1: not in the nav. Fix: add `- Its title: {rel}` {where}")
    return problems


def check_chapter_index(root: Path) -> list[str]:
    """Every page and lab of a chapter is a row of the table in the chapter's index.md."""
    problems = []
    for chapter in chapters(root):
        index = chapter / "index.md"
        if not index.is_file():
            problems.append(f"docs/{chapter.name}/index.md:1: missing. Fix: write the chapter's index with its table")
            continue
        lines = index.read_text().splitlines()
        rows = [(i, line) for i, line in enumerate(lines, 1) if line.lstrip().startswith("|")]
        last_row = rows[-1][0] if rows else len(lines)
        for page in [*sorted(chapter.glob("*.md")), *sorted(chapter.glob("lab.py"))]:
            if page.name == "index.md":
                continue
            link = re.compile(r"\]\(\s*" + re.escape(page.name) + r"(?:#[^)]*)?\s*\)")
            if not any(link.search(line) for _, line in rows):
                problems.append(
                    f"docs/{chapter.name}/{page.name}:1: not in the table of docs/{chapter.name}/index.md. Fix: add a "
                    f"row `| [Its title]({page.name}) | what it covers |` after line {last_row} of that file"
                )
    return problems


# --- device-agnostic code -------------------------------------------------------------------

DEVICE_LINE = 'device = torch.accelerator.current_accelerator(check_available=True) or torch.device("cpu")'


def _hard_coded_devices(tree: ast.AST) -> list[tuple[int, str]]:
    """Lines that put something on CUDA unconditionally: `.cuda()`, `.to("cuda")`, `device="cuda"`,
    `torch.device("cuda")` outside a comparison or a conditional expression."""
    exempt: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Compare, ast.IfExp)):
            exempt |= {id(child) for child in ast.walk(node)}

    def is_cuda(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and re.fullmatch(r"cuda(:\d+)?", node.value) is not None
            and id(node) not in exempt
        )

    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name == "cuda" and isinstance(func, ast.Attribute):
            found.append((node.lineno, ".cuda()"))
        elif name in ("to", "device") and node.args and is_cuda(node.args[0]):
            found.append((node.lineno, f'{name}("{node.args[0].value}")'))
        for keyword in node.keywords:
            if keyword.arg == "device" and is_cuda(keyword.value):
                found.append((node.lineno, f'device="{keyword.value.value}"'))
    return found


def _python_of_fence(body: str) -> str:
    if body.lstrip().startswith(">>>"):
        return "\n".join(line[4:] if line[:4] in (">>> ", "... ") else "" for line in body.splitlines())
    return body


def check_device_agnostic(root: Path) -> list[str]:
    """No snippet, executed block or lab hard-codes CUDA (it would fail on a CPU machine only by
    accident, and pass on a GPU)."""
    sources: list[tuple[str, int, str]] = []  # (file, line offset, code)
    for path in [*(p for p in snippets(root) if p.suffix == ".py"), *sorted((root / "docs").glob("*/lab.py"))]:
        sources.append((_rel(path, root), 0, path.read_text()))
    for page in pages(root):
        for fence in fences(page):
            if fence.language in PYTHON_LANGUAGES and "--8<--" not in fence.body:
                sources.append((_rel(page, root), fence.line, _python_of_fence(fence.body)))
    problems = []
    for file, offset, code in sources:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue  # the run itself reports it, with its line
        for line, what in _hard_coded_devices(tree):
            problems.append(
                f"{file}:{offset + line}: `{what}` hard-codes CUDA (fails on a CPU or Apple machine, hides "
                f"the CPU path on a GPU). Fix: `{DEVICE_LINE}`, then `.to(device)`"
            )
    return problems


# --- nothing fetched from another host ------------------------------------------------------

EXTERNAL = re.compile(
    r"""!\[[^\]]*\]\(\s*<?(?P<md>(?:https?:)?//[^)\s>]+)"""  # Markdown image
    r"""|<(?P<tag>img|script|iframe|source|video|audio|link)\b[^>]*?\b(?:src|href)\s*=\s*["']?(?P<html>(?:https?:)?//[^"'\s>]+)"""
    r"""|(?P<css>@import\s+(?:url\()?\s*["']?(?:https?:)?//[^"')\s;]+|url\(\s*["']?(?:https?:)?//[^"')\s]+)""",
    re.I,
)
WHERE_TO_PUT = {
    "img": "docs/assets/images/ (or draw it with tools/generated/diagrams.py / tools/generated/plots.py)",
    "md": "docs/assets/images/ (or draw it with tools/generated/diagrams.py / tools/generated/plots.py)",
    "script": "docs/assets/vendor/<library>/ with its LICENSE, recorded by `python3 -m tools.maint.vendor --write`",
    "link": "docs/assets/vendor/<library>/ (a stylesheet) or docs/assets/stylesheets/, linked relatively",
    "css": "docs/assets/vendor/<library>/ (a font or stylesheet), referenced by a relative url()",
}


def check_external_assets(root: Path) -> list[str]:
    """No page, stylesheet or script makes the browser fetch from another host."""
    docs = root / "docs"
    files = [*pages(root), *sorted((docs / "assets").rglob("*.css")), mkdocs_config.path(root)]
    files += [p for p in sorted((docs / "assets").rglob("*.js")) if "vendor" not in p.parts]
    problems = []
    for path in files:
        if not path.is_file():
            continue
        in_fence = False
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            if path.suffix == ".md" and re.match(r"^\s*(```|~~~)", line):
                in_fence = not in_fence  # code shown on a page is text, not something fetched
                continue
            if in_fence:
                continue
            candidates = list(EXTERNAL.finditer(line))
            if path.name == mkdocs_config.NAME and re.match(r"^\s*-\s*(?:https?:)?//", line):
                candidates = [re.search(r"(?P<yml>(?:https?:)?//\S+)", line)]
            for match in candidates:
                kind = next(k for k in ("md", "tag", "css", "yml") if match.groupdict().get(k))
                url = match.groupdict().get("html") or match.group(0) if kind != "md" else match["md"]
                key = (match["tag"] or "").lower() if kind == "tag" else kind
                home = WHERE_TO_PUT.get(key, "docs/assets/vendor/<library>/, listed by a relative path")
                problems.append(
                    f"{_rel(path, root)}:{number}: loads {url.strip()} from another host (the site must work "
                    f"offline and fetch nothing when viewed). Fix: put the file in {home} and link it relatively"
                )
    return problems


ALL_CHECKS = (
    check_fences,
    check_skip_reasons,
    check_examples,
    check_snippets_included,
    check_nav,
    check_chapter_index,
    check_device_agnostic,
    check_external_assets,
)
