"""The offline copy: the whole site, read from `file://` (search included), as one zip.

    python3 dev.py build --offline [--site-dir site-offline] [--zip build/pytorch-notes-offline.zip]

builds the site with Material's offline plugin (mkdocs.yml: enabled by NOTES_OFFLINE=true). The
plugin turns directory URLs off (`autograd/index.html`, not `autograd/`, which a browser does not
resolve on disk) and inlines the search index into a script; this module, loaded as a second
MkDocs hook, gives it the vendored iframe-worker shim instead of the one the plugin would fetch
from unpkg.com (on `file://`, Material's search worker runs in a hidden frame), and puts each lab's
notebooks into its download links (from `file://` a link's `download` is ignored). The copy is then
zipped, byte for byte the same for the same build: sorted entries with a fixed date.

The published site links the zip from its home page. `python3 dev.py build` with
NOTES_OFFLINE_ZIP=path/to/the.zip (the Pages workflow, .github/workflows/ci.yml, builds the zip
first, from the same commit) copies it to the site's root as ZIP_NAME and puts the link where
docs/index.md has MARKER. Without it the marker is simply dropped: no link to a file the site
does not have, so `mkdocs build --strict` checks the link exactly when there is one.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import sys
import zipfile
from pathlib import Path

from mkdocs.plugins import event_priority

from tools.paths import ROOT

ENV = "NOTES_OFFLINE"  # "true": build the offline copy (mkdocs.yml)
ZIP_ENV = "NOTES_OFFLINE_ZIP"  # path of a built zip to publish with the site, linked from the home page
ZIP_NAME = "pytorch-notes-offline.zip"
SITE_DIR = ROOT / "site-offline"
ZIP_PATH = ROOT / "build" / ZIP_NAME
FOLDER = "pytorch-notes"  # the one folder the zip unpacks to
SHIM = "assets/vendor/iframe-worker/shim.js"
MARKER = "<!-- offline-download -->"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
NOTEBOOK_LINK = re.compile(r'href="(?P<name>lab(?:-solutions)?\.ipynb)"\s+download(?=[\s>])')


# --- MkDocs hook (mkdocs.yml `hooks:`) ---------------------------------------------------------


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


# --- building and zipping -------------------------------------------------------------------------


def build(site_dir: Path = SITE_DIR):
    """`mkdocs build --strict` with the offline plugin on, into `site_dir` (output captured)."""
    from tools.site.build import build_site

    return build_site(site_dir, env={ENV: "true", ZIP_ENV: ""})


def zip_site(site_dir: Path, zip_path: Path = ZIP_PATH) -> Path:
    """`site_dir` as one zip whose entries sit under FOLDER/, in sorted order with a fixed date."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{FOLDER}/{path.relative_to(site_dir).as_posix()}", date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return zip_path


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python3 dev.py build --offline", description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=SITE_DIR, help="where the copy is built (default: site-offline/)")
    parser.add_argument("--zip", type=Path, default=ZIP_PATH, help=f"the zip to write (default: build/{ZIP_NAME})")
    args = parser.parse_args(argv)
    result = build(args.site_dir)
    sys.stdout.write(result.stdout)
    sys.stderr.write(result.stderr)
    if result.returncode != 0:
        return result.returncode
    zip_path = zip_site(args.site_dir, args.zip)
    print(
        f"[offline] {args.site_dir}: open {args.site_dir / 'index.html'} in a browser\n"
        f"[offline] {zip_path}: {zip_path.stat().st_size / 1e6:.1f} MB (publish it with the site: "
        f"{ZIP_ENV}={zip_path} python3 dev.py build)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
