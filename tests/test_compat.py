"""`python3 dev.py compat VERSION`: its lock rewriting, its report, its pytest plugin, and the one
minimum torch version that pyproject.toml, the pages and the scheduled workflow all state.
Nothing here installs a torch."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from tools.cli import compat
from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=[".gitignore", ".github", "docs", "compat"])


def test_lock_with_torch_replaces_only_the_torch_and_torchvision_pins():
    lock = (ROOT / "requirements.lock").read_text()
    rewritten = compat.lock_with_torch(lock, "2.7.0")
    before, after = lock.splitlines(), rewritten.splitlines()
    assert len(before) == len(after)
    changed = [(old, new) for old, new in zip(before, after) if old != new]
    assert len(changed) == 2  # torch, and torchvision paired with it
    assert changed[0][0].startswith("torch==") and changed[0][1] == "torch==2.7.0"
    assert changed[1][0].startswith("torchvision==") and changed[1][1] == "torchvision==0.22.*"


@pytest.mark.parametrize(
    "version, paired", [("2.7.0", "0.22.*"), ("2.13.0", "0.28.*"), ("2.14.1", "0.29.*"), ("2.15", "0.30.*")]
)
def test_compat_pairs_torchvision_with_the_torch_it_installs(version, paired):
    lock = "numpy==2.0.0\ntorch==2.14.1\ntorchvision==0.29.1\n"
    assert compat.lock_with_torch(lock, version) == f"numpy==2.0.0\ntorch=={version}\ntorchvision=={paired}\n"


def test_compat_drops_torchvision_where_no_pairing_is_known():
    lock = "torch==2.14.1\ntorchvision==0.29.1\n"
    assert compat.lock_with_torch(lock, "3.0.0") == "torch==3.0.0\n"


def test_lock_with_torch_accepts_major_minor():
    assert compat.lock_with_torch("numpy==2.0.0\ntorch==2.13.0\n", "2.7") == "numpy==2.0.0\ntorch==2.7\n"


def test_the_plain_build_pin_admits_no_local_build():
    """`torch==2.13.0` also admits `2.13.0+cpu` (PEP 440), which pip prefers when a file of it is
    on its find-links; `torch===2.13.0` admits only the build PyPI's torchvision is made for."""
    from packaging.requirements import Requirement

    lock = "numpy==2.0.0\ntorch==2.13.0\ntorchvision==0.28.*\n"
    rewritten = compat.plain_build(lock, "2.13.0")
    assert rewritten == "numpy==2.0.0\ntorch===2.13.0\ntorchvision==0.28.*\n"
    assert Requirement("torch==2.13.0").specifier.contains("2.13.0+cpu")
    plain = Requirement("torch===2.13.0").specifier
    assert plain.contains("2.13.0") and not plain.contains("2.13.0+cpu")


def _fake_python(folder, torch_version, loads):
    """A stand-in interpreter: prints torch's version, and fails the torchvision load probe unless
    `loads`, as PyPI's torchvision does beside a local CPU build."""
    python = folder / "python"
    probe_fails = "" if loads else 'case "$2" in *torchvision*) echo "RuntimeError: operator torchvision::nms does not exist" >&2; exit 1;; esac\n'
    python.write_text(f"#!/bin/sh\necho {torch_version}\n{probe_fails}")
    python.chmod(0o755)
    return python


def test_a_local_torch_build_that_torchvision_cannot_load_beside_is_replaced(tmp_path, capsys):
    (tmp_path / "local").mkdir()
    (tmp_path / "plain").mkdir()
    local = _fake_python(tmp_path / "local", "2.13.0+cpu", loads=False)
    plain = _fake_python(tmp_path / "plain", "2.13.0", loads=True)
    synced = []

    def ensure_env(env, lock_text):
        synced.append(lock_text)
        return plain

    lock = "torch==2.13.0\ntorchvision==0.28.*\n"
    assert compat._with_loading_torchvision(tmp_path, "2.13.0", lock, local, ensure_env) == plain
    assert synced == ["torch===2.13.0\ntorchvision==0.28.*\n"]
    assert "operator torchvision::nms does not exist" in capsys.readouterr().out


def test_compat_stops_when_torch_and_torchvision_never_load_together(tmp_path, capsys):
    broken = _fake_python(tmp_path, "2.13.0", loads=False)  # no local build to replace

    def ensure_env(env, lock_text):
        raise AssertionError("nothing to sync again")

    assert compat._with_loading_torchvision(tmp_path, "2.13.0", "torch==2.13.0\n", broken, ensure_env) is None
    assert "do not load together" in capsys.readouterr().out


