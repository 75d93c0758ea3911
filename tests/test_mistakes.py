"""Each mistake a contributor can make is planted in a scratch copy of this repository and must be
reported once, naming the source file and line, what is wrong and how to fix it."""

from __future__ import annotations

import collections
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sybil import Sybil
from sybil.example import SybilFailure

from tests.support.sites import failed_build_log, scratch_site
from tools.pages import checks
from tools.pages.sybil_notes import NotesPythonParser
from tools.paths import ROOT

PAGE = "docs/autograd/gradcheck.md"


@pytest.fixture
def repo(tmp_path) -> Path:
    """A copy of what the checks read: docs/, snippets/, tools/, tests/, mkdocs.yml, dev.py."""
    ignore = shutil.ignore_patterns("__pycache__", "vendor")
    for name in ("docs", "snippets", "tools", "tests"):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=ignore)
    for name in ("mkdocs.yml", "dev.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    assert all(check(tmp_path) == [] for check in checks.ALL_CHECKS), "the copy should start clean"
    return tmp_path


def append(path: Path, text: str) -> int:
    """Append text to a file; return the 1-based line the text starts on."""
    old = path.read_text()
    path.write_text(old + text)
    return old.count("\n") + 1


def only(problems: list[str]) -> str:
    assert len(problems) == 1, problems
    return problems[0]


def test_mistake_fence_not_executed_without_a_reason(repo):
    line = append(repo / PAGE, "\n```text\nsome output\n```\n") + 1
    message = only(checks.check_fences(repo))
    assert message.startswith(f"{PAGE}:{line}: a `text` fence is neither executed nor explained")
    assert '<!-- not-run: "why" -->' in message


def test_mistake_misspelled_python_fence_is_not_silently_skipped(repo):
    line = append(repo / PAGE, "\n```pyhton\nx = 1\n```\n") + 1
    message = only(checks.check_fences(repo))
    assert message.startswith(f"{PAGE}:{line}: a `pyhton` fence is neither executed nor explained")
    assert "write ```python" in message


def test_mistake_skip_marker_without_a_reason(repo):
    line = append(repo / PAGE, "\n<!-- skip: next -->\n```python\nimport nothing_here\n```\n") + 1
    message = only(checks.check_skip_reasons(repo))
    assert message.startswith(f"{PAGE}:{line}: `<!-- skip: next -->` skips a block without a written reason")
    assert 'Fix: <!-- skip: next "why this block cannot run" -->' in message


def test_mistake_doctest_with_wrong_output(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n\ntext\n\n```pycon\n>>> 3 * 2\n7\n```\n")
    document = Sybil(parsers=[NotesPythonParser()], path=str(tmp_path), patterns=["*.md"]).parse(page)
    with pytest.raises(SybilFailure) as failure:
        for example in document:
            example.evaluate()
    message = str(failure.value)
    assert f"{page}, line 6" in message
    assert re.search(r"Expected:\s+7\s+Got:\s+6", message)


def test_mistake_examples_count_not_updated(repo):
    append(repo / PAGE, "\n```python\nx = 1\n```\n")
    message = only(checks.check_examples(repo))
    pinned = checks.front_matter(ROOT / PAGE)[0]["examples"]
    assert message.startswith(f"{PAGE}:2: front matter pins examples: {pinned}, the suite collects {pinned + 1}")
    assert f"Fix: set `examples: {pinned + 1}`" in message


def test_mistake_snippet_included_by_no_page(repo):
    (repo / "snippets/autograd/orphan.py").write_text("print(1)\n#> 1\n")
    message = only(checks.check_snippets_included(repo))
    assert message.startswith("snippets/autograd/orphan.py:1: included by no page")
    assert '--8<-- "autograd/orphan.py:<section>"' in message


def test_mistake_page_missing_from_the_nav(repo):
    (repo / "docs/autograd/extra.md").write_text("---\nexamples: 0\n---\n\n# Extra\n")
    append(repo / "docs/autograd/index.md", "\n| [Extra](extra.md) | more |\n")
    yml_line = next(i for i, t in enumerate((repo / "mkdocs.yml").read_text().splitlines(), 1) if "autograd/index.md" in t)
    message = only(checks.check_nav(repo))
    assert message.startswith("docs/autograd/extra.md:1: not in the nav")
    assert f"in the `autograd` section of mkdocs.yml (its entries start at line {yml_line}" in message


def test_mistake_page_missing_from_its_chapter_index(repo):
    (repo / "docs/autograd/extra.md").write_text("---\nexamples: 0\n---\n\n# Extra\n")
    config = repo / "mkdocs.yml"
    config.write_text(config.read_text().replace("      - autograd/index.md\n", "      - autograd/index.md\n      - autograd/extra.md\n"))
    message = only(checks.check_chapter_index(repo))
    assert message.startswith("docs/autograd/extra.md:1: not in the table of docs/autograd/index.md")
    assert "`| [Its title](extra.md) | what it covers |`" in message


@pytest.mark.build
def test_mistake_broken_link_names_page_and_line(tmp_path):
    page = "# Page\n\nIntro.\n\nSee [there](missing.md).\n"
    log = failed_build_log(scratch_site(tmp_path, {"index.md": page}))
    assert "docs/index.md:5: Doc file 'index.md' contains a link 'missing.md'" in log


@pytest.mark.build
def test_mistake_broken_anchor_names_page_and_line(tmp_path):
    pages = {"index.md": "# Home\n\n[A](other.md#nowhere)\n", "other.md": "# Other\n\n## Somewhere\n"}
    log = failed_build_log(scratch_site(tmp_path, pages))
    assert "docs/index.md:3: Doc file 'index.md' contains a link 'other.md#nowhere'" in log
    assert "anchor '#nowhere'" in log


@pytest.mark.parametrize(
    "code, what",
    [
        ('x = torch.ones(2).cuda()\n', ".cuda()"),
        ('x = torch.ones(2).to("cuda")\n', 'to("cuda")'),
        ('x = torch.ones(2, device="cuda:0")\n', 'device="cuda:0"'),
        ('device = torch.device("cuda")\n', 'device("cuda")'),
    ],
)
def test_mistake_snippet_hard_codes_cuda(repo, code, what):
    (repo / "snippets/autograd/on_gpu.py").write_text("import torch\n\n" + code)
    message = only(checks.check_device_agnostic(repo))
    assert message.startswith(f"snippets/autograd/on_gpu.py:3: `{what}` hard-codes CUDA")
    assert f"Fix: `{checks.DEVICE_LINE}`" in message


def test_mistake_page_block_or_lab_hard_codes_cuda(repo):
    line = append(repo / PAGE, "\n```python\nimport torch\nw = torch.zeros(1).cuda()\n```\n") + 3
    lab_line = append(repo / "docs/networks/lab.py", '\n# %%\nmodel = model.to("cuda")\n') + 2
    problems = checks.check_device_agnostic(repo)
    assert [p.split(" hard-codes")[0] for p in problems] == [
        f'docs/networks/lab.py:{lab_line}: `to("cuda")`',
        f"{PAGE}:{line}: `.cuda()`",
    ]


def test_device_check_allows_comparisons_and_fallbacks(repo):
    code = 'import torch\nd = torch.device("cuda" if torch.cuda.is_available() else "cpu")\nprint(d.type == "cuda")\n'
    (repo / "snippets/autograd/old_idiom.py").write_text(code)
    assert checks.check_device_agnostic(repo) == []


@pytest.mark.parametrize(
    "text, url, home",
    [
        ("![loss curve](https://example.com/loss.png)\n", "https://example.com/loss.png", "docs/assets/images/"),
        ('<script src="https://cdn.example.com/lib.js"></script>\n', "https://cdn.example.com/lib.js", "docs/assets/vendor/"),
        ('<img alt="x" src="//example.com/x.svg">\n', "//example.com/x.svg", "docs/assets/images/"),
        ('<link rel="stylesheet" href="https://fonts.example.com/css">\n', "https://fonts.example.com/css", "docs/assets/vendor/"),
    ],
)
def test_mistake_asset_from_another_host(repo, text, url, home):
    line = append(repo / PAGE, "\n" + text) + 1
    message = only(checks.check_external_assets(repo))
    assert message.startswith(f"{PAGE}:{line}: loads {url} from another host")
    assert f"Fix: put the file in {home}" in message


def test_mistake_font_from_another_host_in_a_stylesheet(repo):
    css = repo / "docs/assets/stylesheets/notes.css"
    line = append(css, '\n@import url("https://fonts.example.com/inter.css");\n') + 1
    message = only(checks.check_external_assets(repo))
    assert message.startswith(f"docs/assets/stylesheets/notes.css:{line}: loads @import url(\"https://fonts.example.com")


def test_a_link_to_another_site_is_not_an_asset(repo):
    append(repo / PAGE, "\nSee [the PyTorch docs](https://pytorch.org/docs/stable/autograd.html).\n")
    assert checks.check_external_assets(repo) == []


def test_new_page_scaffold_passes_its_whole_check(repo):
    """`dev.py new`, then `regen`, then the page check it prints: green, with the page's own block run."""
    for name in ("conftest.py", "pyproject.toml"):
        shutil.copy(ROOT / name, repo / name)
    shutil.copytree(ROOT / "docs/assets/vendor", repo / "docs/assets/vendor")  # KaTeX, for the page's maths
    new = subprocess.run(
        [sys.executable, "dev.py", "new", "autograd/higher-order"], cwd=repo, capture_output=True, text=True
    )
    assert new.returncode == 0, new.stderr
    assert "[Higher order](higher-order.md)" in (repo / "docs/autograd/index.md").read_text()
    assert "- Higher order: autograd/higher-order.md" in (repo / "mkdocs.yml").read_text()
    page_command = "python3 dev.py test --page docs/autograd/higher-order.md"
    assert page_command in new.stdout.splitlines()[-2]  # the command it tells the contributor to run next
    snippet = repo / "snippets/autograd/higher_order.py"
    regen = subprocess.run([sys.executable, "-m", "tools.cli.regen", str(snippet)], cwd=repo, capture_output=True, text=True)
    assert regen.returncode == 0, regen.stdout + regen.stderr
    assert "#> (2, 3) 15.0" in snippet.read_text()
    check = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-rA", "--page", "docs/autograd/higher-order.md"],
        cwd=repo,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout[-4000:] + check.stderr[-2000:]
    passed = collections.Counter(re.findall(r"^PASSED ([^:\s]+)::", check.stdout, re.M))
    assert passed == {
        "docs/autograd/higher-order.md": 1,  # the page's one block: the snippet's section, run on the page
        "tests/test_contract.py": len(re.findall(r"^def test_", (ROOT / "tests/test_contract.py").read_text(), re.M)),
        "tests/test_page.py": 2,  # the strict build of the page, ruff on its snippet
        "tests/test_snippets.py": 1,  # its snippet, run on its own
        "tests/test_devices.py": 2,  # the page and its snippet, as if `device` were a GPU
    }, check.stdout
