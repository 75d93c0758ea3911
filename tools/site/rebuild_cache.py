"""What a `serve` rebuild can reuse from the previous one, so an edit shows in about a second.

`mkdocs serve` rebuilds the whole site on every save, in the same process. Measured on a warm
rebuild (cProfile, 38 pages), most of it was work whose result had not changed:

* Material's search plugin parses the HTML of every page (html.parser) to index its sections:
  over half of the rebuild. Its entries depend only on the page's HTML, table of contents, URL,
  title and meta, so they are kept per page, keyed on those, and reused while they are the same.
* The theme's Jinja templates are compiled again on every rebuild (mkdocs makes a new Jinja
  environment each time): about a tenth. A bytecode cache in memory keeps each compiled template,
  checked against its source (Jinja's own checksum), so an edited template is compiled afresh.

Both caches live in this module, which stays imported across rebuilds (the hook files themselves are
loaded anew each time). A plain `mkdocs build` fills them once and gains nothing; nothing is
written to disk. Keep it free of heavy imports: the mkdocs hook imports it.
"""

from __future__ import annotations

import copy
import hashlib
import json

_SEARCH: dict[str, list[dict]] = {}
_TEMPLATES: dict[str, bytes] = {}


def _page_key(index, page) -> str:
    def toc(items) -> list:
        return [[item.url, item.title, toc(item.children)] for item in items]

    state = [page.url, page.title, page.content, toc(page.toc), repr(sorted(page.meta.items())), repr(index.config)]
    return hashlib.sha256(json.dumps(state, default=repr).encode()).hexdigest()


def install_search_cache() -> None:
    """Make Material's SearchIndex reuse a page's entries while the page is unchanged."""
    from material.plugins.search.plugin import SearchIndex

    original = getattr(SearchIndex.add_entry_from_context, "__wrapped__", SearchIndex.add_entry_from_context)

    def add_entry_from_context(self, page):
        key = _page_key(self, page)
        if key in _SEARCH:
            self.entries.extend(copy.deepcopy(_SEARCH[key]))
            return
        before = len(self.entries)
        original(self, page)
        _SEARCH[key] = copy.deepcopy(self.entries[before:])

    add_entry_from_context.__wrapped__ = original
    SearchIndex.add_entry_from_context = add_entry_from_context


def template_cache():
    """A Jinja bytecode cache in memory, shared by every rebuild of this process."""
    from jinja2 import BytecodeCache

    class InMemory(BytecodeCache):
        def load_bytecode(self, bucket) -> None:
            if bucket.key in _TEMPLATES:
                bucket.bytecode_from_string(_TEMPLATES[bucket.key])

        def dump_bytecode(self, bucket) -> None:
            _TEMPLATES[bucket.key] = bucket.bytecode_to_string()

    return InMemory()
