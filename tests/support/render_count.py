"""A pytest plugin that counts renderings, for tests/test_rendered_once.py.

Loaded into a child pytest (`-p tests.support.render_count`) with PYTORCH_NOTES_RENDER_COUNT naming
a file, it counts every rendering of every file, under the CPU kernel variant it ran under: each
request the warm runner sends to a child (a snippet, a page's examples, a drawing, and the snippet
a drawing's child ran first as that snippet's own check: its "first_run", labelled apart), labelled by
the CPU settings of that runner, and each page whose examples ran in the suite's own process (its
Sybil items), labelled by this process's settings. At the session's end it writes
{path: {variant: renderings}}.

It also narrows the matrix to two variants, the reference and the one `regen` compares it with
(portability.regen_pair): which variants exist does not change who renders the reference, and
twelve would make the run minutes long. Without the variable set, importing this does nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

ENV = "PYTORCH_NOTES_RENDER_COUNT"
IN_A_DRAWING = "(in a drawing's child)"  # the label's suffix for a snippet run by a drawing's child
_COUNTS: dict[str, dict[str, int]] = {}
_PAGES_RUN_HERE: set[str] = set()


def _label(env) -> str:
    """The variant whose CPU settings `env` has (or what it has, when none)."""
    from tools.engine import portability

    settings = {name: env.get(name) for name in portability.CPU_SETTINGS}
    for variant in portability.variants():
        wanted = variant.env()
        if all(settings[name] == wanted.get(name) for name in portability.CPU_SETTINGS):
            return str(variant)
    return f"no variant: {settings}"


def _count(path: str, label: str) -> None:
    from tools.paths import rel

    found = _COUNTS.setdefault(rel(path), {})
    found[label] = found.get(label, 0) + 1


def _install() -> None:
    from tools.engine import portability
    from tools.engine.runner import Runner

    two = list(portability.regen_pair())
    every = portability.variants
    portability.variants = lambda flags=None, machine=None: two if (flags, machine) == (None, None) else every(flags, machine)

    start, batch = Runner.__init__, Runner._batch

    def __init__(self, jobs: int = 2, env: dict | None = None):
        start(self, jobs, env)
        effective = dict(env or os.environ)
        effective.setdefault("OMP_NUM_THREADS", "1")  # as Runner.__init__ gives its server
        self.counted_as = _label(effective)

    def _batch(self, requests: list[dict], warm: tuple[str, ...] = ()) -> list[dict]:
        for request in requests:
            if not request.get("check_devices"):  # a device check renders nothing the matrix compares
                for path in request.get("paths") or [request["path"]]:
                    _count(path, self.counted_as)
        answers = batch(self, requests, warm)
        for answer in answers:  # a drawing's child that ran its snippet as the snippet's own check
            if answer.get("first_run"):
                _count(answer["first_run"]["path"], f"{self.counted_as} {IN_A_DRAWING}")
        return answers

    Runner.__init__, Runner._batch = __init__, _batch


if os.environ.get(ENV):
    _install()

    def pytest_runtest_call(item) -> None:
        example = getattr(item, "example", None)
        if example is not None and type(item).__name__ == "SybilItem" and str(example.path) not in _PAGES_RUN_HERE:
            _PAGES_RUN_HERE.add(str(example.path))
            _count(str(example.path), _label(os.environ))

    def pytest_sessionfinish(session) -> None:
        Path(os.environ[ENV]).write_text(json.dumps(_COUNTS, indent=1, sort_keys=True))
