"""Speed and size: `python3 dev.py bench` prints tables; it asserts nothing (no timed tests).

Goals (2 cores, the venv in place, every chapter of the site, warm: run it twice):

| loop | command | goal |
| --- | --- | --- |
| the whole verification | `python3 dev.py test` | ≤ 60 s |
| the verification without the browser tests | `python3 dev.py test --ignore=tests/browser` | ≤ 60 s |
| one page's checks | `python3 dev.py test docs/autograd/backprop-by-hand.md` | ≤ 5 s |
| regenerate everything | `python3 dev.py regen` | ≤ 15 s |
| serve shows an edited page or snippet | `python3 dev.py serve`, then save | ≤ 2 s |

Then: the build (labs from the cache, and without it), the snippets through the warm runner, each
lab executed in a fresh kernel, and the bytes each page makes the browser load.
The two verification rows also give the CPU time the machine spent (all processes, from
/proc/stat; Linux): on 2 cores, half of it is the least wall time any scheduling could reach.
Options: `--skip-suite` leaves out the verification rows (the slowest ones).

`python3 dev.py bench --browser` measures the pages in Chromium with Lighthouse instead
(performance, accessibility, bytes as served): see tools/bench_browser.py.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tools.env import child_env
from tools.notebooks import run_notebook
from tools.paths import ROOT, labs, snippet_files
from tools.runner import Runner
from tools.site import build_site

ASSET = re.compile(r"""<(?:script[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="([^"]+)\"""")
PAGE = "docs/autograd/backprop-by-hand.md"
ENV = child_env()


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _python(*args: str, cwd: Path = ROOT) -> None:
    result = subprocess.run([sys.executable, *args], cwd=cwd, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"`python {' '.join(args)}` failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, needle: str, timeout: float) -> float:
    """Seconds until `url` serves a page containing `needle`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if needle in response.read().decode(errors="replace"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    return float("inf")


def _serve_latencies(root: Path = ROOT) -> tuple[float, float]:
    """(edited page, edited snippet): seconds from saving to `mkdocs serve` serving the change.

    Runs in a copy of the site (docs, snippets, mkdocs.yml and the lab cache), never in the tree.
    """
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for name in ("docs", "snippets", "mkdocs.yml", ".cache"):
            source = root / name
            if source.is_dir():
                shutil.copytree(source, copy / name)
            elif source.is_file():
                shutil.copy(source, copy / name)
        config = (copy / "mkdocs.yml").read_text()
        config = config.replace("custom_dir: tools/theme", f"custom_dir: {root / 'tools/theme'}")
        config = config.replace("  - tools/mkdocs_hooks.py", f"  - {root / 'tools/mkdocs_hooks.py'}")
        config = re.sub(r"(?m)^  - tools$", f"  - {root / 'tools'}", config)
        (copy / "mkdocs.yml").write_text(config)
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=copy,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/autograd/backprop-by-hand/"
            if _wait_for(url, "Backprop", 300) == float("inf"):
                sys.exit("mkdocs serve did not come up")
            time.sleep(1)
            page = copy / PAGE
            page.write_text(page.read_text() + "\nbench-edited-page-marker\n")
            page_s = _wait_for(url, "bench-edited-page-marker", 60)
            snippet = copy / "snippets/autograd/backward_scalar.py"
            text = snippet.read_text()
            marked = text.replace("# --8<-- [start:setup]\n", "# --8<-- [start:setup]\n# bench-snippet-marker\n")
            snippet.write_text(marked)
            snippet_s = _wait_for(url, "bench-snippet-marker", 60)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return page_s, snippet_s


def _page_weight(page: Path) -> int:
    html = page.read_text()
    total = len(html.encode())
    for ref in ASSET.findall(html):
        target = (page.parent / ref.split("?")[0]).resolve()
        if target.is_file():
            total += target.stat().st_size
    return total


def _busy_cpu_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux /proc/stat), or None."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    return (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK")


def _timed_with_cpu(fn) -> tuple[float, float | None]:
    before = _busy_cpu_seconds()
    seconds = _timed(fn)
    after = _busy_cpu_seconds()
    return seconds, None if before is None or after is None else after - before


def _row(what: str, seconds: float, goal: float | None = None, cpu: float | None = None) -> None:
    verdict = "" if goal is None else (" | met" if seconds <= goal else " | NOT met")
    goal_text = "" if goal is None else f" | ≤ {goal:g} s"
    cpu_text = "" if cpu is None else f" ({cpu:.0f} CPU-s on {os.cpu_count()} cores)"
    print(f"| {what} | {seconds:.1f} s{cpu_text}{goal_text}{verdict} |", flush=True)


def main(argv: list[str]) -> int:
    if "--browser" in argv:  # Lighthouse on every page: tools/bench_browser.py
        from tools.bench_browser import main as browser_main

        return browser_main(argv)
    parser = argparse.ArgumentParser(prog="python3 dev.py bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-suite", action="store_true", help="leave out the verification rows")
    args = parser.parse_args(argv)

    print("| loop | measured | goal | |\n| --- | --- | --- | --- |", flush=True)
    if not args.skip_suite:
        seconds, cpu = _timed_with_cpu(lambda: _python("-m", "pytest", "-q"))
        _row("the whole verification (`python3 dev.py test`)", seconds, 60, cpu)
        seconds, cpu = _timed_with_cpu(lambda: _python("-m", "pytest", "-q", "--ignore=tests/browser"))
        _row("without the browser tests (`--ignore=tests/browser`)", seconds, 60, cpu)
    _row(f"one page's checks (`python3 dev.py test {PAGE}`)", _timed(lambda: _python("-m", "pytest", "-q", PAGE)), 5)
    _row("regenerate everything (`python3 dev.py regen`)", _timed(lambda: _python("-m", "tools.regen")), 15)
    page_s, snippet_s = _serve_latencies()
    _row("serve: an edited page shown", page_s, 2)
    _row("serve: an edited snippet shown", snippet_s, 2)

    print("\n| measure | value |\n| --- | --- |", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _row("mkdocs build --strict, labs from the cache", _timed(lambda: build_site(site)))
        print(f"| built site on disk | {sum(p.stat().st_size for p in site.rglob('*') if p.is_file()) / 1e6:.1f} MB |")
        weights = {
            f"/{page.parent.relative_to(site).as_posix()}": _page_weight(page)
            for page in sorted(p for p in site.rglob("index.html") if "assets" not in p.parts)
        }
    start = time.perf_counter()
    with Runner(jobs=2) as runner:
        runner.render_files(snippet_files()[:1])
        warm_s = time.perf_counter() - start
        each = [_timed(lambda p=p: runner.render_files([p])) for p in snippet_files()]
    print(f"| snippet runner: start (imports torch once) | {warm_s:.1f} s |")
    print(f"| snippets, each in its own child: count, median / max | {len(each)}, "
          f"{statistics.median(each):.2f} s / {max(each):.2f} s |")
    for lab in labs():
        _row(f"lab {lab.relative_to(ROOT)} executed in a fresh kernel", _timed(lambda lab=lab: run_notebook(lab)))

    print("\n| page | bytes loaded (HTML + JS + CSS) |\n| --- | --- |")
    for name, weight in weights.items():
        print(f"| {name} | {weight / 1e3:,.0f} kB |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
