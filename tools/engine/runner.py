"""Run each snippet as its own program, fast: one interpreter imports torch once, then forks a
clean child per snippet.

Importing torch takes a second or more; running a snippet takes milliseconds. So a server process
(`python -W error -m tools.engine.runner`) imports torch and nothing of ours that runs code, and for every
request forks a child that starts from that state. Each child, like `python -W error snippet.py`
run by a reader from an empty directory:

* runs in a new empty temporary directory, with `sys.argv` and `sys.path[0]` set for the file
  (empty but for `data`, a link to the checked Fashion-MNIST files: tools/fashion_mnist.py);
* has warnings as errors (the server was started with `-W error` and nothing changed the filters);
* executes the file as `__main__` in a fresh module: torch is imported, but a snippet that forgot
  `import torch` still fails with a NameError, and nothing another snippet did is visible (each
  child starts from the server, never from another child);
* draws fresh seeds for torch, `random` and numpy, as a new process does: unseeded output differs
  from run to run here too;
* uses one CPU thread for torch's operators (OMP_NUM_THREADS=1 unless set): several children run
  at once, one per core.

`render_files` renders snippet files (tools/engine/outputs.py places the output) and returns, for each,
the rendering or the error (file and line, traceback, stderr). `call` runs any other work in a
child the same way, by name: a request names the function (`module:function`, called with one
path at a time) and the caller says what the server calls once, warm, before it forks (`warm`).
The runner itself imports nothing that knows a page or a generated file: tools/generated/registry.py
(`render_in`) and tools/pages/sybil_notes.py (`render_pages_in`) name their own functions. A call
may ask for its first snippet's run as well (`first_run`, `first_snippet_run`): the kernel matrix
takes a snippet's rendering from the child that drew a figure from it.
"""

from __future__ import annotations

import importlib
import json
import os
import selectors
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from tools.paths import ROOT, rel

TIMEOUT_S = 300
# What the server imports before forking: torch, and what torch imports lazily on first use
# (an optimizer's first step imports torch._dynamo and sympy: seconds, every time). Only modules
# are preloaded, never state: a snippet still has to import what it uses. torchvision (the
# images chapter) takes about 2 s to import: once here, not in every child.
WARM_IMPORTS = ("torch", "torch._dynamo", "torchvision")


@dataclass(frozen=True)
class Result:
    path: Path
    rendering: str | None  # the file with its output placed, when it ran cleanly
    error: str | None  # what went wrong, naming the file and line: raised, wrote to stderr, timed out
    seconds: float = 0.0  # how long its child ran

    @property
    def ok(self) -> bool:
        return self.error is None


# ---------------------------------------------------------------------------------------------
# The child: one snippet, one program
# ---------------------------------------------------------------------------------------------


def _snippet_traceback(error: BaseException, filename: str) -> tuple[str, str]:
    """(file:line of the innermost frame in the snippet, traceback without the engine's frames)."""
    tb = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != filename:
        tb = tb.tb_next
    frames = traceback.extract_tb(tb) if tb is not None else []
    ours = [f for f in frames if f.filename == filename]
    where = f"{rel(filename)}:{ours[-1].lineno}" if ours else rel(filename)
    if isinstance(error, SyntaxError) and error.filename == filename:
        where = f"{rel(filename)}:{error.lineno}"
    text = "".join(traceback.format_exception(type(error), error, tb))
    return where, text


