"""MkDocs hooks: keep every page offline, light and honest, and give each lab downloadable notebooks.

* nbconvert's notebook template loads MathJax and mermaid from a CDN: those tags are removed
  (the site serves KaTeX itself, on the pages that need it: tools/theme/main.html; diagrams are
  drawn at build time, below).
* `#>` comment lines in code (the generated output of a snippet) get the class `notes-output`
  so they read as output, not as a comment.
* Before a page is converted, each of its `--8<--` includes is checked, so a missing snippet or
  section fails the build naming the page and line (pymdownx alone names neither).
* Labs are executed by mkdocs-jupyter, through its cache: the cache key is extended with the
  snippet modules the lab imports and the pinned versions (tools/notebooks.py), so a lab is
  re-executed when it or what it imports changes, and only then. A failing cell stops the build
  naming its lab.py line, without ANSI colour codes.
* A broken link or anchor is reported by mkdocs with its page; the message gets the line too.
* A code block titled with a snippet's file name that shows only a named section of it is
  retitled "excerpt of snippets/…" and links to the whole file (copied into the site), so a reader
  never mistakes a section for a file that runs as copied.
* Every ```` ```mermaid ```` diagram is drawn as inline SVG at build time (tools/flowchart_svg.py):
  no diagram runtime is loaded in the browser.
* Maths is typeset at build time by the site's KaTeX (tools/katex.py): arithmatex's `\\( … \\)` and
  `\\[ … \\]` on pages, `$ … $` and `$$ … $$` in a lab's Markdown cells. No script typesets in the
  browser; a formula KaTeX refuses fails the build naming its file and line.
* Accessibility fixes of the HTML (tools/a11y.py): a table's empty header cell becomes a data
  cell; a lab's "Copied!" notice is for the eye only.
* Lab pages: nbconvert's ~600 kB of inline CSS is cut to the rules whose classes the page uses,
  and each run of cells tagged `solution` is folded into a closed "Solution" box, so a reader can
  try the exercise first.
* A `serve` rebuild reuses the search entries of unchanged pages and the compiled templates
  (tools/rebuild_cache.py).
* After the build, every lab (`docs/<chapter>/lab.py`, jupytext percent format) is written next
  to its page as `lab.ipynb`, the exercises without their solutions (the file the page's download
  button links to), and as `lab-solutions.ipynb`, the whole notebook.
"""

from __future__ import annotations

import html as html_lib
import logging
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

from tools import (  # importable: the editable install puts tools/ on the path
    a11y,
    labcss,
    paths,
    rebuild_cache,
    verified,
)

NBCONVERT_CDN_BLOCKS = [
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S),
    re.compile(r"<script type=\"module\">\s*import mermaid from .*?</script>", re.S),
]
EXTERNAL_SCRIPT = re.compile(r"<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>")
OUTPUT_COMMENT = re.compile(r'<span class="c1">#&gt;')
TITLED_FENCE = re.compile(r'^(?P<head>[ \t]*(?:`{3,}|~{3,}).*?\btitle=")(?P<title>snippets/[^"]+)(?P<tail>".*)$')
EXCERPT_PREFIX = "excerpt of "
EXCERPT_TITLE = re.compile(r'<span class="filename">excerpt of (?P<path>snippets/[\w/.-]+)</span>')
MERMAID = re.compile(r'<pre class="mermaid"><code>(?P<source>.*?)</code></pre>', re.S)
SOLUTION_TAG = "solution"
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>', re.S
)
NOTEBOOK_MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\s](?:[^$]*?[^$\s])?)\$", re.S)


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
    rebuild_cache.install_search_cache()  # `serve` rebuilds reuse what did not change (tools/rebuild_cache.py)
    return config


def on_env(env, config, files):
    env.bytecode_cache = rebuild_cache.template_cache()
    return env


