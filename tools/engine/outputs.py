"""The outputs engine: a piece of code, rendered with what it prints placed as `#>` lines.

One function, `render`, runs code and returns it with every `#>` line removed and the printed
output inserted right under the statement that printed it (a loop's output after the whole loop).
Everything that checks or writes outputs goes through it, and compares through `compare` (the
one comparison: exact text, a drawing's coordinates within DRAWING_TOLERANCE_PX):

* the snippet test asserts that a snippet file equals its rendering (tests/test_snippets.py);
* Sybil's page checks assert that a Python fence equals its rendering (tools/pages/sybil_notes.py);
* `python3 dev.py regen` writes the rendering (tools/cli/regen.py);
* generated files (diagrams, plots) are checked the same way: file == rendering, same message;
* the kernel matrix compares the renderings of two CPU variants (tools/engine/portability.py).

Only `#>` lines ever differ between a file and its rendering, so regenerating can never touch
code or prose. Snippets are run as their own programs by tools/engine/runner.py, which calls `render`.
"""

from __future__ import annotations

import ast
import contextlib
import difflib
import io
import re
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from tools.output_mark import OUTPUT_MARK  # the mark: one definition, which the build's hook reads too

OUTPUT_LINE = re.compile(r"^(?P<indent>[ \t]*)" + re.escape(OUTPUT_MARK) + r"(?: (?P<text>.*)|(?P<empty>))$")


def is_output_line(line: str) -> bool:
    return OUTPUT_LINE.match(line.rstrip("\r\n")) is not None


def strip_outputs(source: str) -> str:
    """`source` without its `#>` lines (the code a reader would type)."""
    return "".join(line for line in source.splitlines(keepends=True) if not is_output_line(line))


def expected_output(source: str) -> str:
    """The stdout that `source` claims to print: its `#>` lines, in order."""
    texts = [m.group("text") or "" for line in source.splitlines() if (m := OUTPUT_LINE.match(line))]
    return "".join(text + "\n" for text in texts)


class _AnchoredStdout(io.TextIOBase):
    """A stdout that files every write under the top-level statement of `filename` running it."""

    def __init__(self, filename: str, anchor_of_line: Callable[[int], int]):
        self.filename = filename
        self.anchor_of_line = anchor_of_line
        self.chunks: dict[int, list[str]] = {}
        self.thread = threading.get_ident()
        self.others = sys.stdout  # where another thread's writes go (redirect_stdout is process-wide)

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if threading.get_ident() != self.thread:
            # Not the code being run: the suite's background work (the browser tour fetching
            # axe-core on first use printed while a page rendered, and failed the page).
            return self.others.write(text)
        frame = sys._getframe(1)
        module_line = None
        while frame is not None:
            if frame.f_code.co_filename == self.filename and frame.f_code.co_name == "<module>":
                module_line = frame.f_lineno
            frame = frame.f_back
        if module_line is None:
            raise RuntimeError(f"{self.filename}: output written from outside the code being run")
        self.chunks.setdefault(self.anchor_of_line(module_line), []).append(text)
        return len(text)


def _anchor_finder(tree: ast.Module) -> Callable[[int], ast.stmt | None]:
    """Map a line of module-level code to the statement after which its output is shown.

    The innermost statement holding the line, except inside a loop: a loop's output is shown
    once, after the whole (outermost) loop, in the order it was printed.
    """

    def path_to(line: int, body: list[ast.stmt]) -> list[ast.stmt]:
        for stmt in body:
            if stmt.lineno <= line <= stmt.end_lineno:
                if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    return [stmt]
                children = []
                for field in ("body", "orelse", "finalbody", "handlers"):
                    children.extend(getattr(stmt, field, []) or [])
                inner = []
                for child in children:
                    if isinstance(child, ast.ExceptHandler):
                        if child.lineno <= line <= child.end_lineno:
                            inner = path_to(line, child.body)
                            break
                    elif child.lineno <= line <= child.end_lineno:
                        inner = path_to(line, [child])
                        break
                return [stmt, *inner]
        return []

    def anchor(line: int) -> ast.stmt | None:
        path = path_to(line, tree.body)
        if not path:
            return None
        loops = [s for s in path if isinstance(s, (ast.For, ast.AsyncFor, ast.While))]
        return loops[0] if loops else path[-1]

    return anchor


def execute(code: str, filename: str, namespace: dict, first_line: int = 1) -> dict[int, str]:
    """Run `code` (its `#>` lines are comments) in `namespace`; return what it printed, per anchor.

    `first_line` is the line of `filename` that `code` starts on, so tracebacks point at the file.
    The anchors are line numbers of `code` (1-based).
    """
    offset = first_line - 1
    tree = ast.parse("\n" * offset + code, filename=filename)
    statement_of = _anchor_finder(tree)

    def anchor_line(line: int) -> int:
        statement = statement_of(line)
        return statement.end_lineno if statement is not None else line

    out = _AnchoredStdout(filename, anchor_line)
    with contextlib.redirect_stdout(out):
        exec(compile(tree, filename, "exec", dont_inherit=True), namespace)
    return {line - offset: "".join(chunks) for line, chunks in out.chunks.items()}


