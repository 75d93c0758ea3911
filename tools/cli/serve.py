"""`python3 dev.py serve`: `mkdocs serve` behind a small proxy that shows build errors in the
browser, with its signals passed on.

mkdocs serves on an inner port; dev.py answers on the dev address and forwards each request to it.
When a rebuild fails, mkdocs keeps running (it rebuilds by itself on the next save) but would keep
every page request waiting: the proxy answers with the error instead, and forwards again as soon
as mkdocs reports a good rebuild, so a fixed error shows as fast as any edit (no restart, no full
first build). When the first build fails, mkdocs exits: the error is shown until a watched file
changes, then mkdocs starts again.

mkdocs runs in its own process group: SIGINT (Ctrl-C) and SIGTERM reach dev.py, which passes each
on once and waits, so nothing is left listening on either port.

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

from tools.env import child_env

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


REBUILT = ("Reloading browsers", "Serving on")  # mkdocs' lines after a good (re)build


def _free_port(host: str) -> int:
    import socket

    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _inner_argv(argv: list[str], inner: str) -> list[str]:
    """argv with its --dev-addr replaced by the inner address mkdocs listens on."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("-a", "--dev-addr"):
            skip = True
        elif not arg.startswith("--dev-addr="):
            out.append(arg)
    return [*out, "--dev-addr", inner]


class Proxy:
    """The dev address: forwards to mkdocs, or shows the build error while there is one."""

    def __init__(self, addr: str, inner: str) -> None:
        import http.client
        import http.server

        self.error: str | None = None
        host, _, port = addr.rpartition(":")
        inner_host, _, inner_port = inner.rpartition(":")
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                self._answer(send_body=True)

            def do_HEAD(self) -> None:
                self._answer(send_body=False)

            def _answer(self, send_body: bool) -> None:
                error = proxy.error
                if error is not None:
                    if self.path.startswith("/livereload/"):  # a page mkdocs served is polling: reload it
                        time.sleep(0.2)
                        self._reply(200, {"Content-Type": "text/plain"}, b"99999999999999", send_body)
                    else:
                        self._reply(500, {"Content-Type": "text/html; charset=utf-8"}, error_page(error), send_body)
                    return
                polling = self.path.startswith("/livereload/")
                connection = http.client.HTTPConnection(inner_host, int(inner_port), timeout=None if polling else 120)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                    connection.request(self.command, self.path, headers=headers)
                    response = connection.getresponse()
                    body = response.read()
                    kept = {
                        k: v
                        for k, v in response.getheaders()
                        if k.lower() not in ("connection", "transfer-encoding", "content-length", "keep-alive")
                    }
                    self._reply(response.status, kept, body, send_body)
                except OSError:  # mkdocs is (re)starting
                    page = b"<!doctype html><meta http-equiv=refresh content=1><title>Building</title><p>Building..."
                    self._reply(503, {"Content-Type": "text/html"}, page, send_body)
                finally:
                    connection.close()

            def _reply(self, status: int, headers: dict, body: bytes, send_body: bool) -> None:
                try:
                    self.send_response(status)
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if send_body:
                        self.wfile.write(body)
                except OSError:  # the browser went away
                    pass

            def log_message(self, *args) -> None:
                pass


        self.server = http.server.ThreadingHTTPServer((host, int(port)), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def main(argv: list[str], root: Path, python: Path) -> int:
    argv, addr = dev_addr(argv)
    host = addr.rpartition(":")[0] or "127.0.0.1"
    inner = f"{host}:{_free_port(host)}"
    site_root = _site_root(argv, root)
    try:
        proxy = Proxy(addr, inner)
    except OSError as error:
        print(f"[dev] cannot serve on {addr}: {error}", file=sys.stderr)
        return 1
    stop: list[int] = []
    child: list[subprocess.Popen] = []

    def forward(signum, frame) -> None:
        stop.append(signum)
        if child and child[0].poll() is None:
            child[0].send_signal(signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), forward)
    env = child_env(PYTHONUNBUFFERED="1")
    try:
        while True:
            tail: collections.deque[str] = collections.deque(maxlen=80)
            process = subprocess.Popen(
                [str(python), "-m", "mkdocs", "serve", *_inner_argv(argv, inner)],
                cwd=root,
                env=env,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=os.name != "nt",
            )
            child[:] = [process]
            for line in process.stdout:
                line = line.replace(f"http://{inner}/", f"http://{addr}/")
                sys.stdout.write(line)
                sys.stdout.flush()
                if "Building documentation" in line or "Detected file changes" in line:
                    tail.clear()
                tail.append(line)
                if REBUILD_FAILED in line and not stop:
                    proxy.error = "".join(tail)
                    print(
                        f"[dev] the rebuild failed: http://{addr}/ shows the error until you fix it "
                        "(mkdocs rebuilds on the next save)",
                        file=sys.stderr,
                        flush=True,
                    )
                elif any(mark in line for mark in REBUILT):
                    proxy.error = None
            code = process.wait()
            child.clear()
            if stop:
                return 0 if code in (0, -stop[0], 128 + stop[0]) else code
            if code == 0:
                return 0
            proxy.error = "".join(tail)
            print(
                f"[dev] the build failed: http://{addr}/ shows the error until a file under "
                f"{', '.join(WATCHED)} changes, then the site is built again",
                file=sys.stderr,
                flush=True,
            )
            before = _snapshot(site_root)
            while not stop and _snapshot(site_root) == before:
                time.sleep(0.2)
            if stop:
                return 0
    finally:
        proxy.close()
