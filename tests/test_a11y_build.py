"""The accessibility fixes the build makes (tools/site/a11y.py, tools/site/katex.py); axe-core checks every
page in tests/browser/tour.py."""

from __future__ import annotations

from tools.site import a11y
from tools.site.katex import render


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


def test_a_lab_copy_notice_is_beside_its_button_as_a_status_message():
    html = (
        '<clipboard-copy aria-label="Copy to Clipboard" for="cell-1">\n<div>\n<span class="notice" hidden="">Copied!</span>\n'
        "<svg></svg></div></clipboard-copy><script>const notice = event.target.querySelector('.notice')</script>"
    )
    assert a11y.fix(html) == (
        '<span class="notice" hidden="" role="status">Copied!</span>'
        '<clipboard-copy aria-label="Copy to Clipboard" for="cell-1">\n<div>\n\n'
        "<svg></svg></div></clipboard-copy><script>const notice = event.target.previousElementSibling</script>"
    )
