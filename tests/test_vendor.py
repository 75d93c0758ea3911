"""The vendored KaTeX files are exactly the released ones recorded in SHA256SUMS."""

import pytest

from tools.maint import vendor

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=["docs/assets/vendor"])


def test_vendored_assets_match_their_recorded_hashes():
    assert vendor.current() == vendor.recorded()
    assert {"katex/katex.min.js", "katex/katex.min.css"} <= set(vendor.recorded())
