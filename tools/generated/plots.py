"""Plots drawn from the snippets' own numbers, never by hand.

A plot is a small SVG written under `docs/<chapter>/plots/`, one variant per colour scheme
(`NAME-light.svg`, `NAME-dark.svg`, shown with Material's `#only-light` / `#only-dark`). Plots are
defined in `tools/generated/figures/<chapter>.py` as `PLOTS = [Plot(...)]` and listed in tools/generated/registry.py;
`python3 dev.py regen` rewrites them and tests/test_generated.py fails when a committed file no
longer matches its code.

The renderer is deliberately small (lines, points, class regions, linear or log axes): no
plotting library to pin, byte-identical output on every machine, files of a few kB.
"""

from __future__ import annotations

import base64
import functools
import math
import struct
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from tools.generated.diagrams import Diagram, run_snippet
from tools.paths import DOCS

__all__ = [
    "Chart", "Heatmap", "ImageGrid", "Line", "Plot", "Points", "Regions", "outputs", "render_svg", "run_snippet",
]

SCHEMES = ("light", "dark")
# Okabe–Ito colours (safe for the common colour-vision deficiencies), ordered per scheme so the
# first series always has strong contrast with that scheme's background.
PALETTES = {
    "light": {
        "fg": "#1f2328",
        "bg": "#ffffff",
        "muted": "#57606a",
        "grid": "#d8dee4",
        "series": ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#000000"],
    },
    "dark": {
        "fg": "#e6edf3",
        "bg": "#1e2129",
        "muted": "#9da7b3",
        "grid": "#373e47",
        "series": ["#56b4e9", "#e69f00", "#2bc79a", "#f0a1cf", "#f0e442", "#ff8c5a", "#ffffff"],
    },
}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
PANEL_W, PANEL_H = 400, 270
MARGIN = {"left": 58, "right": 14, "top": 30, "bottom": 42}
LEGEND_ROW = 18


@dataclass(frozen=True)
class Line:
    label: str
    x: Sequence[float]
    y: Sequence[float]
    dashed: bool = False


@dataclass(frozen=True)
class Points:
    label: str
    x: Sequence[float]
    y: Sequence[float]


@dataclass(frozen=True)
class Regions:
    """Pale background cells: classes[row][col] is the class predicted at (x[col], y[row])."""

    x: Sequence[float]
    y: Sequence[float]
    classes: Sequence[Sequence[int]]


@dataclass(frozen=True)
class Chart:
    title: str
    xlabel: str
    ylabel: str
    lines: Sequence[Line] = ()
    points: Sequence[Points] = ()
    regions: Regions | None = None
    logx: bool = False
    logy: bool = False
    xlim: tuple[float, float] | None = None
    ylim: tuple[float, float] | None = None


@dataclass(frozen=True)
class ImageGrid:
    """Gray images in a grid: images[row][col] is a list of pixel rows (ints 0-255, every image the
    same size), a label left of each row, and optional caption lines under each image
    (captions[row][col] is a list of strings). Drawn as one PNG embedded in the SVG."""

    title: str
    images: Sequence[Sequence[Sequence[Sequence[int]]]]
    row_labels: Sequence[str]
    captions: Sequence[Sequence[Sequence[str]]] = ()
    scale: int = 2


@dataclass(frozen=True)
class Heatmap:
    """A matrix of counts (a confusion matrix): counts[row][col], each cell shaded by its count and
    labelled with it; `labels` name the rows and the columns."""

    title: str
    xlabel: str
    ylabel: str
    labels: Sequence[str]
    counts: Sequence[Sequence[int]]


@dataclass(frozen=True)
class Plot:
    """`path` is relative to docs/, without suffix: "autograd/plots/finite-difference-error"."""

    path: str
    render: Callable[[], list[Chart]] = field(compare=False)
    columns: int = 1
    # Plots that draw from one computation name it here (e.g. "images/evaluate.py"): the registry
    # draws them in one child (tools/generated/registry.py's render_in), so the computation, which
    # the figure module caches with functools.cache, runs once.
    shares: str = ""

    def files(self) -> dict[str, Path]:
        return {scheme: DOCS / f"{self.path}-{scheme}.svg" for scheme in SCHEMES}


# --------------------------------------------------------------------------------------------
# Axes
# --------------------------------------------------------------------------------------------


def _finite(values, log: bool) -> list[float]:
    return [v for v in values if math.isfinite(v) and (v > 0 or not log)]


