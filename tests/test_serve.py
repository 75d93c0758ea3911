"""`python3 dev.py serve`: a signal to dev.py stops mkdocs too (nothing left on the port), and a
build error is shown in the browser instead of a page that never loads; once a rebuild error is
fixed, the same mkdocs shows the page again (tools/cli/serve.py)."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import psutil
import pytest

from tests.support.sites import scratch_site
from tools.paths import ROOT

pytestmark = [
    pytest.mark.reads(files=["docs/assets"]),  # besides the engine (tools/suite/record_plugin.py)
    pytest.mark.build,
    pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals"),
]

GOOD = "# Home\n\nAll fine.\n"
BROKEN = '# Home\n\n```python\n--8<-- "nope.py:setup"\n```\n'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_for(url: str, status: int, text: str = "", timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got, body = get(url)
        if got == status and text in body:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer {status} with {text!r} in {timeout}s (last: {got})")


def nothing_listens_on(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
    except ConnectionRefusedError:
        return True
    return False


def start_serve(tmp_path, page: str):
    config = scratch_site(tmp_path, {"index.md": page})
    port = free_port()
    with open(tmp_path / "serve.log", "wb") as log:  # what dev.py printed, for a failing test
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "dev.py"), "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    return process, port, tmp_path / "docs" / "index.md"


def stop_and_check(process: subprocess.Popen, port: int, signum: int) -> None:
    children = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(signum)
    try:
        process.wait(timeout=30)
    finally:
        for child in children:  # only if the test fails: never leave a server behind
            if child.is_running():
                child.kill()
        if process.poll() is None:
            process.kill()
    assert [c.pid for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE] == []
    assert nothing_listens_on(port)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_to_dev_py_stops_mkdocs_serve(tmp_path, signum):
    process, port, _ = start_serve(tmp_path, GOOD)
    try:
        wait_for(f"http://127.0.0.1:{port}/", 200, "All fine.")
        assert any("mkdocs" in " ".join(c.cmdline()) for c in psutil.Process(process.pid).children(recursive=True))
    finally:
        stop_and_check(process, port, signum)
    assert process.returncode == 0


def test_a_build_error_is_shown_in_the_browser_until_it_is_fixed(tmp_path):
    process, port, page = start_serve(tmp_path, BROKEN)
    url = f"http://127.0.0.1:{port}/"
    try:
        # The first build fails: the address shows why, naming the page and line.
        body = wait_for(url, 500, "The site did not build")
        assert "index.md:4: includes &#x27;nope.py&#x27;" in body
        page.write_text(GOOD)  # fixed: mkdocs starts again
        wait_for(url, 200, "All fine.")
        mkdocs = [c.pid for c in psutil.Process(process.pid).children(recursive=True) if "mkdocs" in " ".join(c.cmdline())]
        page.write_text(BROKEN)  # a rebuild fails: mkdocs would keep every request waiting
        body = wait_for(url, 500, "The site did not build")
        assert "index.md:4: includes &#x27;nope.py&#x27;" in body
        page.write_text(GOOD.replace("All fine.", "Fine again."))  # fixed: the same mkdocs rebuilds, no restart
        wait_for(url, 200, "Fine again.")
        again = [c.pid for c in psutil.Process(process.pid).children(recursive=True) if "mkdocs" in " ".join(c.cmdline())]
        assert again == mkdocs
    finally:
        stop_and_check(process, port, signal.SIGTERM)
