"""Which parsers read which files (Sybil), the suite's `--device` and `--page` options, and the
record of what a run verified (build/verified/<device>-<machine>-<os>.json, which the page footers
are built from).

Every Markdown page under docs/ is parsed by Sybil: each Python fence becomes a test
(`docs/<page>.md::line:N,column:M`). tests/ holds the contract, snippet, notebook and chapter tests.
`--page docs/CHAPTER/PAGE.md` narrows the run to that page's whole check (tools/suite/page_check.py).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sybil import Sybil

from tools.engine import portability
from tools.pages.sybil_notes import SnippetsAlone, parsers
from tools.suite import page_check, record_plugin
from tools.suite.sybil_plugin import PageRecorder, short_failure_report

DEVICES = ("cpu", "cuda", "mps")

# The suite runs under the kernel matrix's reference variant (tools/engine/portability.py: the CPU's best
# kernels, MKL's AUTO path, one thread), set here before anything imports torch: the suite's own
# run of each page, snippet and generated file is then the matrix's reference rendering, and the
# matrix renders only the other variants. A variable set to something else is kept (the matrix
# then renders the reference itself: `reference_is_this_process`).
REFERENCE = portability.variants()[0]
for _name, _value in REFERENCE.env().items():
    if _name in portability.CPU_SETTINGS:
        os.environ.setdefault(_name, _value)


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
    record_plugin.addoption(parser)


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
    record_plugin.configure(config, picked_type)
    config.pluginmanager.register(RECORDER, PageRecorder.NAME)
    config.pluginmanager.register(ALONE, SnippetsAlone.NAME)
    RECORDER.is_reference = picked_type == "cpu" and reference_is_this_process()


def reference_is_this_process() -> bool:
    """True when this process computes as the matrix's reference variant does (its CPU settings
    and torch's kernels and threads): then its renderings are the reference's."""
    import torch

    settings = {name: os.environ.get(name) for name in portability.CPU_SETTINGS}
    wanted = {name: value for name, value in REFERENCE.env().items() if name in portability.CPU_SETTINGS}
    capability = torch.backends.cpu.get_cpu_capability().lower()
    same_kernels = capability == REFERENCE.capability
    return settings == {**settings, **wanted} and same_kernels and torch.get_num_threads() == REFERENCE.threads


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


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.failed:
        _FAILED.add(report.nodeid)
    elif report.when == "call" or report.skipped:
        _PASSED.add(report.nodeid)


def write_record(session: pytest.Session) -> None:
    """build/verified/<device>-<machine>-<os>.json: what this run checked and passed, page by page
    (tools/pages/verified.py; the page footers are built from it)."""
    import torch

    from tools.engine import portability
    from tools.pages import verified
    from tools.paths import rel
    from tools.suite import record

    items: dict[str, list[str]] = {}
    first: dict[str, pytest.Item] = {}
    matrix: dict[str, str] = {}  # page -> the node id of its kernel-matrix check
    for item in session.items:
        page = item.nodeid.split("::")[0]
        if page.startswith("docs/") and page.endswith(".md"):
            items.setdefault(page, []).append(item.nodeid)
            first.setdefault(page, item)
        checked = record_plugin.param(item, "path")
        if checked and "portability_matrix" in item.fixturenames:  # the kernel matrix's check of a file
            matrix[rel(checked)] = item.nodeid
    pages = {}
    for page, ids in items.items():
        if any(i in _FAILED for i in ids):  # a failure withdraws what an earlier run recorded
            pages[page] = {"examples": False, "variants": False}
            continue
        if any(i not in _PASSED for i in ids):
            continue  # not every example ran: this run says nothing of the page
        checked = matrix.get(page)  # None: this run says nothing of its variants
        pages[page] = {
            "examples": True,
            "variants": (checked in _PASSED and checked not in _FAILED) if checked else None,
            # The run that produced the result: an earlier one when the record's result was reused.
            "run": record_plugin.produced_by(first[page]),
        }
    if not pages:
        return
    device = session.config.stash[DEVICE_KEY]
    entry = {
        "torch": torch.__version__,
        "machine": record.machine_name(device),
        "variants": [str(v) for v in portability.variants()] if matrix else [],
    }
    verified.write(device, entry, pages)


def pytest_sessionfinish(session: pytest.Session) -> None:
    if session.items:
        write_record(session)


pytest_runtest_makereport = short_failure_report  # a page example's failure: its message alone
pytest_ignore_collect = page_check.ignore_collect


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    page_check.collection_modifyitems(session, config, items)  # --page: only that page's checks
    for item in items:  # every example of each page, before -k leaves some out
        if record_plugin.is_page_example(item):
            page = Path(item.path).resolve()
            RECORDER.examples[page] = RECORDER.examples.get(page, 0) + 1


@pytest.hookimpl(tryfirst=True)  # once -k and the rest have selected, before tests/conftest.py starts the work
def pytest_collection_finish(session: pytest.Session) -> None:
    record_plugin.get(session.config).plan(session.items)  # what the record holds is reused, not run


# A snippet's drift is reported by the snippet's own test when it runs in this session
# (tests/conftest.py hands the snippet batch to ALONE), not again by the page that includes it.
ALONE = SnippetsAlone()
PARSERS = parsers(standalone=ALONE)
# The suite's own run of each page, recorded as the matrix's reference variant (tests/conftest.py).
RECORDER = PageRecorder(PARSERS[0].evaluator)

_PAGE_FOLDERS: dict[int, tuple[str, str]] = {}


def _enter_page_folder(namespace: dict) -> None:
    """A page's examples run from a new empty folder, as a reader pasting them does and as the
    kernel matrix's children run them: what a block writes (a saved model) lands there, never in
    the repository; `data` there is the checked Fashion-MNIST files (tools/fashion_mnist.py). The
    suite's other work never depends on this process's folder (each subprocess names its own)."""
    import tempfile

    from tools import fashion_mnist

    folder = tempfile.mkdtemp(prefix="page-cwd-")
    _PAGE_FOLDERS[id(namespace)] = (os.getcwd(), folder)
    os.chdir(folder)
    fashion_mnist.linked_here()


def _leave_page_folder(namespace: dict) -> None:
    import shutil

    back, folder = _PAGE_FOLDERS.pop(id(namespace))
    os.chdir(back)
    shutil.rmtree(folder, ignore_errors=True)


pytest_collect_file = Sybil(
    parsers=PARSERS,
    patterns=["*.md"],
    path="docs",
    setup=_enter_page_folder,
    teardown=_leave_page_folder,
).pytest()
