"""Accessibility fixes the build applies to every page (tools/mkdocs_hooks.py), where Markdown's
own HTML falls short; the browser tour's axe-core run (tests/browser/tour.py) checks the result.

Display maths is made focusable and named where it is typeset (tools/katex.py), the navigation
landmarks are named in the theme (tools/theme/partials/), colours are in notes.css.
"""

from __future__ import annotations

import re

EMPTY_HEADER_CELL = re.compile(r"<th(?P<attributes>(?:\s[^>]*)?)>\s*</th>")


def empty_header_cells(html: str) -> str:
    """A table's empty corner cell (`| | a | b |` in Markdown) as a data cell: an empty header names
    no column, and a screen reader announces it as a header without a name (axe-core
    empty-table-header)."""
    return EMPTY_HEADER_CELL.sub(r"<td\g<attributes>></td>", html)
