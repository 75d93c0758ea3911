"""Scratch sites for the tests that plant a mistake in a page and read the build's message
(tests/test_bad_input.py, tests/test_mistakes.py, tests/test_serve.py)."""

from __future__ import annotations

import re
from pathlib import Path

from tools import mkdocs_config
from tools.site.build import build_site


def scratch_site(tmp_path: Path, pages: dict[str, str], snippets: dict[str, str] | None = None) -> Path:
    """A site in tmp_path with this repository's configuration, and only the given pages."""
    (tmp_path / "snippets").mkdir()
    for name, text in (snippets or {}).items():
        (tmp_path / "snippets" / name).write_text(text)
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text)
    config = mkdocs_config.relocated(tmp_path / "snippets")
    config = re.sub(r"(?ms)^watch:.*?^\n", "", config)
    config = config.replace("cache: true", "cache: false")  # never evict the real labs' cache entries
    config = config[: config.index("\nnav:")] + "\nnav:\n" + "".join(f"  - {name}\n" for name in pages)
    (tmp_path / "mkdocs.yml").write_text(config)
    return tmp_path / "mkdocs.yml"


def failed_build_log(config: Path) -> str:
    result = build_site(config.parent / "site", config)
    assert result.returncode != 0, "the build should have failed"
    return result.stdout + result.stderr
