"""The outputs engine (tools/engine/outputs.py, tools/engine/runner.py, tools/cli/regen.py) on planted mistakes.

Each test writes a snippet into a temporary directory, renders or regenerates it as the suite and
`python3 dev.py regen` do, and asserts on the failure and on its message.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tools.cli.regen import regenerate, two_runners
from tools.engine import outputs, portability
from tools.engine.runner import Runner
from tools.paths import ROOT

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["snippets/autograd/backward_scalar.py", "snippets/networks/net_module.py"])

BACKWARD_SCALAR = (ROOT / "snippets/autograd/backward_scalar.py").read_text()


@pytest.fixture(scope="module")
def pair():
    """Two runners as regen makes them (tools/cli/regen.two_runners): other hash seeds, and CPU
    kernels as far apart as this machine allows (tools/engine/portability.regen_pair)."""
    runners = two_runners()
    yield runners
    for runner in runners:
        runner.close()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def drift_of(runner: Runner, path: Path) -> str:
    """The message the snippet test gives for `path` ("" when it passes)."""
    (result,) = runner.render_files([path])
    assert result.ok, result.error
    return outputs.compare(path, path.read_text(), result.rendering) or ""


# --- where a #> line sits is checked -------------------------------------------------------------


def test_the_real_snippet_equals_its_rendering(runner, tmp_path):
    assert drift_of(runner, write(tmp_path, "ok.py", BACKWARD_SCALAR)) == ""


PRINT = 'print(f"q = {q.item()}, f = {f.item()}")\n'
Q_LINE = "#> q = 2.0, f = -4.0\n"


@pytest.mark.parametrize(
    ("mistake", "planted"),
    [
        ("misplaced", BACKWARD_SCALAR.replace(PRINT + Q_LINE, Q_LINE + PRINT)),
        ("missing", BACKWARD_SCALAR.replace(Q_LINE, "")),
        ("extra", BACKWARD_SCALAR.replace(Q_LINE, Q_LINE + "#> 42\n")),
        ("reordered", BACKWARD_SCALAR.replace("#> df/dy = -2.0\n#> df/dz = 2.0", "#> df/dz = 2.0\n#> df/dy = -2.0")),
        ("moved below a blank line", BACKWARD_SCALAR.replace(PRINT + Q_LINE, PRINT + "\n" + Q_LINE)),
    ],
)
def test_a_misplaced_missing_extra_or_reordered_output_line_fails(runner, tmp_path, mistake, planted):
    assert planted != BACKWARD_SCALAR, mistake
    path = write(tmp_path, "backward_scalar.py", planted)
    message = drift_of(runner, path)
    assert message, f"a {mistake} #> line went unnoticed"
    first_diff = next(i for i, (a, b) in enumerate(zip(planted.splitlines(), BACKWARD_SCALAR.splitlines())) if a != b)
    assert message.startswith(f"{path}:{first_diff + 1}: the #> lines are not what the code prints")
    assert f"python3 dev.py regen {path}" in message


def test_a_drifted_output_shows_the_diff_and_the_regen_command(runner, tmp_path):
    path = write(tmp_path, "drift.py", "x = 2\nprint(x * 21)\n#> 41\n")
    message = drift_of(runner, path)
    assert message.startswith(f"{path}:3: ")
    assert "-#> 41\n+#> 42\n" in message
    assert f"run `python3 dev.py regen {path}`" in message


def test_output_goes_after_the_whole_loop_at_the_outermost_statement_ending_there(runner, tmp_path):
    code = "if True:\n    for i in range(2):\n        print(i)\n    print('done')\n"
    (result,) = runner.render_files([write(tmp_path, "loop.py", code)])
    assert result.rendering == (
        "if True:\n    for i in range(2):\n        print(i)\n    #> 0\n    #> 1\n    print('done')\n#> done\n"
    )


# --- each snippet is its own program -------------------------------------------------------------

LEAKER = """\
import builtins

import torch

