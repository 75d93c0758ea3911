"""`python3 dev.py bench` writes its figures into BENCHMARKS.md, between its section's markers."""

from __future__ import annotations

import pytest

from tools.bench.main import BENCHMARKS, write_section

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["BENCHMARKS.md"])


def test_a_section_is_replaced_between_its_markers_and_nothing_else(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# B\n\n<!-- bench:speed -->\nold\n<!-- /bench:speed -->\n\nhistory\n")
    write_section("speed", "| loop | 1.0 s |\n", path)
    text = path.read_text()
    assert text.startswith("# B\n\n<!-- bench:speed -->\nWritten by `python3 dev.py bench` at commit `")
    assert text.endswith("\n\n| loop | 1.0 s |\n<!-- /bench:speed -->\n\nhistory\n")
    assert "old" not in text


def test_a_missing_section_stops_the_bench_naming_it(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# B\n")
    with pytest.raises(SystemExit, match="no <!-- bench:browser --> … <!-- /bench:browser --> markers"):
        write_section("browser", "x", path)


def test_the_projects_file_has_every_section():
    text = BENCHMARKS.read_text()
    for section in ("speed", "bytes", "matrix", "browser", "training"):
        assert f"<!-- bench:{section} -->" in text and f"<!-- /bench:{section} -->" in text
