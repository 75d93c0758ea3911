"""What the tests share, started early so the slow parts overlap.

Most of the slow work happens in other processes: the snippet runner's children, the site build,
the lab kernels. Once the tests are selected, the pieces they need start in the background, side
by side, and each test waits only for its own piece. Each piece runs exactly as the test would run
it itself; a piece nobody selected does not run, and neither does the piece of a test the
verification record holds (tools/suite/record_plugin.py: that test is reused, not run).

The kernel matrix takes its reference variant from the suite's own checks: the snippets' and the
generated files' renderings, and each page's own run (conftest.py's PageRecorder), when this
process computes as the reference does; it renders the other variants.
"""

from __future__ import annotations

import functools
import os
import shutil
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

from tools.engine import portability
from tools.engine.runner import Runner
from tools.generated.registry import generated_files, render_in
from tools.pages import sybil_notes
from tools.pages.notebooks import run_notebook
from tools.paths import doc_pages
from tools.site.build import build_site
from tools.site.page_build import build_page_in_child
from tools.suite import record_plugin, sybil_plugin
from tools.suite.record_plugin import param

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


def using(items: list[pytest.Item], fixture: str) -> list[pytest.Item]:
    """The items that use `fixture`, directly or through another fixture: the background work a
    fixture hands out is started for the tests that ask for it, whatever they are called."""
    return [item for item in items if fixture in getattr(item, "fixturenames", ())]