def _in_child(request: dict) -> dict:
    import random
    import tempfile

    from tools import fashion_mnist

    # A new process draws fresh seeds: so does each child (else all children would share one).
    random.seed()
    if "numpy" in sys.modules:
        sys.modules["numpy"].random.seed()
    if "torch" in sys.modules:
        sys.modules["torch"].seed()
    os.chdir(tempfile.mkdtemp(prefix="snippet-cwd-"))
    fashion_mnist.linked_here()  # FashionMNIST(root="data", download=True) reads the checked files
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    # Anything written to the real stdout or stderr (C code included) lands in these files.
    captured = {fd: tempfile.TemporaryFile() for fd in (1, 2)}
    for fd, file in captured.items():
        os.dup2(file.fileno(), fd)
    sys.stdin = open(0, closefd=False)
    sys.stderr = open(2, "w", closefd=False)
    sys.stdout = open(1, "w", closefd=False)

    result: dict = {}
    # As if on a GPU: the caller names the checker module (install(path), report()), as it names
    # the function of a call (tools/suite/device_check.py).
    checker = importlib.import_module(request["check_devices"]) if request.get("check_devices") else None
    if checker is not None:
        checker.install(request["path"])
    if request["kind"] == "snippet":
        result.update(_run_as_main(request["path"])[0])
    else:  # a call by name: the function, once per path, in this one child
        # The module as the called code imports it: the server itself runs as __main__.
        this = importlib.import_module("tools.engine.runner")
        if request.get("first_run"):  # the first snippet the call runs is run as its own child runs it
            this._first_run = {"state": this._fresh_state()}
        function = named(request["function"])
        result["values"] = {}
        for path in request["paths"]:
            try:
                result["values"][path] = function(path)
            except BaseException as error:  # noqa: BLE001
                text = "".join(traceback.format_exception(error))
                result["error"] = f"{rel(path)}: {request['doing']} raised {type(error).__name__}: {error}\n{text}"
                break
        if this._first_run and "path" in this._first_run:
            result["first_run"] = {"path": this._first_run["path"], **this._first_run["result"]}
    if checker is not None:
        result["device_mix"] = checker.report()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    for fd, file in captured.items():
        file.seek(0)
        written = file.read().decode(errors="replace")
        if written and fd == 2:
            result.setdefault("stderr", written)
        elif written:
            result.setdefault("stray_stdout", written)
    return result


def _run_as_main(path: str) -> tuple[dict, dict]:
    """Run the snippet at `path` as `__main__`, as `python snippet.py` would: ({"rendering"} or
    {"error"}, its globals)."""
    import builtins
    import types

    from tools.engine import outputs

    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    main = types.ModuleType("__main__")
    main.__file__ = path
    main.__builtins__ = builtins
    sys.modules["__main__"] = main
    code = Path(path).read_text()
    result: dict = {}
    try:
        result["rendering"] = outputs.render(code, path, main.__dict__)
    except SystemExit as stop:
        if stop.code not in (None, 0):
            result["error"] = f"{rel(path)}: exited with status {stop.code!r}"
    except BaseException as error:  # noqa: BLE001 - reported with its traceback, never swallowed
        where, text = _snippet_traceback(error, path)
        result["error"] = f"{where}: raised {type(error).__name__}: {error}\n{text}"
    return result, main.__dict__


# A call made with "first_run" (the figures of the kernel matrix: tools/generated/registry.py) runs
# the first snippet it asks for as that snippet's own child would, and answers its rendering too,
# so that the matrix need not run it again. Only while nothing has touched the child's state yet:
# its random generators as drawn at the start, and no snippet module imported.
_first_run: dict | None = None


def _fresh_state() -> tuple:
    import random

    numpy = sys.modules.get("numpy")
    torch = sys.modules.get("torch")
    return (random.getstate(), numpy.random.get_state()[1].tobytes() if numpy else None,
            torch.random.get_rng_state().tolist() if torch else None,
            sorted(m for m in sys.modules if m == "snippets" or m.startswith("snippets.")))


def first_snippet_run(path: str | Path) -> dict | None:
    """In a "first_run" call, the globals of the snippet at `path`, run (and rendered) as its own
    child runs it, when it is the call's first snippet and nothing has changed the child's state;
    else None: the caller runs it as usual. A snippet that fails raises here, as it would there."""
    global _first_run
    if _first_run is None or "path" in _first_run:
        return None
    if _fresh_state() != _first_run["state"]:  # the call computed before its first snippet
        _first_run = None
        return None
    path = str(Path(path).resolve())
    stdout, cwd = sys.stdout, os.getcwd()
    result, namespace = _run_as_main(path)
    sys.stdout = stdout
    os.chdir(cwd)
    _first_run.update(path=path, result=result)
    if "error" in result:
        raise RuntimeError(result["error"])
    return namespace


