"""The command line of every `python3 dev.py` command, in one place, so that `--help` answers at
once, before any venv exists.

Each command has a parser here (or in its own standard-library module: tools/cli/serve.py,
tools/cli/scaffold.py). dev.py prints it for `-h`/`--help` without building `.venv/`; the tools that
run inside the venv parse their arguments with the same parser (tools/cli/regen.py, tools/bench/main.py),
so the help text and the behaviour cannot drift apart. `test`, `build` and `compat` pass their
other arguments on to pytest or mkdocs.

Standard library only: dev.py imports it before any venv exists (tests/test_import_rules.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from tools.cli import scaffold, serve

PAGE_OPTION = "--page"


def test_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 dev.py test",
        usage="python3 dev.py test [--page docs/CHAPTER/PAGE.md] [--device DEVICE] [pytest arguments]",
        description="The whole verification (what CI runs): every page, snippet, lab, diagram and plot, the "
        "contract checks, ruff, the strict build and the browser tests. Any argument is pytest's.",
        epilog="Every other option is pytest's (-k EXPR, -x, a test file, --ignore=tests/browser…); "
        "`.venv/bin/python -m pytest --help` lists them once .venv/ exists. An empty selection is a failure.",
    )
    p.add_argument(
        PAGE_OPTION,
        metavar="docs/CHAPTER/PAGE.md",
        action="append",
        help="one page's whole check, in seconds: its examples (Sybil), its snippets, the contract checks, "
        "ruff on its snippets and a strict build of the page (its includes, maths, links and anchors). "
        "Repeat it for several pages.",
    )
    p.add_argument(
        "--device",
        choices=("cpu", "cuda", "mps"),
        help="assert the device the snippets pick (default: whichever they pick here)",
    )
    return p


def build_parser() -> argparse.ArgumentParser:
    return argparse.ArgumentParser(
        prog="python3 dev.py build",
        description="`mkdocs build --strict` into site/ (a warning is an error).",
        epilog="Any argument is passed to `mkdocs build` (e.g. -d DIR). Browse it with "
        "`python3 -m http.server --directory site`.",
    )


def regen_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 dev.py regen",
        description="Rewrite the #> output lines of snippets and the generated diagrams and plots. A file whose "
        "code raises, writes to stderr or prints differently in two runs is refused (named, with its line).",
        epilog="With no PATH, everything is regenerated. Review `git diff` afterwards.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="snippet, generated file or folder of them")
    return p


def bench_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 dev.py bench",
        description="Speed and size tables: the verification, one page's check, regen, serve (an edited page, "
        "an edited snippet, a fixed build error shown), the build, the snippet runner, the labs, page weights, "
        "each chapter's share of the kernel matrix, "
        "then one epoch of the notes' network on all of Fashion-MNIST. Asserts nothing.",
    )
    p.add_argument("--skip-suite", action="store_true", help="leave out the verification rows (the slowest)")
    p.add_argument(
        "--training",
        action="store_true",
        help="only the full-data rows: one epoch of the notes' network on all of Fashion-MNIST, CPU and CUDA "
        "(tools/bench/bench_training.py)",
    )
    p.add_argument(
        "--bytes",
        action="store_true",
        help="only each page's first view as served (gzip), measured in Chromium, goal 150 kB (no Lighthouse)",
    )
    p.add_argument(
        "--matrix",
        action="store_true",
        help="only each chapter's share of the kernel matrix: its pages, snippets and figures under every "
        "CPU variant, as the suite renders them (goal for the images chapter: 60 s)",
    )
    p.add_argument("--browser", action="store_true", help="Lighthouse on every page instead (30+ minutes)")
    browser = p.add_argument_group("with --browser (tools/bench/bench_browser.py)")
    browser.add_argument("--runs", type=int, default=3, help="mobile runs per page (median; default 3; 0: desktop only)")
    browser.add_argument("--site", type=Path, help="measure this built site instead of building one")
    browser.add_argument("--only", default="", help="only pages whose URL contains this (with --matrix: only chapters)")
    browser.add_argument("--uncompressed", action="store_true", help="serve without gzip")
    return p


def compat_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 dev.py compat",
        usage="python3 dev.py compat VERSION|newest [--record] [pytest arguments]",
        description="Run the snippets and pages under another torch, in .venv-torch-VERSION/, and list the "
        "outputs that differ from the pinned torch's.",
        epilog="Extra arguments go to pytest (e.g. --device cuda, -k networks).",
    )
    p.add_argument("version", metavar="VERSION|newest", help="a torch release (2.7.0) or the newest on the index")
    p.add_argument(
        "--record",
        action="store_true",
        help="write every differing output, per page, to compat/torch-VERSION.json (tools/compat_record.py); "
        "exit 1 only when one is not explained on its page",
    )
    return p


PARSERS: dict[str, Callable[[], argparse.ArgumentParser]] = {
    "serve": serve.parser,
    "test": test_parser,
    "regen": regen_parser,
    "build": build_parser,
    "bench": bench_parser,
    "new": scaffold.parser,
    "compat": compat_parser,
}


def wants_help(argv: list[str]) -> bool:
    """`-h` or `--help` among a command's arguments (before a `--`)."""
    head = argv[: argv.index("--")] if "--" in argv else argv
    return any(arg in ("-h", "--help") for arg in head)
