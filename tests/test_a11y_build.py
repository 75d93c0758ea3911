"""The accessibility fixes the build makes (tools/a11y.py, tools/katex.py); axe-core checks every
page in tests/browser/tour.py."""

from __future__ import annotations

from tools import a11y
from tools.katex import render


def test_an_empty_header_cell_becomes_a_data_cell():
    html = '<table><thead><tr><th></th><th style="text-align: left;"> </th><th>a</th></tr></thead></table>'
    assert a11y.empty_header_cells(html) == (
        '<table><thead><tr><td></td><td style="text-align: left;"></td><th>a</th></tr></thead></table>'
    )


def test_display_maths_takes_focus_and_is_named_inline_maths_is_not():
    display = render(r"\sum_i x_i", True)
    assert display.startswith('<span class="katex-display" tabindex="0" role="group" aria-label="Formula">')
    assert '<span class="katex-mathml"><math' in display  # what a screen reader reads inside it
    assert "tabindex" not in render("x", False)
