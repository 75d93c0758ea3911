"""The KaTeX fonts cut to the characters the site's maths uses (issue 29: first view <= 150 kB).

KaTeX's fonts hold every glyph TeX may ask for; the site's formulas use about a hundred. Each
vendored font is cut to the characters that appear in any formula of the built site (the union over
all pages and all fonts, so no font is cut short by a guess at which font KaTeX picks), written as
`docs/assets/fonts/katex/NAME.woff2`. `docs/assets/fonts/katex/katex.css` is KaTeX's vendored
stylesheet with each @font-face split in two: the cut font, with the `unicode-range` of exactly
the characters it kept, and the vendored full font, with the range of the font's other characters.
The pages load it instead of katex.min.css (tools/site/theme/main.html), so the browser fetches a
full font only for a character the cut one lacks (and none for a character no KaTeX font has,
such as the invisible operators in the MathML). A formula with a new character therefore still
looks right; it only costs the full font until this script is run again, which
`tests/test_site.py::test_katex_fonts_are_cut_to_the_maths` asks for.

    python3 -m tools.maint.katex_fonts [SITE]   # SITE: a built site (default: site/, from `dev.py build`)

Needs fontTools and brotli, which the lock does not pin (the build and the suite never need them):
run it with a scratch environment's Python (`python3 -m venv /tmp/ft && /tmp/ft/bin/pip install
fonttools==4.69.1 brotli==1.2.0`), `PYTHONPATH=.`. The output is deterministic for those versions.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from tools.paths import DOCS, ROOT

VENDORED = DOCS / "assets" / "vendor" / "katex"
SUBSETS = DOCS / "assets" / "fonts" / "katex"
CSS = SUBSETS / "katex.css"
FACE = re.compile(r"@font-face\{([^}]*)\}")
RANGE = re.compile(r"unicode-range:([^;}]*)")


class _MathsText(HTMLParser):
    """The text inside KaTeX's output (`.katex`): its HTML and its MathML for screen readers, which
    is hidden but set in KaTeX's font as well (so the browser fetches the font for its characters:
    the invisible operators U+2061-2063 too), spaces included."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # open elements inside a .katex span, 0 outside
        self.chars: set[str] = set()

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if tag not in ("br", "img", "path", "line", "rect"):
                self.depth += 1
        elif tag == "span" and "katex" in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if self.depth and tag not in ("br", "img", "path", "line", "rect"):
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.chars.update(data)


def maths_chars(site: Path) -> set[str]:
    """Every character drawn by a formula on any page of the built site."""
    chars: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        if 'class="katex' not in html:
            continue
        parser = _MathsText()
        parser.feed(html)
        chars |= parser.chars
    return {c for c in chars if c not in "\n\t\r"}


def full_font_points() -> set[int]:
    """The code points for which katex.css sends the browser to one of KaTeX's full fonts (the
    `unicode-range`s of its full faces): a formula should have none of them."""
    points: set[int] = set()
    for face in FACE.finditer(CSS.read_text()) if CSS.is_file() else ():
        match = RANGE.search(face[1])
        if "../../vendor/" not in face[1] or match is None:
            continue  # a cut font's face
        for part in match[1].split(","):
            first, _, last = part.strip().removeprefix("U+").partition("-")
            points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def _ranges(points: list[int]) -> str:
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in runs)


def write(site: Path) -> None:
    import logging

    from fontTools import subset
    from fontTools.ttLib import TTFont

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # KaTeX's fonts carry 1970 timestamps: kept as they are
    wanted = {ord(c) for c in maths_chars(site)}
    SUBSETS.mkdir(parents=True, exist_ok=True)
    for old in SUBSETS.glob("*.woff2"):
        old.unlink()
    stylesheet = (VENDORED / "katex.min.css").read_text()
    faces = {}
    for match in FACE.finditer(stylesheet):
        woff2 = re.search(r"url\(fonts/([^)]+\.woff2)\)", match[1])[1]
        descriptors = dict(part.split(":", 1) for part in match[1].split(";") if part and not part.startswith("src"))
        font = TTFont(VENDORED / "fonts" / woff2, recalcTimestamp=False)
        has = set(font.getBestCmap())
        kept = sorted(wanted & has)
        rules = []
        if kept:
            options = subset.Options()
            options.flavor = "woff2"
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=kept)
            subsetter.subset(font)
            font.flavor = "woff2"
            font.save(SUBSETS / woff2, reorderTables=False)
            rules.append({**descriptors, "src": f'url({woff2}) format("woff2")', "unicode-range": _ranges(kept)})
            size = (SUBSETS / woff2).stat().st_size
            print(f"{woff2}: {len(kept)} characters, {(VENDORED / 'fonts' / woff2).stat().st_size:,} -> {size:,} bytes")
        rest = sorted(has - set(kept))
        if rest:
            rules.append({**descriptors, "src": f'url(../../vendor/katex/fonts/{woff2}) format("woff2")', "unicode-range": _ranges(rest)})
        faces[match[0]] = "".join("@font-face{" + ";".join(f"{k}:{v}" for k, v in sorted(r.items())) + "}" for r in rules)
    CSS.write_text(
        "/* Generated by `python3 -m tools.maint.katex_fonts` from the vendored katex.min.css (the module's\n"
        "   docstring says why and when): each KaTeX font is two faces, the font cut to the characters the\n"
        "   site's formulas use, and KaTeX's full font for the rest of its characters only. Do not edit. */\n"
        + FACE.sub(lambda m: faces[m[0]], stylesheet)
        + "\n"
    )


if __name__ == "__main__":
    write(Path(sys.argv[1]) if sys.argv[1:] else ROOT / "site")
