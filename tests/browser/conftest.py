"""The built site, served on loopback, in the system Chromium driven by Playwright.

Without Chromium these tests skip with a message saying what to install, except in CI
(`CI=true`), where they fail instead: `python3 dev.py test` installs Chromium there first.
Screenshots of every page go to build/screenshots/ (path printed at the end of the run).
"""

from __future__ import annotations

import shutil

import pytest

from tools.browser import CHROMIUM_FLAGS, INSTALL_HINT, find_chromium, in_ci, serve
from tools.paths import ROOT

SCREENSHOTS = ROOT / "build" / "screenshots"
PHONE = {"width": 390, "height": 844}  # an iPhone 12-14 class screen, in CSS pixels
DESKTOP = {"width": 1280, "height": 900}

# Every request and console message of a page, and any code copied from it.
INIT_SCRIPT = """
window.__copied = [];
document.addEventListener('copy', () => {
  const active = document.activeElement;
  let text = '';
  if (active && (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT')) {
    text = active.value.substring(active.selectionStart, active.selectionEnd);
  } else {
    text = String(window.getSelection());
  }
  window.__copied.push(text);
}, true);
if (navigator.clipboard) {
  const original = navigator.clipboard.writeText.bind(navigator.clipboard);
  navigator.clipboard.writeText = (text) => {
    window.__copied.push(text);
    return original(text).catch(() => undefined);
  };
}
"""


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    if path is None:
        if in_ci():
            pytest.fail(f"CI=true, but {INSTALL_HINT}", pytrace=False)
        pytest.skip(INSTALL_HINT)
    return path


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


_THIS_RUN: list = []  # set when this run writes screenshots


@pytest.fixture(scope="session")
def screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    _THIS_RUN.append(SCREENSHOTS)
    return SCREENSHOTS


class Visit:
    """A page opened in a fresh context, with every request and console error recorded."""

    def __init__(self, browser, base_url: str, path: str, scheme: str = "light", viewport=DESKTOP, **options):
        self.base_url = base_url
        self.context = browser.new_context(
            color_scheme=scheme, viewport=viewport, accept_downloads=True, base_url=base_url, **options
        )
        self.context.add_init_script(INIT_SCRIPT)
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page = self.context.new_page()
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        self.page.on("response", self._response)
        self.page.goto(base_url + path, wait_until="networkidle")
        self.page.wait_for_function(  # KaTeX typesets in slices (docs/assets/javascripts/katex-init.js)
            "!document.querySelector('script[src$=\"katex-init.js\"]')"
            " || document.documentElement.getAttribute('data-notes-math') === 'done'"
        )

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _response(self, response):
        if response.status >= 400:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not (url.startswith(self.base_url) or url.startswith("data:"))]

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
    if _THIS_RUN and any(SCREENSHOTS.glob("*.png")):
        count = sum(1 for _ in SCREENSHOTS.glob("*.png"))
        terminalreporter.write_line(f"[browser] {count} screenshots of the pages: {SCREENSHOTS}")
