"""MkDocs hook: a code line that wraps (a phone's narrow screen) visibly continues its own line.

Code wraps rather than scroll sideways (notes.css). Wrapped plainly, the rest of a long line would
restart at the block's left edge and read as a new statement, dedented: in Python that is another
program. So each line of code is an element of class `notes-line` that knows its indentation,
`style="--notes-indent:N"` (N leading spaces), and notes.css hangs the line's further rows two
characters right of the line's first character, with a bar beside them in the gap (the continuation
mark). A page's code blocks already have an element per line (pymdownx.highlight's `line_spans`);
a lab's code cells (mkdocs-jupyter's Pygments HTML) are split into lines here, every token that
spans a line end (a docstring) closed and reopened around it, the text unchanged. A line's leading
spaces get an element of their own (`notes-lead`) that never wraps: a row break after them would
leave the line's first row empty. The tour checks at 390 px that no wrapped row starts left of its
line's first character (tests/browser/tour.py, RENDER_CHECK's `hangingLeft`).
"""

from __future__ import annotations

import re

LINE = re.compile(r'<span (?:id="__span-\d+-\d+"|data-notes-line)(?= *>)')  # a code line: a page's, a lab's
TAGS_THEN_SPACES = re.compile(r">((?:<[^>]*>)*)( +)")  # the line's first text: its leading spaces
CELL = re.compile(r'(<div class="highlight-ipynb[^"]*"><pre>)(.*?)(</pre>)', re.S)  # a lab's code cell
PIECE = re.compile(r"(<[^>]*>|\n)")


def _lines(html: str) -> str:
    """Each `LINE` span classed, with its indentation and its leading spaces marked."""
    parts, last = [], 0
    for match in LINE.finditer(html):
        lead = TAGS_THEN_SPACES.match(html, match.end())
        indent = len(lead[2]) if lead and "\n" not in lead[0] else 0
        parts.append(html[last : match.end()])
        parts.append(f' class="notes-line" style="--notes-indent:{indent}"')
        last = match.end()
        if indent:
            parts.append(html[last : lead.start(2)])
            parts.append(f'<span class="notes-lead">{lead[2]}</span>')
            last = lead.end(2)
    parts.append(html[last:])
    return "".join(parts)


def _split_cell(code: str) -> str:
    """A lab cell's highlighted code as one `<span data-notes-line>` per line (a page's blocks have
    pymdownx.highlight's spans), every tag open at a line end closed there and reopened after it."""
    lines, line, open_tags = [], [], []
    for piece in PIECE.split(code):
        if piece == "\n":
            line.append("</span>" * len(open_tags) + "\n")
            lines.append("<span data-notes-line>" + "".join(line) + "</span>")
            line = list(open_tags)
        elif piece.startswith("</"):
            open_tags.pop()
            line.append(piece)
        elif piece.startswith("<") and not piece.endswith("/>"):
            open_tags.append(piece)
            line.append(piece)
        else:
            line.append(piece)
    rest = "".join(line)
    if re.sub(r"<[^>]*>", "", rest):  # a last line without its line end
        rest = "<span data-notes-line>" + rest + "</span>"
    return "".join(lines) + rest


def on_page_content(html, page, config, files):
    html = CELL.sub(lambda m: m[1] + _split_cell(m[2]) + m[3], html)
    return _lines(html)
