"""Drawings stand-ins for tests/test_first_run.py: functions a runner child calls by name, as it
calls tools/generated/registry.py's render_generated."""

from __future__ import annotations


def plain(path: str) -> list[str] | None:
    """What a drawing does: ask for its snippet's run first (its globals' names, or None)."""
    from tools.engine.runner import first_snippet_run

    ran = first_snippet_run(path)
    return None if ran is None else sorted(name for name in ran if not name.startswith("__"))


def after_random(path: str) -> list[str] | None:
    """A drawing that draws a random number before it asks for its snippet."""
    import torch

    torch.rand(1)
    return plain(path)
