"""The built site: `mkdocs build --strict` passes (includes, links, anchors, notebooks), and no page
asks another host for anything when it is viewed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools.contract import DOCS

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
def test_maths_and_diagram_scripts_load_only_where_used(site):
    for path in _pages(site):
        html = path.read_text()
        uses_math = 'class="arithmatex"' in html or "jupyter-wrapper" in html
        uses_mermaid = 'class="mermaid"' in html
        rel = path.relative_to(site)
        assert ("katex.min.js" in html) == uses_math, rel
        assert ("mermaid.min.js" in html) == uses_mermaid, rel
        if uses_mermaid:  # defined before Material's bundle, so Material never fetches its CDN copy
            assert html.index("mermaid.min.js") < html.index("assets/javascripts/bundle."), rel


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
