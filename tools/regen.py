"""Rewrite every generated output after an intended change: `python3 dev.py regen`.

* the `#>` lines of every snippet under snippets/ (what each statement printed);
* every generated diagram (tools/diagrams.py).

Review the resulting `git diff` like code: it is exactly what the pages will show.
"""

from __future__ import annotations

import sys

from tools import contract, diagrams


def main(argv: list[str]) -> int:
    only = set(argv)
    changed = []
    for path in contract.snippet_files():
        rel = str(path.relative_to(contract.ROOT))
        if only and rel not in only:
            continue
        code_text, outputs = contract.run_anchored(path)
        new = contract.with_outputs(code_text, outputs)
        if new != path.read_text():
            path.write_text(new)
            changed.append(rel)
    for diagram in diagrams.DIAGRAMS:
        rel = str(diagram.path.relative_to(contract.ROOT))
        if only and rel not in only:
            continue
        new = diagram.render()
        if not diagram.path.exists() or diagram.path.read_text() != new:
            diagram.path.write_text(new)
            changed.append(rel)
    for rel in changed:
        print(f"rewrote {rel}")
    print(f"{len(changed)} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
