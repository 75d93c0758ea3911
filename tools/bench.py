"""Speed and size of the site: `python3 dev.py bench` prints tables, it asserts nothing.

* build: wall time of `mkdocs build --strict` (notebooks executed);
* snippets: wall time of each snippet run standalone in a fresh process (as a reader runs it);
* labs: wall time of each lab notebook executed in a fresh kernel;
* pages: bytes each page makes the browser load from the site (HTML + scripts + stylesheets;
  fonts load on demand and are left out).

`python3 dev.py bench --browser` measures the pages in Chromium with Lighthouse instead
(performance, accessibility, bytes as served): see tools/bench_browser.py.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tools.contract import DOCS, ROOT, build_site, snippet_files
from tools.notebooks import run_notebook

ASSET = re.compile(r"""<(?:script[^>]+src|link[^>]+rel="stylesheet"[^>]+href)="([^"]+)\"""")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _build(site: Path) -> None:
    result = build_site(site)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")


def _run_snippet(path: Path) -> None:
    with tempfile.TemporaryDirectory() as cwd:
        subprocess.run([sys.executable, str(path)], cwd=cwd, check=True, capture_output=True)


def _page_weight(page: Path, site: Path) -> int:
    html = page.read_text()
    total = len(html.encode())
    for ref in ASSET.findall(html):
        target = (page.parent / ref.split("?")[0]).resolve()
        if target.is_file():
            total += target.stat().st_size
    return total


def main() -> int:
    if "--browser" in sys.argv[1:]:  # Lighthouse on every page: tools/bench_browser.py
        from tools.bench_browser import main as browser_main

        return browser_main(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build_s = _timed(lambda: _build(site))
        print("| measure | value |\n| --- | --- |")
        print(f"| mkdocs build --strict (with notebooks) | {build_s:.1f} s |")
        snippet_times = {p: _timed(lambda p=p: _run_snippet(p)) for p in snippet_files()}
        values = list(snippet_times.values())
        print(f"| snippets run standalone | {len(values)} |")
        print(f"| snippet run time, median / max | {statistics.median(values):.2f} s / {max(values):.2f} s |")
        for lab in sorted(DOCS.glob("*/lab.py")):
            print(f"| lab {lab.relative_to(ROOT)} executed | {_timed(lambda lab=lab: run_notebook(lab)):.1f} s |")
        site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"| built site on disk | {site_bytes / 1e6:.1f} MB |")

        print("\n| page | bytes loaded (HTML + JS + CSS) |\n| --- | --- |")
        for page in sorted(p for p in site.rglob("index.html") if "assets" not in p.parts):
            print(f"| /{page.parent.relative_to(site).as_posix()} | {_page_weight(page, site) / 1e3:,.0f} kB |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
