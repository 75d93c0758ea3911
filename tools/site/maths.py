"""Maths typeset at build time by the site's KaTeX (tools/site/katex.py), for the hooks: a page's
arithmatex spans (tools/site/hooks/maths_diagrams.py) and a lab's Markdown cells (tools/site/hooks/labs.py).
A formula KaTeX refuses fails the build naming its file and line.

An ordinary module, not a hook: MkDocs loads each hook file by path, so a hook that imported
another hook would load it twice.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

NOTEBOOK_MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\s](?:[^$]*?[^$\s])?)\$", re.S)


def typeset(tex: str, display: bool, page) -> str:
    """KaTeX's HTML for a formula of `page`; a formula KaTeX refuses stops the build at its line."""
    from tools.site.katex import KatexError, render

    try:
        return render(tex, display)
    except KatexError as error:
        source = Path(page.file.abs_src_path)
        first = tex.strip().splitlines()[0].strip() if tex.strip() else tex
        lines = [n for n, line in enumerate(source.read_text().splitlines(), start=1) if first and first in line]
        where = f"{Path(page.file.src_path).as_posix()}:{lines[0] if lines else '?'}"
        raise PluginError(f"docs/{where}: KaTeX cannot typeset {tex.strip()!r}: {error}") from None


def typeset_notebook_maths(soup, page) -> None:
    """Typeset the `$ … $` and `$$ … $$` maths left as text in a lab's rendered Markdown cells."""
    from bs4 import BeautifulSoup, NavigableString

    for cell in soup.select(".jp-RenderedMarkdown"):
        for text in list(cell.find_all(string=NOTEBOOK_MATH)):
            if not isinstance(text, NavigableString) or text.find_parent(["code", "pre", "script", "style"]):
                continue
            raw, pieces, last = str(text), [], 0
            for m in NOTEBOOK_MATH.finditer(raw):
                display = m["display"] is not None
                maths = typeset(m["display"] if display else m["inline"], display, page)
                pieces += [html_lib.escape(raw[last : m.start()], quote=False), f'<span class="arithmatex">{maths}</span>']
                last = m.end()
            done = "".join(pieces) + html_lib.escape(raw[last:], quote=False)
            text.replace_with(BeautifulSoup(done, "html.parser"))
