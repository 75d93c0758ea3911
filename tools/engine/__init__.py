"""Render, compare, run: tools/engine/README.md says what this folder holds and may import."""
