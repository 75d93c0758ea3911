"""The verification record (tools/suite/record.py, tools/suite/record_plugin.py): a check is reused only under
the key it passed with, and every planted mistake is still caught on a warm record.

The end-to-end tests run the suite itself (`python -m pytest`) in a scratch copy of the
repository, with a record of its own, first to warm the record, then with a mistake planted."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.paths import ROOT, rel
from tools.suite import record

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["docs/autograd/gradcheck.md"])

SNIPPET = "snippets/autograd/gradcheck_builtin.py"
PAGE = "docs/autograd/gradcheck.md"


# ---------------------------------------------------------------------------------------------
# The key and the store
# ---------------------------------------------------------------------------------------------

ENVIRONMENT = {"torch": "2.13.0+cpu", "capabilities": ["default", "avx2", "avx512"], "device": "cpu"}


def test_the_key_changes_with_the_bytes_of_every_input(tmp_path):
    snippet, helper = tmp_path / "a.py", tmp_path / "b.py"
    snippet.write_text("print(1)\n")
    helper.write_text("x = 1\n")
    before = record.key("check", [snippet, helper], ENVIRONMENT)
    record._file_digest.cache_clear()
    helper.write_text("x = 2\n")
    assert record.key("check", [snippet, helper], ENVIRONMENT) != before
    assert record.key("other check", [snippet, helper], ENVIRONMENT) != record.key("check", [snippet, helper], ENVIRONMENT)


@pytest.mark.parametrize(
    "faked",
    [
        {"torch": "2.14.1"},  # another torch
        {"capabilities": ["default", "avx2"]},  # a CPU without AVX-512
        {"device": "cuda"},
    ],
    ids=["another torch", "another CPU capability", "another device"],
)
def test_a_result_recorded_under_another_environment_is_not_reused(tmp_path, faked):
    store = record.Store(tmp_path)
    inputs = [ROOT / SNIPPET]
    mine = record.key("check", inputs, ENVIRONMENT)
    store.put(mine, "check", {"at": "then"})
    assert store.get(mine) is not None
    assert store.get(record.key("check", inputs, {**ENVIRONMENT, **faked})) is None


@pytest.mark.parametrize("damage", ["truncated", "edited", "not json", "empty"])
def test_a_corrupt_entry_is_discarded_never_trusted(tmp_path, damage):
    store = record.Store(tmp_path)
    key = record.key("check", [ROOT / SNIPPET], ENVIRONMENT)
    path = store.path(key)
    store.put(key, "check", {"at": "then"})
    text = path.read_text()
    damaged = {
        "truncated": text[: len(text) // 2],
        "edited": text.replace('"check"', '"another check"'),
        "not json": "\x00\x01",
        "empty": "",
    }[damage]
    path.write_text(damaged)
    assert store.get(key) is None
    assert store.discarded == [rel(path)]
    assert not path.exists(), "a corrupt entry is deleted, so that the next passing run writes it anew"


def test_a_page_depends_on_what_it_includes_and_what_that_imports():
    inputs = record.page_inputs(ROOT / "docs/networks/nn-module.md")
    names = {p.relative_to(ROOT).as_posix() for p in inputs}
    assert "docs/networks/nn-module.md" in names
    assert any(name.startswith("snippets/networks/") for name in names)
    uses_net = [p for p in (ROOT / "snippets").rglob("*.py") if "from snippets.networks.notes_net import" in p.read_text()]
    assert uses_net, "no snippet imports another one any more: pick another example"
    assert ROOT / "snippets/networks/notes_net.py" in record.snippet_inputs(uses_net[0])


# ---------------------------------------------------------------------------------------------
# The suite on a warm record, in a scratch copy
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def scratch(tmp_path) -> Path:
    """A copy of the repository (its sources, no venv, no record), where the suite can run."""
    at_root = shutil.ignore_patterns(
        ".cache", ".venv*", "build", "site", "site-offline", ".git", ".pytest_cache", "data", "*.pth"
    )  # the root's outputs only: tools/site/ is source

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {"__pycache__"} & set(names) | (at_root(folder, names) if Path(folder) == ROOT else set())

    shutil.copytree(ROOT, tmp_path / "repo", ignore=ignore)
    return tmp_path / "repo"


def run_suite(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST") and k != "CI"}
    env["PYTORCH_NOTES_RECORD"] = str(repo / ".cache" / "verification")
    env["PYTORCH_NOTES_VERIFIED"] = str(repo / "build" / "verified")
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-W", "ignore::pytest.PytestUnraisableExceptionWarning", *args]
    return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=900)


def counts(result: subprocess.CompletedProcess) -> tuple[int, int]:
    found = re.search(r"\[record\] (\d+) checks rendered, (\d+) reused", result.stdout)
    assert found, result.stdout[-3000:] + result.stderr[-3000:]
    return int(found[1]), int(found[2])


def test_a_warm_record_reuses_what_did_not_change_and_catches_what_did(scratch):
    selection = [PAGE, "tests/test_snippets.py", "-k", "gradcheck"]
    first = run_suite(scratch, *selection)
    assert first.returncode == 0, first.stdout[-3000:]
    rendered, reused = counts(first)
    assert rendered > 0 and reused == 0
    again = run_suite(scratch, *selection)
    assert again.returncode == 0 and counts(again) == (0, rendered), again.stdout[-2000:]

    # A snippet's value changed, its output not regenerated: its own test fails, naming the line.
    snippet = scratch / SNIPPET
    text = snippet.read_text()
    changed = text.replace("print(ok)\n", "print(not ok)\n", 1)
    assert changed != text, f"{SNIPPET} no longer has `print(ok)`: pick another edit"
    line = changed.splitlines().index("print(not ok)") + 2  # its `#>` line
    snippet.write_text(changed)
    drifted = run_suite(scratch, *selection)
    assert drifted.returncode == 1
    assert f"FAILED tests/test_snippets.py::test_every_snippet_equals_its_rendering[{SNIPPET}]" in drifted.stdout
    assert f"{SNIPPET}:{line}:" in drifted.stdout, drifted.stdout[-3000:]
    rendered_now, reused_now = counts(drifted)
    assert 0 < rendered_now < rendered and reused_now > 0, "only what reads the snippet renders again"
    snippet.write_text(text)

    # A page edited so that a block raises: the page fails, naming its line.
    page = scratch / PAGE
    source = page.read_text()
    line = source.count("\n") + 3
    page.write_text(source + "\n```python\nraise ValueError('planted')\n```\n")
    raised = run_suite(scratch, *selection)
    assert raised.returncode == 1
    assert f"{PAGE}:{line}: ValueError: planted" in raised.stdout, raised.stdout[-3000:]


def test_a_warm_record_still_catches_an_output_that_changes_under_one_kernel_variant(scratch):
    planted = scratch / "snippets" / "autograd" / "planted_sum.py"
    planted.write_text(
        "import torch\n\ntorch.manual_seed(0)\nnumbers = torch.randn(1_000_000)\n"
        'print("the sum is finite:", numbers.sum().isfinite().item())\n'
        "#> the sum is finite: True\n"
    )
    selection = ["tests/test_portability.py", "-k", "planted_sum"]
    warm = run_suite(scratch, *selection)
    assert warm.returncode == 0, warm.stdout[-3000:]
    assert counts(warm) == (1, 0)
    # Now it prints the sum to the last digit: the key changed, the matrix renders it again.
    planted.write_text(planted.read_text() + "print(numbers.sum().item())\n")
    result = run_suite(scratch, *selection)
    assert result.returncode == 1
    assert "snippets/autograd/planted_sum.py:8: the output depends on the CPU's kernels" in result.stdout, result.stdout[-3000:]


def test_a_fresh_run_reads_nothing_but_still_records(scratch):
    selection = ["tests/test_snippets.py", "-k", "gradcheck_builtin"]
    assert run_suite(scratch, *selection).returncode == 0
    fresh = run_suite(scratch, "--fresh", *selection)
    assert fresh.returncode == 0 and counts(fresh) == (1, 0)
    assert "--fresh: the record was not read" in fresh.stdout
    entries = list((scratch / ".cache" / "verification").rglob("*.json"))
    assert entries and all(json.loads(p.read_text())["check"].startswith("tests/test_snippets.py::") for p in entries)
