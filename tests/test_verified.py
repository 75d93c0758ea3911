"""The record of what a run verified (tools/pages/verified.py) and the page footers built from it."""

from __future__ import annotations

import json

from tools.pages import verified
from tools.paths import ROOT

PAGE = "docs/training/training-loop.md"
ENTRY = {"torch": "2.13.0+cpu", "machine": "x86_64, Test CPU", "variants": ["A threads=1", "B threads=4"]}


def test_a_page_verified_as_it_is_now_gets_its_device_and_variants(tmp_path):
    path = verified.write("cpu", ENTRY, {PAGE: {"examples": True, "variants": True}}, folder=tmp_path)
    assert path.name.startswith("cpu-") and path.suffix == ".json"
    (said,) = verified.statements(PAGE, folder=tmp_path)
    assert said == {
        "device": "CPU", "machine": "x86_64, Test CPU", "torch": "2.13.0+cpu", "variants": ENTRY["variants"],
        "run": {"at": None, "commit": None},
    }
    verified.write("cuda", {**ENTRY, "machine": "NVIDIA H200", "variants": []}, {PAGE: {"examples": True, "variants": False}}, folder=tmp_path)
    assert [s["device"] for s in verified.statements(PAGE, folder=tmp_path)] == ["CPU", "CUDA"]


def test_a_record_says_nothing_of_a_page_changed_since_or_failed(tmp_path):
    path = verified.write("cpu", ENTRY, {PAGE: {"examples": True, "variants": True}}, folder=tmp_path)
    record = json.loads(path.read_text())
    record["pages"][PAGE]["digest"] = "0" * 16  # the page (or a snippet it includes) changed since
    path.write_text(json.dumps(record))
    assert verified.statements(PAGE, folder=tmp_path) == []
    verified.write("cpu", ENTRY, {PAGE: {"examples": False, "variants": False}}, folder=tmp_path)
    assert verified.statements(PAGE, folder=tmp_path) == []  # a failing run withdraws the claim
    verified.write("cpu", ENTRY, {PAGE: {"examples": True, "variants": False}}, folder=tmp_path)
    assert verified.statements(PAGE, folder=tmp_path)[0]["variants"] == []  # no matrix, no claim


def test_a_run_keeps_the_pages_it_did_not_check_but_not_across_torch_versions(tmp_path):
    other = "docs/autograd/backprop-by-hand.md"
    verified.write("cpu", ENTRY, {other: {"examples": True, "variants": True}}, folder=tmp_path)
    verified.write("cpu", ENTRY, {PAGE: {"examples": True, "variants": True}}, folder=tmp_path)
    assert verified.statements(other, folder=tmp_path) and verified.statements(PAGE, folder=tmp_path)
    verified.write("cpu", {**ENTRY, "torch": "2.14.0"}, {PAGE: {"examples": True, "variants": True}}, folder=tmp_path)
    assert verified.statements(other, folder=tmp_path) == []


def test_the_digest_covers_the_page_and_the_snippets_it_includes():
    assert verified.page_digest(ROOT / PAGE) == verified.page_digest(ROOT / PAGE)
    assert verified.page_digest(ROOT / PAGE) != verified.page_digest(ROOT / "docs/autograd/backprop-by-hand.md")


def test_every_page_footer_says_where_it_was_verified_or_that_no_record_came_with_the_build(site):
    for page in site.rglob("index.html"):
        html = page.read_text()
        if "How this page is verified" not in html:
            continue
        said = 'class="notes-verified-on"' in html or "This build comes with no record of a suite run" in html
        assert said, f"{page.relative_to(site)}: the footer says nothing of where the page was verified"


def test_a_run_without_the_matrix_keeps_an_earlier_matrix_claim_for_the_same_page(tmp_path):
    verified.write("cpu", ENTRY, {PAGE: {"examples": True, "variants": True}}, folder=tmp_path)
    verified.write("cpu", ENTRY, {PAGE: {"examples": True, "variants": None}}, folder=tmp_path)  # a --page run
    assert verified.statements(PAGE, folder=tmp_path)[0]["variants"] == ENTRY["variants"]
    verified.write("cpu", ENTRY, {PAGE: {"examples": True, "variants": False}}, folder=tmp_path)  # matrix failed
    assert verified.statements(PAGE, folder=tmp_path)[0]["variants"] == []


def test_a_reused_result_names_the_run_that_produced_it_not_the_one_that_reused_it(tmp_path):
    """A page whose result came from the verification record (tools/suite/record.py) is cited with the
    earlier run's machine, date and commit."""
    earlier = {"id": "abc", "at": "2026-12-01 09:00 UTC", "machine": "x86_64, Earlier CPU", "commit": "1234567"}
    passed = {"examples": True, "variants": True, "run": earlier}
    verified.write("cpu", {**ENTRY, "machine": "x86_64, Reusing CPU"}, {PAGE: passed}, folder=tmp_path)
    (said,) = verified.statements(PAGE, folder=tmp_path)
    assert said["machine"] == "x86_64, Earlier CPU"
    assert said["run"] == {"at": "2026-12-01 09:00 UTC", "commit": "1234567"}