def test_a_torch_torchvision_pair_that_loads_is_kept(tmp_path):
    ok = _fake_python(tmp_path, "2.14.1", loads=True)
    assert compat._with_loading_torchvision(tmp_path, "2.14.1", "", ok, None) == ok


@pytest.mark.parametrize(
    "lock, version",
    [
        ("numpy==2.0.0\ntorch==2.13.0\n", "newest"),  # resolved before the lock is written
        ("numpy==2.0.0\ntorch==2.13.0\n", "2.7.0; rm -rf ."),
        ("numpy==2.0.0\n", "2.7.0"),
        ("torch==2.13.0\ntorch==2.12.0\n", "2.7.0"),
    ],
)
def test_lock_with_torch_refuses_what_it_cannot_pin(lock, version):
    with pytest.raises(ValueError):
        compat.lock_with_torch(lock, version)


def test_the_compat_venv_is_separate_and_ignored():
    assert compat.env_dir(ROOT, "2.7.0") == ROOT / ".venv-torch-2.7.0"
    assert ".venv-torch-*/" in (ROOT / ".gitignore").read_text().splitlines()


def test_newest_is_read_from_pip_index_output():
    out = "torch (2.15.0+cpu)\nAvailable versions: 2.15.0+cpu, 2.14.1+cpu\n"
    assert compat.newest_from_pip_index(out) == "2.15.0"
    assert compat.newest_from_pip_index("torch (2.14.1)\n") == "2.14.1"
    with pytest.raises(ValueError):
        compat.newest_from_pip_index("ERROR: No matching distribution found for torch\n")


def test_unit_of_is_what_the_plugin_recorded():
    assert compat.unit_of({"nodeid": "tests/test_snippets.py::t[x]", "unit": "snippets/x.py"}) == "snippets/x.py"
    assert compat.unit_of({"nodeid": "tests/test_snippets.py::test_there_are_snippets"}) == "tests/test_snippets.py"


def _record(nodeid, outcome="passed", message=""):
    unit = nodeid.split("::")[0]
    if "[snippets/" in nodeid:  # what the plugin records for a test parametrized over a snippet
        unit = nodeid[nodeid.index("[") + 1 : -1]
    return {"nodeid": nodeid, "unit": unit, "outcome": outcome, "message": message}


SNIP = "tests/test_snippets.py::test_any_name[snippets/{}]"


def test_report_lists_what_differs_and_fails():
    records = [
        _record(SNIP.format("networks/relu.py")),
        _record(SNIP.format("networks/device_moves.py"), "failed", "AssertionError: output differs\nmore"),
        _record("docs/index.md::line:66,column:1", "failed", "ValueError: 2.7.0 != 2.13.0"),
        _record("docs/index.md::line:90,column:1", "failed", "second | failure"),
        _record("docs/networks/devices.md::line:20,column:1"),
        _record("docs/networks/devices.md::line:40,column:1", "skipped"),
    ]
    text, status = compat.report("2.7.0", records, pytest_code=1)
    assert status == 1
    assert text.splitlines()[0] == "torch 2.7.0: 2 snippets and 2 pages checked"
    assert "2 differ:" in text
    assert "| docs/index.md | 2 | line:66,column:1: ValueError: 2.7.0 != 2.13.0 |" in text
    assert "| snippets/networks/device_moves.py | 1 |" in text
    table = text.split("differ:")[1]
    assert "relu.py" not in table and "devices.md" not in table
    assert "checked: snippets/networks/device_moves.py, snippets/networks/relu.py" in text


def test_the_report_names_the_first_changed_line():
    sybil = (
        "Example at docs/index.md, line 65, column 1 did not evaluate as expected:\n"
        "output drift in docs/index.md, line 65:\n"
        "--- docs/index.md, line 65 (the #> lines the page shows)\n"
        "+++ docs/index.md, line 65 (what the code printed)\n"
        "@@ -1 +1 @@\n-2.13.0\n+2.7.0\n"
    )
    assert compat.first_difference(sybil) == "2.13.0 -> 2.7.0"
    raised = "snippets/x.py raised when run standalone:\nTraceback (most recent call last):\n  ...\nTypeError: no\n"
    assert compat.first_difference(raised) == "snippets/x.py raised when run standalone: TypeError: no"
    assert compat.first_difference("ValueError: 2.7.0 != 2.13.0\nmore") == "ValueError: 2.7.0 != 2.13.0"
    text, _ = compat.report("2.7.0", [_record("docs/index.md::line:65,column:1", "failed", sybil)], 1)
    assert "| docs/index.md | 1 | line:65,column:1: 2.13.0 -> 2.7.0 |" in text


