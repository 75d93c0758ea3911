"""The suite's side of the verification record (tools/suite/record.py): which tests are reused, which
run, what is written afterwards, and the summary that says so.

* At collection, each selected test gets its key. What it reads is declared on the test, never
  guessed from its name: `@pytest.mark.reads("path")` says "this test reads the file named by its
  parameter `path`, and what that file depends on" (a page, a snippet, a lab or a generated file:
  tools/suite/record.py's `*_inputs`); `site=True` adds what every page of the built site shares (and
  Chromium's version); `variants=True` adds the kernel matrix's variants. A page's examples
  (Sybil's items) read their page. Any other test reads every source file of the repository, so
  it is reused only when nothing at all changed.
* A page's examples run in one namespace, top to bottom: they are reused all together or not at
  all.
* A reused test is reported as passed without running (no fixture is set up, so none of the slow
  work it would wait for starts: tests/conftest.py starts only what `running` items need), shown
  as `r` in the progress line.
* After the run, every test that passed and was not reused is recorded (a page's examples only
  when all of them passed); nothing else is.
* The summary gives the checks rendered and reused, entries found corrupt, and the five files
  that cost the most time.

`--fresh` ignores the record (it is still written); under `CI=true` runs are fresh unless
`--reuse-record` is given (the pull-request job, with the default branch's record restored).
"""

from __future__ import annotations

import functools
import os
from collections import defaultdict
from pathlib import Path

import pytest

from tools.paths import ROOT, rel
from tools.suite import record

REUSED = pytest.StashKey[dict]()  # on an item: the entry it reuses
KEY = pytest.StashKey[str]()  # on an item: its key
PLUGIN = "verification-record"


def addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("record", "the verification record (.cache/verification, tools/suite/record.py)")
    group.addoption("--fresh", action="store_true", help="render every check; ignore the record (still written)")
    group.addoption(
        "--reuse-record",
        action="store_true",
        help="reuse the record even under CI=true (where runs are fresh by default)",
    )


def configure(config: pytest.Config, device: str) -> RecordPlugin:
    """Register the plugin for this run (the root conftest.py calls this once the device is known)."""
    in_ci = os.environ.get("CI", "").lower() in ("1", "true", "yes")
    fresh = config.getoption("--fresh") or (in_ci and not config.getoption("--reuse-record"))
    folder = os.environ.get("PYTORCH_NOTES_RECORD")
    plugin = RecordPlugin(record.Store(Path(folder)) if folder else record.Store(), fresh, device)
    config.pluginmanager.register(plugin, PLUGIN)
    return plugin


def get(config: pytest.Config) -> RecordPlugin | None:
    return config.pluginmanager.get_plugin(PLUGIN)


def is_reused(item: pytest.Item) -> bool:
    return REUSED in item.stash


def running(items: list[pytest.Item]) -> list[pytest.Item]:
    """The items that will really run (not reused from the record)."""
    return [item for item in items if not is_reused(item)]


def add_seconds(config: pytest.Config, path: Path | str, seconds: float) -> None:
    """Count time spent rendering a file (for the summary's slowest files)."""
    plugin = get(config)
    if plugin is not None:
        plugin.seconds[rel(path)] += seconds


def produced_by(item: pytest.Item) -> dict:
    """The run that produced an item's result: the record's, when reused; else this run."""
    if is_reused(item):
        return item.stash[REUSED]["run"]
    plugin = get(item.config)
    return record.this_run(plugin.device if plugin else "cpu")


# ---------------------------------------------------------------------------------------------
# What a test reads
# ---------------------------------------------------------------------------------------------


def param(item: pytest.Item, name: str):
    """The item's parameter `name`, or None (an item without parameters, or without that one)."""
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(name) if callspec else None


def is_page_example(item: pytest.Item) -> bool:
    return type(item).__name__ == "SybilItem"


def _inputs_of_file(path: Path) -> set[Path]:
    from tools.generated.registry import generated

    path = Path(path)
    if path.suffix == ".md":
        return record.page_inputs(path)
    for item in generated():
        if item.path == path:
            return record.generated_inputs(path, _drawn_by(path))
    return record.snippet_inputs(path)


def _drawn_by(path: Path) -> Path:
    """The module that draws a generated file: a chapter's figures, or the diagrams."""
    if path.suffix == ".svg" and path.parent.name == "plots":
        return ROOT / "tools" / "generated" / "figures" / f"{path.parent.parent.name}.py"
    return ROOT / "tools" / "generated" / "diagrams.py"


def _site_inputs() -> set[Path]:
    """What every page of the built site shares beyond the engine: the assets, and the list of
    pages with their titles (the navigation)."""
    from tools.paths import doc_pages

    assets = {p for p in (ROOT / "docs" / "assets").rglob("*") if p.is_file()}
    return assets | set(doc_pages())


