"""The tour can fail: a page with one of each defect it looks for is reported, defect by defect.

The page is a stand-in for a built one (the same hooks the tour uses: `.md-content`, Material's
palette toggle), served on loopback like the site, and toured by the same `run_tour` that
tours the site for the page tests.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future

import pytest

from tests.browser.tour import run_tour

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["tests/browser", "docs/assets"])

LONG = "x = " + " + ".join(["1"] * 80)
DEFECTS = f"""<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body data-md-color-scheme="default">
<form data-md-component="palette">
  <label onclick="document.body.dataset.mdColorScheme = document.body.dataset.mdColorScheme === 'slate' ? 'default' : 'slate'">switch</label>
</form>
<div class="md-sidebar__scrollwrap" style="position: fixed; top: 0; right: 0; width: 150px; height: 120px; overflow: auto">
  <label style="position: sticky; top: 0; display: block; height: 30px; background: white">Site</label>
  <a class="md-nav__link" href="#" style="display: block; margin-top: -20px">A link under the title</a>
</div>
<div class="md-content">
  <div class="md-typeset"><p style="content-visibility: auto">Skipped until shown, on the first screen.</p></div>
  <p>Maths left as TeX: <span class="arithmatex">\\(x^2\\)</span>, and $y$ in the prose.</p>
  <p>An icon left as text: :material-download:</p>
  <div class="highlight language-python"><pre style="white-space: pre; overflow-x: auto"><code>{LONG}</code></pre></div>
  <div class="highlight language-python"><pre><code>y = 2 * x  # (1)!</code></pre></div>
  <div class="highlight language-python"><pre style="white-space: pre-wrap"><code><span class="notes-line">    total = {" + ".join(["1"] * 40)}
</span></code></pre></div>
  <ol><li>An annotation that never became a marker in its code.</li></ol>
  <span class="katex-display" style="display: block; overflow-x: auto; max-width: 100%"><span style="display: inline-block; width: 2000px">a formula wider than any screen</span></span>
  <p style="color: #777; background: #888">Grey on grey, 1.3:1.</p>
  <div style="overflow: auto; width: 120px; height: 40px"><p style="width: 600px">A region that scrolls, with nothing to focus.</p></div>
  <img src="missing.png" alt="a plot that is not there">
  <img src="http://example.invalid/pixel.png" alt="from another host">
</div>
<script>console.error("a planted console error");</script>
<img hidden src="../search/search_index.json" alt="">
</body></html>
"""


@pytest.mark.build
def test_a_page_with_every_defect_gets_every_finding(tmp_path, chromium_path):
    site = tmp_path / "site"
    (site / "bad").mkdir(parents=True)
    (site / "bad" / "index.html").write_text(DEFECTS)
    (site / "search").mkdir()
    (site / "search" / "search_index.json").write_text("{}")  # asked for at load: a finding
    source = tmp_path / "bad.md"
    source.write_text("# Bad\n\n\\(x^2\\)\n\n```mermaid\ngraph LR\n  a --> b\n```\n")
    shots = tmp_path / "shots"
    reports = {"bad/": Future()}
    args = (chromium_path, lambda: site, [("bad/", source)], set(), shots, reports)
    tour = threading.Thread(target=run_tour, args=args)  # its own event loop, beside the suite's sync Playwright
    tour.start()
    tour.join(timeout=120)
    report = reports["bad/"].result(timeout=0)
    text = "\n".join(report.failures)
    for where in ("light, 1280 px", "dark, 1280 px", "phone, 390 px"):
        assert f"bad/ ({where}): maths left untypeset: ['\\\\(x^2\\\\)']" in text
        assert f"bad/ ({where}): raw TeX in the text" in text
        assert f"bad/ ({where}): icon shortcodes shown as text: [':material-download:']" in text
        assert f"bad/ ({where}): 1 diagrams in the source, drawn: []" in text
        assert f"bad/ ({where}): images that did not load" in text and "missing.png" in text
        assert f"bad/ ({where}): lists after a code block that did not become its annotations" in text
        assert "['An annotation that never became a marker" in text
        assert f"bad/ ({where}): blocks skipped until shown on the first screen" in text
        assert "['p: Skipped until shown, on the first screen']" in text
    for where in ("light, 1280 px", "dark, 1280 px", "phone, 390 px", "phone, light, 390 px"):
        assert f"bad/ ({where}): axe color-contrast (serious): Elements must meet minimum color contrast" in text
    assert "<p style=\"color: #777; background: #888\">Grey on grey" in text
    for where in ("light, 1280 px", "phone, 390 px"):  # rules not about colour: once per width
        assert f"bad/ ({where}): axe scrollable-region-focusable (serious): Scrollable region must have keyboard access" in text
    assert "-- fix: Fix any of the following: Element should have focusable content Element should be focusable" in text
    assert "bad/ (light, 1280 px): sidebar links partly covered by another control: ['A link under the title (under Site)']" in text
    assert "bad/ (phone, 390 px): code wider than its block (scrolls sideways): ['x = 1 + 1" in text
    assert "bad/ (phone, 390 px): wrapped code lines that restart left of their line's first character" in text
    assert "['total = 1 + 1" in text
    for where in ("light, 1280 px", "phone, 390 px"):
        assert f"bad/ ({where}): display maths wider than its box" in text and "a formula wider than any screen" in text
    assert "bad/: asked for " in text and "search/search_index.json although nobody searched" in text
    assert "bad/: console error: a planted console error" in text
    assert "bad/: Material's bundle never ran (no search, palette or copy buttons)" in text
    assert "HTTP 404" in text and "missing.png" in text
    assert "bad/: request to another host: http://example.invalid/pixel.png" in text
    assert sorted(p.name for p in shots.iterdir()) == ["bad--dark.jpg", "bad--light.jpg", "bad--phone.jpg"]
