"""Where things are: the one place that finds pages, snippets and labs.

A leaf: it imports nothing of ours, so every module can import it. The generated files (diagrams,
plots) are listed by tools/generated/registry.py, which imports the code that draws them.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"


def rel(path: str | Path) -> str:
    """A path as the messages name it: relative to the repository when it is inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


# Each takes the repository root, so that the tests can plant a mistake in a scratch copy.


def snippet_files(root: Path = ROOT) -> list[Path]:
    """Every snippet: snippets/<chapter>/<name>.py (package files excluded)."""
    return sorted(p for p in (root / "snippets").rglob("*.py") if p.name != "__init__.py")


def includable_files(root: Path = ROOT) -> list[Path]:
    """What pages include from snippets/: the snippets and the generated diagrams (.mmd)."""
    found = (root / "snippets").rglob("*")
    return sorted(p for p in found if p.suffix in {".py", ".mmd"} and p.name != "__init__.py")


def doc_pages(root: Path = ROOT) -> list[Path]:
    """The Markdown pages of the site (docs/assets holds no pages)."""
    docs = root / "docs"
    return sorted(p for p in docs.rglob("*.md") if "assets" not in p.relative_to(docs).parts)


def labs(root: Path = ROOT) -> list[Path]:
    """Each chapter's lab notebook, docs/<chapter>/lab.py (jupytext percent format)."""
    return sorted((root / "docs").glob("*/lab.py"))


def chapters(root: Path = ROOT) -> list[Path]:
    return sorted(d for d in (root / "docs").iterdir() if d.is_dir() and d.name != "assets")

