"""MkDocs hook: `#>` comment lines in code (the generated output of a snippet) get the class
`notes-output`, so they read as output, not as a comment."""

from __future__ import annotations

import html as _html
import re

from tools.output_mark import OUTPUT_MARK  # importable: the editable install puts tools/ on the path

MARK = _html.escape(OUTPUT_MARK)  # as Pygments writes it in a comment's span: #&gt;
OUTPUT_COMMENT = re.compile(re.escape(f'<span class="c1">{MARK}'))


def on_page_content(html, page, config, files):
    return OUTPUT_COMMENT.sub(lambda _: f'<span class="c1 notes-output">{MARK}', html)
