"""The environment of every Python subprocess our commands start (mkdocs, pytest, the benchmark).

Standard library only: dev.py imports it before any venv exists.
"""

from __future__ import annotations

import os


def child_env(**extra: str) -> dict[str, str]:
    """This process's environment, plus:

    * NO_MKDOCS_2_WARNING=1: mkdocs-material prints a notice about MkDocs 2 on every start; the
      lock pins MkDocs 1.x on purpose, so it is noise in every build and test log;
    * PYTHONUTF8=1: the pages, snippets and logs are UTF-8 whatever the console's code page;
    * `extra`, last, so a caller can add or override a variable.
    """
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUTF8": "1", **extra}