def _fork(request: dict) -> tuple[int, int]:
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child
        os.close(read_fd)
        try:
            payload = json.dumps(_in_child(request)).encode()
        except BaseException as error:  # noqa: BLE001
            payload = json.dumps({"error": f"the runner failed: {error!r}"}).encode()
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view) :]
        os._exit(0)
    os.close(write_fd)
    return pid, read_fd


def named(name: str):
    """The function a request names, `package.module:function`."""
    import importlib

    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)


def _freeze_heap() -> None:
    """Keep the cyclic garbage collector of every child off the server's own objects.

    After the warm imports the server holds about 330,000 objects (torch, dynamo, sympy,
    torchvision). A child's first full collection walked them all, and writing their reference
    counts copied each page they sit on: 0.2 to 0.3 s per training snippet, a third of its run.
    `gc.freeze()` moves them to a generation no collection visits (the fork pattern of Python's
    `gc` docs). It changes no arithmetic: when the collector runs never touched a printed number.
    """
    import gc

    gc.collect()
    gc.freeze()


def serve() -> None:
    """The server loop: a batch of requests per line on stdin, one line of results on stdout."""
    import importlib

    for module in WARM_IMPORTS:  # the whole point: imported once, before any fork
        importlib.import_module(module)
    _freeze_heap()

    protocol = os.fdopen(os.dup(1), "w")
    warmed: set[str] = set()
    for line in sys.stdin:
        batch = json.loads(line)
        for name in batch.get("warm", ()):  # what the caller asked for warm: once, before any fork
            if name not in warmed:
                named(name)()
                warmed.add(name)
                _freeze_heap()
        jobs, requests = batch["jobs"], list(enumerate(batch["requests"]))
        results: dict[int, dict] = {}
        running: dict[int, tuple[int, int, list[bytes], float]] = {}
        selector = selectors.DefaultSelector()
        while requests or running:
            while requests and len(running) < jobs:
                index, request = requests.pop(0)
                pid, fd = _fork(request)
                running[fd] = (index, pid, [], time.monotonic())
                selector.register(fd, selectors.EVENT_READ)
            for key, _ in selector.select(timeout=1.0):
                fd = key.fd
                chunk = os.read(fd, 1 << 16)
                if chunk:
                    running[fd][2].append(chunk)
                    continue
                index, pid, chunks, started = running.pop(fd)
                selector.unregister(fd)
                os.close(fd)
                _, status = os.waitpid(pid, 0)
                data = b"".join(chunks)
                results[index] = json.loads(data) if data else {"error": f"the child died (status {status})"}
                results[index]["seconds"] = time.monotonic() - started
            for fd, (index, pid, _, started) in list(running.items()):
                if time.monotonic() - started > TIMEOUT_S:
                    os.kill(pid, 9)
                    os.waitpid(pid, 0)
                    selector.unregister(fd)
                    os.close(fd)
                    del running[fd]
                    results[index] = {"error": f"timed out after {TIMEOUT_S} s"}
        selector.close()
        protocol.write(json.dumps([results[i] for i in range(len(results))]) + "\n")
        protocol.flush()
    protocol.close()


# ---------------------------------------------------------------------------------------------
# The client
# ---------------------------------------------------------------------------------------------


