"""What differs under another torch, recorded per page: `python3 dev.py compat VERSION --record`.

`dev.py compat VERSION` runs every snippet and every page's blocks under that torch (tools/cli/compat.py);
with `--record` it also writes `compat/torch-VERSION.json`, a generated data file kept in the
repository: which torch ran (its build), which snippets and pages were checked, and every output
line that differs, per page, with the line it sits on and what each torch prints there:

* a snippet's differing `#>` lines (from its test's diff) count on every page that includes the
  snippet, where its `#>` lines show;
* a page block's own differing output (Sybil's diff), or a block or snippet that raised, counts on
  its page.

A page explains each difference next to the output, with a marker the build fills in from these
files (tools/site/hooks/torch_versions.py):

    !!! note "Under other torch versions"
        <!-- torch-differences: activations/relu_at_zero.py -->
        Why, with the release note or pull request.

The marker names a snippet (as the page includes it) or `page` (the page's own blocks); the build
replaces it with the recorded lines, and fails when a marker names something no record differs on
(the explanation would be stale). `unexplained()` lists every recorded difference that no page
explains: `--record` exits 1 on one (the weekly workflow records the newest torch this way), and
tests/test_compat.py fails on one. Every page's footer names the versions it was checked against.

Standard library only: dev.py imports it (through tools/cli/compat.py) before any venv exists.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

FOLDER = "compat"  # compat/torch-VERSION.json, at the repository's root
MARKER = re.compile(r"<!--\s*torch-differences:\s*(?P<name>[\w./-]+)\s*-->")
INCLUDE = re.compile(r"""--8<--\s+["'](?P<file>[\w./-]+\.py)(?::[\w-]+)?["']""")
HUNK = re.compile(r"^@@ -(?P<a>\d+)(?:,\d+)? \+(?P<b>\d+)(?:,\d+)? @@")
SYBIL_AT = re.compile(r"output drift in (?P<page>docs/[\w./-]+\.md), line (?P<line>\d+)")


def record_path(root: Path, version: str) -> Path:
    return root / FOLDER / f"torch-{version}.json"


def load_all(root: Path) -> list[dict]:
    """Every recorded version, oldest torch first."""
    found = [json.loads(path.read_text()) for path in sorted((root / FOLDER).glob("torch-*.json"))]
    return sorted(found, key=lambda r: tuple(int(p) for p in re.findall(r"\d+", r["torch"])[:3]))


def changed_lines(diff: str) -> list[dict]:
    """Each line a unified diff changes, in the old file's numbering: {"line", "pinned", "other"}
    (a line only removed has `other` None; one only added, `pinned` None, at the line it follows)."""
    changes, old_line, removed, added = [], 0, [], []

    def flush():
        for i in range(max(len(removed), len(added))):
            line, pinned = removed[i] if i < len(removed) else (removed[-1][0] if removed else old_line, None)
            changes.append({"line": line, "pinned": pinned, "other": added[i] if i < len(added) else None})
        removed.clear()
        added.clear()

    in_hunk = False
    for text in diff.splitlines():
        hunk = HUNK.match(text)
        if hunk:
            flush()
            old_line, in_hunk = int(hunk["a"]), True
        elif not in_hunk or text.startswith(("---", "+++")):
            continue
        elif text.startswith("-"):
            removed.append((old_line, text[1:]))
            old_line += 1
        elif text.startswith("+"):
            added.append(text[1:])
        elif text.startswith(" "):
            flush()
            old_line += 1
        else:
            flush()
            in_hunk = False
    flush()
    return changes


def _raised(message: str) -> str:
    lines = [line for line in message.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else "failed"


def page_includes(root: Path) -> dict[str, list[str]]:
    """{docs/page.md: [snippets/x.py, …]} for every page, in the order it includes them."""
    found = {}
    for page in sorted((root / "docs").rglob("*.md")):
        files = []
        for match in INCLUDE.finditer(page.read_text()):
            name = f"snippets/{match['file']}"
            if name not in files:
                files.append(name)
        found[page.relative_to(root).as_posix()] = files
    return found


def build_record(
    version: str, torch_build: str, records: list[dict], root: Path, when: str, unit_of: Callable[[dict], str]
) -> dict:
    """The data file's content from the compat run's test records (tools/cli/compat.py's plugin);
    `unit_of(record)` names the snippet or page a test checks (tools/cli/compat.py's)."""
    includes = page_includes(root)
    checked = sorted({unit_of(r) for r in records if unit_of(r).startswith(("docs/", "snippets/"))})
    snippet_changes: dict[str, list[dict]] = {}
    page_changes: dict[str, list[dict]] = {}
    for r in records:
        if r["outcome"] in ("passed", "skipped"):
            continue
        unit, message = unit_of(r), r.get("detail") or r.get("message") or r["outcome"]
        lines = changed_lines(message)
        if unit.startswith("snippets/"):
            snippet_changes.setdefault(unit, []).extend(
                lines or [{"line": None, "pinned": None, "other": None, "raised": _raised(message)}]
            )
        elif unit.startswith("docs/"):
            at = SYBIL_AT.search(message)
            first = int(at["line"]) if at else None
            for change in lines:  # Sybil numbers its diff from the block's first line
                if first is not None and change["line"] is not None:
                    change["line"] += first - 1
            page_changes.setdefault(unit, []).extend(
                lines or [{"line": first, "pinned": None, "other": None, "raised": _raised(message)}]
            )
    pages = {}
    for page in sorted(set(includes) | set(page_changes)):
        entry = {}
        shown = {s: snippet_changes[s] for s in includes.get(page, []) if s in snippet_changes}
        if shown:
            entry["snippets"] = shown
        if page in page_changes:
            entry["page"] = page_changes[page]
        if entry:
            pages[page] = entry
    return {
        "torch": version,
        "build": torch_build,
        "recorded": when,
        "command": f"python3 dev.py compat {version} --record",
        "checked": checked,
        "pages": pages,
        "snippets_not_on_a_page": sorted(s for s in snippet_changes if not any(s in v for v in includes.values())),
    }


def differences(record: dict) -> list[tuple[str, str, dict]]:
    """(page, what differs there: a snippet or "page", the change) for each recorded change."""
    out = []
    for page, entry in record["pages"].items():
        for snippet, changes in entry.get("snippets", {}).items():
            out.extend((page, snippet, change) for change in changes)
        out.extend((page, "page", change) for change in entry.get("page", []))
    return out


def markers(root: Path) -> dict[str, set[str]]:
    """{docs/page.md: {the names its torch-differences markers carry, as snippets/… or "page"}}."""
    found = {}
    for page in sorted((root / "docs").rglob("*.md")):
        names = {m["name"] if m["name"] == "page" else f"snippets/{m['name']}" for m in MARKER.finditer(page.read_text())}
        if names:
            found[page.relative_to(root).as_posix()] = names
    return found


def unexplained(root: Path, records: list[dict] | None = None) -> list[str]:
    """Every recorded difference whose page has no marker for it: 'page: what (torch X, line N)'."""
    explained = markers(root)
    out = []
    for record in records if records is not None else load_all(root):
        for page, what, change in differences(record):
            if what not in explained.get(page, set()):
                out.append(f"{page}: {what} differs under torch {record['torch']} (line {change['line']}), "
                           f"with no <!-- torch-differences: {what.removeprefix('snippets/')} --> note on the page")
    return sorted(set(out))


def write(root: Path, record: dict) -> Path:
    path = record_path(root, record["torch"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return path
