"""The tour: every page of the built site opened in Chromium, as a reader sees it, in the background.

Started at collection (tests/browser/conftest.py), like the suite's other slow pieces, and run a
few pages at a time (async Playwright, one browser). Each page is loaded once, on a 1280 px screen
in the light scheme, and checked; toggled to the dark scheme (as a reader does) and checked again;
every Python copy button is clicked; then the window is narrowed to a phone's 390 px and the page
checked a third time; last, it is toggled back to light, still 390 px wide. A screenshot is taken
at each of the first three stops. Before the first check the
page is read through, top to bottom, as a reader scrolls it: Material mounts each code block (copy
button, annotations) only when it comes into view (the `content.lazy` feature). Each page's report is a
future that its tests wait for, so a test fails with exactly the findings of its own page.

What is checked on each page (RENDER_CHECK, `check_rendered`): maths typeset (no raw TeX), every
diagram drawn as SVG, every image loaded, no icon shortcode shown as text, every code annotation
mounted, no sidebar link partly covered, no block skipped until shown (content-visibility) on the
first screen, no code block, display formula or page that scrolls sideways, no wrapped code line that restarts left of
its line's first character (at 390 px, where lines wrap), no console error, no failed request,
no request to any host but the site, and none for the search index or its worker (they load
when the reader searches: tools/site/theme/main.html). At the four stops (light and dark, 1280 and 390 px) axe-core
checks the page with the WCAG 2.0, 2.1 and 2.2 A and AA rules and its best practices (tools/browser/axe.py),
each rule in both schemes at both widths (`_axe_findings`): each violation is reported with its
page, rule, element and fix.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import traceback
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from tools.browser import axe
from tools.browser.chromium import CHROMIUM_FLAGS, MATERIAL_READY, serve

PHONE = {"width": 390, "height": 844}  # an iPhone 12-14 class screen, in CSS pixels
DESKTOP = {"width": 1280, "height": 900}
READY_SECONDS = 5  # Material's bundle runs a frame after `load` (~0.1 s); 5 s: it never ran
SETTLE_SECONDS = 3  # how long a finding may take to go away before it counts (see _render_findings)
PAGES_AT_ONCE = 3  # pages in flight: enough to overlap one page's waits with another's work
SCREENSHOT = {"type": "jpeg", "quality": 80, "full_page": True}  # JPEG: a third of PNG's encoding time
TOGGLE = "form[data-md-component=palette] label:not([hidden])"  # the scheme switch shown now
PYTHON_BLOCK_CLASSES = ("language-python", "language-py", "language-pycon")
SEARCH_ASSET = re.compile(r"/search/search_index\.json|/assets/javascripts/workers/search\.")

# Every code copied from the page (copy event or the Clipboard API), recorded in window.__copied.
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

# What the reader sees: maths typeset, diagrams drawn, images loaded, nothing overflowing.
RENDER_CHECK = r"""
() => {
  const content = document.querySelector('.md-content');
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const untypeset = [...document.querySelectorAll('.arithmatex')]
    .filter((el) => !el.querySelector('.katex')).map((el) => el.textContent.slice(0, 60));
  const clone = content.cloneNode(true);
  clone.querySelectorAll('.katex, pre, code, script, style, .highlight').forEach((el) => el.remove());
  const shortcodes = (clone.textContent.match(/:(material|octicons|fontawesome|simple)-[a-z0-9-]+:/g) || []).slice(0, 5);
  const toc = document.querySelector('.md-sidebar--secondary');  // headings' text is repeated there
  const rawTex = ((clone.textContent + ' ' + (toc ? toc.textContent : '')).match(/\\\(|\\\[|\$\$|\\frac|\\partial|\\mathbf|\$[^$\s][^$\n]*\$/g) || []).slice(0, 5);
  const diagrams = [...document.querySelectorAll('.notes-diagram')].map((figure) => {
    const svg = figure.querySelector('svg');
    if (!svg) return 0;
    const box = svg.getBoundingClientRect();
    return svg.querySelectorAll('text').length > 0 ? box.width * box.height : 0;
  });
  // A list right after a code block is taken for its annotations: each item must have become a
  // marker in the code (notes.css hides the list on screen until then).
  // (A block in a tab not shown, or a closed box, is mounted when the reader opens it.)
  const annotations = [...content.querySelectorAll('.highlight + ol')]
    .filter((ol) => ol.previousElementSibling.checkVisibility())
    .filter((ol) => ol.children.length !== ol.previousElementSibling.querySelectorAll('.md-annotation').length)
    .map((ol) => ol.textContent.trim().slice(0, 60));
  // A sidebar link partly under another control (a sticky title it scrolled beneath) is a small,
  // ambiguous tap target (Lighthouse's target-size): every visible point of a link must be the link.
  const coveredLinks = [];
  for (const wrap of document.querySelectorAll('.md-sidebar__scrollwrap')) {
    const box = wrap.getBoundingClientRect();
    const middle = document.elementFromPoint((box.left + box.right) / 2, (box.top + box.bottom) / 2);
    if (!wrap.checkVisibility() || !wrap.contains(middle)) continue;  // hidden, or a closed drawer
    for (const link of wrap.querySelectorAll('a.md-nav__link')) {
      if (!link.checkVisibility()) continue;
      const r = link.getBoundingClientRect();
      const x = r.left + Math.min(10, r.width / 2);
      for (let y = Math.max(r.top, box.top) + 1; y < Math.min(r.bottom, box.bottom) - 1; y += 3) {
        const hit = document.elementFromPoint(x, y);
        if (hit && !link.contains(hit)) {
          coveredLinks.push(`${link.textContent.trim()} (under ${hit.textContent.trim().slice(0, 30)})`);
          break;
        }
      }
    }
  }
  // A block the browser skips until it is on screen (notes.css: content-visibility) must not start
  // on the first screen: arriving while the page streams in, it is painted at its stand-in height
  // and then grows, shifting what is under it (Lighthouse CLS). Checked at the top of the page.
  const skippedOnFirstScreen = window.scrollY > 0 ? [] : [...content.querySelectorAll('.md-typeset > *')]
    .filter((el) => getComputedStyle(el).contentVisibility === 'auto' && el.getBoundingClientRect().top < window.innerHeight)
    .map((el) => `${[el.tagName.toLowerCase(), ...el.classList].join('.')}: ${el.textContent.trim().slice(0, 40)}`);
  const images = [...content.querySelectorAll('img')].map((img) => [img.src, img.complete && img.naturalWidth > 0]);
  const overflowing = [...content.querySelectorAll('pre, pre > code')]
    .filter((el) => visible(el) && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent.split('\n').reduce((a, b) => (b.length > a.length ? b : a), '').slice(0, 90));
  // Display maths fits its box (at 390 px too): a formula wider than the column scrolls inside it
  // (notes.css), but a reader on a phone sees it cut at the screen's edge; break it into rows
  // (aligned / gathered). 2 px of slack: KaTeX's 2 px struts beside stacked rows (.vlist-s).
  const wideMaths = [...content.querySelectorAll('.katex-display')]
    .filter((el) => visible(el) && el.scrollWidth > el.clientWidth + 2)
    .map((el) => `${el.scrollWidth - el.clientWidth} px too wide: ${(el.querySelector('annotation') || el).textContent.trim().slice(0, 60)}`);
  // A code line that wraps must visibly continue its own line: its first row holds its first
  // character, and no further row starts left of that character (tools/site/hooks/wrapped_lines.py).
  const hangingLeft = [];
  for (const line of content.querySelectorAll('pre .notes-line')) {
    if (!visible(line) || line.getClientRects().length === 0) continue;
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    let first = null;
    for (let node = walker.nextNode(); node && !first; node = walker.nextNode()) {
      const at = node.textContent.search(/\S/);
      if (at >= 0) { first = document.createRange(); first.setStart(node, at); first.setEnd(node, at + 1); }
    }
    if (!first) continue;
    const rows = document.createRange();
    rows.selectNodeContents(line);
    const rects = [...rows.getClientRects()].filter((r) => r.width > 0);
    if (rects.length === 0) continue;
    const top = Math.min(...rects.map((r) => r.top));
    const char = first.getBoundingClientRect();
    const text = line.textContent.trim().slice(0, 60);
    if (char.top > top + 2) hangingLeft.push(`${text} (its first row holds no code)`);
    else if (rects.some((r) => r.top > char.bottom - 2 && r.left < char.left - 0.5)) hangingLeft.push(text);
  }
  return {
    katex: document.querySelectorAll('.katex').length,
    hangingLeft,
    wideMaths,
    untypeset, rawTex, shortcodes, diagrams, images, overflowing, annotations, coveredLinks, skippedOnFirstScreen,
    unrenderedMermaid: document.querySelectorAll('pre.mermaid, div.mermaid').length,
    pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
    scheme: document.body.getAttribute('data-md-color-scheme'),
  };
}
"""

# Lazy images are loaded (and decoded) before a page is checked or photographed.
LOAD_IMAGES = """
async () => {
  for (const img of document.querySelectorAll('.md-content img')) {
    img.loading = 'eager';
    try { await img.decode(); } catch (e) {}
  }
}
"""

# The page read top to bottom, a screen at a time, as a reader scrolls it, then back to the top:
# Material mounts each code block (copy button, annotations) when it comes into view.
READ_THROUGH = """
async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
    window.scrollTo(0, y);
    await frame();
    await frame();
  }
  window.scrollTo(0, 0);
  await frame();
}
"""

# A full-page screenshot renders the page beyond the window in one go, but blocks that the browser
# skips while off screen (notes.css: content-visibility) would come out blank: render them all,
# as the reader sees each one on reaching it.
RENDER_ALL = ".md-typeset > * { content-visibility: visible !important; }"

# Before axe-core looks at colours: every transition of the scheme switch has finished (a block
# the browser had skipped, content-visibility, starts its transition only once it is styled).
SETTLED = """
async () => {
  const finite = document.getAnimations().filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity);
  const done = Promise.all(finite.map((a) => a.finished.catch(() => null)));
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 3000))]);  // a paused one never ends
}
"""

# A lab's solutions: how many boxes, open ones, solution cells outside a box, visible ones.
SOLUTION_STATE = """
() => ({
  boxes: document.querySelectorAll('details.notes-solution').length,
  open: document.querySelectorAll('details.notes-solution[open]').length,
  loose: [...document.querySelectorAll('.celltag_solution')].filter(c => !c.closest('details.notes-solution')).length,
  folded: document.querySelectorAll('details.notes-solution .celltag_solution').length,
  visible: [...document.querySelectorAll('.celltag_solution')].filter(c => c.checkVisibility()).length,
})
"""

# Opens whatever hides the button (a closed <details>, another tab), scrolls it into view, clears
# the record of copies, and gives the point to click.
REVEAL = """
(el) => {
  for (let node = el; node; node = node.parentElement) {
    if (node.tagName === 'DETAILS') node.open = true;
    if (node.classList && node.classList.contains('tabbed-block')) {
      const blocks = [...node.parentElement.children];
      const set = node.closest('.tabbed-set');
      const inputs = [...set.querySelectorAll(':scope > input')];
      inputs[blocks.indexOf(node)].checked = true;
    }
  }
  el.scrollIntoView({block: 'center'});
  window.__copied = [];
  const box = el.getBoundingClientRect();
  return {x: box.x + box.width / 2, y: box.y + box.height / 2};
}
"""

# The Python code blocks a reader can copy, in page order (Material's blocks, a lab's code cells),
# each tagged for a locator.
COPY_BLOCKS = """
(classes) => [...document.querySelectorAll('.md-content .highlight, .md-content .jp-CodeCell')]
  .filter((block) => block.classList.contains('jp-CodeCell')
    ? !!block.querySelector('clipboard-copy')
    : classes.some((c) => block.classList.contains(c)) && !!block.querySelector('pre > code'))
  .map((block, i) => { block.setAttribute('data-notes-copy', String(i)); return i; })
