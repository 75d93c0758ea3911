"""The vendored KaTeX files are exactly the released ones recorded in SHA256SUMS."""

from tools import vendor


def test_vendored_assets_match_their_recorded_hashes():
    assert vendor.current() == vendor.recorded()
    assert {"katex/katex.min.js", "katex/katex.min.css"} <= set(vendor.recorded())
