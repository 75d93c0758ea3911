"""Bad input gets a clear error that names the file and the line: a broken include, a drifting
output, a snippet that raises, a notebook cell error, a formula KaTeX refuses (a broken link or
anchor: tests/test_mistakes.py). Each case is built in a scratch copy of the site that uses this
repository's own mkdocs.yml, hooks and Sybil parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from sybil import Sybil
from sybil.example import SybilFailure

from tests.support.sites import failed_build_log, scratch_site
from tools.pages.notebooks import NotebookCellError, run_notebook
from tools.pages.sybil_notes import NotesPythonParser, runnable_for
from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/autograd/backward_scalar.py", "docs/assets"])


@pytest.mark.build
def test_broken_include_fails_the_build_naming_page_and_line(tmp_path):
    page = "# Page\n\n```python\n--8<-- \"nope.py:setup\"\n```\n"
    log = failed_build_log(scratch_site(tmp_path, {"index.md": page}))
    assert "index.md:4: includes 'nope.py'" in log


@pytest.mark.build
def test_missing_section_fails_the_build_naming_page_and_line(tmp_path):
    page = "# Page\n\ntext\n\n```python\n--8<-- \"real.py:nosuch\"\n```\n"
    log = failed_build_log(scratch_site(tmp_path, {"index.md": page}, {"real.py": "x = 1\n"}))
    assert "index.md:6: 'real.py' has no section [start:nosuch]" in log


@pytest.mark.build
def test_maths_katex_cannot_typeset_fails_the_build_naming_page_and_line(tmp_path):
    page = "# Page\n\nFine: \\(a + b\\).\n\nBroken: \\(\\frac{a}{b\\).\n"
    log = failed_build_log(scratch_site(tmp_path, {"index.md": page}))
    assert "docs/index.md:5: KaTeX cannot typeset '\\\\frac{a}{b': KaTeX parse error" in log


@pytest.mark.build
def test_maths_in_a_lab_katex_cannot_typeset_fails_the_build_naming_the_lab_line(tmp_path):
    lab = "# %% [markdown]\n# # Lab\n#\n# A formula: $\\undefinedmacro{x}$.\n\n# %%\nx = 1\n"
    log = failed_build_log(scratch_site(tmp_path, {"index.md": "# Home\n", "ch/lab.py": lab}))
    assert "docs/ch/lab.py:4: KaTeX cannot typeset '\\\\undefinedmacro{x}'" in log


@pytest.mark.build
def test_notebook_cell_error_fails_the_build(tmp_path):
    lab = "# %% [markdown]\n# # Lab\n\n# %%\nx = 1\n\n# %%\ny = 2\nraise ValueError('exercise 2 is wrong')\n"
    log = failed_build_log(scratch_site(tmp_path, {"index.md": "# Home\n", "ch/lab.py": lab}))
    assert f"{tmp_path}/docs/ch/lab.py:9: a lab cell raised ValueError: exercise 2 is wrong\n" in log
    assert "    raise ValueError('exercise 2 is wrong')\n" in log
    assert "\x1b[" not in log


def test_notebook_cell_error_names_the_lab_line_without_colour_codes(tmp_path):
    lab = tmp_path / "lab.py"
    cells = [
        "# %%\nx = 1\n",
        "# %% [markdown]\n# text\n",
        "# %%\n\ndef check(v):\n    assert v == 3, 'not 3'\n\ncheck(x)\n",
    ]
    lab.write_text("\n".join(cells))
    with pytest.raises(NotebookCellError) as error:
        run_notebook(lab)
    message = str(error.value)
    # The innermost line of the lab that ran (inside check), as Python's own traceback ends.
    assert message.startswith(f"{lab}:10: a lab cell raised AssertionError: not 3\n    assert v == 3, 'not 3'\n")
    assert "\x1b[" not in message


def test_a_lab_is_re_executed_when_a_snippet_it_imports_changes(tmp_path):
    """The build's lab cache key (mkdocs-jupyter's, extended by the hook) covers imported snippets."""
    import importlib.util

    import mkdocs_jupyter.plugin as jupyter_plugin

    spec = importlib.util.spec_from_file_location("hooks_under_test", ROOT / "tools/site/hooks/labs.py")
    hooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hooks)
    hooks._patch_mkdocs_jupyter()
    for name, text in {
        "docs/ch/lab.py": "# %%\nfrom snippets.ch.uses import answer\n\nassert answer() == 42\n",
        "snippets/ch/uses.py": "from snippets.ch.helper import value\n\n\ndef answer():\n    return value\n",
        "snippets/ch/helper.py": "value = 42\n",
        "snippets/ch/unrelated.py": "print(1)\n",
    }.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    lab = tmp_path / "docs/ch/lab.py"
    config = {key: None for key in ("kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
                                    "remove_tag_config", "highlight_extra_classes", "include_requirejs",
                                    "custom_mathjax_url", "toc_depth")}

    def key() -> str:
        return jupyter_plugin._compute_cache_key(str(lab), config, True)

    before = key()
    (tmp_path / "snippets/ch/unrelated.py").write_text("print(2)\n")
    assert key() == before  # nothing it imports changed: the cached page is reused
    (tmp_path / "snippets/ch/helper.py").write_text("value = 41\n")
    assert key() != before  # a snippet it imports (through another) changed: executed again


def _evaluate_page(tmp_path: Path, text: str):
    page = tmp_path / "page.md"
    page.write_text(text)
    document = Sybil(parsers=[NotesPythonParser()], path=str(tmp_path), patterns=["*.md"]).parse(page)
    for example in document:
        example.evaluate()


def _collect_and_run(tmp_path: Path, text: str) -> list[str]:
    """Collect a page as the suite does (a collection error would raise) and run every example:
    the failure messages, one per failing example."""
    page = tmp_path / "page.md"
    page.write_text(text)
    document = Sybil(parsers=[NotesPythonParser()], path=str(tmp_path), patterns=["*.md"]).parse(page)
    failures = []
    for example in document:
        try:
            example.evaluate()
        except SybilFailure as failure:
            failures.append(failure.result)
    return failures


def test_include_of_a_missing_file_fails_one_example_naming_page_line_and_fix(tmp_path):
    text = "# Page\n\n```python\nx = 1\n```\n\n```python\n--8<-- \"autograd/nope.py:setup\"\n```\n"
    failures = _collect_and_run(tmp_path, text)
    assert len(failures) == 1
    assert failures[0].startswith(f"{tmp_path / 'page.md'}:8: includes 'autograd/nope.py', which is not under ")
    assert "Fix the path in the --8<-- line, or create the snippet there." in failures[0]


def test_include_of_a_missing_section_fails_one_example_naming_page_line_and_fix(tmp_path):
    text = "# Page\n\n```python\n--8<-- \"autograd/backward_scalar.py:nosuch\"\n```\n"
    failures = _collect_and_run(tmp_path, text)
    assert failures == [
        f"{tmp_path / 'page.md'}:4: 'autograd/backward_scalar.py' has no section [start:nosuch] "
        "(its sections: setup, forward, backward). Fix the name in the --8<-- line, or add "
        "`# --8<-- [start:nosuch]` and `# --8<-- [end:nosuch]` around the lines to show."
    ]


def test_drifting_output_fails_with_a_diff_naming_page_and_line(tmp_path):
    text = "# Page\n\n```python\nprint(1 + 1)\n#> 3\n```\n"
    with pytest.raises(SybilFailure) as failure:
        _evaluate_page(tmp_path, text)
    message = str(failure.value)
    assert f"{tmp_path / 'page.md'}:5: the #> lines are not what the code prints there" in message
    assert "-#> 3\n+#> 2" in message
    assert "move this code into a snippet" in message


def test_drifting_output_of_an_included_section_names_the_snippet_line_and_regen(tmp_path):
    snippet = ROOT / "snippets/autograd/backward_scalar.py"
    text = (
        '# Page\n\n```python\n--8<-- "autograd/backward_scalar.py:setup"\n```\n\n'
        "```python\nq = x + y\nprint(q.item())\n#> 2.0\n```\n"
    )
    assert _collect_and_run(tmp_path, text) == []
    runnable = runnable_for('--8<-- "autograd/backward_scalar.py:forward"', tmp_path / "page.md", 0)
    planted = runnable.code.replace("#> q = 2.0, f = -4.0", "#> q = 2.0, f = -5.0")
    namespace: dict = {}
    exec(compile(snippet.read_text().split("# --8<-- [end:setup]")[0], "setup", "exec"), namespace)
    from tools.engine import outputs

    rendering = outputs.render(planted, runnable.filename, namespace, runnable.line_offset + 1)
    line = snippet.read_text().splitlines().index("#> q = 2.0, f = -4.0") + 1
    where = "snippets/autograd/backward_scalar.py"
    message = outputs.drift_message(where, runnable.line_offset + 1, planted, rendering, "")
    assert message.startswith(f"snippets/autograd/backward_scalar.py:{line}: the #> lines are not what the code prints")


def test_unexpected_output_also_fails(tmp_path):
    with pytest.raises(SybilFailure, match=r"\+#> printed but not shown"):
        _evaluate_page(tmp_path, '```python\nprint("printed but not shown")\n```\n')


def test_block_that_raises_names_page_and_line_the_lines_and_the_fix(tmp_path):
    text = "# Page\n\n```python title=\"boom\"\nx = 1\ny = x / 0\n```\n"
    (message,) = _collect_and_run(tmp_path, text)
    assert message.splitlines() == [
        f"{tmp_path / 'page.md'}:5: ZeroDivisionError: division by zero",
        "     4 | x = 1",
        ">    5 | y = x / 0",
        message.splitlines()[-1],
    ]
    assert message.splitlines()[-1].startswith("Fix: make it run (the page's blocks run top to bottom")
    assert 'mark it <!-- skip: next "why" -->' in message


def test_block_that_raises_inside_torch_names_its_own_line_and_where_it_raised(tmp_path):
    text = "# Page\n\n```python\nimport torch\n\nz = torch.nn.functional.softplus(torch.ones(2), beta='x')\n```\n"
    (message,) = _collect_and_run(tmp_path, text)
    first, *_ = message.splitlines()
    assert first.startswith(f"{tmp_path / 'page.md'}:6: TypeError: softplus(): argument 'beta'")
    assert len(message.splitlines()) <= 15


def test_a_drifted_snippet_is_reported_by_its_own_test_not_again_by_its_page(tmp_path):
    from types import SimpleNamespace

    from tools.pages import includes, sybil_notes

    snippet = tmp_path / "s.py"
    snippet.write_text("# --8<-- [start:a]\nprint(1)\n#> 2\n# --8<-- [end:a]\n")  # stale: it prints 1
    runnable = sybil_notes.Runnable("print(1)\n#> 2\n", str(snippet), 1, includes.Include("s.py", "a"))

    def evaluate(standalone=None) -> str | None:
        example = SimpleNamespace(parsed=runnable, namespace={}, path=str(tmp_path / "page.md"), line=3)
        return sybil_notes.CheckedOutputEvaluator(standalone)(example)

    # the snippet's test is not in this session
    assert evaluate().startswith(f"{snippet}:3: the #> lines are not what the code prints")
    assert evaluate(sybil_notes.SnippetsAlone()).startswith(f"{snippet}:3: ")  # nothing handed to it yet
    rendered_alone = "# --8<-- [start:a]\nprint(1)\n#> 1\n# --8<-- [end:a]\n"
    assert evaluate(lambda path: rendered_alone if path == snippet else None) is None  # its own test reports it
    alone = sybil_notes.SnippetsAlone()
    alone.use(lambda path: snippet.read_text().replace("#> 2", "#> 3"))
    assert evaluate(alone).startswith(f"{snippet}:3: ")  # the page prints something else than the snippet alone


def test_included_code_runs_with_the_snippets_own_file_and_line_numbers():
    runnable = runnable_for('--8<-- "autograd/backward_scalar.py:backward"', ROOT / "docs/x.md", 0)
    snippet = ROOT / "snippets/autograd/backward_scalar.py"
    assert runnable.filename == str(snippet)
    file_line = snippet.read_text().splitlines().index("f.backward()  # (1)!") + 1
    block_line = runnable.code.splitlines().index("f.backward()  # (1)!") + 1
    assert runnable.line_offset + block_line == file_line


EVERY_KIND_OF_PYTHON_FENCE = '''# Page

```python
a = 1
```

```py
b = a + 1
```

```python title="snippets/x.py" linenums="1"
c = b + 1
print(c)
#> 3
```

```pycon
>>> c * 2
6
>>> print("two\\nlines")
two
lines
```

!!! note "inside an admonition"
    ```python
    d = c + 1
    ```

=== "Tab one"

    ```python
    e = d + 1
    ```

=== "Tab two"

    ```python
    assert e == 5
    ```

```python
--8<-- "autograd/notes_backprop.py"
```
'''


def test_every_kind_of_python_fence_is_collected_and_run(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(EVERY_KIND_OF_PYTHON_FENCE)
    document = Sybil(parsers=[NotesPythonParser()], path=str(tmp_path), patterns=["*.md"]).parse(page)
    examples = list(document)
    # python, py, titled, 2 doctest examples, admonition, 2 tabs, include
    assert len(examples) == 9
    for example in examples:
        example.evaluate()
    assert document.namespace["e"] == 5
    assert str(document.namespace["x"].grad) == "tensor(-2.)"  # the include ran


def test_failing_doctest_in_a_pycon_block_fails(tmp_path):
    with pytest.raises(SybilFailure, match=r"Expected:\s+7\s+Got:\s+6"):
        _evaluate_page(tmp_path, "```pycon\n>>> 3 * 2\n7\n```\n")


def test_asking_for_a_missing_device_is_an_error_not_a_skipped_run():
    present = torch.accelerator.current_accelerator(check_available=True)
    missing = next(d for d in ("cuda", "mps") if present is None or present.type != d)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--device", missing, "--collect-only", "-q", "tests/test_vendor.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "CUDA_VISIBLE_DEVICES"},
    )
    assert result.returncode == 4  # pytest's usage error
    assert f"--device {missing} was asked for" in result.stderr