"""
COPY_BUTTON = 'button.md-code__button[data-md-type="copy"], clipboard-copy'


def page_id(url: str) -> str:
    return url.rstrip("/") or "home"


@dataclass
class PageReport:
    """What the tour found on one page."""

    failures: list[str] = field(default_factory=list)
    copied: list[str] | None = None  # the code each Python copy button gave, in page order
    solutions: dict | None = None  # a lab's SOLUTION_STATE, folded as the reader first sees it


def check_rendered(state: dict, text: str, where: str) -> list[str]:
    """The findings in a RENDER_CHECK `state` of a page whose source file reads `text`."""
    failures = []
    if state["untypeset"]:
        failures.append(f"{where}: maths left untypeset: {state['untypeset']}")
    if state["shortcodes"]:
        failures.append(f"{where}: icon shortcodes shown as text: {state['shortcodes']}")
    if state["rawTex"]:
        failures.append(f"{where}: raw TeX in the text: {state['rawTex']}")
    if state["katex"] == 0 and re.search(r"\\\(|\\\[|\$[^$\s]", text):
        failures.append(f"{where}: the source has maths but no KaTeX element rendered")
    if state["unrenderedMermaid"]:
        failures.append(f"{where}: a mermaid block was left for a runtime to draw")
    if text.count("```mermaid") != len(state["diagrams"]) or not all(state["diagrams"]):
        failures.append(f"{where}: {text.count('```mermaid')} diagrams in the source, drawn: {state['diagrams']}")
    if state["annotations"]:
        failures.append(
            f"{where}: lists after a code block that did not become its annotations (a list right after"
            f" a code block is read as annotations: put a sentence between them): {state['annotations']}"
        )
    if state["coveredLinks"]:
        failures.append(f"{where}: sidebar links partly covered by another control: {state['coveredLinks']}")
    if state["skippedOnFirstScreen"]:
        failures.append(
            f"{where}: blocks skipped until shown on the first screen (painted late, they shift the page:"
            f" notes.css content-visibility): {state['skippedOnFirstScreen']}"
        )
    broken = [src for src, ok in state["images"] if not ok]
    if broken:
        failures.append(f"{where}: images that did not load: {broken}")
    if state["overflowing"]:
        failures.append(f"{where}: code wider than its block (scrolls sideways): {state['overflowing']}")
    if state["wideMaths"]:
        failures.append(
            f"{where}: display maths wider than its box (cut at the screen's edge; break it into rows with "
            f"aligned or gathered): {state['wideMaths']}"
        )
    if state["hangingLeft"]:
        failures.append(
            f"{where}: wrapped code lines that restart left of their line's first character (they read as "
            f"new statements; tools/site/hooks/wrapped_lines.py, notes.css): {state['hangingLeft'][:5]}"
        )
    if state["pageOverflow"] > 0:
        failures.append(f"{where}: the page scrolls sideways by {state['pageOverflow']} px")
    return failures


class _Recorder:
    """Every request, console error, uncaught exception and failed response of one page."""

    def __init__(self, page, base_url: str, where: str) -> None:
        self.base_url, self.where = base_url, where
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"{where}: console error: {m.text}"))
        page.on("pageerror", lambda error: self.problems.append(f"{where}: uncaught: {error}"))
        page.on("requestfailed", lambda r: self.problems.append(f"{where}: request failed: {r.url} ({r.failure})"))
        page.on("response", lambda r: r.status >= 400 and self.problems.append(f"{where}: HTTP {r.status}: {r.url}"))

    def findings(self) -> list[str]:
        foreign = [u for u in self.requests if not (u.startswith(self.base_url) or u.startswith("data:"))]
        # The tour never searches, so the search index and its worker are never asked for: they load
        # when the reader searches (tools/site/theme/main.html).
        search = [u for u in self.requests if SEARCH_ASSET.search(u)]
        return (
            self.problems
            + [f"{self.where}: request to another host: {url}" for url in foreign]
            + [f"{self.where}: asked for {url} although nobody searched (it loads when the reader searches)" for url in search]
        )


async def _open(browser, base_url: str, path: str, where: str, **options):
    context = await browser.new_context(base_url=base_url, **options)
    await context.add_init_script(INIT_SCRIPT)
    page = await context.new_page()
    recorder = _Recorder(page, base_url, where)
    await page.goto(base_url + path, wait_until="load")
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    try:
        await page.wait_for_function(MATERIAL_READY, timeout=READY_SECONDS * 1000)
    except PlaywrightTimeout:
        recorder.problems.append(f"{where}: Material's bundle never ran (no search, palette or copy buttons)")
    await page.evaluate(LOAD_IMAGES)
    return context, page, recorder


async def _screenshot(page, path: Path) -> None:
    style = await page.add_style_tag(content=RENDER_ALL)
    await page.screenshot(path=path, **SCREENSHOT)
    await style.evaluate("(style) => style.remove()")


async def _render_findings(page, text: str, where: str) -> tuple[dict, list[str]]:
    """RENDER_CHECK's findings, retried for up to SETTLE_SECONDS while there are any: Material
    finishes mounting a page (code annotations, copy buttons) a few frames after `load`, so a
    finding must persist to count (as Playwright's own assertions retry), and a real one does."""
    deadline = asyncio.get_running_loop().time() + SETTLE_SECONDS
    while True:
        state = await page.evaluate(RENDER_CHECK)
        failures = check_rendered(state, text, where)
        if not failures or asyncio.get_running_loop().time() > deadline:
            return state, failures
        await page.wait_for_timeout(100)


async def _axe_findings(page, where: str, first: bool = False, colour_only: bool = False) -> list[str]:
    """axe-core's violations (tools/browser/axe.py: WCAG 2.0-2.2 A and AA, best practices), on the whole
    page as shown, every block rendered. axe reads the stylesheets itself (rule css-orientation-lock)
    at the `first` of a page's four checks only: they are the same at every width and scheme.

    The four stops cover every rule in both schemes at both widths at a little over half the cost:
    every rule light at 1280 px and dark at 390 px (a rule that is not about colour gives the same
    in either scheme, so this covers both widths), and the rules about colour (`colour_only`:
    color-contrast, link-in-text-block) at the other two stops as well."""
    style = await page.add_style_tag(content=RENDER_ALL)
    try:
        await page.evaluate(SETTLED)
        options = {"tags": axe.RULE_TAGS, "preload": first, "colourOnly": colour_only}
        violations = await page.evaluate(axe.RUN, options)
    finally:
        await style.evaluate("(style) => style.remove()")
    return [axe.describe(violation, where) for violation in violations]


async def _copy_every_python_block(page) -> list[str]:
    """Click each Python block's copy button with the mouse, as a reader does; what it copied.
    Each block is brought into view first (its tab selected, its box opened), which is when
    Material gives it its button."""
    copied = []
    for index in await page.evaluate(COPY_BLOCKS, list(PYTHON_BLOCK_CLASSES)):
        block = page.locator(f'[data-notes-copy="{index}"]')
        await block.evaluate(REVEAL)
        button = block.locator(COPY_BUTTON).first
        await button.wait_for(state="attached", timeout=5000)
        point = await button.evaluate(REVEAL)
        await page.mouse.click(point["x"], point["y"])
        text = await page.wait_for_function("window.__copied.length > 0 && window.__copied[0]", timeout=5000)
        copied.append(await text.json_value())
    # Material's "Copied to clipboard" notice stays two seconds, then fades: the page is checked
    # once it has gone (half faded, axe-core would measure its contrast mid-way).
    await page.wait_for_function("!document.querySelector('.md-dialog--active')", timeout=10000)
    return copied


async def visit_page(browser, base_url: str, path: str, source: Path, shots: Path, copy: bool) -> PageReport:
    """One page: desktop light, desktop dark (by the toggle, as a reader switches), then phone-wide."""
    report = PageReport()
    name = page_id(path).replace("/", "__")
    text = source.read_text()

    context, page, recorder = await _open(browser, base_url, path, path, color_scheme="light", viewport=DESKTOP)
    try:
        await page.evaluate(READ_THROUGH)
        await page.evaluate(axe.source())
        state, failures = await _render_findings(page, text, f"{path} (light, 1280 px)")
        if state["scheme"] != "default":
            report.failures.append(f"{path}: a light-mode reader is shown the {state['scheme']!r} scheme")
        report.failures += failures
        report.failures += await _axe_findings(page, f"{path} (light, 1280 px)", first=True)
        if source.name == "lab.py":
            report.solutions = await page.evaluate(SOLUTION_STATE)
        await _screenshot(page, shots / f"{name}--light.jpg")
        await page.locator(TOGGLE).click(force=True)
        await page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        report.failures += (await _render_findings(page, text, f"{path} (dark, 1280 px)"))[1]
        report.failures += await _axe_findings(page, f"{path} (dark, 1280 px)", colour_only=True)
        await _screenshot(page, shots / f"{name}--dark.jpg")
        if copy:
            report.copied = await _copy_every_python_block(page)
        # The same page on a phone-wide screen (390 CSS px): Material's layout follows the width
        # alone, so resizing shows what a new load on a phone would, without a second load.
        await page.set_viewport_size(PHONE)
        await page.evaluate("window.scrollTo(0, 0)")
        report.failures += (await _render_findings(page, text, f"{path} (phone, 390 px)"))[1]
        report.failures += await _axe_findings(page, f"{path} (phone, 390 px)")
        await _screenshot(page, shots / f"{name}--phone.jpg")
        # And light again, on the phone: axe-core in both schemes at both widths.
        await page.locator(TOGGLE).click(force=True)
        await page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
        report.failures += await _axe_findings(page, f"{path} (phone, light, 390 px)", colour_only=True)
        await page.wait_for_load_state("networkidle")
        report.failures += recorder.findings()
    finally:
        await context.close()
    return report


def run_tour(chromium: str, site: Callable[[], Path], pages: list[tuple[str, Path]], code_pages: set[str],
             shots: Path, reports: dict[str, Future]) -> None:
    """Visit `pages` (PAGES_AT_ONCE at a time), setting each page's future in `reports` as it is done.
    `site()` waits for the build and gives the site's folder (or raises the build's failure)."""
    try:
        site_dir = site()
        axe.source()  # fetched from the npm registry on first use (tools/browser/axe.py)
    except BaseException as error:  # noqa: BLE001 - every page's test fails with the build's (or axe's) error
        for future in reports.values():
            future.set_exception(error)
        return
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)

    async def tour(base_url: str) -> None:
        from playwright.async_api import async_playwright

        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
            slots = asyncio.Semaphore(PAGES_AT_ONCE)

            async def one(path: str, source: Path) -> None:
                async with slots:
                    try:
                        report = await visit_page(browser, base_url, path, source, shots, copy=path in code_pages)
                    except Exception:  # noqa: BLE001 - the page's test fails with it
                        report = PageReport(failures=[f"{path}: the visit raised:\n{traceback.format_exc()}"])
                reports[path].set_result(report)

            await asyncio.gather(*(one(path, source) for path, source in pages))
            await browser.close()

    with serve(site_dir) as base_url:
        try:
            asyncio.run(tour(base_url))
        except BaseException as error:  # noqa: BLE001
            for future in reports.values():
                if not future.done():
                    future.set_exception(error)
