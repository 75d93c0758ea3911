"""What the tests share, started early so the slow parts overlap.

Most of the slow work happens in other processes: the snippet runner's children, the site build,
the lab kernels. Once the tests are selected, the pieces they need start in the background, side
by side, and each test waits only for its own piece. Nothing is skipped or cached: each piece runs
exactly as the test would run it itself, and a piece nobody selected does not run.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tools import portability, sybil_notes
from tools.generated import generated_files
from tools.notebooks import run_notebook
from tools.page_build import build_page_in_child
from tools.paths import doc_pages
from tools.runner import Runner
from tools.site import build_site

# These pieces run side by side on the cores, so each uses one torch thread (the runner's children,
# the lab kernels, this process): torch's default of a thread per core in each of them
# oversubscribes the machine. Outputs are rounded and identical either way. Set it to override.
os.environ.setdefault("OMP_NUM_THREADS", "1")

_POOL = ThreadPoolExecutor(max_workers=6, thread_name_prefix="suite-background")
_RUNNER: list[Runner] = []
WORK = pytest.StashKey[dict]()


def shared_runner() -> Runner:
    if not _RUNNER:
        _RUNNER.append(Runner(jobs=2))
    return _RUNNER[0]


def _param(item: pytest.Item, name: str):
    callspec = getattr(item, "callspec", None)
    return callspec.params.get(name) if callspec else None


def _run_lab(lab: Path):
    """run_notebook in a worker thread, with an event loop of its own that is closed afterwards."""
    import asyncio

    from jupyter_core.utils import ensure_event_loop

    loop = ensure_event_loop()  # the loop nbclient will run on in this thread
    try:
        return run_notebook(lab)
    finally:
        loop.close()
        asyncio.set_event_loop(None)


def _outcome(fn, *args):
    """Run fn, keeping its exception to be re-raised in the test that needs the result."""
    try:
        return fn(*args), None
    except Exception as error:  # noqa: BLE001 - handed to the test, which fails with it
        return None, error


def pytest_collection_modifyitems(session: pytest.Session, config: pytest.Config, items: list[pytest.Item]) -> None:
    work: dict = {}
    names = {getattr(item, "originalname", None) for item in items}
    files = {item.nodeid.split("::")[0] for item in items}
    if any(f == "tests/test_site.py" or f.startswith("tests/browser/") for f in files):
        site_dir = Path(tempfile.mkdtemp(prefix="pytorch-notes-site-"))
        work["site"] = (site_dir, _POOL.submit(build_site, site_dir / "site"))
    chosen_labs = [lab for item in items if (lab := _param(item, "lab")) is not None]
    work["labs"] = {lab: _POOL.submit(_outcome, _run_lab, lab) for lab in dict.fromkeys(chosen_labs)}
    snippets = [
        _param(item, "path") for item in items
        if getattr(item, "originalname", None) == "test_every_snippet_equals_its_rendering"
    ]
    if snippets:
        work["snippets"] = future = _POOL.submit(shared_runner().render_files, snippets)

        def alone(path: Path) -> str | None:
            result = next((r for r in future.result() if r.path == path), None)
            return result.rendering if result is not None and result.ok else None

        # A drifted snippet is then reported by its own test only, not again by the page including it.
        sybil_notes.standalone = alone
    built = [_param(item, "page") for item in items if getattr(item, "originalname", None) == "test_the_page_builds_strict"]
    work["page_builds"] = {page: _POOL.submit(build_page_in_child, page) for page in dict.fromkeys(built)}
    if "test_every_generated_file_equals_its_rendering" in names:
        work["generated"] = _POOL.submit(shared_runner().render_generated, generated_files())
    checked = [
        _param(item, "path") for item in items
        if getattr(item, "originalname", None) == "test_every_output_is_the_same_under_every_cpu_kernel_variant"
    ]
    if checked:
        work["portability"] = _POOL.submit(_render_matrix, checked)
    config.stash[WORK] = work


def _render_matrix(paths: list[Path]) -> dict:
    """The portability matrix of the selected files (tools/portability.py), variant after variant."""
    pages, generated = set(doc_pages()), set(generated_files())
    return portability.render_matrix(
        snippets=[p for p in paths if p.suffix == ".py"],
        generated=[p for p in paths if p in generated],
        pages=[p for p in paths if p in pages],
    )


def pytest_sessionfinish(session: pytest.Session) -> None:
    work = session.config.stash.get(WORK, {})
    _POOL.shutdown(wait=True, cancel_futures=True)
    sybil_notes.standalone = None
    if "site" in work:
        shutil.rmtree(work["site"][0], ignore_errors=True)
    for runner in _RUNNER:
        runner.close()


def _started(request: pytest.FixtureRequest, key: str):
    work = request.config.stash[WORK]
    if key not in work:  # not selected at collection (e.g. requested by another fixture): start now
        return None
    return work[key]


@pytest.fixture(scope="session")
def runner() -> Runner:
    """The warm snippet runner the suite shares (tools/runner.py)."""
    return shared_runner()


@pytest.fixture(scope="session")
def renderings(request, runner) -> dict:
    """Every selected snippet, rendered in one batch that started at collection."""
    future: Future | None = _started(request, "snippets")
    results = future.result() if future else []
    return {result.path: result for result in results}


@pytest.fixture(scope="session")
def generated_renderings(request, runner) -> dict:
    """Every generated file drawn afresh, each in a clean child process."""
    future: Future | None = _started(request, "generated")
    results = future.result() if future else runner.render_generated(generated_files())
    return {result.path: result for result in results}


@pytest.fixture(scope="session")
def portability_matrix(request) -> dict:
    """Every selected file rendered under every CPU kernel variant (started at collection)."""
    future: Future | None = _started(request, "portability")
    if future is None:
        pytest.fail("the portability matrix was not started at collection", pytrace=False)
    return future.result()


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The site, built once per run by `mkdocs build --strict` (started at collection)."""
    started = _started(request, "site")
    if started is None:
        site_dir = Path(tempfile.mkdtemp(prefix="pytorch-notes-site-"))
        request.config.stash[WORK]["site"] = started = (site_dir, _POOL.submit(build_site, site_dir / "site"))
    site_dir, future = started
    result = future.result()
    if result.returncode != 0:
        log = f"{result.stdout}\n{result.stderr}"
        said, keep = [], False
        for line in log.splitlines():  # each warning or error, with its indented continuation lines
            keep = line.startswith(("WARNING", "ERROR", "Aborted")) or (keep and line[:1].isspace())
            if keep:
                said.append(line)
        pytest.fail("mkdocs build --strict failed:\n" + "\n".join(said or log.splitlines()), pytrace=False)
    return site_dir / "site"


@pytest.fixture
def page_build(request):
    """The strict build of one page (tools/page_build.py; started at collection when selected):
    returns a function page -> problems."""
    work = request.config.stash[WORK]

    def get(page: Path) -> list[str]:
        future = work.get("page_builds", {}).get(page)
        return future.result() if future else build_page_in_child(page)

    return get


@pytest.fixture
def executed_lab(request):
    """Run a lab (started at collection when selected): returns a function lab -> notebook."""
    work = request.config.stash[WORK]

    def get(lab: Path):
        future = work["labs"].get(lab)
        notebook, error = future.result() if future else _outcome(run_notebook, lab)
        if error is not None:
            raise error
        return notebook

    return get

