"""MkDocs hook: a `serve` rebuild reuses the search entries of unchanged pages and the compiled
templates. The caches themselves live in tools/site/rebuild_cache.py, which stays imported across
rebuilds (this file is loaded again on each)."""

from __future__ import annotations

from tools.site import rebuild_cache  # importable: the editable install puts tools/ on the path


def on_config(config):
    rebuild_cache.install_search_cache()
    return config


def on_env(env, config, files):
    env.bytecode_cache = rebuild_cache.template_cache()
    return env
