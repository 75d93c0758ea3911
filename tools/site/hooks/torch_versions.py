"""MkDocs hook: what other torch versions print, on the page, from the recorded data.

`python3 dev.py compat VERSION --record` writes compat/torch-VERSION.json: every output that differs
under that torch, per page (tools/compat_record.py). Here:

* a page's `<!-- torch-differences: chapter/snippet.py -->` (or `page`) marker, inside the note
  that explains why, becomes the list of the recorded lines: which line, what this page shows,
  what each other torch prints. A marker for which no record differs fails the build (its
  explanation would be stale);
* every page's footer gets the versions it was checked against (`page.meta.torch_checked`), and a
  lab's footer the torch that executed it (`page.meta.lab_torch`): tools/site/theme/main.html.
"""

from __future__ import annotations

import platform
import re
import sys
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import PluginError

from tools import compat_record  # importable: the editable install puts tools/ on the path

_records: list[dict] = []


def on_config(config):
    _records[:] = compat_record.load_all(Path(config["config_file_path"]).parent)
    return config


def _code(text: str | None) -> str:
    if text is None:
        return "nothing"
    text = text.strip()
    tick = "``" if "`" in text else "`"
    return f"{tick}{text}{tick}"


def _lines_for(page_src: str, name: str, pinned_torch: str) -> list[str]:
    """Markdown list items: each recorded change of `name` on this page, the versions that print
    the same thing there named together."""
    grouped: dict[tuple, list[str]] = {}
    for record in _records:
        entry = record["pages"].get(page_src, {})
        changes = entry.get("page", []) if name == "page" else entry.get("snippets", {}).get(name, [])
        for change in changes:
            key = (change.get("line") or 0, change.get("pinned"), change.get("other"), change.get("raised"))
            grouped.setdefault(key, []).append(record["torch"])
    items = []
    for (line, pinned, other, raised), versions in sorted(grouped.items(), key=lambda kv: kv[0][0]):
        where = f"`{name}`" if name != "page" else "this page"
        where += f", line {line}" if line else ""
        torches = "torch " + " and ".join(versions)
        if raised:
            items.append(f"- {where}: under {torches} it raises `{raised}`.")
        else:
            verb = "prints" if len(versions) == 1 else "print"
            items.append(
                f"- {where}: {torches} {verb} {_code(other)} where torch {pinned_torch} (this page) "
                f"prints {_code(pinned)}."
            )
    return items


def _build() -> str:
    """CUDA, ROCm or CPU: what torch/version.py says, read without importing torch."""
    try:
        text = Path(metadata.distribution("torch").locate_file("torch/version.py")).read_text()
    except (OSError, metadata.PackageNotFoundError):
        return "unknown"
    if re.search(r"^cuda\s*(?::[^=]*)?=\s*['\"]", text, re.M):
        return "CUDA"
    return "ROCm" if re.search(r"^hip\s*(?::[^=]*)?=\s*['\"]", text, re.M) else "CPU"


def _pinned_torch() -> str:
    return metadata.version("torch").split("+")[0]


def on_page_markdown(markdown, page, config, files):
    src = f"docs/{page.file.src_uri}"
    pinned = _pinned_torch()

    def fill(match):
        name = match["name"] if match["name"] == "page" else f"snippets/{match['name']}"
        items = _lines_for(src, name, pinned)
        if not items:
            recorded = ", ".join(r["torch"] for r in _records) or "none"
            raise PluginError(
                f"{page.file.src_path}: a torch-differences note for {name}, but no recorded torch "
                f"({recorded}) prints anything else there (compat/). Remove the note, or record the "
                "version that differs: python3 dev.py compat VERSION --record"
            )
        indent = markdown[: match.start()].rsplit("\n", 1)[-1]
        return ("\n" + indent).join(items)

    markdown = compat_record.MARKER.sub(fill, markdown)
    checked = []
    for record in _records:
        if src not in record["checked"]:
            continue
        count = len([d for d in compat_record.differences(record) if d[0] == src])
        checked.append({"torch": record["torch"], "build": record["build"], "recorded": record["recorded"], "differs": count})
    page.meta["torch_checked"] = checked
    return markdown


def on_page_context(context, page, config, nav):
    """A lab (executed by mkdocs-jupyter at build time, in this environment) names its torch."""
    if page.file.src_uri.endswith("lab.py"):
        page.meta["lab_torch"] = {
            "torch": f"{metadata.version('torch')} ({_build()} build)",
            "python": platform.python_version(),
            "platform": f"{sys.platform}, {platform.machine()}",
        }
    return context
