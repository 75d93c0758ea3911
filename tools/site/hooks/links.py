"""MkDocs hook: a broken link or anchor, which mkdocs reports with its page, is reported with its
line too (`docs/<page>:<line>: ...`)."""

from __future__ import annotations

import logging
import re
from pathlib import Path

LINK_WARNING = re.compile(r"^Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)'")


class LinkLines(logging.Filter):
    """Prefix mkdocs' broken-link and broken-anchor warnings with `docs/<page>:<line>:`."""

    def __init__(self, docs_dir: str) -> None:
        super().__init__()
        self.docs_dir = Path(docs_dir)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if match := LINK_WARNING.match(message):
            lines = link_lines(self.docs_dir / match["page"], match["link"])
            where = f"{Path(self.docs_dir.name, match['page']).as_posix()}:{','.join(map(str, lines)) or '?'}"
            record.msg, record.args = f"{where}: {message}", ()
        return True


def link_lines(page: Path, link: str) -> list[int]:
    """Lines of a page (outside code fences) that write `link` as a link target."""
    forms = (f"({link})", f"({link} ", f"<{link}>", f"]: {link}", f'="{link}"', f"='{link}'")
    found, in_fence = [], False
    for number, line in enumerate(page.read_text().splitlines(), start=1):
        if re.match(r"^\s*(```|~~~)", line):
            in_fence = not in_fence
        elif not in_fence and any(form in line for form in forms):
            found.append(number)
    return found


def on_config(config):
    logger = logging.getLogger("mkdocs.structure.pages")
    for old in [f for f in logger.filters if type(f).__name__ == "LinkLines"]:
        logger.removeFilter(old)  # `mkdocs serve` loads the hooks again on every rebuild
    logger.addFilter(LinkLines(config["docs_dir"]))
    return config
