"""The built site: `mkdocs build --strict` passes (includes, links, anchors, notebooks), and no page
asks another host for anything when it is viewed. The site is built once per run, in the
background from collection on (tests/conftest.py: `site`)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools.paths import DOCS, ROOT

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
        assert ("assets/fonts/katex/katex.css" in html) == uses_math, rel
        assert "katex.min.js" not in html and "auto-render" not in html and "mermaid.min.js" not in html, rel
        assert 'class="mermaid"' not in html, f"{rel}: a mermaid block left for a runtime (Material would fetch one)"
        if uses_math:
            assert re.search(r'class="arithmatex">\\[(\[]', html) is None, f"{rel}: maths left as TeX"
            assert 'class="katex-mathml"' in html, f"{rel}: no MathML for screen readers"
    assert not (site / "assets/vendor/katex/katex.min.js").exists(), "the build-time KaTeX is published"


@pytest.mark.build
def test_katex_fonts_are_cut_to_the_maths(site):
    """Every character of every formula is in the cut KaTeX fonts (tools/maint/katex_fonts.py), so
    no page fetches one of KaTeX's full fonts (26 kB for the main one, 28 kB for AMS, against 13 and
    8 cut): issue 29's first view of at most 150 kB. A new character still renders (from the full
    font); this asks for the cut fonts to be made again."""
    from tools.maint import katex_fonts

    full = katex_fonts.full_font_points()
    missing = sorted(c for c in katex_fonts.maths_chars(site) if ord(c) in full)
    assert not missing, (
        f"the site's formulas use {len(missing)} character(s) the cut KaTeX fonts lack "
        f"({', '.join(f'U+{ord(c):04X} {c!r}' for c in missing)}): pages that use them fetch KaTeX's full "
        "font. Fix: python3 -m tools.maint.katex_fonts (its docstring says how), then commit docs/assets/fonts/katex/"
    )


@pytest.mark.build
def test_no_script_blocks_the_first_paint(site):
    """Every external script is deferred, and Material's bundle is started only after the first
    frame (tools/site/theme/main.html): a long page paints before its scripts are run. Deferred alone,
    the bundle ran before the first paint whenever parsing ended before the browser's first frame."""
    bundles = sorted(site.glob("assets/javascripts/bundle.*.min.js"))
    assert len(bundles) == 1, bundles
    for path in _pages(site):
        html = path.read_text()
        where = path.relative_to(site)
        tags = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", html)
        blocking = [tag for tag in tags if " defer" not in tag]
        assert blocking == [], f"{where}: scripts that block the first paint: {blocking}"
        assert bundles[0].name not in " ".join(tags), f"{where}: the bundle is a script tag"
        href = re.search(r'<link rel="preload" href="([^"]*bundle\.[0-9a-f]+\.min\.js)" as="script">', html)
        assert href, f"{where}: Material's bundle is not preloaded"
        if href[1].startswith("/"):  # 404.html links from the site_url's path
            assert href[1].endswith("/assets/javascripts/" + bundles[0].name), f"{where}: preloads {href[1]}"
        else:
            assert (path.parent / href[1]).resolve() == bundles[0].resolve(), f"{where}: preloads {href[1]}"
        loader = html[html.index('<link rel="preload" href="' + href[1]) :]
        assert f'script.src = "{href[1]}"' in loader and "requestAnimationFrame(function () { setTimeout(start" in loader, (
            f"{where}: the bundle is not started after the first frame"
        )


@pytest.mark.build
def test_no_page_load_restyles_the_whole_page_for_the_palette(site):
    """Material's palette sets and removes `data-md-color-switching` on <body> at every load; with
    its rule (any element under that attribute) each change restyled every element. The build drops
    the rule (tools/site/hooks/palette.py) and the theme turns transitions off on a switch instead."""
    sheets = sorted(site.glob("assets/stylesheets/*.css"))
    assert any(sheet.name.startswith("palette.") for sheet in sheets)
    for sheet in sheets:
        assert "[data-md-color-switching]" not in sheet.read_text(), f"{sheet.relative_to(site)}: the rule is back"
    assert "notes-switching" in (site / "index.html").read_text()


def test_a_material_without_the_switching_rule_fails_the_build(tmp_path):
    from mkdocs.exceptions import PluginError

    from tools.site.hooks.palette import drop_switching_rule

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


def test_the_lab_downloads_are_the_same_bytes_every_build(tmp_path):
    """Two builds of the same lab.py give the same notebooks (nbformat's cell ids are random)."""
    from tools.site.hooks.labs import write_lab_notebooks

    write_lab_notebooks(DOCS, tmp_path / "one")
    write_lab_notebooks(DOCS, tmp_path / "two")
    built = sorted((tmp_path / "one").rglob("*.ipynb"))
    assert len(built) == 2 * len(list(DOCS.glob("*/lab.py")))
    for one in built:
        two = tmp_path / "two" / one.relative_to(tmp_path / "one")
        assert one.read_bytes() == two.read_bytes(), f"{one.relative_to(tmp_path / 'one')} differs between builds"
        ids = [cell["id"] for cell in json.loads(one.read_text())["cells"]]
        assert len(set(ids)) == len(ids), f"{one.name}: duplicate cell ids"


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
