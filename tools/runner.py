"""Run each snippet as its own program, fast: one interpreter imports torch once, then forks a
clean child per snippet.

Importing torch takes a second or more; running a snippet takes milliseconds. So a server process
(`python -W error -m tools.runner`) imports torch and nothing of ours that runs code, and for every
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

`render_files` renders snippet files (tools/outputs.py places the output) and returns, for each,
the rendering or the error (file and line, traceback, stderr). `render_generated` renders
generated files (diagrams, plots) in a child the same way.
"""

from __future__ import annotations

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
    import builtins
    import random
    import tempfile
    import types

    from tools import fashion_mnist, outputs

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
    if request.get("check_devices"):  # as if on a GPU: tools/device_check.py
        from tools import device_check

        device_check.install(request["path"])
    if request["kind"] == "snippet":
        path = request["path"]
        sys.argv = [path]
        sys.path[0] = os.path.dirname(path)
        main = types.ModuleType("__main__")
        main.__file__ = path
        main.__builtins__ = builtins
        sys.modules["__main__"] = main
        code = Path(path).read_text()
        try:
            result["rendering"] = outputs.render(code, path, main.__dict__)
        except SystemExit as stop:
            if stop.code not in (None, 0):
                result["error"] = f"{rel(path)}: exited with status {stop.code!r}"
        except BaseException as error:  # noqa: BLE001 - reported with its traceback, never swallowed
            where, text = _snippet_traceback(error, path)
            result["error"] = f"{where}: raised {type(error).__name__}: {error}\n{text}"
    elif request["kind"] == "page":  # a page's examples, in order, as the suite runs them
        from tools.sybil_notes import render_page

        try:
            result.update(render_page(Path(request["path"])))
        except BaseException as error:  # noqa: BLE001
            text = "".join(traceback.format_exception(error))
            result["error"] = f"{rel(request['path'])}: running its examples raised {type(error).__name__}: {error}\n{text}"
    else:  # generated files drawn by the same code (a plot's light and dark variants), one child
        from tools.generated import render_generated

        result["renderings"] = {}
        for path in request["paths"]:
            try:
                result["renderings"][path] = render_generated(path)
            except BaseException as error:  # noqa: BLE001
                text = "".join(traceback.format_exception(error))
                result["error"] = f"{rel(path)}: drawing it raised {type(error).__name__}: {error}\n{text}"
                break
    if request.get("check_devices"):
        from tools import device_check

        result["device_mix"] = device_check.report()
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


def _warm_pages() -> None:
    """Before the first page is forked: import Sybil, Markdown and the include options once."""
    from tools import sybil_notes

    sybil_notes._snippet_options()


def serve() -> None:
    """The server loop: a batch of requests per line on stdin, one line of results on stdout."""
    import importlib

    for module in WARM_IMPORTS:  # the whole point: imported once, before any fork
        importlib.import_module(module)

    protocol = os.fdopen(os.dup(1), "w")
    for line in sys.stdin:
        batch = json.loads(line)
        if any(request["kind"] == "page" for request in batch["requests"]):
            _warm_pages()
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
    """A warm server; `render_files` and `render_generated` send it batches."""

    def __init__(self, jobs: int = 2, env: dict | None = None):
        env = {k: v for k, v in (env or os.environ).items() if not k.startswith("PYTEST")}
        # One intra-op thread per child: children run side by side on the cores, and torch's
        # default (a thread per core in each child) oversubscribes them: regen took 3x longer.
        # The snippets print rounded values, identical either way (regen rewrites nothing).
        env.setdefault("OMP_NUM_THREADS", "1")
        self.jobs = jobs
        self.lock = threading.Lock()  # one batch at a time: callers may share a runner across threads
        self.process = subprocess.Popen(
            [sys.executable, "-W", "error", "-m", "tools.runner"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def _batch(self, requests: list[dict]) -> list[dict]:
        if not requests:
            return []
        with self.lock:
            self.process.stdin.write(json.dumps({"jobs": self.jobs, "requests": requests}) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"the snippet runner stopped (exit status {self.process.wait()})")
        return json.loads(line)

    def render_files(self, paths: list[Path]) -> list[Result]:
        answers = self._batch([{"kind": "snippet", "path": str(Path(p).resolve())} for p in paths])
        return [_result(Path(p), answer) for p, answer in zip(paths, answers)]

    def render_generated(self, paths: list[Path]) -> list[Result]:
        """Render generated files (diagrams, plots: tools.generated) in clean children: one
        per drawing, so that a plot's light and dark variants share one computation."""
        groups: dict[tuple, list[Path]] = {}
        for path in map(Path, paths):
            groups.setdefault((path.parent, path.stem.removesuffix("-light").removesuffix("-dark")), []).append(path)
        answers = self._batch([{"kind": "generated", "paths": [str(p) for p in group]} for group in groups.values()])
        results = {}
        for group, answer in zip(groups.values(), answers):
            for path in group:
                rendering = answer.get("renderings", {}).get(str(path))
                results[path] = _result(path, {**answer, "rendering": rendering} if rendering is not None else answer)
        return [results[Path(p)] for p in paths]

    def render_pages(self, paths: list[Path]) -> list[dict]:
        """Run each page's examples in a clean child, as the suite does: for each page
        {"blocks": [{"file", "line", "text"}]} (tools/sybil_notes.render_page) or {"error"}."""
        answers = self._batch([{"kind": "page", "path": str(Path(p).resolve())} for p in paths])
        for answer in answers:
            if answer.get("stderr") and not answer.get("error"):
                answer["error"] = f"wrote to stderr:\n{answer['stderr']}"
        return answers

    def check_devices(self, paths: list[Path]) -> list[str | None]:
        """Run each snippet or page as if `device` were an accelerator (tools/device_check.py):
        for each, None, or the message naming the first mix of devices (or what else failed)."""
        requests = [
            {"kind": "page" if Path(p).suffix == ".md" else "snippet", "path": str(Path(p).resolve()),
             "check_devices": True}
            for p in paths
        ]
        found = []
        for path, answer in zip(paths, self._batch(requests)):
            if answer.get("device_mix"):
                found.append(answer["device_mix"])
            elif answer.get("error"):
                found.append(f"{rel(path)}: fails under the device check (as if on a GPU):\n{answer['error']}")
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


def _result(path: Path, answer: dict) -> Result:
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
