"""Every page of the built site, as a reader sees it in Chromium (served on loopback).

Pages are discovered from docs/ (every Markdown page and every chapter lab), so a new chapter is
covered without editing this file.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.browser.conftest import PHONE
from tools.browser import site_pages
from tools.paths import ROOT

PAGES = site_pages()
LABS = [(url, source) for url, source in PAGES if source.name == "lab.py"]
SEARCH_TERMS = ["requires_grad", "logits", "CrossEntropyLoss"]
PYTHON_BLOCK_CLASSES = ("language-python", "language-py", "language-pycon")


def _id(url: str) -> str:
    return url.rstrip("/") or "home"


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
  const rawTex = (clone.textContent.match(/\\\(|\\\[|\$\$|\\frac|\\partial|\\mathbf|\$[^$\s][^$\n]*\$/g) || []).slice(0, 5);
  const diagrams = [...document.querySelectorAll('.notes-diagram')].map((figure) => {
    const svg = figure.querySelector('svg');
    if (!svg) return 0;
    const box = svg.getBoundingClientRect();
    return svg.querySelectorAll('text').length > 0 ? box.width * box.height : 0;
  });
  const images = [...content.querySelectorAll('img')].map((img) => [img.src, img.complete && img.naturalWidth > 0]);
  const overflowing = [...content.querySelectorAll('pre, pre > code')]
    .filter((el) => visible(el) && el.scrollWidth > el.clientWidth + 1)
    .map((el) => el.textContent.split('\n').reduce((a, b) => (b.length > a.length ? b : a), '').slice(0, 90));
  return {
    katex: document.querySelectorAll('.katex').length,
    untypeset, rawTex, shortcodes, diagrams, images, overflowing,
    unrenderedMermaid: document.querySelectorAll('pre.mermaid, div.mermaid').length,
    pageOverflow: document.documentElement.scrollWidth - window.innerWidth,
    scheme: document.body.getAttribute('data-md-color-scheme'),
  };
}
"""


def _load_lazy_images(page) -> None:
    page.evaluate(
        "async () => { for (const img of document.querySelectorAll('.md-content img')) {"
        " img.loading = 'eager'; img.scrollIntoView(); try { await img.decode(); } catch (e) {} }"
        " window.scrollTo(0, 0); }"
    )


def _check_rendered(state: dict, source, where: str) -> list[str]:
    text = source.read_text()
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
    broken = [src for src, ok in state["images"] if not ok]
    if broken:
        failures.append(f"{where}: images that did not load: {broken}")
    if state["overflowing"]:
        failures.append(f"{where}: code wider than its block (scrolls sideways): {state['overflowing']}")
    if state["pageOverflow"] > 0:
        failures.append(f"{where}: the page scrolls sideways by {state['pageOverflow']} px")
    return failures


