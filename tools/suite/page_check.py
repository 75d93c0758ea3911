"""`python3 dev.py test --page docs/CHAPTER/PAGE.md`: one page's whole check, in seconds.

The option (the root conftest.py registers it) narrows the run to what can fail because of that
page, and nothing else is collected:

* the page's Python blocks (Sybil, docs/CHAPTER/PAGE.md);
* its snippets (tests/test_snippets.py, only the snippets the page includes);
* the contract checks (tests/test_contract.py: fences, examples:, nav, index table, devices,
  assets; static and quick, so all of them run, for every page);
* ruff on its snippets and the page through the strict build (tests/test_page.py; the build of
  one page is tools/site/page_build.py);
* the device check of the page and its snippets (tests/test_devices.py).

`--page` may be repeated. Other pytest options (-k, -x) still apply, and a path named on the
command line is collected as usual.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.pages import includes
from tools.paths import ROOT, SNIPPETS

OPTION = "--page"
PAGE_TESTS = ("tests/test_snippets.py", "tests/test_contract.py", "tests/test_page.py", "tests/test_devices.py")
PAGES_KEY = pytest.StashKey[list[Path]]()


def addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        OPTION,
        action="append",
        default=[],
        metavar="docs/CHAPTER/PAGE.md",
        help="run one page's whole check: its blocks, its snippets, the contract checks, ruff on its snippets "
        "and the strict build of the page (repeatable)",
    )


def configure(config: pytest.Config) -> None:
    pages = []
    for name in config.getoption(OPTION):
        page = (Path(config.invocation_params.dir) / name).resolve()
        if page.suffix != ".md" or not page.is_file() or ROOT / "docs" not in page.parents:
            raise pytest.UsageError(f"{OPTION} {name}: not a page (docs/CHAPTER/PAGE.md)")
        pages.append(page)
    config.stash[PAGES_KEY] = pages


def pages(config: pytest.Config) -> list[Path]:
    return config.stash.get(PAGES_KEY, [])


def snippets_of(page: Path) -> list[Path]:
    """The snippet files (.py) a page includes, in the order it first includes them."""
    found = dict.fromkeys(SNIPPETS / target for target in includes.page_includes(page) if target.endswith(".py"))
    return [path for path in found if path.is_file()]


def ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    chosen = pages(config)
    try:
        rel = collection_path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return None
    if not chosen:
        # tests/test_page.py checks the pages named by --page; the whole run has the whole build and ruff.
        return True if rel == "tests/test_page.py" else None
    if rel.startswith("docs/"):
        if collection_path.is_dir():
            return not any(collection_path.resolve() in page.parents for page in chosen)
        return collection_path.suffix == ".md" and collection_path.resolve() not in chosen
    if rel.startswith("tests/"):
        if collection_path.is_dir():
            return True
        return collection_path.name != "conftest.py" and rel not in PAGE_TESTS
    return None


@pytest.hookimpl(tryfirst=True)  # before tests/conftest.py starts the snippets it sees selected
def collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    chosen = pages(config)
    if not chosen:
        return
    wanted = {snippet for page in chosen for snippet in snippets_of(page)}
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        path = callspec.params.get("path") if callspec else None
        is_snippet_test = item.nodeid.startswith("tests/test_snippets.py::")
        is_device_test = item.nodeid.startswith("tests/test_devices.py::")  # the page and its snippets
        if is_device_test and path is not None and path.resolve() in chosen:
            keep.append(item)
        else:
            (drop if (is_snippet_test or is_device_test) and path not in wanted else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
