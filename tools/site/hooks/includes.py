"""MkDocs hook: snippet includes, checked and shown for what they are.

* Before a page is converted, each of its `--8<--` includes is checked (tools/pages/includes.py), so a
  missing snippet or section fails the build naming the page and line (pymdownx alone names neither).
* A code block titled with a snippet's file name that shows only a named section of it is
  retitled "excerpt of snippets/…" and links to the whole file (copied into the site after the
  build), so a reader never mistakes a section for a file that runs as copied.
* The page footer's metadata: the snippet files the page includes (`verified_by`) and where the
  suite last verified the page as it is now (`verified_on`, tools/pages/verified.py).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from tools import paths
from tools.pages import includes, verified  # importable: the editable install puts tools/ on the path

TITLED_FENCE = re.compile(r'^(?P<head>[ \t]*(?:`{3,}|~{3,}).*?\btitle=")(?P<title>snippets/[^"]+)(?P<tail>".*)$')
EXCERPT_PREFIX = "excerpt of "
EXCERPT_TITLE = re.compile(r'<span class="filename">excerpt of (?P<path>snippets/[\w/.-]+)</span>')


def on_page_markdown(markdown, page, config, files):
    options = config["mdx_configs"].get("pymdownx.snippets", {})
    bases = [Path(base) for base in options.get("base_path", ["."])]
    page.meta["verified_by"] = []  # the snippet files this page includes, for the page footer
    # Where the suite last verified the page as it is now (build/verified: tools/pages/verified.py).
    page.meta["verified_on"] = verified.statements(f"docs/{page.file.src_uri}")
    lines = markdown.splitlines()
    for index, line in enumerate(lines):
        _retitle_excerpt(lines, index)
    markdown = "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")
    for number, include in includes.includes_in(markdown, first_line=1 + _front_matter_lines(page)):
        try:
            includes.resolve(include, bases, f"{page.file.src_path}:{number}")
        except includes.IncludeError as error:
            raise PluginError(str(error)) from None
        if include.file.endswith(".py") and f"snippets/{include.file}" not in page.meta["verified_by"]:
            page.meta["verified_by"].append(f"snippets/{include.file}")
    return markdown


def _retitle_excerpt(lines: list[str], index: int) -> None:
    """A fence titled `snippets/x.py` whose body includes only a section of x.py says it is an excerpt."""
    fence = TITLED_FENCE.match(lines[index])
    if not fence:
        return
    body = next((line for line in lines[index + 1 :] if line.strip()), "")
    include = includes.parse(body)
    if include and include.section:
        lines[index] = f"{fence['head']}{EXCERPT_PREFIX}{fence['title']}{fence['tail']}"


def _front_matter_lines(page) -> int:
    """Lines of front matter mkdocs stripped before on_page_markdown, so line numbers stay true."""
    source = Path(page.file.abs_src_path).read_text() if page.file.abs_src_path else ""
    if not source.startswith("---"):
        return 0
    body = page.markdown or ""
    return source.count("\n") - body.count("\n")


def on_page_content(html, page, config, files):
    return EXCERPT_TITLE.sub(lambda m: _excerpt_link(m["path"], page), html)


def _excerpt_link(path: str, page) -> str:
    href = get_relative_url(path, page.url)
    return (
        f'<span class="filename">{EXCERPT_PREFIX}<a href="{href}" '
        f'title="The whole file, which runs on its own">{path}</a></span>'
    )


def on_post_build(config):
    """The whole files that "excerpt of snippets/…" titles link to, copied into the site."""
    site = Path(config["site_dir"])
    root = Path(config["config_file_path"]).parent
    for path in paths.snippet_files(root):
        target = site / "snippets" / path.relative_to(root / "snippets")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
