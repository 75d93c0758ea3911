"""Fixtures shared by the site tests and the browser tests: the site is built once per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.contract import build_site


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site as `mkdocs build --strict` writes it (notebooks executed), built once per run."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site_dir
