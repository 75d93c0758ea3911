"""`python3 dev.py serve`: `mkdocs serve`, with its signals passed on and its build errors shown in
the browser.

mkdocs runs in its own process group: SIGINT (Ctrl-C) and SIGTERM reach dev.py, which passes each
on once and waits, so nothing is left listening on the port. When the first build fails, the dev
address shows the error instead, and mkdocs starts again once a watched file changes. When a
rebuild fails, mkdocs keeps running (it rebuilds by itself on the next save) and would keep every
page request waiting: then the error is shown by a small server that takes the address until
mkdocs reports a good build again.

Standard library only: dev.py imports it before any venv exists (tests/test_import_rules.py).
"""

from __future__ import annotations

import argparse
import collections
import html
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

REBUILD_FAILED = "An error happened during the rebuild"
WATCHED = ("docs", "snippets", "tools", "mkdocs.yml")
DEFAULT_ADDR = "127.0.0.1:8000"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 dev.py serve",
        description="The site, live-reloading, on http://127.0.0.1:8000 (`mkdocs serve`). It rebuilds when "
        f"{', '.join(WATCHED)} change; a build error is shown at the address and in the terminal until you "
        "fix it. Ctrl-C or SIGTERM stops it and the mkdocs it runs.",
        epilog="Any other option is passed to `mkdocs serve` (e.g. --open).",
    )
    p.add_argument("-a", "--dev-addr", metavar="IP:PORT", default=DEFAULT_ADDR, help=f"default {DEFAULT_ADDR}")
    p.add_argument("-f", "--config-file", metavar="FILE", help="another mkdocs.yml (the tests use a scratch site)")
    return p


def dev_addr(argv: list[str]) -> tuple[list[str], str]:
    """The argv with a --dev-addr (the default when none is given), and that address."""
    for i, arg in enumerate(argv):
        if arg in ("-a", "--dev-addr") and i + 1 < len(argv):
            return argv, argv[i + 1]
        if arg.startswith("--dev-addr="):
            return argv, arg.partition("=")[2]
    return [*argv, "--dev-addr", DEFAULT_ADDR], DEFAULT_ADDR


def _site_root(argv: list[str], root: Path) -> Path:
    for flag in ("-f", "--config-file"):
        if flag in argv[:-1]:
            return Path(argv[argv.index(flag) + 1]).resolve().parent
    return root


def _snapshot(site_root: Path) -> dict[str, float]:
    """Modification times of what the site is built from (for retrying after an error)."""
    times = {}
    for name in WATCHED:
        top = site_root / name
        for path in [top, *top.rglob("*")] if top.exists() else []:
            if "__pycache__" not in path.parts:
                times[str(path)] = path.stat().st_mtime
    return times


def error_page(log: str) -> bytes:
    return (
        "<!doctype html><meta charset=utf-8><meta http-equiv=refresh content=1>"
        "<title>Build error</title><h1>The site did not build</h1>"
        "<p>Fix the file the message names and save: this page reloads by itself once it builds.</p>"
        f"<pre style='white-space:pre-wrap'>{html.escape(log)}</pre>"
    ).encode()


def _show_error(addr: str, log: str, until) -> bool:
    """Serve the build error on the dev address until `until()` is true. False: the port is taken."""
    import http.server

    body = error_page(log)

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.startswith("/livereload/"):  # a page mkdocs served is polling: make it reload
                reply, status = b"99999999999999", 200
            else:
                reply, status = body, 500
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args) -> None:
            pass

    host, _, port = addr.rpartition(":")
    try:
        server = http.server.ThreadingHTTPServer((host, int(port)), Handler)
    except OSError as error:  # the port is taken (by what made mkdocs fail, most likely)
        print(f"[dev] cannot show the error on {addr}: {error}", file=sys.stderr)
        return False
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        while not until():
            time.sleep(0.1)
    finally:
        server.shutdown()
        server.server_close()
    return True


def main(argv: list[str], root: Path, python: Path) -> int:
    argv, addr = dev_addr(argv)
    site_root = _site_root(argv, root)
    stop: list[int] = []
    child: list[subprocess.Popen] = []

    def forward(signum, frame) -> None:
        stop.append(signum)
        if child and child[0].poll() is None:
            child[0].send_signal(signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), forward)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1", "PYTHONUNBUFFERED": "1"}
    while True:
        tail: collections.deque[str] = collections.deque(maxlen=80)
        process = subprocess.Popen(
            [str(python), "-m", "mkdocs", "serve", *argv],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=os.name != "nt",
        )
        child[:] = [process]
        failed = False
        for line in process.stdout:
            sys.stdout.write(line)
            sys.stdout.flush()
            tail.append(line)
            if REBUILD_FAILED in line and not stop:
                failed = True
                process.terminate()
        code = process.wait()
        child.clear()
        if stop:
            return 0 if code in (0, -stop[0], 128 + stop[0]) else code
        if not failed and code == 0:
            return 0
        print(
            f"[dev] the build failed: http://{addr}/ shows the error until a file under "
            f"{', '.join(WATCHED)} changes, then the site is rebuilt",
            file=sys.stderr,
            flush=True,
        )
        before = _snapshot(site_root)
        if not _show_error(addr, "".join(tail), lambda: bool(stop) or _snapshot(site_root) != before):
            return 1
        if stop:
            return 0
