"""Accessibility fixes the build applies to every page (tools/site/hooks/a11y.py), where Markdown's
own HTML falls short; the browser tour's axe-core run (tests/browser/tour.py) checks the result.

Display maths is made focusable and named where it is typeset (tools/site/katex.py), the navigation
landmarks are named in the theme (tools/site/theme/partials/), colours are in notes.css.
"""

from __future__ import annotations

import re

EMPTY_HEADER_CELL = re.compile(r"<th(?P<attributes>(?:\s[^>]*)?)>\s*</th>")
COPY_BUTTON_NOTICE = re.compile(
    r'<clipboard-copy(?P<attributes>[^>]*)>(?P<gap>\s*<div>\s*)<span class="notice" hidden="">Copied!</span>'
)
NOTICE_LOOKUP = "event.target.querySelector('.notice')"  # mkdocs-jupyter's notebook template
NOTICE_LOOKUP_BESIDE = "event.target.previousElementSibling"


def fix(html: str) -> str:
    """Every fix below, on a page's HTML."""
    return copy_notices(empty_header_cells(html))


def empty_header_cells(html: str) -> str:
    """A table's empty corner cell (`| | a | b |` in Markdown) as a data cell: an empty header names
    no column, and a screen reader announces it as a header without a name (axe-core
    empty-table-header)."""
    return EMPTY_HEADER_CELL.sub(r"<td\g<attributes>></td>", html)


def copy_notices(html: str) -> str:
    """A lab cell's copy button (mkdocs-jupyter's <clipboard-copy>, named "Copy to Clipboard") showed
    "Copied!" inside itself for a second after a click: a button whose visible text is not in its
    name (axe-core label-content-name-mismatch, which the tour finds right after clicking). The
    notice now sits just before the button, a status message a screen reader announces, and the
    page's script that shows it looks for it there."""
    html = COPY_BUTTON_NOTICE.sub(
        r'<span class="notice" hidden="" role="status">Copied!</span><clipboard-copy\g<attributes>>\g<gap>', html
    )
    return html.replace(NOTICE_LOOKUP, NOTICE_LOOKUP_BESIDE)
