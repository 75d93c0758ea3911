"""MkDocs hook: the accessibility fixes of every page's HTML (tools/site/a11y.py): a table's empty
header cell becomes a data cell; a lab's "Copied!" notice is for the eye only."""

from __future__ import annotations

from tools.site import a11y  # importable: the editable install puts tools/ on the path


def on_page_content(html, page, config, files):
    return a11y.fix(html)
