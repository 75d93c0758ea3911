"""What the browser tests (tests/browser/) and the browser benchmark (`dev.py bench --browser`) share:
finding Chromium, its flags, serving the built site on loopback, and the list of pages.

Chromium is the system one (Debian: `apt-get install chromium`), driven by Playwright for Python
(`playwright` in requirements.lock); `playwright install` is never needed.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import io
import os
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from tools import paths

# Every flag keeps the browser on loopback: nothing it does can reach another host.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# True once Material's bundle has run and mounted the page (search, palette, copy buttons). The
# theme starts the bundle after the page's first frame (tools/site/theme/main.html), so after the `load`
# event: a script that drives the page waits for this. `document$` is Material's documented
# observable of the page; it has a value once Material has taken the page in.
MATERIAL_READY = """() => {
  let ready = false;
  if (window.document$) window.document$.subscribe(() => { ready = true; }).unsubscribe();
  return ready;
}"""
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
INSTALL_HINT = (
    "the browser tests need Chromium. Install it (Debian/Ubuntu: `sudo apt-get install chromium`; "
    "or set PYTORCH_NOTES_CHROMIUM=/path/to/chrome). In CI, `python3 dev.py test` installs it itself."
)


def find_chromium() -> str | None:
    explicit = os.environ.get("PYTORCH_NOTES_CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def site_pages() -> list[tuple[str, Path]]:
    """(URL path, source file) of every page: docs/**/*.md and the chapter labs docs/*/lab.py."""
    pages = []
    for source in paths.doc_pages():
        parts = source.relative_to(paths.DOCS).with_suffix("").parts
        url = "/".join(parts[:-1] if parts[-1] == "index" else parts)
        pages.append((url + "/" if url else "", source))
    pages.extend((f"{lab.parent.name}/lab/", lab) for lab in paths.labs())
    return pages


COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".py", ".ipynb", ".txt", ".xml", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format, *args):  # quiet
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the trailing slash
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts_gzip and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=9)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)  # a browser closing a connection is not an error


@contextlib.contextmanager
def serve(site: Path, compress: bool = False) -> Iterator[str]:
    """Serve `site` on a free loopback port (gzip when `compress`, as a static host does); yield its URL."""
    handler = type("Handler", (_Handler,), {"compress": compress})
    server = _Server(("127.0.0.1", 0), lambda *args: handler(*args, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
