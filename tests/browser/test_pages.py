"""Every page of the built site, as a reader sees it in Chromium (served on loopback).

Pages are discovered from docs/ (every Markdown page and every chapter lab), so a new chapter is
covered without editing this file. The per-page tests read the report of the background tour
(tests/browser/tour.py: each page loaded once, checked light, dark and 390 px wide, its copy
buttons clicked); tests/browser/test_tour_finds_defects.py shows that the tour reports each defect.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.tour import DESKTOP, PHONE, RENDER_CHECK, page_id
from tools.browser.chromium import site_pages
from tools.paths import ROOT

PAGES = site_pages()
LABS = [(url, source) for url, source in PAGES if source.name == "lab.py"]
SEARCH_TERMS = ["requires_grad", "logits", "CrossEntropyLoss", "Fashion-MNIST", "confusion matrix", "state_dict", "weights_only"]


@pytest.mark.build
@pytest.mark.reads("source", site=True)
@pytest.mark.parametrize(("path", "source"), PAGES, ids=[page_id(url) for url, _ in PAGES])
def test_page_renders_in_both_schemes_and_on_a_phone(tour, path, source):
    """No console error, nothing fetched from another host, maths/diagrams/images rendered, nothing
    scrolling sideways: in the light scheme, after toggling to the dark one, and on a phone-sized
    screen (tests/browser/tour.py, which also takes the screenshots)."""
    assert tour(path).failures == []


CODE_PAGES = [(url, source) for url, source in PAGES if "```py" in source.read_text() or source.name == "lab.py"]


@pytest.mark.build
@pytest.mark.reads("source", site=True)
@pytest.mark.parametrize(("path", "source"), CODE_PAGES, ids=[page_id(url) for url, _ in CODE_PAGES])
def test_copy_buttons_give_code_that_runs(copying_tour, runner, tmp_path, path, source):
    """Every Python block's copy button, clicked in page order by the tour, gives code that runs as
    a program of its own (a clean child of the suite's warm runner, tools/engine/runner.py: a new process,
    an empty working directory, warnings as errors), as a reader pasting the blocks in order would."""
    report = copying_tour(path)
    assert report.copied is not None, f"{path}: the tour did not reach its copy buttons: {report.failures}"
    assert report.copied, f"{path}: no Python copy button found"
    prompts = [block for block in report.copied if re.search(r"^(>>>|\.\.\.) ", block, re.M)]
    assert prompts == [], f"{path}: copied code still has >>> prompts"
    script = tmp_path / "copied.py"
    script.write_text("\n\n".join(report.copied) + "\n")
    (run,) = runner.render_files([script])
    assert run.ok, (
        f"{path}: the {len(report.copied)} copied blocks, run in order, fail:\n{run.error[-3000:]}\n"
        f"(copied code: {script})"
    )


@pytest.mark.build
@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_search_finds_the_pages(visit, term):
    """Search, as a reader uses it, lists the page that talks most about the term."""
    mentions = {url: source.read_text().count(term) for url, source in PAGES}
    expected = max(mentions, key=mentions.get)
    assert mentions[expected] > 0
    page = visit("").page
    page.keyboard.press("/")  # Material's shortcut to the search box
    page.keyboard.type(term)  # typed, key by key, as Material listens for keys
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "a => a.map(x => x.href)")
    found = {re.split(r"[?#]", link)[0].removeprefix(page.url.split("#")[0]) for link in links}
    assert expected in found, f"search for {term!r} lists {sorted(found)}, not {expected!r}"


INDEX = "**/search/search_index.json"


@pytest.mark.build
@pytest.mark.parametrize("path", ["", "autograd/requires-grad-and-leaves/", "networks/lab/"])
def test_search_typed_before_the_index_arrives_lists_the_page(visit, path):
    """The search index loads when the reader searches (tools/site/theme/main.html), not with the page:
    nothing asks for it at load; focusing the box asks for it; what is typed at once, while it is
    still on its way (held here until the typing is done), stays in the box, and its results show
    when the index lands."""
    expected = "autograd/requires-grad-and-leaves/"
    v = visit(path)
    page, held = v.page, []
    page.route(INDEX, lambda route: held.append(route))
    page.wait_for_timeout(500)  # time enough for anything started at load to have asked
    assert held == [], f"/{path}: the search index was asked for at load, before any search"
    page.focus("input[data-md-component=search-query]")
    page.keyboard.type("requires_grad")
    page.wait_for_timeout(200)
    assert len(held) == 1, f"/{path}: focusing the search box did not ask for the index ({len(held)} requests)"
    held[0].continue_()
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    assert page.input_value("input[data-md-component=search-query]") == "requires_grad"
    links = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "a => a.map(x => x.href)")
    found = {re.sub(r"^https?://[^/]+/", "", re.split(r"[?#]", link)[0]) for link in links}
    assert expected in found, f"search for 'requires_grad' typed before the index arrived lists {sorted(found)}"


@pytest.mark.build
def test_search_from_a_query_in_the_url(visit):
    """A reader arriving with ?q= (a shared search) gets its results without touching the box."""
    page = visit("networks/?q=logits").page
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    links = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "a => a.map(x => x.href)")
    assert any("/networks/logits/" in link for link in links), f"?q=logits lists {links}"


@pytest.mark.build
@pytest.mark.reads("source", site=True)
@pytest.mark.parametrize(("path", "source"), LABS, ids=[page_id(url) for url, _ in LABS])
def test_lab_download_is_an_exercises_notebook_that_runs(visit, tmp_path, path, source):
    """The download button gives a valid .ipynb without the solutions, and it runs."""
    import nbformat
    from nbclient import NotebookClient

    page = visit(path).page
    with page.expect_download() as download:
        page.locator('a.md-content__button[href="lab.ipynb"]').click()
    target = tmp_path / "lab.ipynb"
    download.value.save_as(target)
    notebook = nbformat.read(target, as_version=4)
    nbformat.validate(notebook)
    assert not [c for c in notebook.cells if "solution" in c.metadata.get("tags", [])], "solutions in the download"
    assert any(c.cell_type == "code" for c in notebook.cells)
    from tools import fashion_mnist

    fashion_mnist.link(tmp_path)  # the reader's `data` folder: the checked files, never a download here
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    # The solutions notebook is offered too, and holds every solution cell of the source.
    solutions = page.locator('a.md-content__button[href="lab-solutions.ipynb"]')
    assert solutions.count() == 1, "no link to the solutions notebook"


@pytest.mark.build
@pytest.mark.reads("source", site=True)
@pytest.mark.parametrize(("path", "source"), LABS, ids=[page_id(url) for url, _ in LABS])
def test_lab_solutions_stay_folded_until_opened(tour, path, source):
    """Each run of `solution` cells is in a closed box when the page opens, so the reader can try first."""
    import jupytext

    tagged = [c for c in jupytext.read(source).cells if "solution" in c.metadata.get("tags", [])]
    assert tagged, f"{source.relative_to(ROOT)} has no cell tagged `solution`"
    state = tour(path).solutions
    assert state is not None, f"{path}: the tour did not read the page"
    assert state["boxes"] > 0 and state["open"] == 0 and state["loose"] == 0 and state["visible"] == 0, state
    assert state["folded"] >= len(tagged), state


@pytest.mark.build
@pytest.mark.parametrize(("path", "source"), PAGES[:1] + LABS[:1], ids=[page_id(url) for url, _ in PAGES[:1] + LABS[:1]])
def test_keyboard_reaches_content_and_scheme_toggle(visit, path, source):
    """Tab first reaches the skip link, which moves to the content; Tab also reaches the scheme
    toggle, and pressing it switches the scheme."""
    opened = visit(path)
    page = opened.page
    page.keyboard.press("Tab")
    first = page.evaluate(
        "() => [document.activeElement.classList.contains('md-skip'), document.activeElement.outerHTML.slice(0, 120),"
        " document.activeElement.getAttribute('href')]"
    )
    assert first[0], f"the first Tab stop is {first[1]}, not the skip link"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == first[2], "the skip link did not move to the content"
    assert page.evaluate(f"!!document.querySelector('.md-content {first[2]}')"), "the skip link's target is not in the content"
    page.keyboard.press("Shift+Tab")  # back into the page from the top
    opened.goto(page.url.split("#")[0])
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === '__palette'"):
            break
    else:
        pytest.fail(f"{path}: 40 Tab presses never reached the colour-scheme toggle")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'", timeout=5000)



DEEP = " " * 43 + "nesterov=True)  # aligned with its ("  # 79 characters, as a snippet may have


@pytest.mark.build
@pytest.mark.parametrize("width", [PHONE["width"], DESKTOP["width"]])
def test_a_deeply_indented_line_hangs_inside_a_phones_block(visit, width):
    """A code line indented past a phone's block (a continuation aligned 43 columns deep: issue 29)
    stays inside its block at 390 px: its indentation and its hang are capped at half the block's
    width (notes.css: --notes-cap), its first row holds code and its further rows hang two characters
    right of its first character (the tour's `overflowing` and `hangingLeft` checks, RENDER_CHECK).
    At 1280 px, where 80 characters fit, it keeps its 43 columns. The line is planted in a real page's
    first code block with the markup the hook writes (tools/site/hooks/wrapped_lines.py)."""
    from tools.site.hooks.wrapped_lines import _lines

    line = _lines(f'<span id="__span-99-1">{DEEP}\n</span>')
    page = visit("networks/nn-module/", viewport={**PHONE, "width": width}).page
    indent, rows, fits = page.evaluate(
        """(line) => {
          const code = document.querySelector('.md-content pre > code');
          code.insertAdjacentHTML('afterbegin', line);
          const planted = code.querySelector('#__span-99-1');
          const text = planted.querySelector('.notes-lead').nextSibling;
          const first = document.createRange();
          first.setStart(text, 0); first.setEnd(text, 1);
          const ch = first.getBoundingClientRect().width;
          const box = code.getBoundingClientRect();
          const left = box.left + parseFloat(getComputedStyle(code).paddingLeft);
          const all = document.createRange();
          all.selectNodeContents(planted);
          const tops = [...all.getClientRects()].filter((r) => r.width > 0).map((r) => r.top).sort((a, b) => a - b);
          let rows = 0, last = -Infinity;
          for (const top of tops) if (top > last + 5) { rows += 1; last = top; }  // the lead's box sits a pixel higher
          return [(first.getBoundingClientRect().left - left) / ch, rows, code.scrollWidth <= code.clientWidth + 1];
        }""",
        line,
    )
    state = page.evaluate(RENDER_CHECK)
    planted = [text for text in state["hangingLeft"] + state["overflowing"] if "nesterov" in text]
    assert planted == [], f"at {width} px the planted line restarts left of its first character or overflows: {planted}"
    assert fits, f"at {width} px the planted line makes its block scroll sideways"
    if width == PHONE["width"]:
        assert rows > 1 and indent < 30, f"at 390 px: {rows} rows, first character {indent:.1f} columns in (cap: half the block)"
    else:
        assert rows == 1 and round(indent) == 43, f"at 1280 px: {rows} rows, first character {indent:.1f} columns in, not 43"


LANDING_PAGES = ["recap/", "training/fixing-gradients/"]  # five tables; annotated code and long text
LANDED = """(id) => {
  const heading = document.getElementById(id);
  const top = heading.getBoundingClientRect().top;
  const wanted = parseFloat(getComputedStyle(heading).scrollMarginTop) || 0;
  const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1;
  return {top, wanted, landed: Math.abs(top - wanted) <= 2 || (atBottom && top >= wanted - 2)};
}"""


@pytest.mark.build
@pytest.mark.parametrize("path", LANDING_PAGES)
def test_a_link_to_a_section_lands_its_heading_at_the_top(visit, path):
    """Opened from a link to one of its sections (`page/#section`, a fresh load), a page shows that
    section's heading at the top of a phone's screen, and keeps it there while the blocks around it
    are laid out as they near the screen (notes.css: content-visibility) and Material re-wraps the
    tables (tools/site/theme/main.html scrolls to it again until the reader scrolls). Without that,
    the recap's sections landed 130 px to 3,400 px off. A heading too close to the page's end to
    reach the top may sit lower, with the page scrolled to its end."""
    ids = visit(path, viewport=PHONE).page.evaluate("[...document.querySelectorAll('article h2[id]')].map((h) => h.id)")
    assert len(ids) >= 4, f"{path}: expected its sections' headings, found {ids}"
    missed = []
    for heading in ids:
        page = visit(f"{path}#{heading}", viewport=PHONE).page
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(1500)  # the blocks near the screen are laid out, the tables re-wrapped
        state = page.evaluate(LANDED, heading)
        if not state["landed"]:
            missed.append(f"#{heading}: its top at {state['top']:.0f} px, not {state['wanted']:.0f} px")
    assert missed == [], f"{path}, opened at a section, at 390 px: {missed}"


@pytest.mark.build
def test_a_malformed_fragment_raises_no_error(visit):
    """`#%E0` is no valid %-escape: the landing script (tools/site/theme/main.html) names no target
    instead of throwing, on a fresh load and on a change of the fragment."""
    opened = visit("recap/", viewport=PHONE)
    errors = []
    opened.page.on("pageerror", lambda error: errors.append(str(error)))
    opened.page.evaluate("location.hash = '%E0'")
    opened.goto(opened.page.url.split("#")[0] + "#%E0%A4")
    opened.page.wait_for_timeout(300)
    assert errors == []
