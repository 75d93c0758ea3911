"""Lighthouse on every page, mobile and desktop: `python3 dev.py bench --browser` prints a table.

The site is built, then served gzip-compressed on loopback (as a static host serves it) and
measured with Lighthouse (installed on first use into .cache/lighthouse/, pinned below, and run, by the
pinned Node and its npm: tools/node.py)
driving the system Chromium with the flags of tools/browser/chromium.py. Mobile performance swings by
about 15 points from run to run on a shared machine, so it is the median of `--runs` runs
(default 3). Budgets (the issue "The reader's experience"): mobile performance >= 95, desktop
100, accessibility, best practices and SEO 100, every page under 700 kB as served.

    python3 dev.py bench --browser [--runs 3] [--site DIR] [--only SUBSTRING] [--uncompressed]

It asserts nothing; it prints what it measured, with the budgets a page misses.
"""

from __future__ import annotations

import json
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tools.browser.chromium import CHROMIUM_FLAGS, INSTALL_HINT, find_chromium, serve, site_pages
from tools.cli.commands import bench_parser
from tools.node import node_executable, npm
from tools.paths import ROOT
from tools.site.build import build_site

LIGHTHOUSE_VERSION = "12.8.2"
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGE_BUDGET_BYTES = 700_000


def ensure_lighthouse() -> Path:
    installed = LIGHTHOUSE_DIR / "node_modules" / "lighthouse" / "package.json"
    if not (installed.is_file() and json.loads(installed.read_text())["version"] == LIGHTHOUSE_VERSION):
        print(f"[bench] installing lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_DIR.relative_to(ROOT)}/", flush=True)
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [*npm(), "install", "--silent", "--no-audit", "--no-fund", "--prefix", str(LIGHTHOUSE_DIR),
             f"lighthouse@{LIGHTHOUSE_VERSION}"],
            check=True, cwd=LIGHTHOUSE_DIR,
        )
    return LIGHTHOUSE


def lighthouse(url: str, chromium: str, desktop: bool, out: Path) -> dict:
    flags = " ".join(shlex.quote(flag) if " " in flag else flag for flag in CHROMIUM_FLAGS)
    command = [
        node_executable(), str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}",
    ]
    if desktop:
        command.append("--preset=desktop")
    subprocess.run(command, check=True, env={**os.environ, "CHROME_PATH": chromium}, capture_output=True)
    return json.loads(out.read_text())


def _failing(audit_id: str, audit: dict) -> str:
    """A failed audit and the first element it names, to go and look at."""
    items = (audit.get("details") or {}).get("items") or [{}]
    selector = (items[0].get("node") or {}).get("selector")
    return f"{audit_id} (`{selector}`)" if selector else audit_id


def summarize(report: dict) -> dict:
    audits = report["audits"]
    requests = audits["network-requests"]["details"]["items"]
    failing = sorted(
        _failing(audit_id, audits[audit_id])
        for category in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0
        and (audit_id := ref["id"])
        and audits[audit_id]["score"] is not None
        and audits[audit_id]["score"] < 1
    )
    return {
        **{name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES},
        "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "requests": len(requests),
        "transferred": sum(item.get("transferSize", 0) for item in requests),
        "resources": sum(item.get("resourceSize", 0) for item in requests),
        "failing": failing,
    }


def _mobile(perf, runs) -> str:
    return "n/a" if perf is None else f"{perf:g} {[m['performance'] for m in runs]}"


def main(argv: list[str]) -> int:
    args = bench_parser().parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        sys.exit(f"[bench] {INSTALL_HINT}")
    ensure_lighthouse()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            result = build_site(site)
            if result.returncode != 0:
                sys.exit(f"mkdocs build --strict failed:\n{result.stdout}{result.stderr}")
        rows = []
        with serve(site, compress=not args.uncompressed) as base:
            for path, _ in site_pages():
                if args.only not in path:
                    continue
                mobile = [
                    summarize(lighthouse(base + path, chromium, False, Path(tmp) / "report.json"))
                    for _ in range(args.runs)
                ]
                desktop = summarize(lighthouse(base + path, chromium, True, Path(tmp) / "report.json"))
                rows.append((path, mobile, desktop))
                print(f"[bench] /{path}: mobile {[m['performance'] for m in mobile]}, desktop {desktop['performance']}",
                      file=sys.stderr, flush=True)
    served = "gzip" if not args.uncompressed else "uncompressed"
    print(f"\nLighthouse {LIGHTHOUSE_VERSION}, {Path(chromium).name}, site served {served} on loopback; "
          f"mobile performance is the median of {args.runs} runs (the runs in brackets).\n")
    print("| page | mobile perf | mobile LCP | a11y | bp | seo | desktop perf | requests | "
          f"as served ({served}) | uncompressed | misses |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    largest = max(rows, key=lambda row: row[2]["transferred"]) if rows else None
    for path, mobile, desktop in rows:
        perf = statistics.median(m["performance"] for m in mobile) if mobile else None
        lcp = statistics.median(m["lcp_s"] for m in mobile) if mobile else None
        # The worst of every run: an audit that fails in one run of the page counts.
        worst = {name: min(run[name] for run in [*mobile, desktop]) for name in ("accessibility", "best-practices", "seo")}
        misses = []
        if perf is not None and perf < 95:
            misses.append("mobile perf < 95")
        if desktop["performance"] < 100:
            misses.append("desktop perf < 100")
        for name in ("accessibility", "best-practices", "seo"):
            if worst[name] < 100:
                misses.append(f"{name} < 100")
        if desktop["transferred"] >= PAGE_BUDGET_BYTES:
            misses.append("≥ 700 kB")
        failing = sorted({audit for run in [*mobile, desktop] for audit in run["failing"]})
        if failing:
            misses.append("audits: " + ", ".join(failing))
        print(
            f"| `/{path}` | {_mobile(perf, mobile)} | {'n/a' if lcp is None else f'{lcp:.1f} s'} | {worst['accessibility']} | "
            f"{worst['best-practices']} | {worst['seo']} | {desktop['performance']} | {desktop['requests']} | "
            f"{desktop['transferred'] / 1e3:,.0f} kB | {desktop['resources'] / 1e3:,.0f} kB | "
            f"{'; '.join(misses) or 'none'} |"
        )
    if largest:
        print(f"\nLargest page as served: `/{largest[0]}`, {largest[2]['transferred'] / 1e3:,.0f} kB "
              f"({largest[2]['resources'] / 1e3:,.0f} kB uncompressed).")
    return 0
