"""The vendored KaTeX and mermaid files are exactly the released ones recorded in SHA256SUMS."""

from tools import vendor


def test_vendored_assets_match_their_recorded_hashes():
    assert vendor.current() == vendor.recorded()
    assert {"katex/katex.min.js", "mermaid/mermaid.min.js"} <= set(vendor.recorded())
