"""Every plot on the site is drawn from its snippets' numbers (tools/generated/plots.py, tools/generated/figures/),
is current, is shown by a page in both colour schemes with real alt text, and nothing else
is in a plots/ folder."""

from __future__ import annotations

import pkgutil
import re
import xml.etree.ElementTree as ET

import pytest

from tools.generated import plots
from tools.generated import registry as generated
from tools.paths import DOCS, ROOT, doc_pages

OUTPUTS = plots.outputs(generated.all_plots())
IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s#]+)(?:#(?P<only>only-light|only-dark))?\)")


# That each plot file is current is checked with every generated file, by the outputs engine:
# tests/test_generated.py.


def test_every_figure_module_is_in_the_registry():
    """tools/generated/registry.py imports the figure modules by name: a new one must be added there."""
    on_disk = {m.name for m in pkgutil.iter_modules([str(ROOT / "tools" / "generated" / "figures")])}
    listed = {m.__name__.removeprefix("tools.generated.figures.") for m in generated.FIGURES}
    assert sorted(on_disk - listed) == [], "tools/generated/figures/ modules missing from FIGURES in tools/generated/registry.py"
    assert sorted(listed - on_disk) == []


def test_no_hand_made_plots():
    on_disk = {p for p in DOCS.rglob("plots/*") if p.is_file()}
    assert sorted(p.relative_to(ROOT).as_posix() for p in on_disk - {g.path for g in OUTPUTS}) == [], (
        "files under a plots/ folder that no tools/generated/figures/ module draws"
    )


def test_every_plot_is_shown_in_both_schemes_with_alt_text():
    shown: dict[str, list[tuple[str, str, str]]] = {}  # file -> [(page:line, alt, only)]
    for page in doc_pages():
        for number, line in enumerate(page.read_text().splitlines(), start=1):
            for match in IMAGE.finditer(line):
                target = (page.parent / match["src"]).resolve()
                where = f"{page.relative_to(ROOT)}:{number}"
                shown.setdefault(str(target), []).append((where, match["alt"].strip(), match["only"] or ""))
    problems = []
    for plot in generated.all_plots():
        files = plot.files()
        for scheme, path in files.items():
            uses = shown.get(str(path.resolve()), [])
            if not uses:
                problems.append(f"{path.relative_to(ROOT)}: no page shows it")
            for where, alt, only in uses:
                if only != f"only-{scheme}":
                    problems.append(f"{where}: show {path.name} with #only-{scheme}")
                if len(alt.split()) < 5:
                    problems.append(f"{where}: alt text {alt!r} does not say what the plot shows")
    assert problems == [], "\n".join(problems)


def test_plots_are_valid_svg_with_a_title():
    for output in OUTPUTS:
        root = ET.fromstring(output.render())
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.find("{http://www.w3.org/2000/svg}title").text


def test_renderer_maps_data_to_the_plot_area():
    """A line from the lower-left to the upper-right corner of its limits spans the plot area."""
    chart = plots.Chart("t", "x", "y", lines=[plots.Line("a", [0.0, 1.0], [0.0, 1.0])], xlim=(0, 1), ylim=(0, 1))
    svg = plots.render_svg([chart], 1, "light")
    left, right = plots.MARGIN["left"], plots.PANEL_W - plots.MARGIN["right"]
    top, bottom = plots.MARGIN["top"], plots.PANEL_H - plots.MARGIN["bottom"] - plots.LEGEND_ROW
    assert f'points="{left},{bottom} {right},{top}"' in svg


def test_renderer_spaces_decades_evenly_on_a_log_axis_and_breaks_at_missing_values():
    chart = plots.Chart(
        "t", "x", "y", lines=[plots.Line("a", [1, 2, 3, 4], [1e-2, 1e-1, float("nan"), 1.0])],
        xlim=(1, 4), ylim=(1e-2, 1), logy=True,
    )
    svg = plots.render_svg([chart], 1, "dark")
    polylines = re.findall(r'<polyline points="([^"]+)"', svg)
    assert len(polylines) == 2  # the nan splits the line
    (first, second), (third,) = [[tuple(map(float, p.split(","))) for p in line.split()] for line in polylines]
    assert first[1] - second[1] == pytest.approx(second[1] - third[1])  # 1e-2 -> 1e-1 -> 1 equal steps


def test_a_title_too_long_for_its_panel_is_an_error():
    with pytest.raises(ValueError, match="too long"):
        plots.render_svg([plots.Chart("x" * 80, "x", "y", lines=[plots.Line("a", [0, 1], [0, 1])])], 1, "light")


# --- a drawing is compared with a stated tolerance: DRAWING_TOLERANCE_PX, nothing else -----------

CURVE = '<svg><title>Loss</title><polyline points="59.3,43.4 60.6,45.8" stroke="#0072b2"/><text x="52">1e-2</text></svg>'


def test_a_drawing_may_move_half_a_pixel_and_nothing_else():
    from tools.engine.outputs import DRAWING_TOLERANCE_PX, compare

    assert DRAWING_TOLERANCE_PX == 0.5
    moved = CURVE.replace("45.8", "45.9")  # what a last-bit difference between CPUs did (0.1 px)
    assert compare("plot.svg", CURVE, moved) is None
    assert compare("plot.py", CURVE, moved) is not None, "only drawings have a tolerance"
    assert compare("plot.svg", CURVE, CURVE.replace("45.8", "46.4")) is not None, "0.6 px is a change"
    assert compare("plot.svg", CURVE, CURVE.replace("#0072b2", "#0072b3")) is not None, "a colour"
    assert compare("plot.svg", CURVE, CURVE.replace(">1e-2<", ">1e-1<")) is not None, "a tick label"
    assert compare("plot.svg", CURVE, CURVE.replace(" 60.6,45.8", "")) is not None, "a point fewer"


def test_a_plot_moved_by_more_than_the_tolerance_is_stale():
    from tools.engine import outputs

    moved = CURVE.replace("43.4", "44.4")
    message = outputs.compare("docs/x/plots/loss-light.svg", moved, CURVE)
    assert message.startswith("docs/x/plots/loss-light.svg:1: this generated file is stale")
    assert "coordinates may differ by 0.5 px, nothing else" in message
    assert outputs.compare("docs/x/plots/loss-light.svg", CURVE.replace("43.4", "43.5"), CURVE) is None
