"""Which parsers read which files (Sybil), and the suite's `--device` and `--page` options.

Every Markdown page under docs/ is parsed by Sybil: each Python fence becomes a test
(`docs/<page>.md::line:N,column:M`). tests/ holds the contract, snippet, notebook and chapter tests.
`--page docs/CHAPTER/PAGE.md` narrows the run to that page's whole check (tools/page_check.py).
"""

from __future__ import annotations

import os

import pytest
from sybil import Sybil
from sybil.parsers.markdown import SkipParser

from tools import page_check
from tools.sybil_notes import NotesPythonParser, short_failure_report

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


def pytest_report_header(config: pytest.Config) -> str:
    return f"snippets run on: {config.stash[DEVICE_KEY]} (--device to assert one)"


DEVICE_KEY = pytest.StashKey[str]()


@pytest.fixture(scope="session")
def device(pytestconfig: pytest.Config) -> str:
    """The device this run verifies (checked at start-up to be the one snippets pick)."""
    return pytestconfig.stash[DEVICE_KEY]


pytest_runtest_makereport = short_failure_report  # a page example's failure: its message alone
pytest_ignore_collect = page_check.ignore_collect
pytest_collection_modifyitems = page_check.collection_modifyitems

pytest_collect_file = Sybil(
    parsers=[NotesPythonParser(), SkipParser()],
    patterns=["*.md"],
    path="docs",
).pytest()
