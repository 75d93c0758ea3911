"""Run a jupytext percent-format notebook the way the site build does (mkdocs root as cwd)."""

from __future__ import annotations

from pathlib import Path

from tools.paths import ROOT


class NotebookCellError(AssertionError):
    pass


def run_notebook(path: Path, timeout: int = 600):
    import jupytext
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    notebook = jupytext.read(path)
    client = NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}})
    try:
        client.execute()
    except CellExecutionError as error:
        cells = [c for c in notebook.cells if c.cell_type == "code"]
        failed = next((i for i, c in enumerate(cells) if any(o.get("output_type") == "error" for o in c.get("outputs", []))), None)
        where = f"{path}, code cell {failed + 1}" if failed is not None else str(path)
        raise NotebookCellError(f"{where} raised:\n{error}") from None
    return notebook
