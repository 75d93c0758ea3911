"""What `serve` rebuilds reuse (tools/site/rebuild_cache.py) is what they would have computed afresh."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex

from tools.site import rebuild_cache

# All it reads besides the engine (the verification record's key: tools/suite/record_plugin.py).
pytestmark = pytest.mark.reads(files=[])


def _page(content: str) -> SimpleNamespace:
    return SimpleNamespace(url="a/", title="A", content=content, toc=[], meta={})


def _entries(page) -> list[dict]:
    index = SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=[], fields={})
    index.add_entry_from_context(page)
    return index.entries


def test_search_entries_are_reused_only_while_the_page_is_the_same():
    page = _page('<h1 id="a">A</h1><p>first text</p><h2 id="b">B</h2><p>more</p>')
    fresh = _entries(page)
    rebuild_cache.install_search_cache()
    try:
        assert _entries(page) == fresh  # computed, then kept
        assert _entries(page) == fresh  # reused
        edited = _page(page.content.replace("first text", "edited text"))
        assert "edited text" in str(_entries(edited))
        reused = _entries(page)
        reused[0]["text"] = "changed by a caller"
        assert _entries(page) == fresh  # each rebuild gets its own copy
    finally:
        SearchIndex.add_entry_from_context = SearchIndex.add_entry_from_context.__wrapped__


def test_compiled_templates_are_reused_and_an_edited_template_is_compiled_afresh():
    from jinja2 import DictLoader, Environment

    templates = {"page.html": "<p>{{ x }}</p>"}

    def render() -> str:
        env = Environment(loader=DictLoader(templates), bytecode_cache=rebuild_cache.template_cache())
        return env.get_template("page.html").render(x=1)

    assert render() == "<p>1</p>"
    kept = dict(rebuild_cache._TEMPLATES)
    assert kept  # compiled once, kept for the next rebuild
    assert render() == "<p>1</p>"  # from the cache
    assert rebuild_cache._TEMPLATES == kept
    templates["page.html"] = "<div>{{ x }}</div>"
    assert render() == "<div>1</div>"