def _nice_step(span: float, target: int = 5) -> float:
    raw = span / target
    power = 10 ** math.floor(math.log10(raw))
    for mult in (1, 2, 2.5, 5, 10):
        if raw <= mult * power:
            return mult * power
    return 10 * power


def _limits(values: list[float], log: bool) -> tuple[float, float]:
    lo, hi = min(values), max(values)
    if log:
        return 10 ** math.floor(math.log10(lo)), 10 ** math.ceil(math.log10(hi))
    if lo == hi:
        lo, hi = lo - 1, hi + 1
    step = _nice_step(hi - lo)
    return math.floor(lo / step + 1e-9) * step, math.ceil(hi / step - 1e-9) * step


def _ticks(lo: float, hi: float, log: bool) -> list[float]:
    if log:
        first, last = math.ceil(math.log10(lo) - 1e-9), math.floor(math.log10(hi) + 1e-9)
        every = max(1, math.ceil((last - first + 1) / 7))
        return [10.0**e for e in range(first, last + 1, every)]
    step = _nice_step(hi - lo)
    start = math.ceil(lo / step - 1e-9)
    return [round(k * step, 12) for k in range(start, int(math.floor(hi / step + 1e-9)) + 1)]


def _tick_label(value: float, log: bool) -> str:
    if log:
        exponent = round(math.log10(value))
        return "1" if exponent == 0 else f"1e{exponent}"
    return f"{value:g}"


class _Axis:
    def __init__(self, lo: float, hi: float, log: bool, start: float, stop: float):
        self.lo, self.hi, self.log, self.start, self.stop = lo, hi, log, start, stop

    def __call__(self, value: float) -> float:
        f = (lambda v: math.log10(v)) if self.log else (lambda v: v)
        return self.start + (f(value) - f(self.lo)) / (f(self.hi) - f(self.lo)) * (self.stop - self.start)


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------


def _legend_entries(chart: Chart) -> list[tuple[str, int, str]]:
    """(label, colour index, kind) in drawing order; a dashed line shares its solid twin's colour."""
    entries, colour_of, next_colour = [], {}, 0
    for line in chart.lines:
        key = line.label.split(" (")[0]
        if not (line.dashed and key in colour_of):
            colour_of[key], next_colour = next_colour, next_colour + 1
        entries.append((line.label, colour_of[key], "dashed" if line.dashed else "line"))
    for points in chart.points:
        entries.append((points.label, next_colour, "points"))
        next_colour += 1
    return entries


def _legend_width(label: str) -> float:
    """Room one legend entry takes: its swatch, its text (about 6.6 px a character) and a gap."""
    return 30 + 6.6 * len(label) + 14


def _legend_rows(entries, width: float) -> list[list[tuple[str, int, str]]]:
    rows, row, used = [], [], 0.0
    for entry in entries:
        need = _legend_width(entry[0])
        if row and used + need > width:
            rows.append(row)
            row, used = [], 0.0
        row.append(entry)
        used += need
    if row:
        rows.append(row)
    return rows


