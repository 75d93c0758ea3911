"""Where things are: the one place that finds pages, snippets, labs and generated files."""

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


def snippet_files() -> list[Path]:
    """Every snippet: snippets/<chapter>/<name>.py (package files excluded)."""
    return sorted(p for p in SNIPPETS.rglob("*.py") if p.name != "__init__.py")


def doc_pages() -> list[Path]:
    """The Markdown pages of the site (docs/assets holds no pages)."""
    return sorted(p for p in DOCS.rglob("*.md") if "assets" not in p.relative_to(DOCS).parts)


def labs() -> list[Path]:
    """Each chapter's lab notebook, docs/<chapter>/lab.py (jupytext percent format)."""
    return sorted(DOCS.glob("*/lab.py"))


def chapters() -> list[Path]:
    return sorted(d for d in DOCS.iterdir() if d.is_dir() and d.name != "assets")


def generated_files() -> list[tuple[Path, str]]:
    """Every generated file, with the module whose `render_file(path)` draws it.

    The diagrams (tools/diagrams.py) and, where present, the plots (tools/plots.py).
    """
    import importlib

    found: list[tuple[Path, str]] = []
    for module_name in ("tools.diagrams", "tools.plots"):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        found.extend((path, module_name) for path in module.generated_paths())
    return found
