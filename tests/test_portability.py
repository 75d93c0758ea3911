"""Every printed number holds on every machine: each snippet, page and generated file renders the
same under every CPU kernel choice this machine can make (tools/engine/portability.py: torch's vectorized
kernels, MKL's code path, one or four threads). The matrix is rendered in the background from
collection on (tests/conftest.py: `portability_matrix`), a warm runner per variant."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.engine import portability
from tools.generated.registry import generated_files
from tools.paths import doc_pages, rel, snippet_files

CHECKED = [*snippet_files(), *doc_pages(), *generated_files()]


# The first test waits for the whole matrix (12 variants on an AVX-512 CPU): more than one test's
# usual 600 s on a loaded 2-core machine.
@pytest.mark.timeout(1800)
@pytest.mark.reads("path", variants=True)
@pytest.mark.parametrize("path", CHECKED, ids=[rel(p) for p in CHECKED])
def test_every_output_is_the_same_under_every_cpu_kernel_variant(path, portability_matrix):
    results = portability_matrix(path)
    assert list(results) == portability.variants(), "every variant rendered this file"
    if message := portability.compare(path, results):
        pytest.fail(message, pytrace=False)


AVX512 = {"avx2", "fma", "avx512f", "avx512bw", "avx512vl", "avx512dq"}


@pytest.mark.reads(files=[])
def test_the_matrix_is_every_kernel_choice_the_cpu_has():
    on_avx512 = portability.variants(flags=AVX512, machine="x86_64")
    assert len(on_avx512) == 12
    assert on_avx512[0] == portability.Variant("avx512", "AUTO", 1)  # the reference: how the suite runs
    assert {v.capability for v in on_avx512} == {"default", "avx2", "avx512"}
    assert {v.mkl for v in on_avx512} == {"COMPATIBLE", "AUTO"}
    assert {v.threads for v in on_avx512} == {1, 4}
    on_avx2 = portability.variants(flags={"avx2", "fma"}, machine="x86_64")
    assert {v.capability for v in on_avx2} == {"default", "avx2"}
    on_arm = portability.variants(machine="aarch64")  # no MKL, one capability: threads still vary
    assert on_arm == [portability.Variant("default", None, 1), portability.Variant("default", None, 4)]
    env = portability.Variant("default", "COMPATIBLE", 4).env()
    assert env["ATEN_CPU_CAPABILITY"] == "default" and env["MKL_CBWR"] == "COMPATIBLE"
    assert env["OMP_NUM_THREADS"] == env["MKL_NUM_THREADS"] == "4"


PLANTED = """\
import torch

torch.manual_seed(0)
numbers = torch.randn(1_000_000)
print(numbers.sum().item())
print("the sum is finite:", numbers.sum().isfinite().item())
"""


@pytest.mark.reads(files=[])
def test_a_float32_sum_at_full_precision_fails_naming_its_line(tmp_path: Path):
    planted = tmp_path / "sum_at_full_precision.py"
    planted.write_text(PLANTED)
    pair = portability.regen_pair()
    table = portability.render_matrix(snippets=[planted], every=list(pair))
    message = portability.compare(planted, table[planted])
    assert message is not None, "a float32 sum printed to the last digit passed the matrix"
    values = [table[planted][v].blocks[0][2].splitlines()[5] for v in pair]
    assert values[0] != values[1] and values[0].startswith("#> ")
    assert message.startswith(f"{planted}:6: the output depends on the CPU's kernels")
    for variant, value in zip(pair, values):
        assert f"under {variant}:\n    {value}\n" in message
    assert "a comparison, a sign, a count that cannot flip" in message
    assert f"Reproduce: {pair[1].command(str(planted))}" in message
