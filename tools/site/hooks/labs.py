"""MkDocs hook: the labs (`docs/<chapter>/lab.py`, jupytext percent format), from execution to download.

* Labs are executed by mkdocs-jupyter, through its cache: the cache key is extended with the
  snippet modules the lab imports and the pinned versions (tools/pages/notebooks.py), so a lab is
  re-executed when it or what it imports changes, and only then. A failing cell stops the build
  naming its lab.py line, without ANSI colour codes.
* A lab's page: nbconvert's MathJax and mermaid CDN tags are removed (the site serves KaTeX
  itself, and typesets the Markdown cells' maths here: tools/site/maths.py), its ~600 kB
  of inline CSS is cut to the rules whose classes the page uses, and each run of cells tagged
  `solution` is folded into a closed "Solution" box, so a reader can try the exercise first. The
  result is cached in tools/site/labcss.py, so `serve` redoes it only for a changed lab.
* After the build, every lab is written next to its page as `lab.ipynb`, the exercises without
  their solutions (the file the page's download button links to), and as `lab-solutions.ipynb`,
  the whole notebook.
"""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from tools.site import labcss  # importable: the editable install puts tools/ on the path
from tools import paths
from tools.site.maths import typeset_notebook_maths

NBCONVERT_CDN_BLOCKS = [
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S),
    re.compile(r"<script type=\"module\">\s*import mermaid from .*?</script>", re.S),
]
EXTERNAL_SCRIPT = re.compile(r"<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>")
SOLUTION_TAG = "solution"


def _patch_mkdocs_jupyter() -> None:
    """Extend mkdocs-jupyter's cache key and make a failing cell's error readable."""
    import mkdocs_jupyter.plugin as jupyter_plugin

    original_key = getattr(jupyter_plugin._compute_cache_key, "__wrapped__", jupyter_plugin._compute_cache_key)
    original_convert = getattr(jupyter_plugin.convert.nb2html, "__wrapped__", jupyter_plugin.convert.nb2html)

    def cache_key(nb_path, plugin_config, exec_nb):
        from tools.pages.notebooks import lab_inputs_digest

        return original_key(nb_path, plugin_config, exec_nb) + "-" + lab_inputs_digest(Path(nb_path))[:16]

    def nb2html(nb_path, *args, **kwargs):
        from nbclient.exceptions import CellExecutionError

        from tools.pages.notebooks import cell_error_message

        try:
            return original_convert(nb_path, *args, **kwargs)
        except CellExecutionError as error:
            raise PluginError(cell_error_message(Path(nb_path), error.traceback, error.ename, error.evalue)) from None

    cache_key.__wrapped__ = original_key
    nb2html.__wrapped__ = original_convert
    jupyter_plugin._compute_cache_key = cache_key
    jupyter_plugin.convert.nb2html = nb2html


def on_config(config):
    _patch_mkdocs_jupyter()
    return config


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith("lab.py"):
        # Cached on the notebook's HTML (tools/site/labcss.py), so `serve` redoes it only for a changed lab.
        html = labcss.cached(page.file.abs_src_path, html, lambda: _lab_page(html, page))
    return html


def _lab_page(html: str, page) -> str:
    for block in NBCONVERT_CDN_BLOCKS:
        html = block.sub("", html)
    html = EXTERNAL_SCRIPT.sub("", html)
    html = _fold_solutions(html, page)
    return labcss.prune_inline_css(html)


def _fold_solutions(html: str, page) -> str:
    """Wrap each run of consecutive cells tagged `solution` in a closed <details> box (and typeset
    the Markdown cells' maths, on the same parse of the page)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    notebook = soup.find("div", class_="jp-Notebook")
    if notebook is None:
        return html
    typeset_notebook_maths(soup, page)
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


def on_post_build(config):
    write_lab_notebooks(Path(config["docs_dir"]), Path(config["site_dir"]), config["use_directory_urls"])


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