@pytest.mark.build
@pytest.mark.parametrize(("path", "source"), PAGES, ids=[_id(url) for url, _ in PAGES])
def test_page_renders_in_both_schemes_and_on_a_phone(visit, screenshots, path, source):
    """No console error, nothing fetched from another host, maths/diagrams/images rendered,
    in the light scheme, after toggling to the dark one, and on a phone-sized screen."""
    failures = []
    name = _id(path).replace("/", "__")
    light = visit(path, scheme="light")
    page = light.page
    _load_lazy_images(page)
    state = page.evaluate(RENDER_CHECK)
    assert state["scheme"] == "default", "the light scheme is not the one shown to a light-mode reader"
    failures += _check_rendered(state, source, f"{path} (light, 1280 px)")
    page.screenshot(path=screenshots / f"{name}--light.png", full_page=True)

    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    page.wait_for_load_state("networkidle")
    state = page.evaluate(RENDER_CHECK)
    failures += _check_rendered(state, source, f"{path} (dark, 1280 px)")
    page.screenshot(path=screenshots / f"{name}--dark.png", full_page=True)

    phone = visit(path, scheme="light", viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    _load_lazy_images(phone.page)
    failures += _check_rendered(phone.page.evaluate(RENDER_CHECK), source, f"{path} (phone, 390 px)")
    phone.page.screenshot(path=screenshots / f"{name}--phone.png", full_page=True)

    for v in (light, phone):
        failures += [f"{path}: {problem}" for problem in v.problems]
        failures += [f"{path}: request to another host: {url}" for url in v.foreign_requests()]
    assert failures == []


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
}
"""

COPY_BUTTONS = """
() => [...document.querySelectorAll('.md-content button.md-code__button[data-md-type="copy"], .md-content clipboard-copy')].map((button, i) => {
  button.setAttribute('data-notes-copy', String(i));
  const block = button.closest('.highlight, .jp-CodeCell');
  const python = !!block && (block.classList.contains('jp-CodeCell')
    || %s.some((cls) => block.classList.contains(cls)));
  return {index: i, python};
})
""" % json.dumps(PYTHON_BLOCK_CLASSES)


def _copy_every_python_block(page) -> list[str]:
    copied = []
    for button in page.evaluate(COPY_BUTTONS):
        if not button["python"]:
            continue
        locator = page.locator(f'[data-notes-copy="{button["index"]}"]')
        locator.evaluate(REVEAL)
        page.evaluate("window.__copied = []")
        locator.click(force=True)
        page.wait_for_function("window.__copied.length > 0", timeout=5000)
        copied.append(page.evaluate("window.__copied[window.__copied.length - 1]"))
    return copied


CODE_PAGES = [(url, source) for url, source in PAGES if "```py" in source.read_text() or source.name == "lab.py"]


@pytest.mark.build
@pytest.mark.parametrize(("path", "source"), CODE_PAGES, ids=[_id(url) for url, _ in CODE_PAGES])
def test_copy_buttons_give_code_that_runs(visit, runner, tmp_path, path, source):
    """Click every Python block's copy button, in page order, and run what was copied as a program
    of its own (a clean child of the suite's warm runner, tools/runner.py: a new process, an empty
    working directory, warnings as errors), as a reader pasting the blocks in order would."""
    page = visit(path).page
    copied = _copy_every_python_block(page)
    assert copied, f"{path}: no Python copy button found"
    prompts = [block for block in copied if re.search(r"^(>>>|\.\.\.) ", block, re.M)]
    assert prompts == [], f"{path}: copied code still has >>> prompts"
    script = tmp_path / "copied.py"
    script.write_text("\n\n".join(copied) + "\n")
    (run,) = runner.render_files([script])
    assert run.ok, (
        f"{path}: the {len(copied)} copied blocks, run in order, fail:\n{run.error[-3000:]}\n"
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


@pytest.mark.build
@pytest.mark.parametrize(("path", "source"), LABS, ids=[_id(url) for url, _ in LABS])
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
    NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    # The solutions notebook is offered too, and holds every solution cell of the source.
    solutions = page.locator('a.md-content__button[href="lab-solutions.ipynb"]')
    assert solutions.count() == 1, "no link to the solutions notebook"


@pytest.mark.build
@pytest.mark.parametrize(("path", "source"), LABS, ids=[_id(url) for url, _ in LABS])
def test_lab_solutions_stay_folded_until_opened(visit, path, source):
    import jupytext

    tagged = [c for c in jupytext.read(source).cells if "solution" in c.metadata.get("tags", [])]
    assert tagged, f"{source.relative_to(ROOT)} has no cell tagged `solution`"
    page = visit(path).page
    state = page.evaluate(
        """() => ({
          boxes: document.querySelectorAll('details.notes-solution').length,
          open: document.querySelectorAll('details.notes-solution[open]').length,
          loose: [...document.querySelectorAll('.celltag_solution')].filter(c => !c.closest('details.notes-solution')).length,
          folded: document.querySelectorAll('details.notes-solution .celltag_solution').length,
          visible: [...document.querySelectorAll('.celltag_solution')].filter(c => c.checkVisibility()).length,
        })"""
    )
    assert state["boxes"] > 0 and state["open"] == 0 and state["loose"] == 0 and state["visible"] == 0, state
    assert state["folded"] >= len(tagged), state


@pytest.mark.build
@pytest.mark.parametrize(("path", "source"), PAGES[:1] + LABS[:1], ids=[_id(url) for url, _ in PAGES[:1] + LABS[:1]])
def test_keyboard_reaches_content_and_scheme_toggle(visit, path, source):
    """Tab first reaches the skip link, which moves to the content; Tab also reaches the scheme
    toggle, and pressing it switches the scheme."""
    page = visit(path).page
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
    page.goto(page.url.split("#")[0], wait_until="networkidle")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === '__palette'"):
            break
    else:
        pytest.fail(f"{path}: 40 Tab presses never reached the colour-scheme toggle")
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'", timeout=5000)