@functools.cache
def _chromium_version() -> str:
    import subprocess

    from tools.browser.chromium import find_chromium

    path = find_chromium()
    if path is None:
        return "none"
    try:
        return subprocess.run([path, "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"


def _declared_files(names) -> set[Path]:
    """The files a `files=` declaration names: a page with what it includes, a snippet with what it
    imports, a folder with every file under it."""
    found: set[Path] = set()
    for name in names:
        path = ROOT / name
        if path.is_dir():
            found |= {p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
        else:
            found |= _inputs_of_file(path)
    return found


def describe(item: pytest.Item) -> tuple[dict[str, str], dict]:
    """(the digests of the files a test reads, what else its key holds), from its `reads` marker:
    `reads("param", …)` the file its parameter names, `files=[…]` repository paths (a folder: every
    file under it), `site=True` what every built page shares, `variants=True` the kernel matrix."""
    marker = item.get_closest_marker("reads")
    inputs = {Path(item.path)} | _declared_files(marker.kwargs.get("files", ()))
    for name in marker.args:
        inputs |= _inputs_of_file(Path(param(item, name)))
    extra = {}
    if marker.kwargs.get("site"):
        inputs |= _site_inputs()
        extra["chromium"] = _chromium_version()
    if marker.kwargs.get("variants"):
        from tools.engine import portability

        extra["variants"] = [str(v) for v in portability.variants()]
    return record.digest_files(inputs), extra




# ---------------------------------------------------------------------------------------------
# The plugin
# ---------------------------------------------------------------------------------------------


class RecordPlugin:
    def __init__(self, store: record.Store, fresh: bool, device: str):
        self.store = store
        self.fresh = fresh
        self.device = device
        self.items: list[pytest.Item] = []
        self.outcomes: dict[str, bool] = {}  # nodeid -> passed every phase so far
        self.seconds: dict[str, float] = defaultdict(float)  # file -> seconds spent rendering it

    def plan(self, items: list[pytest.Item]) -> None:
        """Give each item its key; mark those the record holds as reused (a page's examples: all
        or none). The root conftest.py calls this once the items are selected."""
        self.items = list(items)
        environment = record.environment(self.device)
        whole_tree = None
        page_digests: dict[str, dict] = {}
        pages: dict[str, list[pytest.Item]] = defaultdict(list)
        for item in items:
            if is_page_example(item):
                page = str(item.path)
                pages[page].append(item)
                if page not in page_digests:
                    page_digests[page] = record.digest_files(record.page_inputs(Path(item.path)))
                inputs, extra = page_digests[page], {}
            elif item.get_closest_marker("reads") is None:
                if whole_tree is None:
                    whole_tree = record.digest_files(record.source_files())
                inputs, extra = whole_tree, {}
            else:
                inputs, extra = describe(item)
            item.stash[KEY] = record.key(item.nodeid, inputs, environment, extra)
        if self.fresh:
            return
        entries = {item.nodeid: self.store.get(item.stash[KEY]) for item in items}
        for item in items:
            entry = entries[item.nodeid]
            if entry is None:
                continue
            if is_page_example(item) and any(entries[other.nodeid] is None for other in pages[str(item.path)]):
                continue  # part of a page: its examples share a namespace, so all of them run
            item.stash[REUSED] = entry

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: pytest.Item | None) -> bool | None:
        """A reused item: reported as passed, nothing run, nothing set up."""
        if not is_reused(item):
            return None
        run = item.stash[REUSED]["run"]
        ihook = item.ihook
        ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
        for when in ("setup", "call", "teardown"):
            report = pytest.TestReport(
                item.nodeid, item.location, dict.fromkeys(item.keywords, 1), "passed", None, when,
                user_properties=[("reused", run)],
            )
            ihook.pytest_runtest_logreport(report=report)
        # What pytest's own protocol does after an item: tear down what the next item does not share.
        item.session._setupstate.teardown_exact(nextitem)
        ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)
        return True

    @pytest.hookimpl(tryfirst=True)
    def pytest_report_teststatus(self, report: pytest.TestReport):
        if report.when == "call" and report.passed and _reused_report(report):
            return "passed", "r", "REUSED"
        return None

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.failed or report.skipped:
            self.outcomes[report.nodeid] = False
        elif report.when == "call":
            self.outcomes.setdefault(report.nodeid, True)
            if report.nodeid.startswith("docs/") and not _reused_report(report):
                self.seconds[report.nodeid.split("::")[0]] += report.duration

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        """Record every test that passed and ran (a page's examples only when all of them passed)."""
        run = record.this_run(self.device)
        pages_ok: dict[str, bool] = {}
        for item in self.items:
            if is_page_example(item):
                page = str(item.path)
                pages_ok[page] = pages_ok.get(page, True) and self.outcomes.get(item.nodeid, False)
        for item in self.items:
            if is_reused(item) or not self.outcomes.get(item.nodeid, False) or KEY not in item.stash:
                continue
            if is_page_example(item) and not pages_ok.get(str(item.path)):
                continue
            self.store.put(item.stash[KEY], item.nodeid, run)

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.items:
            return
        reused = sum(1 for item in self.items if is_reused(item))
        rendered = len(self.items) - reused
        how = "--fresh: the record was not read" if self.fresh else "`python3 dev.py test --fresh` ignores it"
        line = f"[record] {rendered} checks rendered, {reused} reused from .cache/verification ({how})"
        if self.store.discarded:
            line += f"; {len(self.store.discarded)} corrupt entries discarded and rendered again"
        terminalreporter.write_line(line)
        slowest = sorted(self.seconds.items(), key=lambda pair: -pair[1])[:5]
        if slowest:
            shown = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in slowest)
            terminalreporter.write_line(f"[record] the slowest files (rendering, every variant): {shown}")


def _reused_report(report: pytest.TestReport) -> bool:
    return any(name == "reused" for name, _ in report.user_properties)