torch.shared_by_accident = 1
torch.set_default_dtype(torch.float64)
builtins.leaked = 1
open("left_behind.txt", "w").close()
"""

LOOKER = """\
import os

import torch

print(hasattr(torch, "shared_by_accident"), torch.get_default_dtype(), os.listdir("."))
#> False torch.float32 ['data']
"""  # a fresh folder, holding only `data`: the link to the checked Fashion-MNIST files


def test_a_snippet_sees_nothing_another_snippet_did(tmp_path, runner, pair):
    leaker, looker = write(tmp_path, "leaker.py", LEAKER), write(tmp_path, "looker.py", LOOKER)
    relies = write(tmp_path, "relies.py", "print(leaked)\n")
    one_at_a_time = pair[1]  # jobs=1: each child starts after the previous one ended
    for warm in (runner, one_at_a_time):
        results = warm.render_files([leaker, looker, leaker, relies])
        assert [r.ok for r in results] == [True, True, True, False]
        assert results[1].rendering == LOOKER
        assert results[3].error.startswith(f"{relies}:1: raised NameError: name 'leaked' is not defined")


def test_a_snippet_that_forgot_an_import_fails_although_the_runner_imported_torch(runner, tmp_path):
    path = write(tmp_path, "forgot.py", "x = 1\ny = torch.zeros(2)\n")
    (result,) = runner.render_files([path])
    assert result.error.startswith(f"{path}:2: raised NameError: name 'torch' is not defined")


def test_a_snippet_that_raises_names_its_file_and_line_and_shows_only_its_frames(runner, tmp_path):
    path = write(tmp_path, "boom.py", "def f(x):\n    return 1 / x\n\n\nf(0)\n")
    (result,) = runner.render_files([path])
    assert result.error.startswith(f"{path}:2: raised ZeroDivisionError: division by zero\n")
    assert f'File "{path}", line 5' in result.error
    assert "tools/" not in result.error  # no frames of the engine


def test_a_warning_is_an_error_as_with_python_w_error(runner, tmp_path):
    path = write(tmp_path, "warns.py", "import warnings\n\nwarnings.warn('careful', UserWarning)\n")
    (result,) = runner.render_files([path])
    assert result.error.startswith(f"{path}:3: raised UserWarning: careful")


def test_writing_to_stderr_is_a_failure(runner, tmp_path):
    path = write(tmp_path, "noisy.py", "import sys\n\nprint('hm', file=sys.stderr)\n")
    (result,) = runner.render_files([path])
    assert result.error == f"{path}: wrote to stderr (a warning or a message; fix it):\nhm\n"


def test_the_runner_matches_a_plain_standalone_run(runner, tmp_path):
    """Same stdout as `python -W error file` from an empty directory (what a reader does)."""
    snippet = ROOT / "snippets/networks/net_module.py"
    plain = subprocess.run(
        [sys.executable, "-W", "error", str(snippet)], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    (result,) = runner.render_files([snippet])
    assert outputs.expected_output(result.rendering) == plain.stdout


# --- regenerating is safe ------------------------------------------------------------------------


def test_regen_rewrites_only_output_lines(tmp_path, pair):
    planted = BACKWARD_SCALAR.replace(Q_LINE, "#> stale\n").replace("#> df/dz = 2.0\n", "")
    path = write(tmp_path, "backward_scalar.py", planted)
    changed, refused, _ = regenerate([path], [], pair)
    assert (changed, refused) == ([str(path)], [])
    assert path.read_text() == BACKWARD_SCALAR


def test_regen_refuses_a_snippet_that_raises_and_leaves_it_unchanged(tmp_path, pair):
    path = write(tmp_path, "boom.py", "print(1)\n#> 1\nraise ValueError('no')\n")
    changed, refused, _ = regenerate([path], [], pair)
    assert changed == [] and path.read_text() == "print(1)\n#> 1\nraise ValueError('no')\n"
    assert refused[0].startswith(f"{path}:3: raised ValueError: no")


def test_regen_refuses_output_that_changes_between_runs_and_says_to_seed_it(tmp_path, pair):
    text = "import torch\n\nprint(torch.randn(2).sum().item())\n"
    path = write(tmp_path, "unseeded.py", text)
    changed, refused, _ = regenerate([path], [], pair)
    assert changed == [] and path.read_text() == text
    assert refused[0].startswith(f"{path}:3: the output changes from one run to the next, or from one CPU")
    assert "3 | print(torch.randn(2).sum().item())" in refused[0]  # the file's line
    assert "torch.manual_seed(0)" in refused[0]
    assert len(refused[0].splitlines()) <= 15


def test_regen_names_the_files_line_even_below_other_output(tmp_path, pair):
    text = "import torch\n\nfor i in range(3):\n    print(i)\n#> 0\n#> 1\n#> 2\nprint(torch.randn(1).item())\n"
    path = write(tmp_path, "unseeded.py", text)
    _, refused, _ = regenerate([path], [], pair)
    assert refused[0].startswith(f"{path}:8: the output changes")  # line 11 of the rendering


def test_regen_refuses_output_that_differs_between_cpu_kernels(tmp_path, pair):
    """The two renderings run on different kernels (portability.regen_pair): a float32 sum
    printed to its last digit differs between them, and regen names the line and both values."""
    text = "import torch\n\ntorch.manual_seed(0)\nprint(torch.randn(1_000_000).sum().item())\n"
    path = write(tmp_path, "full_precision.py", text)
    changed, refused, _ = regenerate([path], [], pair)
    assert changed == [] and path.read_text() == text
    first, far = portability.regen_pair()
    assert refused[0].startswith(f"{path}:4: the output changes from one run to the next, or from one CPU")
    assert f"run 1 ({first}): #> " in refused[0] and f"run 2 ({far}): #> " in refused[0]
    assert "a count that cannot flip" in refused[0]
    assert len(refused[0].splitlines()) <= 15


def test_regen_refuses_memory_addresses(tmp_path, pair):
    path = write(tmp_path, "address.py", "print(object())\n")
    _, refused, _ = regenerate([path], [], pair)
    assert "changes from one run to the next" in refused[0]


def _dev(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.cli.regen", *args], cwd=ROOT, capture_output=True, text=True)


def test_regen_help_and_unknown_paths():
    helped = _dev("--help")
    assert helped.returncode == 0 and "usage: python3 dev.py regen" in helped.stdout
    unknown = _dev("snippets/autograd/no_such_snippet.py")
    assert unknown.returncode == 2
    assert "snippets/autograd/no_such_snippet.py: not a snippet" in unknown.stderr


def test_each_child_draws_fresh_seeds_like_a_new_process(runner, tmp_path):
    """Unseeded output changes between children too, so the snippet test itself catches it."""
    text = "import random\n\nimport torch\n\nprint(torch.rand(1).item(), random.random())\n"
    path = write(tmp_path, "unseeded.py", text)
    first, second = runner.render_files([path, path])
    assert first.rendering != second.rendering


def test_regen_summary_counts_the_refused_files():
    from tools.cli.regen import summary

    text = summary(["a.py"], 3, ["b.py: raised", "c.py: varies"])
    assert text == "1 file(s) changed, 3 unchanged, 2 refused (NOT WRITTEN, above)"
    assert "refused" not in summary([], 4, [])


def test_another_threads_output_is_not_taken_for_the_codes(tmp_path, capsys):
    """The suite runs work in background threads (the browser tour) while pages render; a line they
    print goes to the real stdout, not into the page's #> lines and not into an error."""
    import threading

    done = threading.Event()
    code = "import threading\nstart()\ndone.wait(10)\nprint('mine')\n"
    namespace = {
        "start": lambda: threading.Thread(target=lambda: (print("background"), done.set())).start(),
        "done": done,
    }
    rendering = outputs.render(code, str(tmp_path / "page.md"), namespace)
    assert rendering == code + "#> mine\n"
    assert "background" in capsys.readouterr().out
