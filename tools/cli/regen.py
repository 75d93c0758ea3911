"""Write every generated output after an intended change: `python3 dev.py regen [PATH ...]`.

It writes the rendering that the tests compare against (tools/engine/outputs.py), nothing else:

* a snippet's `#>` lines (what each statement printed), the snippet run as its own program
  (tools/engine/runner.py). Only `#>` lines change; code and prose are never touched;
* every generated file (diagrams, plots: tools/generated/registry.generated_files).

It refuses to write a file whose code raises or prints to stderr, and one whose output changes
from one run to the next or from one machine to another: each file is rendered twice, in two
separate interpreters with different hash seeds and different CPU kernels (the two variants of
tools/engine/portability.regen_pair: the CPU's best kernels on one thread, and the scalar kernels with
MKL's compatible path on four threads). The suite checks every variant (tests/test_portability.py). With PATHs
(files or folders) only those are regenerated; a PATH that is no snippet or generated file is an
error. Review the resulting `git diff` like code: it is exactly what the pages will show.
"""

from __future__ import annotations

import os
import random
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools.cli.commands import regen_parser
from tools.engine import outputs, portability
from tools.engine.runner import Result, Runner
from tools.generated.registry import generated_files, render_in
from tools.paths import rel, snippet_files


def _select(args: list[str], candidates: list[Path]) -> tuple[list[Path], list[str]]:
    """The candidates under the given paths, and the paths that matched none."""
    if not args:
        return candidates, []
    chosen: dict[Path, None] = {}
    unknown = []
    for arg in args:
        target = Path(arg).resolve()
        matched = [c for c in candidates if c.resolve() == target or target in c.resolve().parents]
        if not matched:
            unknown.append(arg)
        chosen.update(dict.fromkeys(matched))
    return list(chosen), unknown


def two_runners() -> tuple[Runner, Runner]:
    """Two runners with different hash seeds (and memory layouts) and the two far-apart CPU kernel
    variants of portability.regen_pair: output that varies from run to run or machine to machine
    shows."""
    seeds = random.sample(range(1, 2**31), 2)
    base = portability.without_cpu_settings(os.environ)
    return tuple(
        Runner(jobs=1, env={**base, **variant.env(), "PYTHONHASHSEED": str(seed)})
        for variant, seed in zip(portability.regen_pair(), seeds)
    )


def _render_twice(
    snippets: list[Path], generated: list[Path], runners: tuple[Runner, Runner]
) -> tuple[list[Result], list[Result]]:
    """Each file rendered by both runners, in parallel."""

    def one(runner: Runner) -> list[Result]:
        return runner.render_files(snippets) + render_in(runner, generated)

    with ThreadPoolExecutor(max_workers=2) as pool:
        first, second = pool.map(one, runners)
    return first, second


# --- messages (kept here, apart from the logic, so that they are easy to change or merge) -------


def varying_output_message(where: str, current: str | None, first: str, second: str) -> str:
    """A file printing something else in each run (another hash seed, other CPU kernels:
    two_runners): the file's line of the statement that prints it, what each run printed there,
    and the fix for either cause."""
    a, b = first.splitlines(), second.splitlines()
    i = next((n for n in range(max(len(a), len(b))) if a[n : n + 1] != b[n : n + 1]), 0)
    if where.endswith(".py"):
        statement = sum(1 for line in a[:i] if not outputs.is_output_line(line))  # the code line it follows
        code_lines = [n for n, line in enumerate((current or first).splitlines(), 1) if not outputs.is_output_line(line)]
        line = code_lines[statement - 1] if 0 < statement <= len(code_lines) else 1
        code = f"  {line} | {(current or first).splitlines()[line - 1].strip()}" if statement else None
    else:  # a generated file: its own line
        line, code = i + 1, None
    run_1, run_2 = portability.regen_pair()
    return "\n".join(
        [
            f"{where}:{line}: the output changes from one run to the next, or from one CPU to another, "
            "so it cannot be checked:",
            *([code] if code else []),
            f"  run 1 ({run_1}): {a[i] if i < len(a) else '(nothing)'}",
            f"  run 2 ({run_2}): {b[i] if i < len(b) else '(nothing)'}",
            "Fix: if it is random, seed it (torch.manual_seed(0)) and print nothing that varies (memory "
            "addresses, set order, timings); if it is the CPU, print what holds on every CPU: "
            f"{portability.HOW_TO_FIX.removeprefix('Print what holds on every CPU: ')} Nothing was written.",
        ]
    )


def summary(changed: list[str], unchanged: int, refused: list[str]) -> str:
    text = f"{len(changed)} file(s) changed, {unchanged} unchanged"
    return text + (f", {len(refused)} refused (NOT WRITTEN, above)" if refused else "")


def regenerate(
    snippets: list[Path], generated: list[Path], runners: tuple[Runner, Runner] | None = None
) -> tuple[list[str], list[str], int]:
    """Write the rendering of each file that runs cleanly and the same way twice.

    Returns (files rewritten, messages for files refused, number of files already up to date).
    """
    if runners is None:
        runners = two_runners()
        try:
            return regenerate(snippets, generated, runners)
        finally:
            for runner in runners:
                runner.close()
    first, second = _render_twice(snippets, generated, runners)
    changed, refused = [], []
    for a, b in zip(first, second):
        where = rel(a.path)
        if not a.ok or not b.ok:
            refused.append(a.error or b.error)
            continue
        if outputs.compare(a.path, a.rendering, b.rendering) is not None:
            current = a.path.read_text() if a.path.exists() else None
            refused.append(varying_output_message(where, current, a.rendering, b.rendering))
            continue
        current = a.path.read_text() if a.path.exists() else None
        if a.path.suffix == ".py" and current is not None:
            # Only #> lines may change: anything else means the rendering is wrong, not the file.
            assert outputs.strip_outputs(current) == outputs.strip_outputs(a.rendering), where
        if outputs.compare(a.path, current, a.rendering) is not None:
            a.path.parent.mkdir(parents=True, exist_ok=True)
            a.path.write_text(a.rendering)
            changed.append(where)
    return changed, refused, len(first) - len(changed) - len(refused)


def main(argv: list[str]) -> int:
    args = regen_parser().parse_args(argv)  # tools/cli/commands.py: --help answers without the venv

    generated_all = generated_files()
    candidates = [*snippet_files(), *generated_all]
    chosen, unknown = _select(args.paths, candidates)
    if unknown:
        for arg in unknown:
            print(f"regen: {arg}: not a snippet (snippets/<chapter>/*.py) or a generated file", file=sys.stderr)
        return 2
    chosen_set = set(chosen)
    snippets = [p for p in snippet_files() if p in chosen_set]
    generated = [p for p in generated_all if p in chosen_set]

    changed, refused, unchanged = regenerate(snippets, generated)
    for where in changed:
        print(f"rewrote {where}")
    for message in refused:
        print(f"NOT WRITTEN: {message.rstrip()}\n", file=sys.stderr, flush=True)
    print(summary(changed, unchanged, refused))
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
