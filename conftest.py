"""Which parsers read which files (Sybil), the suite's `--device` and `--page` options, and the
record of what a run verified (build/verified/<device>-<machine>-<os>.json, which the page footers
are built from).

Every Markdown page under docs/ is parsed by Sybil: each Python fence becomes a test
(`docs/<page>.md::line:N,column:M`). tests/ holds the contract, snippet, notebook and chapter tests.
`--page docs/CHAPTER/PAGE.md` narrows the run to that page's whole check (tools/page_check.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sybil import Sybil

from tools import page_check
from tools.sybil_notes import parsers, short_failure_report

DEVICES = ("cpu", "cuda", "mps")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--device",
        choices=DEVICES,
        default=None,
        help="device the snippets, pages and notebooks must run on. Default: the one the snippets "
        "pick on this machine (torch.accelerator: cuda, mps, or cpu). Naming one asserts it: asking "
        "for one that is not there is a usage error, never an all-skipped run; --device cpu hides CUDA.",
    )
    page_check.addoption(parser)


def pytest_configure(config: pytest.Config) -> None:
    page_check.configure(config)
    _fashion_mnist_in_place()
    asked = config.getoption("--device")
    if asked == "cpu":
        # Hide every CUDA GPU from this process and from the snippets and kernels it starts,
        # so the device-agnostic snippets really pick the CPU.
        os.environ["CUDA_VISIBLE_DEVICES"] = ""
    import torch

    picked = torch.accelerator.current_accelerator(check_available=True)
    picked_type = picked.type if picked is not None else "cpu"
    if asked is not None and picked_type != asked:
        raise pytest.UsageError(
            f"--device {asked} was asked for, but the snippets' device-agnostic choice "
            f"(torch.accelerator.current_accelerator) gives {picked_type!r} on this machine. "
            "Leave --device out to verify on the device the snippets pick."
        )
    config.stash[DEVICE_KEY] = picked_type


def _fashion_mnist_in_place() -> None:
    """The checked Fashion-MNIST files, and `data` at the root pointing at them, for the pages'
    `root="data"` (tools/fashion_mnist.py; dev.py has done it already, unless pytest was run alone)."""
    import sys

    from tools import fashion_mnist

    try:
        fashion_mnist.ensure(Path(sys.executable))
    except fashion_mnist.DataError as error:
        raise pytest.UsageError(str(error)) from None


def pytest_report_header(config: pytest.Config) -> str:
    return f"snippets run on: {config.stash[DEVICE_KEY]} (--device to assert one)"


DEVICE_KEY = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def device(pytestconfig: pytest.Config) -> str:
    """The device this run verifies (checked at start-up to be the one snippets pick)."""
    return pytestconfig.stash[DEVICE_KEY]


_PASSED: set[str] = set()  # node ids whose setup, call and teardown all passed (or skipped)
_FAILED: set[str] = set()
MATRIX_TEST = "tests/test_portability.py::test_every_output_is_the_same_under_every_cpu_kernel_variant"


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed:
        _FAILED.add(report.nodeid)
    elif report.when == "call" or report.skipped:
        _PASSED.add(report.nodeid)


def write_record(session: pytest.Session) -> None:
    """build/verified/<device>-<machine>-<os>.json: what this run checked and passed, page by page
    (tools/verified.py; the page footers are built from it)."""
    import platform

    import torch

    from tools import portability, verified

    items: dict[str, list[str]] = {}
    for item in session.items:
        page = item.nodeid.split("::")[0]
        if page.startswith("docs/") and page.endswith(".md"):
            items.setdefault(page, []).append(item.nodeid)
    matrix_ran = any(item.nodeid.startswith(MATRIX_TEST) for item in session.items)
    pages = {}
    for page, ids in items.items():
        if any(i in _FAILED for i in ids):  # a failure withdraws what an earlier run recorded
            pages[page] = {"examples": False, "variants": False}
            continue
        if any(i not in _PASSED for i in ids):
            continue  # not every example ran: this run says nothing of the page
        matrix = f"{MATRIX_TEST}[{page}]"
        ran = any(item.nodeid == matrix for item in session.items)  # None: this run says nothing of it
        pages[page] = {"examples": True, "variants": (matrix in _PASSED and matrix not in _FAILED) if ran else None}
    if not pages:
        return
    device = session.config.stash[DEVICE_KEY]
    if device == "cuda":
        machine = torch.cuda.get_device_name()
    elif device == "mps":
        machine = f"{platform.machine()} Mac"
    else:
        machine = f"{platform.machine()}, {_cpu_model()}"
    entry = {
        "torch": torch.__version__,
        "machine": machine,
        "variants": [str(v) for v in portability.variants()] if matrix_ran else [],
    }
    verified.write(device, entry, pages)


def _cpu_model() -> str:
    import platform

    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        text = ""
    line = next((line for line in text.splitlines() if line.startswith("model name")), "")
    return line.partition(":")[2].strip() or platform.processor() or "unknown CPU"


def pytest_sessionfinish(session: pytest.Session) -> None:
    if session.items:
        write_record(session)


pytest_runtest_makereport = short_failure_report  # a page example's failure: its message alone
pytest_ignore_collect = page_check.ignore_collect
pytest_collection_modifyitems = page_check.collection_modifyitems

pytest_collect_file = Sybil(
    parsers=parsers(),
    patterns=["*.md"],
    path="docs",
).pytest()
