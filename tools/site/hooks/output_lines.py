"""MkDocs hook: `#>` comment lines in code (the generated output of a snippet) get the class
`notes-output`, so they read as output, not as a comment."""

from __future__ import annotations

import re

OUTPUT_COMMENT = re.compile(r'<span class="c1">#&gt;')


def on_page_content(html, page, config, files):
    return OUTPUT_COMMENT.sub('<span class="c1 notes-output">#&gt;', html)
