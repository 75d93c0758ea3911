"""Rewrite every generated output after an intended change: `python3 dev.py regen [FILE ...]`.

* the `#>` lines of every snippet under snippets/ (what each statement printed), each snippet
  run in a fresh process, as the tests and readers run it;
* every generated diagram (tools/diagrams.py) and plot (tools/plots.py, tools/figures/).

Review the resulting `git diff` like code: it is exactly what the pages will show.
"""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from tools import contract, diagrams, plots


def _outputs_in_fresh_process(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-W", "error", "-m", "tools.regen", "--one", str(path)],
        cwd=contract.ROOT,
        capture_output=True,
        text=True,
    )


def _one(path: str) -> int:
    code_text, outputs = contract.run_anchored(Path(path))
    sys.stdout.write(json.dumps({"code": code_text, "outputs": outputs}))
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["--one"]:
        return _one(argv[1])
    only = {str(Path(a).resolve()) for a in argv}
    paths = [p for p in contract.snippet_files() if not only or str(p.resolve()) in only]
    changed, failed = [], []
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(_outputs_in_fresh_process, paths))
    for path, result in zip(paths, results):
        rel = path.relative_to(contract.ROOT).as_posix()
        if result.returncode != 0:
            failed.append(rel)
            sys.stderr.write(result.stderr)
            continue
        data = json.loads(result.stdout)
        new = contract.with_outputs(data["code"], {int(k): v for k, v in data["outputs"].items()})
        if new != path.read_text():
            path.write_text(new)
            changed.append(rel)
    for diagram in [*diagrams.DIAGRAMS, *plots.outputs()]:
        rel = diagram.path.relative_to(contract.ROOT).as_posix()
        if only and str(diagram.path.resolve()) not in only:
            continue
        new = diagram.render()
        if not diagram.path.exists() or diagram.path.read_text() != new:
            diagram.path.parent.mkdir(parents=True, exist_ok=True)
            diagram.path.write_text(new)
            changed.append(rel)
    for rel in changed:
        print(f"rewrote {rel}")
    print(f"{len(changed)} file(s) changed")
    for rel in failed:
        print(f"FAILED to run {rel} (left unchanged; traceback above)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