def on_page_markdown(markdown, page, config, files):
    from mkdocs.exceptions import PluginError

    from tools import includes  # importable: the editable install puts tools/ on the path

    options = config["mdx_configs"].get("pymdownx.snippets", {})
    bases = [Path(base) for base in options.get("base_path", ["."])]
    page.meta["verified_by"] = []  # the snippet files this page includes, for the page footer
    # Where the suite last verified the page as it is now (build/verified: tools/verified.py).
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
    from tools import includes

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
    if page.file.src_uri.endswith("lab.py"):
        # Cached on the notebook's HTML (tools/labcss.py), so `serve` redoes it only for a changed lab.
        html = labcss.cached(page.file.abs_src_path, html, lambda: _lab_page(html, page))
    html = ARITHMATEX.sub(lambda m: _typeset_arithmatex(m, page), html)
    html = MERMAID.sub(lambda m: _diagram(m["source"], page), html)
    html = EXCERPT_TITLE.sub(lambda m: _excerpt_link(m["path"], page), html)
    html = a11y.fix(html)
    return OUTPUT_COMMENT.sub('<span class="c1 notes-output">#&gt;', html)


def _typeset(tex: str, display: bool, page) -> str:
    """KaTeX's HTML for a formula of `page`; a formula KaTeX refuses stops the build at its line."""
    from mkdocs.exceptions import PluginError

    from tools.katex import KatexError, render

    try:
        return render(tex, display)
    except KatexError as error:
        source = Path(page.file.abs_src_path)
        first = tex.strip().splitlines()[0].strip() if tex.strip() else tex
        lines = [n for n, line in enumerate(source.read_text().splitlines(), start=1) if first and first in line]
        where = f"{Path(page.file.src_path).as_posix()}:{lines[0] if lines else '?'}"
        raise PluginError(f"docs/{where}: KaTeX cannot typeset {tex.strip()!r}: {error}") from None


def _typeset_arithmatex(match: re.Match, page) -> str:
    display = match["display"] is not None
    tex = html_lib.unescape(match["display"] if display else match["inline"])
    return f'<{match["tag"]} class="arithmatex">{_typeset(tex, display, page)}</{match["tag"]}>'


def _typeset_notebook_maths(soup, page) -> None:
    """Typeset the `$ … $` and `$$ … $$` maths left as text in a lab's rendered Markdown cells."""
    from bs4 import BeautifulSoup, NavigableString

    for cell in soup.select(".jp-RenderedMarkdown"):
        for text in list(cell.find_all(string=NOTEBOOK_MATH)):
            if not isinstance(text, NavigableString) or text.find_parent(["code", "pre", "script", "style"]):
                continue
            raw, pieces, last = str(text), [], 0
            for m in NOTEBOOK_MATH.finditer(raw):
                display = m["display"] is not None
                maths = _typeset(m["display"] if display else m["inline"], display, page)
                pieces += [html_lib.escape(raw[last : m.start()], quote=False), f'<span class="arithmatex">{maths}</span>']
                last = m.end()
            typeset = "".join(pieces) + html_lib.escape(raw[last:], quote=False)
            text.replace_with(BeautifulSoup(typeset, "html.parser"))


def _lab_page(html: str, page) -> str:
    for block in NBCONVERT_CDN_BLOCKS:
        html = block.sub("", html)
    html = EXTERNAL_SCRIPT.sub("", html)
    html = _fold_solutions(html, page)
    return labcss.prune_inline_css(html)


def _excerpt_link(path: str, page) -> str:
    href = get_relative_url(path, page.url)
    return (
        f'<span class="filename">{EXCERPT_PREFIX}<a href="{href}" '
        f'title="The whole file, which runs on its own">{path}</a></span>'
    )


def _diagram(escaped_source: str, page) -> str:
    from mkdocs.exceptions import PluginError

    from tools.flowchart_svg import FlowchartError, render

    try:
        svg = render(html_lib.unescape(escaped_source), title=f"Diagram: {page.title}")
    except FlowchartError as error:
        raise PluginError(f"{page.file.src_path}: mermaid diagram: {error}") from None
    return f'<figure class="notes-diagram">{svg}</figure>'