def _panel(chart: Chart, index: int, ox: float, oy: float, legend_rows: int, palette: dict) -> list[str]:
    x0, x1 = ox + MARGIN["left"], ox + PANEL_W - MARGIN["right"]
    y0, y1 = oy + MARGIN["top"], oy + PANEL_H - MARGIN["bottom"] - legend_rows * LEGEND_ROW
    xs = [v for s in (*chart.lines, *chart.points) for v in s.x]
    ys = [v for s in (*chart.lines, *chart.points) for v in s.y]
    if chart.regions is not None:
        xs += list(chart.regions.x)
        ys += list(chart.regions.y)
    xlim = chart.xlim or _limits(_finite(xs, chart.logx), chart.logx)
    ylim = chart.ylim or _limits(_finite(ys, chart.logy), chart.logy)
    sx = _Axis(*xlim, chart.logx, x0, x1)
    sy = _Axis(*ylim, chart.logy, y1, y0)
    colours = palette["series"]
    out = ['<g class="panel">', f'<clipPath id="clip{index}"><rect x="{_num(x0)}" y="{_num(y0)}" '
           f'width="{_num(x1 - x0)}" height="{_num(y1 - y0)}"/></clipPath>']
    out.append(f'<text x="{_num((x0 + x1) / 2)}" y="{_num(oy + 18)}" text-anchor="middle" '
               f'font-weight="600" fill="{palette["fg"]}">{escape(chart.title)}</text>')

    if chart.regions is not None:
        out.append(f'<g clip-path="url(#clip{index})" fill-opacity="0.22">')
        rx, ry = list(chart.regions.x), list(chart.regions.y)
        edges_x = [rx[0] - (rx[1] - rx[0]) / 2, *[(a + b) / 2 for a, b in zip(rx, rx[1:])], rx[-1] + (rx[-1] - rx[-2]) / 2]
        edges_y = [ry[0] - (ry[1] - ry[0]) / 2, *[(a + b) / 2 for a, b in zip(ry, ry[1:])], ry[-1] + (ry[-1] - ry[-2]) / 2]
        for r, row in enumerate(chart.regions.classes):
            c = 0
            while c < len(row):  # one rectangle per run of equal classes: small files
                end = c
                while end + 1 < len(row) and row[end + 1] == row[c]:
                    end += 1
                left, right = sx(edges_x[c]), sx(edges_x[end + 1])
                top, bottom = sy(edges_y[r + 1]), sy(edges_y[r])
                out.append(f'<rect x="{_num(left)}" y="{_num(top)}" width="{_num(right - left + 0.5)}" '
                           f'height="{_num(bottom - top + 0.5)}" fill="{colours[row[c] % len(colours)]}"/>')
                c = end + 1
        out.append("</g>")

    # Grid and tick labels.
    for value in _ticks(*xlim, chart.logx):
        px = sx(value)
        out.append(f'<line x1="{_num(px)}" y1="{_num(y0)}" x2="{_num(px)}" y2="{_num(y1)}" stroke="{palette["grid"]}"/>')
        out.append(f'<text x="{_num(px)}" y="{_num(y1 + 15)}" text-anchor="middle" fill="{palette["muted"]}">'
                   f"{_tick_label(value, chart.logx)}</text>")
    for value in _ticks(*ylim, chart.logy):
        py = sy(value)
        out.append(f'<line x1="{_num(x0)}" y1="{_num(py)}" x2="{_num(x1)}" y2="{_num(py)}" stroke="{palette["grid"]}"/>')
        out.append(f'<text x="{_num(x0 - 6)}" y="{_num(py + 4)}" text-anchor="end" fill="{palette["muted"]}">'
                   f"{_tick_label(value, chart.logy)}</text>")
    out.append(f'<rect x="{_num(x0)}" y="{_num(y0)}" width="{_num(x1 - x0)}" height="{_num(y1 - y0)}" '
               f'fill="none" stroke="{palette["muted"]}"/>')
    out.append(f'<text x="{_num((x0 + x1) / 2)}" y="{_num(y1 + 32)}" text-anchor="middle" '
               f'fill="{palette["fg"]}">{escape(chart.xlabel)}</text>')
    cy = (y0 + y1) / 2
    out.append(f'<text x="{_num(ox + 14)}" y="{_num(cy)}" text-anchor="middle" fill="{palette["fg"]}" '
               f'transform="rotate(-90 {_num(ox + 14)} {_num(cy)})">{escape(chart.ylabel)}</text>')

    # Data: a line breaks where a value is missing (nan, inf, or not positive on a log axis).
    entries = _legend_entries(chart)
    out.append(f'<g clip-path="url(#clip{index})" fill="none" stroke-width="2" stroke-linejoin="round">')
    for line, (_, colour, kind) in zip(chart.lines, entries):
        segments, current = [], []
        for x, y in zip(line.x, line.y):
            ok = math.isfinite(x) and math.isfinite(y) and (x > 0 or not chart.logx) and (y > 0 or not chart.logy)
            if ok:
                current.append(f"{_num(sx(x))},{_num(sy(y))}")
            elif current:
                segments.append(current)
                current = []
        if current:
            segments.append(current)
        dash = ' stroke-dasharray="6 4"' if kind == "dashed" else ""
        for segment in segments:
            out.append(f'<polyline points="{" ".join(segment)}" stroke="{colours[colour % len(colours)]}"{dash}/>')
    out.append("</g>")
    for points, (_, colour, _) in zip(chart.points, entries[len(chart.lines):]):
        out.append(f'<g fill="{colours[colour % len(colours)]}">')
        for x, y in zip(points.x, points.y):
            if math.isfinite(x) and math.isfinite(y):
                out.append(f'<circle cx="{_num(sx(x))}" cy="{_num(sy(y))}" r="2.5"/>')
        out.append("</g>")

    # Legend, under the x label.
    for row_number, row in enumerate(_legend_rows(entries, PANEL_W - 20)):
        lx, ly = ox + 12, oy + PANEL_H - (legend_rows - row_number) * LEGEND_ROW + 6
        for label, colour, kind in row:
            stroke = colours[colour % len(colours)]
            if kind == "points":
                out.append(f'<circle cx="{_num(lx + 11)}" cy="{_num(ly - 4)}" r="3.5" fill="{stroke}"/>')
            else:
                dash = ' stroke-dasharray="6 4"' if kind == "dashed" else ""
                out.append(f'<line x1="{_num(lx)}" y1="{_num(ly - 4)}" x2="{_num(lx + 22)}" y2="{_num(ly - 4)}" '
                           f'stroke="{stroke}" stroke-width="2"{dash}/>')
            out.append(f'<text x="{_num(lx + 28)}" y="{_num(ly)}" fill="{palette["fg"]}">{escape(label)}</text>')
            lx += _legend_width(label)
    out.append("</g>")
    return out


