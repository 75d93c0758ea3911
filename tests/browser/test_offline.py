"""The offline copy (`python3 dev.py build --offline`, tools/site/offline.py), opened from file:// in
Chromium, on a sample of pages: the home page, a page of maths and diagrams, a page with plots and
a lab. Each page renders as the tour checks it (tests/browser/tour.py: maths typeset, diagrams
drawn, images loaded, no console error) and asks nothing of any host; its links lead to the next
page; search finds `requires_grad`; a lab's notebook downloads.
"""

from __future__ import annotations

import pytest

from tests.browser.tour import LOAD_IMAGES, READ_THROUGH, RENDER_CHECK, SETTLE_SECONDS, check_rendered
from tools.browser.chromium import MATERIAL_READY, site_pages

SAMPLE = ["", "autograd/backprop-by-hand/", "training/training-pitfalls/", "autograd/lab/"]
SOURCES = dict(site_pages())
LOCAL = ("file://", "data:", "blob:", "about:")


def offline_path(url: str) -> str:
    """A page's file in the offline copy (no directory URLs): `a/b/` -> `a/b.html`, `a/` -> `a/index.html`."""
    if url == "" or url.endswith("/index/"):
        return url.removesuffix("index/") + "index.html"
    source = SOURCES[url]
    return url + "index.html" if source.name == "index.md" else url.rstrip("/") + ".html"


class FileVisit:
    """A page of the offline copy opened from disk, with every request and error it caused."""

    def __init__(self, browser, site, path: str) -> None:
        self.context = browser.new_context(accept_downloads=True)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console error: {m.text}"))
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        self.page.on("requestfailed", lambda r: self.problems.append(f"request failed: {r.url} ({r.failure})"))
        self.goto((site / path).as_uri())

    def goto(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_function(MATERIAL_READY, timeout=10000)

    def foreign(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(LOCAL)]


@pytest.fixture
def open_file(browser, offline_site):
    opened = []

    def open_page(path: str) -> FileVisit:
        opened.append(FileVisit(browser, offline_site, path))
        return opened[-1]

    yield open_page
    for visit in opened:
        visit.context.close()


@pytest.mark.build
@pytest.mark.parametrize("url", SAMPLE, ids=[url.rstrip("/") or "home" for url in SAMPLE])
def test_offline_page_renders_and_links_on_from_file(open_file, url):
    """From file://: the page renders (maths, diagrams, plots), requests nothing from any host, and
    its "Next" link opens the next page, rendered too."""
    visit = open_file(offline_path(url))
    page = visit.page
    page.evaluate(LOAD_IMAGES)
    page.evaluate(READ_THROUGH)  # Material mounts code blocks (annotations) as they come into view
    where = f"offline {offline_path(url)}"
    for _ in range(SETTLE_SECONDS * 10):  # a finding must persist to count, as in the tour
        failures = check_rendered(page.evaluate(RENDER_CHECK), SOURCES[url].read_text(), where)
        if not failures:
            break
        page.wait_for_timeout(100)
    assert failures == []
    next_link = page.locator("a.md-footer__link--next")
    if next_link.count():
        href = next_link.get_attribute("href")
        assert href.endswith(".html"), f"{where}: the next page's link {href!r} is not a file (directory URLs are off)"
        next_link.click()
        page.wait_for_function(MATERIAL_READY, timeout=10000)
        assert page.url.startswith("file://") and page.url.endswith(".html"), page.url
        assert page.locator(".md-content h1").count() == 1, f"{where}: the next page ({page.url}) has no title"
    assert visit.problems == []
    assert visit.foreign() == [], f"{where}: requests to another host"


@pytest.mark.build
def test_offline_search_finds_requires_grad(open_file):
    """Search works from the disk (the index is a script, the worker runs in a frame: tools/site/hooks/offline.py),
    and its first result for requires_grad opens the page."""
    visit = open_file("index.html")
    page = visit.page
    page.keyboard.press("/")
    page.keyboard.type("requires_grad")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "a => a.map(x => x.href)")
    assert any("autograd/requires-grad-and-leaves.html" in link for link in links), links
    assert all(link.startswith("file://") for link in links), links
    page.locator(".md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_function(MATERIAL_READY, timeout=10000)
    assert "requires_grad" in page.locator(".md-content").inner_text()
    assert visit.problems == []
    assert visit.foreign() == [], "search asked another host"


@pytest.mark.build
def test_offline_lab_notebook_downloads(open_file, tmp_path):
    """A lab page's download button gives the exercises notebook from the disk."""
    import nbformat

    visit = open_file(offline_path("autograd/lab/"))
    with visit.page.expect_download() as download:
        visit.page.locator('a.md-content__button[download="lab.ipynb"]').click()
    target = tmp_path / "lab.ipynb"
    download.value.save_as(target)
    notebook = nbformat.read(target, as_version=4)
    nbformat.validate(notebook)
    assert any(cell.cell_type == "code" for cell in notebook.cells)
    assert visit.foreign() == []
