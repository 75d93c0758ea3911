"""Labs (jupytext percent-format notebooks): run them, report a failing cell by its lab.py line, and
key the build's cache on everything a lab's output depends on.

Kept light at import: the mkdocs hook imports it.
"""

from __future__ import annotations

import ast
import hashlib
import re
from pathlib import Path

from tools.paths import ROOT, rel

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
CELL_LINE = re.compile(r"Cell In\[(?P<count>\d+)\], line (?P<line>\d+)")
CELL_MARK = re.compile(r"^# %%(?P<rest>.*)$")


class NotebookCellError(AssertionError):
    pass


def code_cell_lines(lab: Path) -> list[int]:
    """The lab.py line of the first source line of each non-empty code cell, in order."""
    lines = lab.read_text().splitlines()
    starts = []
    marks = [i for i, line in enumerate(lines) if CELL_MARK.match(line)]
    for n, mark in enumerate(marks):
        if "[markdown]" in lines[mark] or "[md]" in lines[mark]:
            continue
        end = marks[n + 1] if n + 1 < len(marks) else len(lines)
        body = [i for i in range(mark + 1, end) if lines[i].strip()]
        if body:
            starts.append(body[0] + 1)
    return starts


def cell_error_message(lab: Path, traceback_text: str, ename: str, evalue: str) -> str:
    """`docs/ch/lab.py:LINE: a cell raised Error: value`, the line's source, the plain traceback."""
    plain = ANSI.sub("", traceback_text)
    where = rel(lab)
    located = list(CELL_LINE.finditer(plain))
    source_line = ""
    if located:
        count, line_in_cell = int(located[0]["count"]), int(located[-1]["line"])
        if located[-1]["count"] != located[0]["count"]:  # the last frame is in another cell: name the failing one
            line_in_cell = int(located[0]["line"])
        starts = code_cell_lines(lab)
        if 0 < count <= len(starts):
            number = starts[count - 1] + line_in_cell - 1
            where = f"{where}:{number}"
            source_line = lab.read_text().splitlines()[number - 1].strip()
    message = f"{where}: a lab cell raised {ename}: {evalue}"
    if source_line:
        message += f"\n    {source_line}"
    return f"{message}\n\n{plain.strip()}"


def run_notebook(path: Path, timeout: int = 600):
    """Execute a lab top to bottom in a fresh kernel, as the build does (repository root as cwd)."""
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = jupytext.read(path)
    resources = {"metadata": {"path": str(ROOT)}}
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources=resources)
    try:
        client.execute()
    except CellExecutionError as error:
        raise NotebookCellError(cell_error_message(path, error.traceback, error.ename, error.evalue)) from None
    return notebook


def imported_snippets(path: Path, root: Path = ROOT, seen: set[Path] | None = None) -> set[Path]:
    """The snippet modules a file imports (`snippets.x.y` under `root`), and theirs, transitively."""
    seen = set() if seen is None else seen
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    for name in names:
        if name.split(".")[0] != "snippets":
            continue
        base = root.joinpath(*name.split("."))
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file() and candidate not in seen:
                seen.add(candidate)
                imported_snippets(candidate, root, seen)
    return seen


def lab_inputs_digest(lab: Path) -> str:
    """A digest of everything a lab's executed output depends on: the lab, the snippet modules it
    imports (transitively) and the pinned versions. Labs are re-executed when it changes."""
    root = lab.resolve().parents[2]  # <root>/docs/<chapter>/lab.py
    digest = hashlib.sha256()
    for path in [lab, *sorted(imported_snippets(lab, root)), ROOT / "requirements.lock"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