def params(items: list[pytest.Item], name: str) -> list:
    """Each item's parameter `name`, in order, where it has one."""
    return [value for item in items if (value := param(item, name)) is not None]


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


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the work of the selected tests (after -k and --page chose them, and the root
    conftest.py marked what the verification record holds)."""
    config, work = session.config, {}
    items = record_plugin.running(session.items)  # what the record holds is reused: nothing to start for it
    if config.option.collectonly:
        items = []  # --collect-only runs nothing: start nothing
    files = {item.nodeid.split("::")[0] for item in items}
    if any(f == "tests/test_site.py" or f.startswith("tests/browser/") for f in files):
        site_dir = Path(tempfile.mkdtemp(prefix="pytorch-notes-site-"))
        work["site"] = (site_dir, _POOL.submit(build_site, site_dir / "site"))
    chosen_labs = [lab for item in items if (lab := param(item, "lab")) is not None]
    work["labs"] = {lab: _POOL.submit(_outcome, _run_lab, lab) for lab in dict.fromkeys(chosen_labs)}
    snippets = params(using(items, "renderings"), "path")
    if snippets:
        work["snippets"] = future = _POOL.submit(_timed, config, shared_runner().render_files, snippets)

        def alone(path: Path) -> str | None:
            result = next((r for r in future.result() if r.path == path), None)
            return result.rendering if result is not None and result.ok else None

        # A drifted snippet is then reported by its own test only, not again by the page including it.
        if (given := config.pluginmanager.get_plugin(sybil_notes.SnippetsAlone.NAME)) is not None:
            given.use(alone)
    devices = params(using(items, "device_mixes"), "path")
    if devices:  # after the snippets' batch, in the same warm runner
        work["devices"] = _POOL.submit(_checked_devices, devices)
    built = params(using(items, "page_build"), "page")
    work["page_builds"] = {page: _POOL.submit(build_page_in_child, page) for page in dict.fromkeys(built)}
    if using(items, "generated_renderings"):
        work["generated"] = _POOL.submit(_timed, config, functools.partial(render_in, shared_runner()), generated_files())
    checked = params(using(items, "portability_matrix"), "path")
    if checked:
        given = _references_from_own_checks(config, items, work, checked)
        work["reference_given"] = given
        work["portability"] = _POOL.submit(_render_matrix, config, checked, given)
    config.stash[WORK] = work


def _checked_devices(paths: list[Path]) -> dict[Path, str | None]:
    """Each snippet and page run once as if on a GPU (tools/suite/device_check.py): path -> the mix."""
    from tools.suite import device_check

    return dict(zip(paths, shared_runner().check_devices(paths, **device_check.RUN_WITH)))


def _timed(config: pytest.Config, render, paths: list[Path]):
    """Render, and count each file's time for the record's summary of the slowest files."""
    results = render(paths)
    for result in results:
        record_plugin.add_seconds(config, result.path, result.seconds)
    return results


def _references_from_own_checks(config, items, work, checked: list[Path]) -> set[Path]:
    """The files whose reference rendering the suite's own checks give (so the matrix renders
    only the other variants): the snippets and generated files rendered in this run, and the
    pages whose every example runs here, when this process computes as the reference does."""
    recorder = config.pluginmanager.get_plugin(sybil_plugin.PageRecorder.NAME)
    if recorder is None or not recorder.is_reference:
        return set()
    snippets = set(params(using(items, "renderings"), "path"))
    given = {p for p in checked if p in snippets}
    if "generated" in work:
        given |= {p for p in checked if p in set(generated_files())}
    running_pages = {Path(item.path).resolve() for item in items if record_plugin.is_page_example(item)}
    given |= {p for p in checked if p.suffix == ".md" and p.resolve() in running_pages}
    return given


def _render_matrix(config: pytest.Config, paths: list[Path], reference_given: set[Path]) -> dict:
    """The portability matrix of the selected files (tools/engine/portability.py), variant after variant."""
    pages, generated = set(doc_pages()), set(generated_files())
    table = portability.render_matrix(
        snippets=[p for p in paths if p.suffix == ".py"],
        generated=[p for p in paths if p in generated],
        pages=[p for p in paths if p in pages],
        reference_given=reference_given,
        render_generated=render_in,
        render_pages=sybil_notes.render_pages_in,
    )
    for path, results in table.items():
        record_plugin.add_seconds(config, path, sum(r.seconds for r in results.values()))
    return table


def pytest_sessionfinish(session: pytest.Session) -> None:
    work = session.config.stash.get(WORK, {})
    _POOL.shutdown(wait=True, cancel_futures=True)
    if (given := session.config.pluginmanager.get_plugin(sybil_notes.SnippetsAlone.NAME)) is not None:
        given.use(None)
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
    """The warm snippet runner the suite shares (tools/engine/runner.py)."""
    return shared_runner()


@pytest.fixture(scope="session")
def renderings(request, runner) -> dict:
    """Every selected snippet, rendered in one batch that started at collection."""
    future: Future | None = _started(request, "snippets")
    results = future.result() if future else []
    return {result.path: result for result in results}


@pytest.fixture(scope="session")
def device_mixes(request) -> dict:
    """Every selected snippet and page, run as if `device` were a GPU (started at collection):
    path -> None, or the message naming the first mix of devices."""
    future: Future | None = _started(request, "devices")
    return future.result() if future else {}


@pytest.fixture(scope="session")
def generated_renderings(request, runner) -> dict:
    """Every generated file drawn afresh, each in a clean child process."""
    future: Future | None = _started(request, "generated")
    results = future.result() if future else render_in(runner, generated_files())
    return {result.path: result for result in results}


@pytest.fixture(scope="session")
def portability_matrix(request):
    """path -> that file rendered under every CPU kernel variant, in order (started at collection).

    The reference variant comes from the suite's own check of the file where it ran here
    (`_references_from_own_checks`); a page whose own run failed or did not run in full is
    rendered under the reference here instead."""
    future: Future | None = _started(request, "portability")
    if future is None:
        pytest.fail("the portability matrix was not started at collection", pytrace=False)
    table = future.result()
    given = request.config.stash[WORK].get("reference_given", set())
    reference = portability.variants()[0]

    work = request.config.stash[WORK]

    def own(path: Path) -> portability.Rendered | None:
        if path.suffix == ".md":
            recorder = request.config.pluginmanager.get_plugin(sybil_plugin.PageRecorder.NAME)
            blocks = recorder.blocks(path)
            return None if blocks is None else portability.page_rendering({"blocks": blocks})
        rendered = [r for name in ("snippets", "generated") if name in work for r in work[name].result()]
        result = next(r for r in rendered if r.path == path)
        blocks = ((str(result.path), 1, result.rendering),) if result.ok else ()
        return portability.Rendered(blocks, result.error, result.seconds)

    def results(path: Path) -> dict:
        found = dict(table[path])
        if path in given and reference not in found:
            mine = own(path)
            if mine is None:  # its own run did not complete here: render the reference now
                matrix = portability.render_matrix(pages=[path], every=[reference], render_pages=sybil_notes.render_pages_in)
                mine = matrix[path][reference]
            found[reference] = mine
        return {variant: found[variant] for variant in portability.variants() if variant in found}

    return results


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
    """The strict build of one page (tools/site/page_build.py; started at collection when selected):
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

