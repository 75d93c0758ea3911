"""MkDocs hook: maths and diagrams drawn at build time, so no script draws them in the browser.

* Maths is typeset by the site's KaTeX (tools/site/maths.py, tools/site/katex.py): arithmatex's `\\( … \\)`
  and `\\[ … \\]` on pages here; `$ … $` and `$$ … $$` in a lab's Markdown cells by
  tools/site/hooks/labs.py, through the same module. A formula KaTeX refuses fails the build naming its
  file and line.
* Every ```` ```mermaid ```` diagram is drawn as inline SVG (tools/site/flowchart_svg.py).
"""

from __future__ import annotations

import html as html_lib
import re

from mkdocs.exceptions import PluginError

from tools.site.maths import typeset

MERMAID = re.compile(r'<pre class="mermaid"><code>(?P<source>.*?)</code></pre>', re.S)
ARITHMATEX = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])</(?P=tag)>', re.S
)


def on_page_content(html, page, config, files):
    html = ARITHMATEX.sub(lambda m: _typeset_arithmatex(m, page), html)
    return MERMAID.sub(lambda m: _diagram(m["source"], page), html)


def _typeset_arithmatex(match: re.Match, page) -> str:
    display = match["display"] is not None
    tex = html_lib.unescape(match["display"] if display else match["inline"])
    return f'<{match["tag"]} class="arithmatex">{typeset(tex, display, page)}</{match["tag"]}>'


def _diagram(escaped_source: str, page) -> str:
    from tools.site.flowchart_svg import FlowchartError, render

    try:
        svg = render(html_lib.unescape(escaped_source), title=f"Diagram: {page.title}")
    except FlowchartError as error:
        raise PluginError(f"{page.file.src_path}: mermaid diagram: {error}") from None
    return f'<figure class="notes-diagram">{svg}</figure>'
