"""No snippet or page mixes devices, even on a machine without a GPU.

On the CPU a tensor never moved to `device` is where the model is, so every other check passes;
on CUDA or MPS the same line raises. Each snippet and page runs once more as if `device` were an
accelerator (tools/suite/device_check.py: a TorchFunctionMode tags what is put on `device`), in the
suite's warm runner; the batch starts at collection (tests/conftest.py: `device_mixes`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.paths import doc_pages, rel, snippet_files
from tools.suite import device_check

CHECKED = [*snippet_files(), *doc_pages()]


# The first test waits for the whole batch (every snippet and page run once more): on a loaded
# 2-core machine more than one test's usual 600 s, as for the kernel matrix.
@pytest.mark.timeout(1800)
@pytest.mark.reads("path")
@pytest.mark.parametrize("path", CHECKED, ids=[rel(p) for p in CHECKED])
def test_no_snippet_or_page_mixes_devices(path, device_mixes):
    if message := device_mixes[path]:
        pytest.fail(message, pytrace=False)


PLANTED = """\
import torch
from torch import nn

device = torch.accelerator.current_accelerator(check_available=True)
device = device or torch.device("cpu")

torch.manual_seed(0)
model = nn.Linear(2, 1).to(device)
data = torch.randn(4, 2)


def predict(x):
    return model(x.to(device))  # moves its own copy: `data` stays where it was


print(tuple(predict(data).shape))
print(tuple(model(data).shape))
"""


@pytest.mark.reads(files=[])
def test_data_left_on_the_cpu_fails_naming_the_line_and_both_devices(tmp_path: Path, runner):
    planted, clean = tmp_path / "left_on_the_cpu.py", tmp_path / "moved.py"
    planted.write_text(PLANTED)
    clean.write_text(PLANTED.replace("data = torch.randn(4, 2)", "data = torch.randn(4, 2).to(device)"))
    numpy = tmp_path / "numpy_on_the_gpu.py"
    numpy.write_text(PLANTED.replace("print(tuple(model(data).shape))", "print(model(data.to(device)).detach().numpy().shape)"))
    mixed, moved, converted = runner.check_devices([planted, clean, numpy], **device_check.RUN_WITH)
    assert mixed is not None, "a model on `device` fed a tensor left on the CPU passed the device check"
    assert mixed.startswith(f"{rel(planted)}:17: mixes devices"), mixed
    assert "torch.nn.functional.linear gets a [1, 2] tensor on the accelerator (`device`) and a [4, 2] tensor left on the CPU" in mixed
    assert "cuda:0 and cpu, or mps:0 and cpu" in mixed and "x.to(device)" in mixed
    assert moved is None, f"the same snippet with its data moved failed the device check:\n{moved}"
    assert converted is not None and converted.startswith(f"{rel(numpy)}:17: mixes devices"), converted
    assert "numpy needs it on the CPU first (`.cpu()`)" in converted


HELPER = """\
import torch

from snippets.training.fit import spiral_model, x_train
from snippets.training.probes import dead_units

print([int(mask.sum()) for mask in dead_units(spiral_model(), x_train)])
"""


@pytest.mark.reads(files=["snippets/training/fit.py", "snippets/training/probes.py"])
def test_a_mix_inside_another_snippet_names_the_line_that_called_it(tmp_path: Path, runner):
    planted = tmp_path / "helper_fed_cpu_data.py"
    planted.write_text(HELPER)
    [message] = runner.check_devices([planted], **device_check.RUN_WITH)
    assert message is not None and message.startswith(f"{rel(planted)}:6: mixes devices (inside snippets/training/probes.py:"), message
    assert "a [600, 2] tensor left on the CPU" in message
