"""The pytest side of the page examples (tools/pages/sybil_notes.py stays free of pytest, so the runner's
children and the build can use it): a page example's failure reported short, and the suite's own
run of each page recorded as the kernel matrix's reference. The root conftest.py installs both.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil import Example
from sybil.example import SybilFailure

from tools.pages.sybil_notes import CheckedOutputEvaluator, block_of


@pytest.hookimpl(wrapper=True)
def short_failure_report(item: pytest.Item, call: pytest.CallInfo):
    """pytest_runtest_makereport: a failing page example reports its message alone, without Sybil's
    header and footer (the message leads with file:line)."""
    report = yield
    if report.failed and call.excinfo is not None and isinstance(call.excinfo.value, SybilFailure):
        report.longrepr = str(call.excinfo.value.result).rstrip()
    return report


class PageRecorder:
    """The suite's own run of each page, recorded as `render_page` would return it, so that the
    kernel matrix takes it as its reference variant instead of rendering the page once more.

    The root conftest.py registers it as a plugin (its pytest_runtest_call wraps each example).
    `blocks(page)` is the
    page's rendering once every one of its examples ran here without failing, else None (part of
    the page was deselected, reused from the record or failed: the matrix renders it itself).
    """

    NAME = "page-recorder"  # its name among the run's plugins

    def __init__(self, evaluator: CheckedOutputEvaluator):
        # Set by the root conftest.py: whether this process computes as the matrix's reference
        # variant does (else nothing recorded here is a reference), and each page's number of
        # examples.
        self.is_reference = False
        self.examples: dict[Path, int] = {}
        self.recorded: list[tuple[str, int, str]] = []
        evaluator.record = self.recorded
        self._blocks: dict[Path, list[dict]] = {}
        self._ran: dict[Path, set[int]] = {}
        self._failed: set[Path] = set()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_call(self, item: pytest.Item):
        example = getattr(item, "example", None)
        if example is None or type(item).__name__ != "SybilItem":
            return (yield)
        page, before = Path(example.path).resolve(), len(self.recorded)
        try:
            result = yield
        except BaseException as error:
            self._note(page, example, before, error)
            raise
        self._note(page, example, before, None)
        return result

    def _note(self, page: Path, example: Example, before: int, error: BaseException | None) -> None:
        from unittest import SkipTest

        if error is not None and not isinstance(error, SkipTest):
            self._failed.add(page)
        if (block := block_of(example, self.recorded, before, error)) is not None:
            self._blocks.setdefault(page, []).append(block)
        self._ran.setdefault(page, set()).add(id(example))

    def blocks(self, page: Path) -> list[dict] | None:
        """The page's blocks, when every example of it ran here and none failed."""
        page = Path(page).resolve()
        if not self.is_reference or page in self._failed or len(self._ran.get(page, ())) != self.examples.get(page):
            return None
        return self._blocks.get(page, [])
