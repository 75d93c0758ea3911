"""MkDocs hook: the offline copy's part of every build (the copy itself is built by the command,
tools/site/offline.py, which also names the variables read here).

* on_config: Material's offline plugin (on only with NOTES_OFFLINE=true) gets the vendored
  iframe-worker shim instead of the one it would fetch from unpkg.com (on `file://`, Material's
  search worker runs in a hidden frame), and the theme learns whether this is the offline copy.
* on_files, on_page_markdown: the zip named by NOTES_OFFLINE_ZIP is published at the site's root and
  linked where docs/index.md has MARKER; without it the marker is simply dropped, so `mkdocs build
  --strict` checks the link exactly when there is one.
* on_post_build: in the offline copy each lab's notebook links carry the notebook itself (from
  `file://` a link's `download` is ignored).
"""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from tools.site.offline import ZIP_ENV, ZIP_NAME  # importable: the editable install puts tools/ on the path

SHIM = "assets/vendor/iframe-worker/shim.js"
MARKER = "<!-- offline-download -->"
NOTEBOOK_LINK = re.compile(r'href="(?P<name>lab(?:-solutions)?\.ipynb)"\s+download(?=[\s>])')


def on_config(config):
    """The offline plugin's unpkg.com shim replaced by the vendored copy (docs/assets/vendor/), and
    `extra.notes_offline` set for the theme: from file:// a font preload (which asks for CORS) is
    refused, so the offline copy's pages preload nothing (tools/site/theme/main.html)."""
    plugin = config.plugins.get("material/offline")
    config.extra["notes_offline"] = bool(plugin and plugin.config.enabled)
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [SHIM if "iframe-worker" in str(url) else url for url in polyfills]
    return config


def on_files(files, config):
    """The zip named by NOTES_OFFLINE_ZIP, added to the site's files (so links to it resolve)."""
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import File

    given = os.environ.get(ZIP_ENV)
    if not given:
        return files
    path = Path(given).resolve()
    if not path.is_file():
        raise PluginError(f"{ZIP_ENV}={given}: no such file (build it first: python3 dev.py build --offline)")
    files.append(File.generated(config, ZIP_NAME, abs_src_path=str(path)))
    return files


@event_priority(-50)  # after tools/site/hooks/labs.py has written the labs' notebooks
def on_post_build(config):
    """In the offline copy, each lab page's notebook links carry the notebook itself (a data: URL):
    from file:// Chromium ignores `download` on a link to a file, and shows the JSON instead."""
    if not config.extra.get("notes_offline"):
        return
    site = Path(config["site_dir"])
    for page in sorted(site.rglob("lab.html")):
        html = page.read_text(encoding="utf-8")

        def inline(match: re.Match) -> str:
            notebook = page.parent / match["name"]
            data = base64.b64encode(notebook.read_bytes()).decode()
            return f'href="data:application/x-ipynb+json;base64,{data}" download="{match["name"]}"'

        page.write_text(NOTEBOOK_LINK.sub(inline, html), encoding="utf-8")


def on_page_markdown(markdown, page, config, files):
    if MARKER in markdown:
        markdown = markdown.replace(MARKER, download_paragraph(os.environ.get(ZIP_ENV)))
    return markdown


def download_paragraph(zip_path: str | None) -> str:
    """What MARKER becomes: the link to the zip when the site has one, else nothing."""
    if not zip_path:
        return ""
    megabytes = Path(zip_path).stat().st_size / 1e6
    return (
        f":material-download: **Read it offline:** [download the whole site]({ZIP_NAME}) (zip, {megabytes:.1f} MB), "
        "unzip it and open `pytorch-notes/index.html` in a browser. Search, maths, plots and the labs' "
        "notebooks all work from the disk, without a network."
    )
