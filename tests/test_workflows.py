"""The GitHub workflows and the Dependabot configuration, checked offline like the code:

* zizmor (static analysis for GitHub Actions, pinned in requirements.lock) finds nothing: every
  action pinned by commit SHA, no credentials left in a checkout, least-privilege permissions,
  no template expanded into a shell script;
* each file is valid against GitHub's schema (check-jsonschema's vendored copies), so a typo'd
  key fails here instead of on GitHub;
* each SHA says which release it is (`# vX.Y.Z`), for the reader and for Dependabot.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=[".github"])

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"\s+#\s*v\d+(\.\d+)*\b")


def zizmor(target: Path) -> subprocess.CompletedProcess:
    executable = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    assert executable, "zizmor is not installed next to this Python: run `python3 dev.py test` (it syncs .venv)"
    return subprocess.run(
        [executable, "--offline", "--no-progress", "--color=never", str(target)],
        capture_output=True,
        text=True,
    )


def schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, "--color", "never", *map(str, files)],
        capture_output=True,
        text=True,
    )


def test_zizmor_finds_nothing():
    assert WORKFLOWS, "no workflow found under .github/workflows/"
    result = zizmor(GITHUB)
    assert result.returncode == 0, (
        "zizmor found problems in .github/ (https://docs.zizmor.sh/audits/ explains each; "
        f"`.venv/bin/zizmor --offline .github/` re-runs it):\n{result.stdout}{result.stderr}"
    )


def test_zizmor_names_an_unpinned_action_and_a_checkout_keeping_its_token(tmp_path):
    planted = tmp_path / ".github" / "workflows" / "planted.yml"
    planted.parent.mkdir(parents=True)
    planted.write_text(
        "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
        "    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@v4\n"
    )
    result = zizmor(tmp_path / ".github")
    assert result.returncode != 0
    assert "unpinned-uses" in result.stdout and "artipacked" in result.stdout
    assert "planted.yml:9" in result.stdout


@pytest.mark.parametrize(
    ("schema", "path"),
    [("vendor.github-workflows", p) for p in WORKFLOWS] + [("vendor.dependabot", GITHUB / "dependabot.yml")],
    ids=lambda v: v.relative_to(ROOT).as_posix() if isinstance(v, Path) else v,
)
def test_valid_against_githubs_schema(schema, path):
    result = schema_check(schema, path)
    assert result.returncode == 0, f"{path.relative_to(ROOT)} is not valid for GitHub:\n{result.stdout}{result.stderr}"


def test_the_schema_check_names_a_misspelled_key(tmp_path):
    planted = tmp_path / "planted.yml"
    planted.write_text("on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n")
    result = schema_check("vendor.github-workflows", planted)
    assert result.returncode != 0
    assert "planted.yml" in result.stdout and "step" in result.stdout


def test_every_action_is_pinned_by_sha_with_its_version_in_a_comment():
    problems, pins = [], 0
    for workflow in WORKFLOWS:
        for number, line in enumerate(workflow.read_text().splitlines(), start=1):
            if not (match := USES.match(line)) or match["ref"].startswith("./"):
                continue
            pins += 1
            if not PINNED.fullmatch(match["ref"]) or not VERSION_COMMENT.match(match["comment"]):
                problems.append(
                    f"{workflow.relative_to(ROOT)}:{number}: {line.strip()}: pin the action by its full "
                    "commit SHA with the release in a comment: `uses: owner/repo@<40 hex> # vX.Y.Z`"
                )
    assert pins, "no `uses:` line found: the pattern no longer matches the workflows"
    assert problems == [], "\n".join(problems)
