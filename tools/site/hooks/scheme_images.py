"""MkDocs hook: a picture drawn once per colour scheme (`plot-light.svg#only-light` and
`plot-dark.svg#only-dark`, CONTRIBUTING.md step 6) is fetched only in the scheme that shows it.

Material hides the other scheme's copy with CSS (`display: none`), but a browser fetches every
`<img>` it parses, shown or not: each plotted page loaded both copies (the image grid of
`images/files-to-batches`: 30 kB gzip twice). A lazy image is fetched when its box nears the window,
and a hidden one has no box, so `loading="lazy"` leaves the other scheme's copy unfetched until the
reader switches; the shown copy starts loading at once when it is near (Chromium: within 1,250 px
or more of the window). `decoding="async"` keeps its decoding off the first paint.
"""

from __future__ import annotations

import re

SCHEMED = re.compile(r'<img (?![^>]*\bloading=)(?=[^>]*\bsrc="[^"]*#only-(?:light|dark)")')


def on_page_content(html, page, config, files):
    return SCHEMED.sub('<img loading="lazy" decoding="async" ', html)
