"""Every `tools/…` path that the README, CONTRIBUTING, mkdocs.yml, a docstring or a comment names
exists: a module moved or renamed leaves no pointer to where it was."""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from tools.paths import ROOT

pytestmark = pytest.mark.reads(files=["README.md", "CONTRIBUTING.md", "mkdocs.yml", "dev.py", "conftest.py", "tools", "tests"])

NAMED = re.compile(r"(?<![\w./-])tools/[\w./-]*\w")


def prose_of_python(path: Path) -> list[tuple[int, str]]:
    """(line, text) of each docstring and comment of a Python file."""
    source = path.read_text()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                if isinstance(body[0].value.value, str):
                    found.append((body[0].lineno, body[0].value.value))
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found.append((token.start[0], token.string))
    return found


def named_paths(root: Path = ROOT) -> list[tuple[str, str]]:
    """(where it is named, the path) for every tools/… path named in prose."""
    texts: list[tuple[str, int, str]] = []
    for name in ("README.md", "CONTRIBUTING.md", "mkdocs.yml"):
        texts += [(name, 1, (root / name).read_text())]
    python = [root / "dev.py", root / "conftest.py", *sorted((root / "tools").rglob("*.py")),
              *sorted((root / "tests").rglob("*.py"))]
    for path in python:
        texts += [(path.relative_to(root).as_posix(), line, text) for line, text in prose_of_python(path)]
    found = []
    for where, first, text in texts:
        for match in NAMED.finditer(text):
            line = first + text.count("\n", 0, match.start())
            found.append((f"{where}:{line}", match.group().rstrip(".")))
    return found


def exists(path: str, root: Path = ROOT) -> bool:
    """A file or folder, or `tools/<module>.<name>`: a function, class or constant that module defines."""
    if (root / path).exists():
        return True
    module, _, name = path.partition(".")
    source = root / f"{module}.py"
    return bool(name) and source.exists() and re.search(rf"^(def|class) {name}\b|^{name} =", source.read_text(), re.M)


def test_every_tools_path_named_in_prose_exists():
    named = named_paths()
    assert len(named) > 50  # the scan finds the pointers
    missing = [f"{where}: names {path}, which does not exist" for where, path in named if not exists(path)]
    assert missing == []


def test_a_stale_pointer_is_found(tmp_path):
    for name in ("README.md", "CONTRIBUTING.md", "mkdocs.yml", "dev.py", "conftest.py"):
        (tmp_path / name).write_text("")
    (tmp_path / "tools").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "tools" / "paths.py").write_text('"""Where things are."""\n# see tools/gone.py, and tools/paths.py.\n')
    assert named_paths(tmp_path) == [("tools/paths.py:2", "tools/gone.py"), ("tools/paths.py:2", "tools/paths.py")]
    assert not exists("tools/gone.py", tmp_path) and exists("tools/paths.py", tmp_path)
    (tmp_path / "tools" / "paths.py").write_text("ROOT = 1\ndef rel(): pass\n")
    assert exists("tools/paths.rel", tmp_path) and exists("tools/paths.ROOT", tmp_path)
    assert not exists("tools/paths.gone", tmp_path)