def _png_data_uri(pixels: Sequence[Sequence[int]]) -> str:
    """A gray PNG as a data: URI. Its deflate stream is stored, not compressed, so the bytes are
    the same on every machine whatever zlib it has (only adler32 and crc32 come from zlib)."""
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)
    blocks = []
    for start in range(0, len(raw), 65535):
        data = raw[start : start + 65535]
        final = 1 if start + 65535 >= len(raw) else 0
        blocks.append(struct.pack("<BHH", final, len(data), len(data) ^ 0xFFFF) + data)
    stream = b"\x78\x01" + b"".join(blocks) + struct.pack(">I", zlib.adler32(raw))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit gray
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", stream) + chunk(b"IEND", b"")
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _svg_open(width: float, height: float, title: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" '
        f'height="{_num(height)}" role="img" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]


def _render_image_grid(grid: ImageGrid, palette: dict) -> str:
    rows, cols = len(grid.images), max(len(r) for r in grid.images)
    size = len(grid.images[0][0])  # images are square
    gap, label_w, caption_h, top = 1, 16 + 6.6 * max(len(t) for t in grid.row_labels), 13, 30
    lines = max((len(c) for row in grid.captions for c in row), default=0)
    longest = max((len(t) for row in grid.captions for c in row for t in c), default=0)
    shown = size * grid.scale
    cell_w, cell_h = max(shown + 10, 6.0 * longest + 8), shown + 8 + lines * caption_h
    width, height = label_w + cols * cell_w, top + rows * cell_h
    body = _svg_open(width, height, grid.title)
    body.append(f'<text x="{_num(width / 2)}" y="18" text-anchor="middle" font-weight="600" '
                f'fill="{palette["fg"]}">{escape(grid.title)}</text>')
    # One PNG for the whole grid: each image at its cell's position, 1 px apart, black elsewhere.
    pixel_w = cols * (size + gap)
    canvas = [[0] * pixel_w for _ in range(rows * (size + gap))]
    for r, row in enumerate(grid.images):
        for c, image in enumerate(row):
            for y, pixel_row in enumerate(image):
                canvas[r * (size + gap) + y][c * (size + gap) : c * (size + gap) + size] = list(pixel_row)
    for r in range(rows):
        y = top + r * cell_h
        body.append(f'<text x="{_num(label_w - 8)}" y="{_num(y + shown / 2 + 4)}" text-anchor="end" '
                    f'fill="{palette["fg"]}">{escape(grid.row_labels[r])}</text>')
        for c in range(len(grid.images[r])):
            x = label_w + c * cell_w + (cell_w - shown) / 2
            sx, sy = c * (size + gap), r * (size + gap)
            # Each cell shows its part of the shared PNG through a nested viewport.
            body.append(f'<svg x="{_num(x)}" y="{_num(y)}" width="{shown}" height="{shown}" '
                        f'viewBox="{sx} {sy} {size} {size}"><use href="#pixels"/></svg>')
            body.append(f'<rect x="{_num(x - 0.5)}" y="{_num(y - 0.5)}" width="{shown + 1}" height="{shown + 1}" '
                        f'fill="none" stroke="{palette["muted"]}"/>')
            if grid.captions:
                for k, text in enumerate(grid.captions[r][c]):
                    body.append(f'<text x="{_num(x + shown / 2)}" y="{_num(y + shown + 12 + k * caption_h)}" '
                                f'text-anchor="middle" font-size="10" fill="{palette["fg"]}">{escape(text)}</text>')
    body.insert(2, f'<defs><image id="pixels" width="{pixel_w}" height="{len(canvas)}" '
                   f'image-rendering="pixelated" href="{_png_data_uri(canvas)}"/></defs>')
    body.append("</svg>")
    return "\n".join(body) + "\n"


def _render_heatmap(heat: Heatmap, palette: dict) -> str:
    n = len(heat.labels)
    label_w, cell_w, cell_h, top = 24 + 6.6 * max(len(t) for t in heat.labels), 44, 28, 34
    bottom = 18 + 6.0 * max(len(t) for t in heat.labels)
    width, height = label_w + n * cell_w + 14, top + n * cell_h + bottom
    largest = max(max(row) for row in heat.counts)
    body = _svg_open(width, height, heat.title)
    body.append(f'<text x="{_num(width / 2)}" y="18" text-anchor="middle" font-weight="600" '
                f'fill="{palette["fg"]}">{escape(heat.title)}</text>')
    colour = palette["series"][0]
    for r, row in enumerate(heat.counts):
        y = top + r * cell_h
        body.append(f'<text x="{_num(label_w - 6)}" y="{_num(y + cell_h / 2 + 4)}" text-anchor="end" '
                    f'fill="{palette["fg"]}">{escape(heat.labels[r])}</text>')
        for c, count in enumerate(row):
            x = label_w + c * cell_w
            share = count / largest if largest else 0.0
            body.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="{cell_w}" height="{cell_h}" fill="{colour}" '
                        f'fill-opacity="{share:.2f}" stroke="{palette["grid"]}"/>')
            strong = share > 0.5  # on a dark cell, the page's background colour reads better
            ink = palette["bg"] if strong else palette["fg"]
            body.append(f'<text x="{_num(x + cell_w / 2)}" y="{_num(y + cell_h / 2 + 4)}" text-anchor="middle" '
                        f'fill="{ink}">{count}</text>')
    base = top + n * cell_h
    for c, label in enumerate(heat.labels):
        x = label_w + c * cell_w + cell_w / 2 + 4
        body.append(f'<text x="{_num(x)}" y="{_num(base + 10)}" text-anchor="end" fill="{palette["fg"]}" '
                    f'transform="rotate(-60 {_num(x)} {_num(base + 10)})">{escape(label)}</text>')
    body.append(f'<text x="{_num(label_w + n * cell_w / 2)}" y="{_num(height - 4)}" text-anchor="middle" '
                f'fill="{palette["fg"]}">{escape(heat.xlabel)}</text>')
    cy = top + n * cell_h / 2
    body.append(f'<text x="12" y="{_num(cy)}" text-anchor="middle" fill="{palette["fg"]}" '
                f'transform="rotate(-90 12 {_num(cy)})">{escape(heat.ylabel)}</text>')
    body.append("</svg>")
    return "\n".join(body) + "\n"


