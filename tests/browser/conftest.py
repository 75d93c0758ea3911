"""The built site, served on loopback, in the system Chromium driven by Playwright.

Without Chromium these tests skip with a message saying what to install, except in CI
(`CI=true`), where they fail instead: `python3 dev.py test` installs Chromium there first.

Every page is toured once in the background from collection on (tests/browser/tour.py), a few at a
time, while the rest of the suite runs; each page's tests wait for its report. Screenshots of every
page (light, dark, phone) go to build/screenshots/ (the path is printed at the end of the run).
The few tests that drive one page interactively (search, a download, the keyboard) use `visit`.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.browser.tour import DESKTOP, PageReport, run_tour
from tests.conftest import WORK, using
from tools.browser.chromium import CHROMIUM_FLAGS, INSTALL_HINT, MATERIAL_READY, find_chromium, in_ci, serve
from tools.paths import ROOT
from tools.suite import record_plugin
from tools.suite.record_plugin import param

SCREENSHOTS = ROOT / "build" / "screenshots"
TOUR = pytest.StashKey[tuple[threading.Thread, dict[str, Future]]]()
OFFLINE = pytest.StashKey[tuple[Path, Future]]()
_OFFLINE_POOL = ThreadPoolExecutor(max_workers=1, thread_name_prefix="offline-build")


@pytest.hookimpl(trylast=True)  # after tests/conftest.py has started the site build
def pytest_collection_finish(session: pytest.Session) -> None:
    config = session.config
    items = record_plugin.running(session.items)  # a test the verification record holds is reused: no tour for it
    if config.option.collectonly:
        return
    toured = using(items, "tour")  # the pages whose tests read the tour's report
    chromium = find_chromium()
    if chromium is not None and any(item.nodeid.startswith("tests/browser/test_offline.py") for item in items):
        _start_offline_build(config)
    if not toured or chromium is None:
        return  # nothing to tour, or the `chromium_path` fixture skips (or, in CI, fails) each test
    pages = {param(item, "path"): param(item, "source") for item in toured}
    copying = {param(item, "path") for item in using(toured, "copying_tour")}
    site_dir, build = config.stash[WORK]["site"]

    def site() -> Path:
        result = build.result()
        if result.returncode != 0:
            raise RuntimeError(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
        return site_dir / "site"

    reports = {path: Future() for path in pages}
    thread = threading.Thread(
        target=run_tour, args=(chromium, site, list(pages.items()), copying, SCREENSHOTS, reports),
        name="browser-tour", daemon=True,
    )
    thread.start()
    config.stash[TOUR] = (thread, reports)


def _start_offline_build(config: pytest.Config) -> None:
    """The offline copy (tools/site/offline.py), built once the site's own build is done: the tour of
    the site starts first, and the offline copy's build overlaps it."""
    from tools.site import offline

    site = config.stash[WORK].get("site")
    folder = Path(tempfile.mkdtemp(prefix="pytorch-notes-offline-"))

    def build():
        if site is not None:
            site[1].result()
        return offline.build(folder / "site")

    config.stash[OFFLINE] = (folder, _OFFLINE_POOL.submit(build))


def pytest_sessionfinish(session: pytest.Session) -> None:
    if TOUR in session.config.stash:
        session.config.stash[TOUR][0].join(timeout=60)
    _OFFLINE_POOL.shutdown(wait=True, cancel_futures=True)
    if OFFLINE in session.config.stash:
        shutil.rmtree(session.config.stash[OFFLINE][0], ignore_errors=True)


@pytest.fixture(scope="session")
def offline_site(request, chromium_path) -> Path:
    """The offline copy, built by `mkdocs build --strict` with the offline plugin (started at collection)."""
    if OFFLINE not in request.config.stash:
        _start_offline_build(request.config)
    folder, future = request.config.stash[OFFLINE]
    result = future.result()
    if result.returncode != 0:
        pytest.fail(f"the offline build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return folder / "site"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        if in_ci():
            pytest.fail(f"CI=true, but {INSTALL_HINT}", pytrace=False)
        pytest.skip(INSTALL_HINT)
    return path


@pytest.fixture(scope="session")
def tour(request, chromium_path):
    """path -> that page's PageReport, from the background tour (waits until the page is done)."""
    reports = request.config.stash[TOUR][1]

    def report(path: str) -> PageReport:
        return reports[path].result(timeout=900)

    return report


@pytest.fixture(scope="session")
def copying_tour(tour):
    """The tour, for a test that reads what a page's copy buttons gave: asking for this fixture is
    what makes the tour click that page's copy buttons."""
    return tour


@pytest.fixture(scope="session")
def base_url(site) -> str:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_FLAGS, headless=True)
        yield instance
        instance.close()


class Visit:
    """A page opened in a fresh context, once Material has run, to drive by hand (the tour checks every
    page's errors)."""

    def __init__(self, browser, base_url: str, path: str, scheme: str = "light", viewport=DESKTOP, **options):
        self.context = browser.new_context(
            color_scheme=scheme, viewport=viewport, accept_downloads=True, base_url=base_url, **options
        )
        self.page = self.context.new_page()
        self.goto(base_url + path)

    def goto(self, url: str) -> None:
        """Load `url` and wait for Material, which the theme starts after the first paint."""
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function(MATERIAL_READY, timeout=10000)

    def close(self):
        self.context.close()


@pytest.fixture
def visit(browser, base_url):
    opened = []

    def open_page(path: str, **kwargs) -> Visit:
        opened.append(Visit(browser, base_url, path, **kwargs))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


def pytest_terminal_summary(terminalreporter):
    if TOUR in terminalreporter.config.stash and SCREENSHOTS.is_dir():
        count = sum(1 for _ in SCREENSHOTS.glob("*.jpg"))
        terminalreporter.write_line(f"[browser] {count} screenshots of the pages: {SCREENSHOTS}")
