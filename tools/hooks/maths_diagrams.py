"""MkDocs hook: maths and diagrams drawn at build time, so no script draws them in the browser.

* Maths is typeset by the site's KaTeX (tools/katex.py): arithmatex's `\\( … \\)` and `\\[ … \\]`
  on pages here; `$ … $` and `$$ … $$` in a lab's Markdown cells by `typeset_notebook_maths`,
  which tools/hooks/labs.py calls on its parse of the lab page. A formula KaTeX refuses fails the
  build naming its file and line.
* Every ```` ```mermaid ```` diagram is drawn as inline SVG (tools/flowchart_svg.py).
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

MERMAID = re.compile(r'<pre class="mermaid"><code>(?P<source>.*?)</code></pre>', re.S)
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>', re.S
)
NOTEBOOK_MATH = re.compile(r"\$\$(?P<display>.+?)\$\$|\$(?P<inline>[^$\s](?:[^$]*?[^$\s])?)\$", re.S)


def on_page_content(html, page, config, files):
    html = ARITHMATEX.sub(lambda m: _typeset_arithmatex(m, page), html)
    return MERMAID.sub(lambda m: _diagram(m["source"], page), html)


def _typeset(tex: str, display: bool, page) -> str:
    """KaTeX's HTML for a formula of `page`; a formula KaTeX refuses stops the build at its line."""
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
                maths = _typeset(m["display"] if display else m["inline"], display, page)
                pieces += [html_lib.escape(raw[last : m.start()], quote=False), f'<span class="arithmatex">{maths}</span>']
                last = m.end()
            typeset = "".join(pieces) + html_lib.escape(raw[last:], quote=False)
            text.replace_with(BeautifulSoup(typeset, "html.parser"))


def _diagram(escaped_source: str, page) -> str:
    from tools.flowchart_svg import FlowchartError, render

    try:
        svg = render(html_lib.unescape(escaped_source), title=f"Diagram: {page.title}")
    except FlowchartError as error:
        raise PluginError(f"{page.file.src_path}: mermaid diagram: {error}") from None
    return f'<figure class="notes-diagram">{svg}</figure>'
