"""Speed and size: `python3 dev.py bench` prints tables; it asserts nothing (no timed tests).

Goals (2 cores, the venv in place, every chapter of the site; the verification rows measure the
verification record, tools/suite/record.py, against `--fresh`):

| loop | command | goal |
| --- | --- | --- |
| the whole verification, fresh (nothing reused: a clone, CI) | `python3 dev.py test --fresh` | ≤ 832 s (aim 600 s) |
| the whole verification, nothing changed | `python3 dev.py test` (twice) | ≤ 60 s |
| the whole verification, one snippet edited | `python3 dev.py test` | ≤ 120 s |
| the fast loop, one snippet edited | `python3 dev.py test --ignore=tests/browser` | ≤ 45 s |
| one page's whole check | `python3 dev.py test --page docs/autograd/backprop-by-hand.md` | ≤ 5 s |
| regenerate everything | `python3 dev.py regen` | ≤ 15 s |
| the portability matrix alone | `python3 dev.py test tests/test_portability.py` | (a cost, no goal) |
| serve shows an edited page or snippet, a build error, the fixed page | `python3 dev.py serve`, then save | ≤ 2 s |

Then: the build (labs from the cache, and without it), the offline copy and the size of its zip
(tools/site/offline.py), the snippets through the warm runner, each lab executed in a fresh kernel, and
each page's first view as served (gzip; `--bytes` alone: `first_view_bytes`).
The two verification rows also give the CPU time the machine spent (all processes, from
/proc/stat; Linux): on 2 cores, half of it is the least wall time any scheduling could reach.
Options: `--skip-suite` leaves out the verification rows (the slowest ones).

Last, the notes' network trained for one epoch on all 60,000 Fashion-MNIST images, on the CPU and
on CUDA when there is a GPU, with its test accuracy (tools/bench/bench_training.py); `--training` runs
those rows alone.

`python3 dev.py bench --browser` measures the pages in Chromium with Lighthouse instead
(performance, accessibility, bytes as served): see tools/bench/bench_browser.py.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools import mkdocs_config
from tools.cli.commands import bench_parser
from tools.engine import portability
from tools.engine.runner import WARM_IMPORTS, Runner
from tools.env import child_env
from tools.pages.notebooks import run_notebook
from tools.paths import ROOT, labs, snippet_files
from tools.site import offline
from tools.site.build import build_site

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
                body = response.read()
        except urllib.error.HTTPError as error:  # the page showing a build error answers 500
            body = error.read()
        except OSError:
            body = b""
        if needle in body.decode(errors="replace"):
            return time.perf_counter() - start
        time.sleep(0.05)
    return float("inf")


def _serve_latencies(root: Path = ROOT) -> dict[str, tuple[float, float]]:
    """Seconds from saving a file to `python3 dev.py serve` showing the change, and the CPU seconds
    mkdocs spent meanwhile (on a busy machine the steadier figure: a quiet one shows the change
    about that long after mkdocs' watcher notices the save, which polls every 0.5 s), in a copy of
    the site (docs, snippets, mkdocs.yml and the lab cache), never in the tree:

    * an edited page, an edited snippet;
    * a page saved with a build error (an include of a missing section) until the error is shown;
    * that error fixed until the page is shown again.
    """
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for name in ("docs", "snippets", "mkdocs.yml", ".cache"):
            source = root / name
            if source.is_dir():
                shutil.copytree(source, copy / name)
            elif source.is_file():
                shutil.copy(source, copy / name)
        (copy / "mkdocs.yml").write_text(mkdocs_config.relocated(copy / "snippets", root))
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, str(root / "dev.py"), "serve", "-f", str(copy / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"],
            cwd=root,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        times = {}
        try:
            url = f"http://127.0.0.1:{port}/autograd/backprop-by-hand/"
            if _wait_for(url, "Backprop", 300) == float("inf"):
                sys.exit("dev.py serve did not come up")
            import psutil

            def cpu() -> dict[int, float]:
                """CPU seconds of each mkdocs process dev.py runs now (a restarted one is new)."""
                found = {}
                for child in psutil.Process(server.pid).children(recursive=True):
                    try:
                        if "mkdocs" in child.cmdline():
                            found[child.pid] = sum(child.cpu_times()[:2])
                    except psutil.NoSuchProcess:
                        pass
                return found

            def timed(name: str, path: Path, text: str, needle: str) -> None:
                time.sleep(1)
                before = cpu()
                path.write_text(text)
                seconds = _wait_for(url, needle, 60)
                times[name] = (seconds, sum(s - before.get(pid, 0.0) for pid, s in cpu().items()))

            page = copy / PAGE
            original = page.read_text()
            timed("page", page, original + "\nbench-edited-page-marker\n", "bench-edited-page-marker")
            snippet = copy / "snippets/autograd/backward_scalar.py"
            text = snippet.read_text()
            marked = text.replace("# --8<-- [start:setup]\n", "# --8<-- [start:setup]\n# bench-snippet-marker\n")
            timed("snippet", snippet, marked, "bench-snippet-marker")
            broken = original.replace(":setup\"", ":no-such-section\"", 1)
            assert broken != original, "the bench page no longer includes a setup section"
            timed("error", page, broken, "no-such-section")
            timed("fixed", page, original + "\nbench-fixed-marker\n", "bench-fixed-marker")
        finally:
            server.terminate()
            server.wait(timeout=30)
    return times


EDITED = ROOT / "snippets/autograd/backward_scalar.py"  # the snippet the "one snippet edited" rows edit
FRESH_BEFORE_S = 832  # the whole verification on a quiet 2-core machine at 4f6a699, before the record


def _verification_rows() -> None:
    """The whole verification, before (every check rendered: `--fresh`, what every run cost before
    the verification record) and after (the record): fresh, nothing changed, one snippet edited
    (a comment line added inside a section its page includes; restored afterwards), and the fast
    loop with one snippet edited."""
    whole, fast = ("-m", "pytest", "-q"), ("-m", "pytest", "-q", "--ignore=tests/browser")
    text = EDITED.read_text()

    def edited(marker: str):
        EDITED.write_text(text.replace("# --8<-- [start:setup]\n", f"# --8<-- [start:setup]\n# {marker}\n", 1))

    try:
        fresh = _timed_with_cpu(lambda: _python(*whole, "--fresh"))
        warm = _timed_with_cpu(lambda: _python(*whole))
        edited("bench: one snippet edited")
        one = _timed_with_cpu(lambda: _python(*whole))
        EDITED.write_text(text)
        fast_fresh = _timed_with_cpu(lambda: _python(*fast, "--fresh"))
        edited("bench: one snippet edited, the fast loop")
        fast_one = _timed_with_cpu(lambda: _python(*fast))
    finally:
        EDITED.write_text(text)

    def cell(measured: tuple[float, float | None]) -> str:
        seconds, cpu = measured
        return f"{seconds:.0f} s" + ("" if cpu is None else f" ({cpu:.0f} CPU-s)")

    def verdict(measured, goal: float) -> str:
        return "met" if measured[0] <= goal else "NOT met"

    print(
        "| the whole verification | before: every check rendered (`--fresh`) | after: with the "
        "verification record | goal | |\n| --- | --- | --- | --- | --- |"
    )
    print(f"| fresh: a clone, CI (`python3 dev.py test --fresh`) | {FRESH_BEFORE_S} s at 4f6a699 | "
          f"{cell(fresh)} | ≤ {FRESH_BEFORE_S} s, aim 600 s | {verdict(fresh, FRESH_BEFORE_S)} |")
    print(f"| nothing changed since the last run | {cell(fresh)} | {cell(warm)} | ≤ 60 s | {verdict(warm, 60)} |")
    print(f"| one snippet edited (`{EDITED.relative_to(ROOT)}`) | {cell(fresh)} | {cell(one)} | ≤ 120 s | "
          f"{verdict(one, 120)} |")
    print(f"| the fast loop (`--ignore=tests/browser`), one snippet edited | {cell(fast_fresh)} | {cell(fast_one)} | "
          f"≤ 45 s | {verdict(fast_one, 45)} |", flush=True)


def _built(result: subprocess.CompletedProcess) -> None:
    if result.returncode != 0:
        sys.exit(f"the build failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")


FIRST_VIEW_GOAL = 150_000  # bytes as served (gzip), every page (issue 29)
SEARCH_ASSET = re.compile(r"/search/search_index\.json|/assets/javascripts/workers/search\.")


def first_view_bytes(site: Path) -> dict[str, tuple[int, int, list[str]]]:
    """Each page's first view as a reader's browser loads it: the site served gzip on loopback (as a
    static host serves it, tools/browser/chromium.py), the page opened in Chromium at 1280 px, Material's
    bundle run, the network quiet. Per page: the bytes received (response bodies as sent, so gzip
    where the server compressed; headers left out), the number of requests, and those for search
    (the index and its worker, which load when the reader searches, so none here). What is counted
    is what the browser asked for: a font is counted on the pages whose text uses it, the search
    index only where something fetched it."""
    from playwright.sync_api import sync_playwright

    from tools.browser.chromium import CHROMIUM_FLAGS, INSTALL_HINT, MATERIAL_READY, find_chromium, serve, site_pages

    chromium = find_chromium()
    if chromium is None:
        sys.exit(f"[bench] first-view bytes: {INSTALL_HINT}")
    measured = {}
    with serve(site, compress=True) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        for path, _ in site_pages():
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            finished = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.goto(base + path, wait_until="load")
            page.wait_for_function(MATERIAL_READY, timeout=10000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            loaded = [r for r in finished if not r.url.startswith("data:")]
            total = sum(r.sizes()["responseBodySize"] for r in loaded)
            measured[f"/{path}"] = (total, len(loaded), [r.url.removeprefix(base) for r in loaded if SEARCH_ASSET.search(r.url)])
            context.close()
        browser.close()
    return measured


def print_first_view(measured: dict[str, tuple[int, int, list[str]]]) -> None:
    print(f"\n| page | first view, as served (gzip) | requests | search assets fetched | ≤ {FIRST_VIEW_GOAL / 1e3:.0f} kB |")
    print("| --- | --- | --- | --- | --- |")
    for name, (total, requests, search) in measured.items():
        verdict = "yes" if total <= FIRST_VIEW_GOAL else "**no**"
        print(f"| {name} | {total / 1e3:,.0f} kB | {requests} | {', '.join(search) or 'none'} | {verdict} |")
    totals = [total for total, _, _ in measured.values()]
    over = sum(total > FIRST_VIEW_GOAL for total in totals)
    print(f"\n{len(totals)} pages: {min(totals) / 1e3:,.0f}–{max(totals) / 1e3:,.0f} kB as served (median "
          f"{statistics.median(totals) / 1e3:,.0f} kB); {over} over {FIRST_VIEW_GOAL / 1e3:.0f} kB.", flush=True)


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
    cpu_text = "" if cpu is None else f" ({cpu:.{1 if cpu < 10 else 0}f} CPU-s on {os.cpu_count()} cores)"
    print(f"| {what} | {seconds:.1f} s{cpu_text}{goal_text}{verdict} |", flush=True)


BENCHMARKS = ROOT / "BENCHMARKS.md"


def write_section(section: str, text: str, path: Path = BENCHMARKS) -> None:
    """Replace BENCHMARKS.md's `section` (between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`)
    with `text`, headed by the commit and machine it was measured on."""
    start, end = f"<!-- bench:{section} -->", f"<!-- /bench:{section} -->"
    body = path.read_text()
    if start not in body or end not in body:
        sys.exit(f"{path.name}: no {start} … {end} markers to write the {section} figures between")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    head = (
        f"Written by `python3 dev.py bench{f' --{section}' if section in ('browser', 'bytes', 'matrix') else ''}` at commit "
        f"`{commit.stdout.strip() or 'unknown'}`, {time.strftime('%Y-%m-%d')}, on {os.cpu_count()} cores "
        f"(load average {load:.1f} at the end)."
    )
    before, rest = body.split(start, 1)
    after = rest.split(end, 1)[1]
    path.write_text(f"{before}{start}\n{head}\n\n{text.strip()}\n{end}{after}")


@contextlib.contextmanager
def recorded(section: str):
    """Print as usual, and on success write what was printed into BENCHMARKS.md's `section`."""
    printed = io.StringIO()

    class Tee(io.TextIOBase):
        def write(self, text: str) -> int:
            sys.__stdout__.write(text)
            printed.write(text)
            return len(text)

        def flush(self) -> None:
            sys.__stdout__.flush()

    with contextlib.redirect_stdout(Tee()):
        yield
    write_section(section, printed.getvalue())
    print(f"(written into {BENCHMARKS.name}, section {section})")


def main(argv: list[str]) -> int:
    if "--browser" in argv:  # Lighthouse on every page: tools/bench/bench_browser.py
        from tools.bench.bench_browser import main as browser_main

        with recorded("browser"):
            return browser_main(argv)
    from tools.bench.bench_training import main as training_main  # the full-data rows

    if "--bytes" in argv:  # every page's first view as served (Chromium, no Lighthouse)
        with recorded("bytes"):
            return _first_view_only()

    if "--matrix" in argv:  # each chapter's share of the kernel matrix
        with recorded("matrix"):
            return _matrix_rows(bench_parser().parse_args(argv).only)

    if "--training" in argv:  # those rows alone (a few minutes on a CPU)
        with recorded("training"):
            return training_main()
    with recorded("speed"):
        code = _speed(argv)
    if code == 0 and "--skip-suite" not in argv:
        with recorded("matrix"):
            code = _matrix_rows()
    if code == 0:
        with recorded("training"):
            code = training_main()
    return code


def _speed(argv: list[str]) -> int:
    args = bench_parser().parse_args(argv)  # tools/cli/commands.py: --help answers without the venv

    if not args.skip_suite:
        _verification_rows()
    print("\n| loop | measured | goal | |\n| --- | --- | --- | --- |", flush=True)
    seconds, cpu = _timed_with_cpu(lambda: _python("-m", "pytest", "-q", "--page", PAGE))
    _row(f"one page's whole check (`python3 dev.py test --page {PAGE}`)", seconds, 5, cpu)
    _row("regenerate everything (`python3 dev.py regen`)", _timed(lambda: _python("-m", "tools.cli.regen")), 15)
    if not args.skip_suite:  # part of the whole verification; its own cost, alone on the machine
        seconds, cpu = _timed_with_cpu(lambda: _python("-m", "pytest", "-q", "--fresh", "tests/test_portability.py"))
        variants = len(portability.variants())
        _row(f"the portability matrix alone ({variants} CPU kernel variants: `tests/test_portability.py`)", seconds, None, cpu)
    serve = _serve_latencies()
    _row("serve: an edited page shown", *serve["page"][:1], 2, serve["page"][1])
    _row("serve: an edited snippet shown", *serve["snippet"][:1], 2, serve["snippet"][1])
    _row("serve: a build error shown", *serve["error"][:1], 2, serve["error"][1])
    _row("serve: the fixed page shown again", *serve["fixed"][:1], 2, serve["fixed"][1])

    print("\n| measure | value |\n| --- | --- |", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _row("mkdocs build --strict, labs from the cache", _timed(lambda: build_site(site)))
        print(f"| built site on disk | {sum(p.stat().st_size for p in site.rglob('*') if p.is_file()) / 1e6:.1f} MB |")
        copy = Path(tmp) / "offline"
        _row("the offline copy (`dev.py build --offline`), labs from the cache", _timed(lambda: _built(offline.build(copy))))
        zipped = offline.zip_site(copy, Path(tmp) / offline.ZIP_NAME).stat().st_size
        print(f"| the offline copy's zip ({offline.ZIP_NAME}, published with the site) | {zipped / 1e6:.1f} MB |")
        weights = first_view_bytes(site)
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

    print_first_view(weights)
    return 0


# A chapter's cost to the whole verification, where an issue set one (issue 26: the images chapter
# adds at most 60 s, matrix included, on a quiet 2-core machine).
MATRIX_GOALS = {"images": 60.0}
# What the runners import for one chapter alone (tools/engine/runner.py's WARM_IMPORTS): a cost of
# every variant's runner start that the chapter brings, charged to it.
CHAPTER_IMPORTS = {"images": "torchvision"}


def _import_seconds(module: str) -> float:
    """How long `module` takes to import once torch is in (a fresh interpreter, like a runner)."""
    code = ("import time, torch, torch._dynamo; t = time.perf_counter(); "
            f"import {module}; print(time.perf_counter() - t)")
    return float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)


def _matrix_rows(only: str = "") -> int:
    """`python3 dev.py bench --matrix`: each chapter's pages, snippets and generated files rendered
    under every CPU kernel variant, two variants side by side, as tests/test_portability.py's matrix
    renders them (in the suite, the reference variant comes from the checks themselves). `only`:
    the chapters whose name contains it.

    The suite starts one runner per variant for every chapter together, so a chapter's own cost is
    its rendering less the runners' start (measured alone: each runner rendering the smallest
    snippet), plus the imports the runners make for it alone (CHAPTER_IMPORTS)."""
    from tools.generated.registry import generated_files, render_in
    from tools.pages.sybil_notes import render_pages_in
    from tools.paths import chapters, doc_pages

    every = portability.variants()
    half = len(every) / 2  # two variants side by side: wall time is about half the CPU time

    def matrix(snippets, pages=(), figures=(), failed: list | None = None) -> tuple[float, float]:
        def render() -> None:
            table = portability.render_matrix(snippets, figures, pages, every=every, jobs=2,
                                              render_generated=render_in, render_pages=render_pages_in)
            if failed is not None:
                failed.extend(str(p) for p, by in table.items() if any(r.error for r in by.values()))

        wall, cpu = _timed_with_cpu(render)
        return wall, cpu or 0.0

    smallest = min(snippet_files(), key=lambda p: p.stat().st_size)
    page = min(doc_pages(), key=lambda p: p.stat().st_size)  # the runner's page machinery, warmed
    start_wall, start_cpu = matrix([smallest], [page])
    print(f"| chapter ({len(every)} CPU kernel variants) | pages, snippets, figures | wall | CPU "
          "| its own cost | goal | |\n| --- | --- | --- | --- | --- | --- | --- |", flush=True)
    print(f"| the runners' start alone ({len(every)}, each importing {', '.join(WARM_IMPORTS)}; then "
          f"`{smallest.relative_to(ROOT)}` and `{page.relative_to(ROOT)}`) | | {start_wall:.0f} s | "
          f"{start_cpu:.0f} CPU-s | | | |", flush=True)
    total_wall = total_cpu = 0.0
    for chapter in (c.name for c in chapters() if only in c.name):
        snippets = [p for p in snippet_files() if p.parent.name == chapter]
        pages = [p for p in doc_pages() if p.parent.name == chapter]
        figures = [p for p in generated_files() if chapter in p.relative_to(ROOT).parts[:2]]
        failed: list[str] = []
        wall, cpu = matrix(snippets, pages, figures, failed)
        total_wall, total_cpu = total_wall + wall, total_cpu + cpu
        own_wall, own_cpu, extra = wall - start_wall, cpu - start_cpu, ""
        if chapter in CHAPTER_IMPORTS:
            seconds = _import_seconds(CHAPTER_IMPORTS[chapter])
            own_wall, own_cpu = own_wall + seconds * half, own_cpu + seconds * len(every)
            extra = f", with {CHAPTER_IMPORTS[chapter]}'s import ({seconds:.1f} s) in each runner"
        goal = MATRIX_GOALS.get(chapter)
        verdict = "" if goal is None else ("met" if own_wall <= goal else "NOT met")
        errors = f" ({len(failed)} failed to render)" if failed else ""
        print(f"| {chapter} | {len(pages)}, {len(snippets)}, {len(figures)}{errors} | {wall:.0f} s | {cpu:.0f} CPU-s | "
              f"{own_wall:.0f} s, {own_cpu:.0f} CPU-s{extra} | {'' if goal is None else f'≤ {goal:g} s'} | {verdict} |",
              flush=True)
    print(f"| all chapters | | {total_wall:.0f} s | {total_cpu:.0f} CPU-s | | | |")
    return 0


def _first_view_only() -> int:
    """`python3 dev.py bench --bytes`: the site built, then every page's first view measured."""
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        _built(build_site(site))
        print_first_view(first_view_bytes(site))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