class Runner:
    """A warm server; `render_files` and `call` send it batches."""

    def __init__(self, jobs: int = 2, env: dict | None = None):
        env = {k: v for k, v in (env or os.environ).items() if not k.startswith("PYTEST")}
        # One intra-op thread per child: children run side by side on the cores, and torch's
        # default (a thread per core in each child) oversubscribes them: regen took 3x longer.
        # The snippets print rounded values, identical either way (regen rewrites nothing).
        env.setdefault("OMP_NUM_THREADS", "1")
        self.jobs = jobs
        self.lock = threading.Lock()  # one batch at a time: callers may share a runner across threads
        self.process = subprocess.Popen(
            [sys.executable, "-W", "error", "-m", "tools.engine.runner"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _batch(self, requests: list[dict], warm: tuple[str, ...] = ()) -> list[dict]:
        if not requests:
            return []
        with self.lock:
            batch = {"jobs": self.jobs, "requests": requests, "warm": list(warm)}
            self.process.stdin.write(json.dumps(batch) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the snippet runner stopped (exit status {self.process.wait()})")
        return json.loads(line)

    def render_files(self, paths: list[Path]) -> list[Result]:
        answers = self._batch([{"kind": "snippet", "path": str(Path(p).resolve())} for p in paths])
        return [result_of(Path(p), answer) for p, answer in zip(paths, answers)]

    def call(self, function: str, groups: list[list[Path]], doing: str, warm: tuple[str, ...] = (),
             first_run: bool = False) -> list[dict]:
        """`function` (`module:function`, path -> a JSON value) on each group of paths, a clean child
        per group: for each group {"values": {path: value}} or {"error"} (`doing` says what the
        function does, for the error), with "stderr", "stray_stdout" and "seconds". `warm`: the
        functions (`module:function`, no arguments) the server calls once before it forks.
        `first_run`: the first snippet a child runs through `first_snippet_run` is also answered, as
        "first_run" ({"path", "rendering"} or {"path", "error"})."""
        requests = [{"kind": "call", "function": function, "doing": doing, "paths": [str(p) for p in group],
                     "first_run": first_run} for group in groups]
        return self._batch(requests, warm)

    def check_devices(self, paths: list[Path], checker: str, page_function: str,
                      warm: tuple[str, ...] = ()) -> list[str | None]:
        """Run each snippet, or each page through `page_function` (`module:function`), under the
        `checker` module's install(path) and report(): as if `device` were an accelerator
        (tools/suite/device_check.py). For each path None, or the message naming the first mix of
        devices (or what else failed)."""
        requests = []
        for p in paths:
            path = str(Path(p).resolve())
            if Path(p).suffix == ".md":
                requests.append({"kind": "call", "function": page_function, "doing": "running its examples",
                                 "paths": [path], "path": path, "check_devices": checker})
            else:
                requests.append({"kind": "snippet", "path": path, "check_devices": checker})
        found = []
        for path, answer in zip(paths, self._batch(requests, warm)):
            value = answer.get("values", {}).get(str(Path(path).resolve()))
            error = answer.get("error") or (value.get("error") if isinstance(value, dict) else None)
            if answer.get("device_mix"):
                found.append(answer["device_mix"])
            elif error:
                found.append(f"{rel(path)}: fails under the device check (as if on a GPU):\n{error}")
            else:
                found.append(None)
        return found

    def close(self) -> None:
        self.process.stdin.close()
        self.process.terminate()  # idle between batches; no need to wait for torch to shut down
        self.process.wait(timeout=30)
        self.process.stdout.close()

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def result_of(path: Path, answer: dict) -> Result:
    """A file's Result from the answer of the child that rendered it."""
    result = _judged(path, answer)
    return Result(result.path, result.rendering, result.error, answer.get("seconds", 0.0))


def _judged(path: Path, answer: dict) -> Result:
    where = rel(path)
    if answer.get("error") and answer.get("rendering") is None:
        error = answer["error"]
        if answer.get("stderr"):
            error += f"\nit also wrote to stderr:\n{answer['stderr']}"
        return Result(path, None, error)
    if answer.get("stray_stdout"):
        return Result(path, None, f"{where}: wrote to the stdout file descriptor directly:\n{answer['stray_stdout']}")
    if answer.get("stderr"):
        return Result(path, None, f"{where}: wrote to stderr (a warning or a message; fix it):\n{answer['stderr']}")
    if answer.get("rendering") is None:
        return Result(path, None, f"{where}: no rendering came back: {answer.get('error', 'unknown error')}")
    return Result(path, answer["rendering"], None)


if __name__ == "__main__":
    serve()