def place(code: str, outputs: dict[int, str]) -> str:
    """`code` with its `#>` lines replaced by `outputs` (anchor line -> printed text).

    Each anchor's output goes right under its line, at the indentation of the outermost statement
    ending there. Nothing but `#>` lines changes.
    """
    lines = code.splitlines()
    # The indentation of the outermost statement ending on each line: output after a `with` or
    # `try` block sits at the block's own indentation.
    indents: dict[int, str] = {}
    with contextlib.suppress(SyntaxError):
        for node in ast.walk(ast.parse(code)):  # breadth-first: outer statements come first
            if isinstance(node, ast.stmt):
                first = lines[node.lineno - 1]
                indents.setdefault(node.end_lineno, first[: len(first) - len(first.lstrip())])
    result: list[str] = []
    for number, line in enumerate(lines, start=1):
        if is_output_line(line):
            continue
        result.append(line)
        if number in outputs:
            indent = indents.get(number, "")
            for printed in outputs[number].rstrip("\n").split("\n"):
                result.append(f"{indent}{OUTPUT_MARK} {printed}".rstrip() if printed else f"{indent}{OUTPUT_MARK}")
    rendered = "\n".join(result)
    return rendered + "\n" if code.endswith("\n") or not code else rendered


def render(code: str, filename: str, namespace: dict, first_line: int = 1) -> str:
    """Run `code` and return it with what it printed placed as `#>` lines: the one rendering."""
    return place(code, execute(code, filename, namespace, first_line))


def drift_message(
    where: str,
    first_line: int,
    current: str,
    rendered: str,
    fix: str,
    problem: str = "the #> lines are not what the code prints there",
    labels: tuple[str, str] = ("its #> lines", "what the code prints"),
) -> str:
    """A readable diff between a file and its rendering, in the file's own line numbers.

    `where` names the file, `first_line` is the line `current` starts on in it, `fix` says what
    to run when the change is intended.
    """
    current_lines = current.splitlines(keepends=True)
    rendered_lines = rendered.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(a=current_lines, b=rendered_lines, autojunk=False)
    first_diff = next((i1 for tag, i1, *_ in matcher.get_opcodes() if tag != "equal"), 0)
    diff = difflib.unified_diff(
        current_lines, rendered_lines, fromfile=f"{where} ({labels[0]})", tofile=f"{where} ({labels[1]})"
    )

    def shift(match: re.Match) -> str:
        a, b = int(match["a"]) + first_line - 1, int(match["b"]) + first_line - 1
        return f"@@ -{a}{match['al'] or ''} +{b}{match['bl'] or ''} @@"

    text = "".join(line if line.endswith("\n") else line + "\n" for line in diff)
    text = re.sub(r"^@@ -(?P<a>\d+)(?P<al>,\d+)? \+(?P<b>\d+)(?P<bl>,\d+)? @@", shift, text, flags=re.M)
    return (
        f"{where}:{first_line + first_diff}: {problem} (- the file, + {labels[1]}):\n{text}{fix}"
    )


# A generated drawing (SVG) is the same when its structure, colours and text are identical and
# every coordinate is within this many pixels. Coordinates are written to 0.1 px, and a last-bit
# difference between CPUs can move a point of a long training curve across a rounding edge
# (0.1 px, measured); half a pixel is invisible and no real change of a plot stays under it.
DRAWING_TOLERANCE_PX = 0.5
_TAG = re.compile(r"<[^>]*>")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _drawing_parts(svg: str) -> tuple[str, list[float]]:
    """(the drawing with each number inside a tag replaced by #, those numbers). Text between
    tags (titles, tick labels, legends) stays in the first part, compared exactly."""
    parts, numbers, position = [], [], 0
    for tag in _TAG.finditer(svg):
        parts.append(svg[position : tag.start()])
        numbers.extend(float(n) for n in _NUMBER.findall(tag.group()))
        parts.append(_NUMBER.sub("#", tag.group()))
        position = tag.end()
    parts.append(svg[position:])
    return "".join(parts), numbers


def _same(path, a: str, b: str) -> bool:
    """Whether two renderings of `path` are the same: exactly, except that a drawing's
    coordinates may differ by DRAWING_TOLERANCE_PX (CONTRIBUTING.md: plots)."""
    if a == b:
        return True
    if Path(path).suffix != ".svg":
        return False
    (shape_a, numbers_a), (shape_b, numbers_b) = _drawing_parts(a), _drawing_parts(b)
    return shape_a == shape_b and all(abs(x - y) <= DRAWING_TOLERANCE_PX for x, y in zip(numbers_a, numbers_b))


def regen_hint(rel: str) -> str:
    return f"If the new output is intended, run `python3 dev.py regen {rel}` and review the diff."


def compare(path, expected: str | None, got: str, first_line: int = 1) -> str | None:
    """The one comparison of an output: None when `got` (a rendering) is what `expected` (the file,
    or the part of it starting at `first_line`) shows; else the message the check fails with,
    file:line first, with the fix. Text is compared exactly; a drawing's coordinates may differ by
    DRAWING_TOLERANCE_PX. The snippet and generated-file tests, a page's blocks (Sybil), the
    kernel matrix and regen all compare through it."""
    from tools.paths import rel

    where = rel(path)
    if expected is None:
        return f"{where} is missing: it is generated; run `python3 dev.py regen {where}`."
    if _same(path, expected, got):
        return None
    if Path(path).suffix == ".md":  # a page's own block, which no snippet holds
        fix = "Output is generated, never typed: move this code into a snippet and include it."
        return drift_message(where, first_line, expected, got, fix)
    if Path(path).suffix == ".py":
        return drift_message(where, first_line, expected, got, regen_hint(where))
    return drift_message(
        where,
        first_line,
        expected,
        got,
        regen_hint(where),
        problem=f"this generated file is stale against the code that draws it (coordinates may differ by {DRAWING_TOLERANCE_PX:g} px, nothing else)",
        labels=("committed", "what the code draws now"),
    )
