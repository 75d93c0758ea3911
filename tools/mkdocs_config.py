"""mkdocs.yml, read in one place: its path, its text, the hook files it lists, the configuration
MkDocs makes of it, and its text for a copy of the site elsewhere.

A ground module: it imports nothing of ours but tools/paths.py, and MkDocs only inside `load`, so
importing it is light at import (standard library only). Each function takes the repository root,
so that the tests can read a scratch copy.
"""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from tools.paths import ROOT

NAME = "mkdocs.yml"
_HOOKS = re.compile(r"^hooks:.*?\n((?:  - .*\n)+)", re.M)


def path(root: Path = ROOT) -> Path:
    return root / NAME


def text(root: Path = ROOT) -> str:
    """The file as written (the checks that name its lines read this)."""
    return path(root).read_text()


def hook_files(root: Path = ROOT) -> list[str]:
    """The hook files `hooks:` lists, in order, as written ("tools/site/hooks/palette.py", ...)."""
    listed = _HOOKS.search(text(root))
    return re.findall(r"^  - (\S+\.py)", listed[1], re.M) if listed else []


def load(root: Path = ROOT, **options):
    """MkDocs' own configuration (mkdocs.config.load_config), read from `root` as the build reads
    it: from that folder, with what the plugins print at load time (Material's notices) kept off
    stderr. `options` override settings (`strict=True`, `site_dir=...`). A fresh configuration on
    every call: a build changes the one it runs."""
    from mkdocs.config import load_config

    with contextlib.chdir(root), contextlib.redirect_stderr(io.StringIO()):
        return load_config(str(path(root)), **options)


def relocated(snippets: Path, root: Path = ROOT) -> str:
    """The text of `root`'s mkdocs.yml for a site whose docs/ sit in another folder, next to the
    written file, with its snippets in `snippets`: the theme overrides, the hooks and the watched
    tools/ stay `root`'s, the includes and the watched snippets/ are `snippets`."""
    config = text(root)
    config = config.replace("custom_dir: tools/site/theme", f"custom_dir: {root / 'tools/site/theme'}")
    config = re.sub(r"(?m)^  - (tools/[\w/]+\.py)", lambda hook: f"  - {root / hook[1]}", config)  # every hook
    config = re.sub(r"(?m)^  - tools$", f"  - {root / 'tools'}", config)
    config = re.sub(r"(?m)^  - snippets$", f"  - {snippets}", config)  # watched
    return config.replace("base_path: [snippets]", f"base_path: [{snippets}]")  # included
