"""Outputs that hold on every machine: every output rendered under a matrix of CPU kernel choices.

The last bits of a float depend on which operations a machine runs: torch's vectorized kernels
(`ATEN_CPU_CAPABILITY`: the scalar `default`, `avx2`, `avx512`), MKL's code path (`MKL_CBWR`:
`COMPATIBLE` is the one every x86 CPU runs, `AUTO` the fastest for this one) and the number of
threads (a reduction split four ways adds in another order). Readers' machines differ in all
three, so an output is portable only when it is the same under every choice. This module names
the choices this machine can make (`variants`), renders snippets, page blocks and generated files
under each one (a warm runner per variant: tools/engine/runner.py) and says, for the first line that
differs, which two variants disagree, what each printed, and how to make it portable.

tests/test_portability.py runs the whole matrix in the suite; `python3 dev.py regen` renders under
two far-apart variants (`REGEN_PAIR`) and refuses output that differs.
"""

from __future__ import annotations

import difflib
import itertools
import os
import platform
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tools.engine import outputs
from tools.paths import rel

THREADS = (1, 4)
# The variables a variant sets that change arithmetic (the others only hide a GPU or make waiting
# threads sleep).
CPU_SETTINGS = ("ATEN_CPU_CAPABILITY", "MKL_CBWR", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
MKL_PATHS = ("COMPATIBLE", "AUTO")
CAPABILITIES = ("default", "avx2", "avx512")  # x86-64; elsewhere torch has `default` alone here

HOW_TO_FIX = (
    "Print what holds on every CPU: a comparison, a sign, a count that cannot flip, an order of "
    "magnitude, or a rounding the matrix shows is stable; a diverging run prints its lesson "
    '("ends above where it started"), not its digits. CONTRIBUTING.md, "Outputs that hold on '
    'every machine", says more.'
)


@dataclass(frozen=True, order=True)
class Variant:
    capability: str  # ATEN_CPU_CAPABILITY
    mkl: str | None  # MKL_CBWR (None where torch has no MKL)
    threads: int

    def env(self) -> dict[str, str]:
        env = {
            "ATEN_CPU_CAPABILITY": self.capability,
            "OMP_NUM_THREADS": str(self.threads),
            "MKL_NUM_THREADS": str(self.threads),
            # Threads that wait sleep instead of spinning: four spinning threads per child on two
            # busy cores made a variant ten times slower. Waiting changes no arithmetic.
            "OMP_WAIT_POLICY": "PASSIVE",
            # The kernels under test are the CPU's: a GPU would take the snippets elsewhere.
            "CUDA_VISIBLE_DEVICES": "",
        }
        if self.mkl:
            env["MKL_CBWR"] = self.mkl
        return env

    def __str__(self) -> str:
        mkl = f" MKL_CBWR={self.mkl}" if self.mkl else ""
        return f"ATEN_CPU_CAPABILITY={self.capability}{mkl} threads={self.threads}"

    def command(self, path: str) -> str:
        """The shell command that reproduces this variant for one file."""
        mkl = f"MKL_CBWR={self.mkl} " if self.mkl else ""
        threads = f"OMP_NUM_THREADS={self.threads} MKL_NUM_THREADS={self.threads}"
        if path.endswith(".py"):
            run = f".venv/bin/python -W error {path}"
        elif path.endswith(".md"):
            run = f"python3 dev.py test {path}"
        else:  # a generated file: draw it again and compare
            run = f"python3 dev.py test tests/test_generated.py -k {Path(path).name}"
        return f"ATEN_CPU_CAPABILITY={self.capability} {mkl}{threads} {run}"


def _cpu_flags() -> set[str]:
    from tools import cpuinfo

    return set(cpuinfo.field("flags").split())


def without_cpu_settings(env) -> dict[str, str]:
    """`env` without the CPU settings (CPU_SETTINGS), for a process a Variant's env() then sets."""
    return {k: v for k, v in env.items() if k not in CPU_SETTINGS}


def capabilities(flags: set[str] | None = None, machine: str | None = None) -> list[str]:
    """The ATEN_CPU_CAPABILITY values this CPU can run (torch ignores one it cannot)."""
    machine = (machine or platform.machine()).lower()
    if machine not in ("x86_64", "amd64"):
        return ["default"]
    flags = _cpu_flags() if flags is None else flags
    found = ["default"]
    if {"avx2", "fma"} <= flags:
        found.append("avx2")
        if {"avx512f", "avx512bw", "avx512vl", "avx512dq"} <= flags:
            found.append("avx512")
    return found


def variants(flags: set[str] | None = None, machine: str | None = None) -> list[Variant]:
    """Every kernel choice this machine can make: capabilities × MKL paths × thread counts.

    The first is the reference: the CPU's best kernels, MKL's AUTO path, one thread (how the
    suite runs every other check)."""
    machine_name = (machine or platform.machine()).lower()
    caps = capabilities(flags, machine_name)
    mkl = MKL_PATHS if machine_name in ("x86_64", "amd64") else (None,)
    found = [Variant(c, m, t) for c, m, t in itertools.product(reversed(caps), reversed(mkl), THREADS)]
    return found


def regen_pair() -> tuple[Variant, Variant]:
    """Two variants as far apart as this machine allows: what `regen` renders under."""
    every = variants()
    far = next(v for v in reversed(every) if v.capability == "default" and v.threads == max(THREADS))
    return every[0], far


# ---------------------------------------------------------------------------------------------
# Comparing renderings
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """What one file printed under one variant: one text (a snippet, a generated file) or the
    blocks of a page in order, each (file, first line, text); `error` if it did not run."""

    blocks: tuple[tuple[str, int, str], ...]
    error: str | None = None
    seconds: float = field(default=0.0, compare=False)  # how long it took to render


def _first_difference(a: str, b: str) -> tuple[int, str, str]:
    """(0-based line in `a`, that line of a, what b has there) at the first difference."""
    lines_a, lines_b = a.splitlines(), b.splitlines()
    matcher = difflib.SequenceMatcher(a=lines_a, b=lines_b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            return i1, "\n".join(lines_a[i1:i2]) or "(nothing)", "\n".join(lines_b[j1:j2]) or "(nothing)"
    return 0, "", ""


def _shorten(text: str, limit: int = 300) -> str:
    text = text.strip("\n")
    return text if len(text) <= limit else text[:limit] + " …"


def _same(path: Path, a: Rendered, b: Rendered) -> bool:
    """Equal renderings; a drawing's coordinates may differ by outputs.DRAWING_TOLERANCE_PX."""
    if a.error or b.error or len(a.blocks) != len(b.blocks):
        return a == b
    return all(
        (fa, la) == (fb, lb) and outputs.compare(path, ta, tb) is None
        for (fa, la, ta), (fb, lb, tb) in zip(a.blocks, b.blocks)
    )


def _difference(path: Path, first: Rendered, other: Rendered) -> tuple[str, str, str]:
    """(file:line, what `first` printed there, what `other` printed there) at the first difference."""
    for (file, line, text), (_, _, other_text) in itertools.zip_longest(
        first.blocks, other.blocks, fillvalue=("", 0, "")
    ):
        if text != other_text:
            index, ours, theirs = _first_difference(text, other_text)
            return f"{rel(file) if file else rel(path)}:{line + index}", ours, theirs
    return rel(path), "", ""  # pragma: no cover - the results differ, so some block does


def compare(path: Path, results: dict[Variant, Rendered]) -> str | None:
    """None when every variant rendered `path` the same; else the message naming the file and
    line, the two variants and both values, and the fix."""
    (reference, first), *others = results.items()
    disagree = [(v, r) for v, r in others if not _same(path, first, r)]
    if not disagree:
        return None
    variant, other = disagree[0]
    where = rel(path)
    if first.error or other.error:
        good, bad = (variant, reference) if first.error else (reference, variant)
        error = first.error or other.error
        return (
            f"{where}: runs under {good} but fails under {bad}:\n{_shorten(error, 1500)}\n"
            f"Reproduce: {bad.command(where)}"
        )
    location, ours, theirs = _difference(path, first, other)
    also = [str(v) for v, _ in disagree[1:]]
    also_text = f"\n  It also differs under: {'; '.join(also)}." if also else ""
    return (
        f"{location}: the output depends on the CPU's kernels; readers' machines would print "
        f"something else.\n"
        f"  under {reference}:\n    {_indent(ours)}\n"
        f"  under {variant}:\n    {_indent(theirs)}{also_text}\n"
        f"{HOW_TO_FIX}\n"
        f"Reproduce: {variant.command(where)}"
    )


def _indent(text: str) -> str:
    return _shorten(text).replace("\n", "\n    ")


# ---------------------------------------------------------------------------------------------
# Running the matrix
# ---------------------------------------------------------------------------------------------


def render_matrix(
    snippets: Iterable[Path] = (),
    generated: Iterable[Path] = (),
    pages: Iterable[Path] = (),
    every: list[Variant] | None = None,
    jobs: int = 2,
    reference_given: Iterable[Path] = (),
    render_generated: Callable | None = None,
    render_pages: Callable | None = None,
) -> dict[Path, dict[Variant, Rendered]]:
    """Render every file under every variant: {path: {variant: Rendered}} (variants in order).

    `jobs` variants render side by side, each in its own warm runner with one child at a time:
    one variant's slowest page no longer leaves a core idle, and a runner's start (importing
    torch) overlaps another's rendering. The files in `reference_given` are left out of the first
    variant (the reference): the suite has rendered them already, in a process that computes as
    the reference does. Generated files and pages are rendered by the functions the caller names
    (`render_generated(runner, paths, first_runs) -> [Result]`: tools.generated.registry.render_in;
    `render_pages(runner, paths) -> [answer]`: tools.pages.sybil_notes.render_pages_in): the matrix
    knows how to compare renderings, not what draws a plot or runs a page. The drawings come before
    the snippets: a drawing's child runs its first snippet as that snippet's own child would, and
    hands back its Result in `first_runs` ({path: Result}); the matrix takes it and does not run
    that snippet again under the same variant."""
    from concurrent.futures import ThreadPoolExecutor

    snippets, generated, pages = list(snippets), list(generated), list(pages)
    every = every or variants()
    given = set(reference_given)

    def render(number: int) -> dict[Path, Rendered]:
        from tools.engine.runner import Runner

        variant, skip = every[number], (given if number == 0 else set())
        env = without_cpu_settings(os.environ)
        found: dict[Path, Rendered] = {}
        with Runner(jobs=1, env={**env, **variant.env()}) as runner:
            todo = [p for p in pages if p not in skip]  # the slowest first
            for path, answer in zip(todo, render_pages(runner, todo) if todo else []):
                found[path] = page_rendering(answer)
            drawn = [p for p in generated if p not in skip]
            first_runs: dict[Path, object] = {}
            results = render_generated(runner, drawn, first_runs) if drawn else []
            ran = {Path(p).resolve(): result for p, result in first_runs.items()}
            todo = [p for p in snippets if p not in skip and Path(p).resolve() not in ran]
            results += runner.render_files(todo)
            results += [replace(ran[Path(p).resolve()], path=p) for p in snippets
                        if p not in skip and Path(p).resolve() in ran]
            for result in results:
                blocks = ((str(result.path), 1, result.rendering),) if result.ok else ()
                found[result.path] = Rendered(blocks, result.error, result.seconds)
        return found

    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="kernel-matrix") as pool:
        rendered = list(pool.map(render, range(len(every))))
    table: dict[Path, dict[Variant, Rendered]] = {}
    for variant, found in zip(every, rendered):
        for path, result in found.items():
            table.setdefault(path, {})[variant] = result
    return table


def page_rendering(answer: dict) -> Rendered:
    """A page's rendering as `render_pages` or the suite's own run of the page gives it."""
    blocks = tuple((b["file"], b["line"], b["text"]) for b in answer.get("blocks", []))
    return Rendered(blocks, answer.get("error"), answer.get("seconds", 0.0))
