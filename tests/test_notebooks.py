"""Every chapter's lab notebook (jupytext percent format) executes top to bottom without error."""

from __future__ import annotations

import pytest

from tools.paths import ROOT, labs

LABS = labs()


@pytest.mark.reads("lab")
@pytest.mark.parametrize("lab", LABS, ids=[p.relative_to(ROOT).as_posix() for p in LABS])
def test_every_lab_notebook_runs(lab, executed_lab):
    notebook = executed_lab(lab)  # run_notebook(lab), started at collection (tests/conftest.py)
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert code_cells, f"{lab} has no code cells"
    assert all(c.execution_count for c in code_cells)
    # A lab has exercises and worked solutions, and checks them.
    source = "\n".join(c.source for c in code_cells)
    assert "assert" in source, f"{lab}: the solutions check nothing"
    # What the page shows must be what a reader gets: no memory addresses (`<… at 0x7f…>`).
    for number, cell in enumerate(code_cells, start=1):
        for output in cell.outputs:
            text = output.get("text", "") + str(output.get("data", {}).get("text/plain", ""))
            assert " at 0x" not in text, f"{lab}, code cell {number} shows a memory address: {text!r}"
