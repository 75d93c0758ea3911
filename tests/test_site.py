"""The built site: `mkdocs build --strict` passes (includes, links, anchors, notebooks), and no page
asks another host for anything when it is viewed. The site is built once per run, in the
background from collection on (tests/conftest.py: `site`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools.paths import DOCS

# Anything the browser would fetch on its own: scripts, stylesheets, icons, images, frames, CSS urls.
EXTERNAL_FETCH = re.compile(
    r"""<(?:script|img|iframe|source|video|audio)[^>]+src=["']?(?:https?:)?//[^"'\s>]*"""
    r"""|<link(?![^>]*rel=["']?(?:canonical|alternate))[^>]+href=["']?(?:https?:)?//[^"'\s>]*"""
    r"""|url\(\s*["']?(?:https?:)?//[^)]*|@import\s+["']?(?:https?:)?//\S*""",
    re.I,
)


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "assets" not in p.parts)


@pytest.mark.build
def test_site_builds_strict(site):
    assert (site / "index.html").is_file()
    assert (site / "autograd" / "backprop-by-hand" / "index.html").is_file()


@pytest.mark.build
def test_no_page_fetches_from_another_host(site):
    offenders = []
    for path in [*site.rglob("*.html"), *site.rglob("*.css")]:
        for match in EXTERNAL_FETCH.finditer(path.read_text(errors="replace")):
            offenders.append(f"{path.relative_to(site)}: {match.group(0)}")
    assert offenders == []
    # Material would load fonts from a CDN unless `font: false`.
    assert "fonts.googleapis" not in (site / "index.html").read_text()


@pytest.mark.build
def test_maths_and_diagrams_are_finished_at_build_time(site):
    """No page runs a script to typeset maths or draw a diagram: the maths is KaTeX's HTML (with
    its stylesheet, only where there is maths), every diagram is SVG, and no TeX is left."""
    for path in _pages(site):
        html = path.read_text()
        rel = path.relative_to(site)
        uses_math = 'class="arithmatex"' in html
        assert ("katex.min.css" in html) == uses_math, rel
        assert "katex.min.js" not in html and "auto-render" not in html and "mermaid.min.js" not in html, rel
        assert 'class="mermaid"' not in html, f"{rel}: a mermaid block left for a runtime (Material would fetch one)"
        if uses_math:
            assert re.search(r'class="arithmatex">\\[(\[]', html) is None, f"{rel}: maths left as TeX"
            assert 'class="katex-mathml"' in html, f"{rel}: no MathML for screen readers"
    assert not (site / "assets/vendor/katex/katex.min.js").exists(), "the build-time KaTeX is published"


@pytest.mark.build
def test_no_script_blocks_the_first_paint(site):
    """Every external script is deferred (tools/theme/main.html defers Material's bundle): a long
    page paints before its scripts are fetched and run."""
    for path in _pages(site):
        blocking = [tag for tag in re.findall(r"<script\b[^>]*\bsrc=[^>]*>", path.read_text()) if " defer" not in tag]
        assert blocking == [], f"{path.relative_to(site)}: scripts that block the first paint: {blocking}"


@pytest.mark.build
def test_no_page_load_restyles_the_whole_page_for_the_palette(site):
    """Material's palette sets and removes `data-md-color-switching` on <body> at every load; with
    its rule (any element under that attribute) each change restyled every element. The build drops
    the rule (tools/mkdocs_hooks.py) and the theme turns transitions off on a switch instead."""
    sheets = sorted(site.glob("assets/stylesheets/*.css"))
    assert any(sheet.name.startswith("palette.") for sheet in sheets)
    for sheet in sheets:
        assert "[data-md-color-switching]" not in sheet.read_text(), f"{sheet.relative_to(site)}: the rule is back"
    assert "notes-switching" in (site / "index.html").read_text()


def test_a_material_without_the_switching_rule_fails_the_build(tmp_path):
    from mkdocs.exceptions import PluginError

    from tools.mkdocs_hooks import drop_switching_rule

    theme = tmp_path / "theme"
    (theme / "assets/stylesheets").mkdir(parents=True)
    sheet = theme / "assets/stylesheets/palette.0123.min.css"
    sheet.write_text("body{color:red}")
    config = {"site_dir": str(tmp_path / "site"), "theme": type("Theme", (), {"dirs": [str(theme)]})()}
    with pytest.raises(PluginError, match=r"palette\.0123\.min\.css: Material's palette stylesheet no longer has"):
        drop_switching_rule(config)


@pytest.mark.build
def test_every_lab_is_a_page_with_a_notebook_download(site):
    labs = sorted(DOCS.glob("*/lab.py"))
    assert labs
    for lab in labs:
        page_dir = site / lab.parent.name / "lab"
        html = (page_dir / "index.html").read_text()
        assert 'href="lab.ipynb" download' in html
        notebook = json.loads((page_dir / "lab.ipynb").read_text())
        assert notebook["nbformat"] == 4
        assert any(cell["cell_type"] == "code" for cell in notebook["cells"])
        assert "jp-OutputArea" in html, f"{lab}: the lab page shows no executed output"


FILENAME_TITLE = re.compile(
    r'<span class="filename">(?P<excerpt>excerpt of )?(?:<a href="(?P<href>[^"]+)"[^>]*>)?(?P<path>snippets/[\w/.-]+)'
    r"(?:</a>)?</span>.*?<code[^>]*>(?P<code>.*?)</code>",
    re.S,
)


@pytest.mark.build
def test_a_block_titled_with_a_file_is_that_file_or_says_it_is_an_excerpt(site):
    """A reader who copies a block titled `snippets/x.py` gets x.py, or is told it is an excerpt
    and given a link to the whole file (which the site serves)."""
    import html as html_lib

    from tools.paths import ROOT

    checked = 0
    for page in _pages(site):
        for match in FILENAME_TITLE.finditer(page.read_text()):
            checked += 1
            where = f"{page.relative_to(site)}: {match['path']}"
            if match["excerpt"]:
                assert match["href"], f"{where}: an excerpt without a link to the whole file"
                target = (page.parent / match["href"]).resolve()
                assert target.is_file(), f"{where}: the link {match['href']} leads nowhere"
                assert target.read_text() == (ROOT / match["path"]).read_text()
            else:
                shown = html_lib.unescape(re.sub(r"<[^>]+>", "", match["code"])).split()
                lines = (ROOT / match["path"]).read_text().splitlines()
                whole = " ".join(line for line in lines if "--8<--" not in line).split()
                assert shown == whole, (
                    f"{where}: the block is titled with the file but shows only part of it"
                )
    assert checked > 0