def test_report_passes_only_when_everything_ran_and_passed():
    records = [_record(SNIP.format("networks/relu.py")), _record("docs/index.md::line:66,column:1")]
    assert compat.report("2.13.0", records, pytest_code=0)[1] == 0
    assert compat.report("2.13.0", records, pytest_code=3)[1] == 1  # pytest itself failed
    text, status = compat.report("2.6.0", [], pytest_code=3)
    assert status == 1 and "nothing ran" in text


def test_the_plugin_records_every_outcome(tmp_path):
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    (tmp_path / "test_sample.py").write_text(
        "import pytest\n"
        "def test_ok(): pass\n"
        "def test_bad(): assert 1 == 2, 'one is not two'\n"
        "@pytest.fixture\n"
        "def broken(): raise RuntimeError('setup broke')\n"
        "def test_error(broken): pass\n"
    )
    record_file = tmp_path / "records.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT), compat.RECORD_ENV: str(record_file)}
    env = {k: v for k, v in env.items() if not k.startswith("PYTEST")}
    command = [sys.executable, "-m", "pytest", "-p", "tools.cli.compat", "-p", "no:cacheprovider", "-q"]
    result = subprocess.run([*command, "test_sample.py"], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    records = {r["nodeid"]: r for r in map(json.loads, record_file.read_text().splitlines())}
    assert {k: r["outcome"] for k, r in records.items()} == {
        "test_sample.py::test_ok": "passed",
        "test_sample.py::test_bad": "failed",
        "test_sample.py::test_error": "error",
    }
    assert "one is not two" in records["test_sample.py::test_bad"]["message"]
    assert "setup broke" in records["test_sample.py::test_error"]["message"]
    assert {r["unit"] for r in records.values()} == {"test_sample.py"}


@pytest.mark.reads(files=["snippets/autograd/backward_scalar.py"])
def test_compat_names_the_snippet_a_real_run_checked(tmp_path):
    """The plugin over the suite's own snippet test (one snippet, fresh): the report names it,
    by the test's `path` parameter, whatever the test is called."""
    snippet = "snippets/autograd/backward_scalar.py"
    record_file = tmp_path / "records.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env[compat.RECORD_ENV] = str(record_file)
    command = [sys.executable, "-m", "pytest", "-p", "tools.cli.compat", "-q", "--fresh", "-p", "no:cacheprovider",
               "tests/test_snippets.py", "-k", "backward_scalar"]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    records = [json.loads(line) for line in record_file.read_text().splitlines()]
    text, status = compat.report("2.14.1", records, result.returncode)
    assert status == 0, text
    assert text.splitlines()[:2] == ["torch 2.14.1: 1 snippets and 0 pages checked", f"checked: {snippet}"]


def test_minimum_torch_is_the_same_everywhere():
    """pyproject.toml's `torch>=X` is the version the pages name and the weekly job tests."""
    pyproject = (ROOT / "pyproject.toml").read_text()
    minimum = re.search(r'"torch>=(\d+\.\d+)', pyproject)[1]
    workflow = (ROOT / ".github/workflows/compat.yml").read_text()
    assert re.search(rf'torch: \["{re.escape(minimum)}\.0", newest\]', workflow), workflow
    assert f"torch {minimum}" in (ROOT / "docs/index.md").read_text()
    assert f"torch {minimum}" in (ROOT / "docs/networks/devices.md").read_text()


# --- the record: compat/torch-VERSION.json (tools/compat_record.py) ------------------------------

from tools import compat_record  # noqa: E402

SNIPPET_DIFF = (
    "snippets/a/x.py:14: the #> lines are not what the code prints there (- the file, + what the code prints):\n"
    "--- snippets/a/x.py (its #> lines)\n+++ snippets/a/x.py (what the code prints)\n"
    "@@ -12,4 +12,4 @@\n print(y)\n #> same\n-#> clamp: 0.00\n+#> clamp: 1.00\n print(z)\n"
    "If the new output is intended, run `python3 dev.py regen snippets/a/x.py` and review the diff.\n"
)


def test_changed_lines_are_numbered_as_in_the_file():
    assert compat_record.changed_lines(SNIPPET_DIFF) == [{"line": 14, "pinned": "#> clamp: 0.00", "other": "#> clamp: 1.00"}]
    sybil = "output drift in docs/a.md, line 30:\n--- x\n+++ y\n@@ -2 +2 @@\n-old\n+new\n"
    assert compat_record.changed_lines(sybil) == [{"line": 2, "pinned": "old", "other": "new"}]


def test_a_record_lists_each_difference_on_every_page_that_shows_it(tmp_path):
    (tmp_path / "docs" / "a").mkdir(parents=True)
    (tmp_path / "docs" / "a" / "one.md").write_text('```python\n--8<-- "a/x.py:part"\n```\n')
    (tmp_path / "docs" / "a" / "two.md").write_text("no include\n")
    sybil = "Example at docs/a/two.md, line 30:\noutput drift in docs/a/two.md, line 30:\n--- x\n+++ y\n@@ -2 +2 @@\n-old\n+new\n"
    records = [
        {**_record(SNIP.format("a/x.py"), "failed", "x"), "detail": SNIPPET_DIFF},
        _record("docs/a/one.md::line:1,column:1"),
        {**_record("docs/a/two.md::line:30,column:1", "failed", "y"), "detail": sybil},
    ]
    record = compat_record.build_record("2.13.0", "2.13.0+cu130 CUDA", records, tmp_path, "2026-12-06", compat.unit_of)
    assert record["checked"] == ["docs/a/one.md", "docs/a/two.md", "snippets/a/x.py"]
    assert record["pages"] == {
        "docs/a/one.md": {"snippets": {"snippets/a/x.py": [{"line": 14, "pinned": "#> clamp: 0.00", "other": "#> clamp: 1.00"}]}},
        "docs/a/two.md": {"page": [{"line": 31, "pinned": "old", "other": "new"}]},
    }
    unexplained = compat_record.unexplained(tmp_path, [record])
    assert len(unexplained) == 2 and "docs/a/one.md: snippets/a/x.py differs under torch 2.13.0 (line 14)" in unexplained[0]
    (tmp_path / "docs" / "a" / "one.md").write_text(
        '```python\n--8<-- "a/x.py:part"\n```\n\n!!! note\n    <!-- torch-differences: a/x.py -->\n    Why.\n'
    )
    (tmp_path / "docs" / "a" / "two.md").write_text("<!-- torch-differences: page -->\n")
    assert compat_record.unexplained(tmp_path, [record]) == []


def test_every_recorded_difference_is_explained_on_its_page():
    """Each output that a recorded torch (compat/torch-*.json) prints differently has a note next to
    it on its page (a torch-differences marker, filled from the record by the build). The weekly
    workflow records the newest torch and fails the same way on a new difference."""
    assert compat_record.unexplained(ROOT) == []


def test_the_build_fills_a_note_from_the_record_and_refuses_a_stale_one():
    """tools/site/hooks/torch_versions.py: a marker becomes the recorded lines; a marker for which no
    recorded torch differs fails the build (its explanation would be stale)."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from tools.site.hooks import torch_versions

    record = {
        "torch": "2.13.0", "build": "2.13.0+cpu (CPU build)", "recorded": "2026-12-06",
        "checked": ["docs/a/one.md"],
        "pages": {"docs/a/one.md": {"snippets": {"snippets/a/x.py": [{"line": 14, "pinned": "#> 0.00", "other": "#> 1.00"}]}}},
    }
    torch_versions._records[:] = [record]
    page = SimpleNamespace(file=SimpleNamespace(src_uri="a/one.md", src_path="a/one.md"), meta={})
    text = torch_versions.on_page_markdown('!!! note\n    <!-- torch-differences: a/x.py -->\n', page, None, None)
    assert "    - `snippets/a/x.py`, line 14: torch 2.13.0 prints `#> 1.00` where torch" in text
    assert page.meta["torch_checked"] == [
        {"torch": "2.13.0", "build": "2.13.0+cpu (CPU build)", "recorded": "2026-12-06", "differs": 1}
    ]
    with pytest.raises(PluginError, match="no recorded torch"):
        torch_versions.on_page_markdown("<!-- torch-differences: a/y.py -->\n", page, None, None)


def test_a_run_whose_checks_errored_in_setup_is_not_recorded():
    """torch 2.13.0's CPU wheel with PyPI's torchvision: the runner cannot import torchvision, every
    check errors before comparing, and --record wrote those errors as the torch's differences."""
    records = [
        {"nodeid": "tests/test_snippets.py::test_x[a.py]", "unit": "snippets/a.py", "outcome": "error",
         "message": "RuntimeError: the snippet runner stopped (exit status 1)"},
        {"nodeid": "tests/test_snippets.py::test_x[b.py]", "unit": "snippets/b.py", "outcome": "failed",
         "message": "#> 1.00 / #> 0.00"},
        {"nodeid": "tests/test_snippets.py::test_x[c.py]", "unit": "snippets/c.py", "outcome": "passed", "message": ""},
    ]
    assert compat.not_compared(records) == [
        "tests/test_snippets.py::test_x[a.py]: RuntimeError: the snippet runner stopped (exit status 1)"
    ]
    assert compat.not_compared([r for r in records if r["outcome"] != "error"]) == []
