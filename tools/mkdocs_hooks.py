"""MkDocs hooks: keep every page offline and give each lab a downloadable .ipynb.

* nbconvert's notebook template loads MathJax and mermaid from a CDN: those tags are removed
  (the site serves KaTeX and mermaid itself, on the pages that need them: tools/theme/main.html).
* `#>` comment lines in code (the generated output of a snippet) get the class `notes-output`
  so they read as output, not as a comment.
* Before a page is converted, each of its `--8<--` includes is checked, so a missing snippet or
  section fails the build naming the page and line (pymdownx alone names neither).
* Labs are executed by mkdocs-jupyter, through its cache: the cache key is extended with the
  snippet modules the lab imports and the pinned versions (tools/notebooks.py), so a lab is
  re-executed when it or what it imports changes, and only then. A failing cell stops the build
  naming its lab.py line, without ANSI colour codes.
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


def _patch_mkdocs_jupyter() -> None:
    """Extend mkdocs-jupyter's cache key and make a failing cell's error readable."""
    import mkdocs_jupyter.plugin as jupyter_plugin

    original_key = getattr(jupyter_plugin._compute_cache_key, "__wrapped__", jupyter_plugin._compute_cache_key)
    original_convert = getattr(jupyter_plugin.convert.nb2html, "__wrapped__", jupyter_plugin.convert.nb2html)

    def cache_key(nb_path, plugin_config, exec_nb):
        from tools.notebooks import lab_inputs_digest

        return original_key(nb_path, plugin_config, exec_nb) + "-" + lab_inputs_digest(Path(nb_path))[:16]

    def nb2html(nb_path, *args, **kwargs):
        from mkdocs.exceptions import PluginError
        from nbclient.exceptions import CellExecutionError

        from tools.notebooks import cell_error_message

        try:
            return original_convert(nb_path, *args, **kwargs)
        except CellExecutionError as error:
            raise PluginError(cell_error_message(Path(nb_path), error.traceback, error.ename, error.evalue)) from None

    cache_key.__wrapped__ = original_key
    nb2html.__wrapped__ = original_convert
    jupyter_plugin._compute_cache_key = cache_key
    jupyter_plugin.convert.nb2html = nb2html


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
    _patch_mkdocs_jupyter()
    return config


def on_page_markdown(markdown, page, config, files):
    from mkdocs.exceptions import PluginError

    from tools import includes  # importable: the editable install puts tools/ on the path

    options = config["mdx_configs"].get("pymdownx.snippets", {})
    bases = [Path(base) for base in options.get("base_path", ["."])]
    page.meta["verified_by"] = []  # the snippet files this page includes, for the page footer
    for number, include in includes.includes_in(markdown, first_line=1 + _front_matter_lines(page)):
        try:
            includes.resolve(include, bases, f"{page.file.src_path}:{number}")
        except includes.IncludeError as error:
            raise PluginError(str(error)) from None
        if include.file.endswith(".py") and f"snippets/{include.file}" not in page.meta["verified_by"]:
            page.meta["verified_by"].append(f"snippets/{include.file}")
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
