"""The offline copy: the whole site, read from `file://` (search included), as one zip.

    python3 dev.py build --offline [--site-dir site-offline] [--zip build/pytorch-notes-offline.zip]

builds the site with Material's offline plugin (mkdocs.yml: enabled by NOTES_OFFLINE=true). The
plugin turns directory URLs off (`autograd/index.html`, not `autograd/`, which a browser does not
resolve on disk) and inlines the search index into a script; the build's hook
(tools/site/hooks/offline.py) gives it the vendored iframe-worker shim instead of the one the plugin
would fetch from unpkg.com, and puts each lab's notebooks into its download links. The copy is then
zipped, byte for byte the same for the same build: sorted entries with a fixed date.

The published site links the zip from its home page. `python3 dev.py build` with
NOTES_OFFLINE_ZIP=path/to/the.zip (the Pages workflow, .github/workflows/ci.yml, builds the zip
first, from the same commit) copies it to the site's root as ZIP_NAME and links it from the home
page (the hook again). This module is the command, and the names the hook shares with it; it is
light at import (no mkdocs: the build runs in a child process).
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from tools.paths import ROOT

ENV = "NOTES_OFFLINE"  # "true": build the offline copy (mkdocs.yml)
ZIP_ENV = "NOTES_OFFLINE_ZIP"  # path of a built zip to publish with the site, linked from the home page
ZIP_NAME = "pytorch-notes-offline.zip"
SITE_DIR = ROOT / "site-offline"
ZIP_PATH = ROOT / "build" / ZIP_NAME
FOLDER = "pytorch-notes"  # the one folder the zip unpacks to
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


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
