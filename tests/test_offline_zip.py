"""The offline copy's zip (tools/site/offline.py) and the home page's link to it (its hook,
tools/site/hooks/offline.py). The copy itself is read from file:// by tests/browser/test_offline.py."""

from __future__ import annotations

import zipfile

from tools.paths import DOCS
from tools.site import offline
from tools.site.hooks import offline as offline_hook


def test_the_zip_is_the_same_bytes_for_the_same_copy_under_one_folder(tmp_path):
    site = tmp_path / "site"
    (site / "autograd").mkdir(parents=True)
    (site / "index.html").write_text("<h1>home</h1>")
    (site / "autograd" / "lab.ipynb").write_text("{}")
    first = offline.zip_site(site, tmp_path / "a.zip").read_bytes()
    (site / "index.html").touch()  # a newer date on disk changes nothing in the zip
    second = offline.zip_site(site, tmp_path / "b.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.namelist() == ["pytorch-notes/autograd/lab.ipynb", "pytorch-notes/index.html"]


def test_the_home_page_links_the_zip_exactly_when_the_site_has_it(tmp_path):
    assert (DOCS / "index.md").read_text().count(offline_hook.MARKER) == 1
    assert offline_hook.download_paragraph(None) == ""
    built = tmp_path / "copy.zip"
    built.write_bytes(b"0" * 2_500_000)
    paragraph = offline_hook.download_paragraph(str(built))
    assert f"]({offline.ZIP_NAME}) (zip, 2.5 MB)" in paragraph