def _fold_solutions(html: str, page) -> str:
    """Wrap each run of consecutive cells tagged `solution` in a closed <details> box (and typeset
    the Markdown cells' maths, on the same parse of the page)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    notebook = soup.find("div", class_="jp-Notebook")
    if notebook is None:
        return html
    _typeset_notebook_maths(soup, page)
    cells = [child for child in notebook.children if getattr(child, "name", None) == "div"]

    def is_solution(cell) -> bool:
        return f"celltag_{SOLUTION_TAG}" in (cell.get("class") or []) or cell.find(class_=f"celltag_{SOLUTION_TAG}")

    run: list = []
    for cell in [*cells, None]:
        if cell is not None and is_solution(cell):
            run.append(cell)
            continue
        if run:
            box = soup.new_tag("details", attrs={"class": "notes-solution success"})
            summary = soup.new_tag("summary")
            summary.string = "Solution (try the exercise first)"
            box.append(summary)
            run[0].insert_before(box)
            for solution_cell in run:
                box.append(solution_cell.extract())
            run = []
    return str(soup)


# Material's palette sets `data-md-color-switching` on <body> at every page load and removes it a
# frame later; this rule makes each of those two changes restyle every element of the page (about
# 60 ms each on a throttled phone, in the load's longest task). The theme turns transitions off on
# the reader's switch instead (tools/theme/main.html, notes.css: .notes-switching).
SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def drop_switching_rule(config) -> None:
    """SWITCHING_RULE out of the built palette stylesheet. Material's own copy must have it (or the
    build fails, to make whoever updates Material look again); the built copy may already be
    without it, as `mkdocs serve` copies a theme file again only when the theme's is newer."""
    site = Path(config["site_dir"])
    for theme_dir in config["theme"].dirs:
        for source in sorted(Path(theme_dir).glob("assets/stylesheets/palette.*.min.css")):
            if SWITCHING_RULE not in source.read_text():
                raise PluginError(
                    f"{source}: Material's palette stylesheet no longer has the rule that"
                    " tools/mkdocs_hooks.py drops (SWITCHING_RULE): check what this Material does"
                    " at page load and update the hook"
                )
            built = site / source.relative_to(theme_dir)
            built.write_text(built.read_text().replace(SWITCHING_RULE, ""))
            return
    raise PluginError("no palette.*.min.css in the theme's folders: tools/mkdocs_hooks.py expects Material's")


def on_post_build(config):
    docs = Path(config["docs_dir"])
    site = Path(config["site_dir"])
    drop_switching_rule(config)
    write_lab_notebooks(docs, site, config["use_directory_urls"])
    # The whole files that "excerpt of snippets/…" titles link to.
    root = Path(config["config_file_path"]).parent
    for path in paths.snippet_files(root):
        target = site / "snippets" / path.relative_to(root / "snippets")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def write_lab_notebooks(docs: Path, site: Path, directory_urls: bool = True) -> None:
    """Each chapter's lab.py as the two downloads of its lab page: lab.ipynb (exercises) and
    lab-solutions.ipynb, beside the page (`<chapter>/lab/index.html`, or `<chapter>/lab.html`
    without directory URLs: the offline copy)."""
    import jupytext

    for lab in paths.labs(docs.parent):
        folder = site / lab.relative_to(docs).parent / ("lab" if directory_urls else "")
        folder.mkdir(parents=True, exist_ok=True)
        notebook = jupytext.read(lab)
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        jupytext.write(stable_ids(notebook), folder / "lab-solutions.ipynb", fmt="ipynb")
        jupytext.write(stable_ids(exercises_only(notebook)), folder / "lab.ipynb", fmt="ipynb")


def stable_ids(notebook):
    """Cell ids from each cell's place and source, not random: the same lab.py builds the same
    downloads byte for byte (nbformat gives every new cell a fresh random id)."""
    import hashlib

    for index, cell in enumerate(notebook.cells):
        cell["id"] = hashlib.sha1(f"{index}\n{cell.cell_type}\n{cell.source}".encode()).hexdigest()[:8]
    return notebook


def exercises_only(notebook):
    """The notebook without its `solution` cells: each run of them becomes one empty code cell."""
    import copy

    import nbformat

    result = copy.deepcopy(notebook)
    cells, in_solution = [], False
    for cell in result.cells:
        if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
            if not in_solution:
                cells.append(nbformat.v4.new_code_cell("# Your solution here\n"))
            in_solution = True
            continue
        in_solution = False
        cells.append(cell)
    result.cells = cells
    return result
