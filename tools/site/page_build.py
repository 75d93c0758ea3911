"""One page through the strict build, in about a second: what `python3 dev.py test --page` checks
instead of building the whole site.

The whole build (`mkdocs build --strict`, tests/test_site.py) renders some forty pages and five
labs and writes the theme around each. A page's own build errors come from its own rendering:
its includes (checked by the hooks), its maths (KaTeX), its diagrams, its links (mkdocs checks
each against the site's files) and the anchors of those links. So this runs mkdocs' own build
steps, with the real configuration, plugins and hooks, on the whole file list and nav, but
renders only the page, writes it through the theme, renders the pages its links point into with
an anchor (to know their headings), and validates its anchors. Every warning is a failure, as
with --strict. Nothing is written into the repository.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tools import mkdocs_config
from tools.env import child_env
from tools.paths import ROOT


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_page(page: Path, root: Path = ROOT) -> list[str]:
    """The problems the strict build reports for `page` (docs/…/x.md): an empty list when it builds."""
    os.environ.update({k: v for k, v in child_env().items() if k not in os.environ})
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation

    page = Path(page).resolve()
    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collect)
    try:
        with tempfile.TemporaryDirectory() as site, contextlib.chdir(root), contextlib.redirect_stderr(io.StringIO()):
            config = mkdocs_config.load(root, strict=True, site_dir=site)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                config = config.plugins.on_config(config)
                config.plugins.on_pre_build(config=config)
                files = get_files(config)
                env = config.theme.get_env()
                files.add_files_from_theme(env, config)
                files = config.plugins.on_files(files, config=config)
                set_exclusions(files, config)
                nav = get_navigation(files, config)
                nav = config.plugins.on_nav(nav, config=config, files=files)
                uri = page.relative_to(Path(config.docs_dir).resolve()).as_posix()
                file = files.get_file_from_path(uri)
                if file is None or file.page is None:
                    return [f"{uri}: not a page of the site (excluded, or not under {config.docs_dir})"]
                mkdocs_build._populate_page(file.page, config, files)
                env = config.plugins.on_env(env, config=config, files=files)
                doc_files = files.documentation_pages()
                mkdocs_build._build_page(file.page, config, doc_files, nav, env)
                for target in file.page.links_to_anchors or {}:
                    if target.page is not None and target.page.content is None:
                        mkdocs_build._populate_page(target.page, config, files)
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
            except MkDocsException as error:  # a hook's PluginError names the file and line
                if str(error) not in collect.messages:
                    collect.messages.append(str(error))
            finally:
                config.plugins.on_shutdown()
    finally:
        logger.removeHandler(collect)
    return [m for m in collect.messages if not m.startswith(SAID_ELSEWHERE)]


SAID_ELSEWHERE = (
    # mkdocs logs "Error reading page 'x.md': ..." after a hook's own message: the hook's names the line.
    "Error reading page",
    "Error building page",
    # A page missing from the nav: the contract check (part of the page check) says where it goes.
    'The following pages exist in the docs directory, but are not included in the "nav"',
)


def build_page_in_child(page: Path, root: Path = ROOT) -> list[str]:
    """build_page in a fresh interpreter (the suite starts it at collection, beside the other work)."""
    result = subprocess.run(
        [sys.executable, "-m", "tools.site.page_build", str(page)],
        cwd=root,
        env=child_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        return [f"the page build stopped (exit status {result.returncode}):\n{result.stdout}{result.stderr}"]
    return json.loads(result.stdout)


if __name__ == "__main__":
    print(json.dumps(build_page(Path(sys.argv[1]))))
