"""MkDocs hooks: keep every page offline and give each lab a downloadable .ipynb.

* nbconvert's notebook template loads MathJax and mermaid from a CDN: those tags are removed
  (the site serves KaTeX and mermaid itself, on the pages that need them: tools/theme/main.html).
* `#>` comment lines in code (the generated output of a snippet) get the class `notes-output`
  so they read as output, not as a comment.
* Before a page is converted, each of its `--8<--` includes is checked, so a missing snippet or
  section fails the build naming the page and line (pymdownx alone names neither).
* A broken link or anchor is reported by mkdocs with its page; the message gets the line too.
* After the build, every lab (`docs/<chapter>/lab.py`, jupytext percent format) is written next
  to its page as `lab.ipynb`, the file the page's download button links to.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

NBCONVERT_CDN_BLOCKS = [
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S),
    re.compile(r"<script type=\"module\">\s*import mermaid from .*?</script>", re.S),
]
EXTERNAL_SCRIPT = re.compile(r"<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>")
OUTPUT_COMMENT = re.compile(r'<span class="c1">#&gt;')
INCLUDE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')


LINK_WARNING = re.compile(r"^Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)'")


class LinkLines(logging.Filter):
    """Prefix mkdocs' broken-link and broken-anchor warnings with `docs/<page>:<line>:`."""

    def __init__(self, docs_dir: str) -> None:
        super().__init__()
        self.docs_dir = Path(docs_dir)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if match := LINK_WARNING.match(message):
            lines = link_lines(self.docs_dir / match["page"], match["link"])
            where = f"{Path(self.docs_dir.name, match['page']).as_posix()}:{','.join(map(str, lines)) or '?'}"
            record.msg, record.args = f"{where}: {message}", ()
        return True


def link_lines(page: Path, link: str) -> list[int]:
    """Lines of a page (outside code fences) that write `link` as a link target."""
    forms = (f"({link})", f"({link} ", f"<{link}>", f"]: {link}", f'="{link}"', f"='{link}'")
    found, in_fence = [], False
    for number, line in enumerate(page.read_text().splitlines(), start=1):
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
        elif not in_fence and any(form in line for form in forms):
            found.append(number)
    return found


def on_config(config):
    logger = logging.getLogger("mkdocs.structure.pages")
    for old in [f for f in logger.filters if type(f).__name__ == "LinkLines"]:
        logger.removeFilter(old)  # `mkdocs serve` loads the hooks again on every rebuild
    logger.addFilter(LinkLines(config["docs_dir"]))
    return config


def on_page_markdown(markdown, page, config, files):
    from mkdocs.exceptions import PluginError

    options = config["mdx_configs"].get("pymdownx.snippets", {})
    bases = [Path(base) for base in options.get("base_path", ["."])]
    page.meta["verified_by"] = []  # the snippet files this page includes, for the page footer
    for number, line in enumerate(markdown.splitlines(), start=1 + _front_matter_lines(page)):
        match = INCLUDE.match(line)
        if not match:
            continue
        file_part, _, section = match["target"].partition(":")
        where = f"{page.file.src_path}:{number}"
        found = next((base / file_part for base in bases if (base / file_part).is_file()), None)
        if found is None:
            raise PluginError(f"{where}: includes {file_part!r}, which is not under {', '.join(map(str, bases))}")
        if file_part.endswith(".py") and f"snippets/{file_part}" not in page.meta["verified_by"]:
            page.meta["verified_by"].append(f"snippets/{file_part}")
        if section and not re.fullmatch(r"[\d,-]+", section):
            marker = re.compile(rf"-{{1,}}8<-{{1,}}[ \t]+\[start:{re.escape(section)}\]")
            if not marker.search(found.read_text()):
                raise PluginError(f"{where}: {file_part!r} has no section [start:{section}]")
    return markdown


def _front_matter_lines(page) -> int:
    """Lines of front matter mkdocs stripped before on_page_markdown, so line numbers stay true."""
    source = Path(page.file.abs_src_path).read_text() if page.file.abs_src_path else ""
    if not source.startswith("---"):
        return 0
    body = page.markdown or ""
    return source.count("\n") - body.count("\n")


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith("lab.py"):
        for block in NBCONVERT_CDN_BLOCKS:
            html = block.sub("", html)
        html = EXTERNAL_SCRIPT.sub("", html)
    return OUTPUT_COMMENT.sub('<span class="c1 notes-output">#&gt;', html)


def on_post_build(config):
    import jupytext

    docs = Path(config["docs_dir"])
    site = Path(config["site_dir"])
    for lab in sorted(docs.rglob("lab.py")):
        rel = lab.relative_to(docs)
        target = site / rel.parent / "lab" / "lab.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        notebook = jupytext.read(lab)
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        jupytext.write(notebook, target, fmt="ipynb")