def render_svg(charts: Sequence[Chart], columns: int, scheme: str) -> str:
    """One SVG holding every chart as a panel, `columns` panels a row, in the given colour scheme.
    An image grid or a heatmap is a figure of its own (one per plot)."""
    palette = PALETTES[scheme]
    if len(charts) == 1 and isinstance(charts[0], ImageGrid):
        return _render_image_grid(charts[0], palette)
    if len(charts) == 1 and isinstance(charts[0], Heatmap):
        return _render_heatmap(charts[0], palette)
    columns = max(1, min(columns, len(charts)))
    rows = math.ceil(len(charts) / columns)
    legend_rows = max(len(_legend_rows(_legend_entries(c), PANEL_W - 20)) for c in charts)
    width, height = columns * PANEL_W, rows * PANEL_H
    title = "; ".join(c.title for c in charts)
    body = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" font-family="{FONT}" font-size="12">',
        f"<title>{escape(title)}</title>",
    ]
    for number, chart in enumerate(charts):
        if 7.4 * len(chart.title) > PANEL_W - 16:  # about 7.4 px a character, bold, at 12 px
            raise ValueError(f"plot title {chart.title!r} is too long for a {PANEL_W} px panel; shorten it")
        ox, oy = (number % columns) * PANEL_W, (number // columns) * PANEL_H
        body.extend(_panel(chart, number, ox, oy, legend_rows, palette))
    body.append("</svg>")
    return "\n".join(body) + "\n"


# --------------------------------------------------------------------------------------------
# A plot's files (light and dark); tools/generated/registry.py lists every plot
# --------------------------------------------------------------------------------------------


@functools.cache
def _charts(plot: Plot) -> tuple[Chart, ...]:
    return tuple(plot.render())


def outputs(plots: Iterable[Plot]) -> list[Diagram]:
    """The files of these plots, each with the function that renders it (as tools/generated/diagrams.py's)."""
    generated = []
    for plot in plots:
        for scheme, path in plot.files().items():
            generated.append(Diagram(path, lambda plot=plot, scheme=scheme: render_svg(_charts(plot), plot.columns, scheme)))
    return generated
