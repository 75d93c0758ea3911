"""The vendored KaTeX files are exactly the released ones recorded in SHA256SUMS."""

import pytest

from tools.maint import vendor

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["docs/assets/vendor"])


def test_vendored_assets_match_their_recorded_hashes():
    assert vendor.current() == vendor.recorded()
    assert {"katex/katex.min.js", "katex/katex.min.css"} <= set(vendor.recorded())


def test_axe_is_fetched_from_its_own_folder_whatever_the_suites_folder(tmp_path, monkeypatch):
    """The tour fetches axe-core in its own thread, while a page's examples may hold the process in
    a folder they remove afterwards: npm, started there, failed on process.cwd() (ENOENT) and every
    page of the tour with it. The fetch names its folder."""
    import subprocess

    from tools.browser import axe

    calls = []
    monkeypatch.setattr(axe, "TARBALL", tmp_path / "missing.tgz")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(k) or subprocess.CompletedProcess(a, 1, "", ""))
    gone = tmp_path / "page-cwd"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()  # the page's folder, removed while the process is still in it
    try:
        axe.ensure_tarball()
    except axe.AxeUnavailable:
        pass
    assert calls and calls[0].get("cwd") == axe.CACHE
