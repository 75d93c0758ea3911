"""Chromium and what runs in it: tools/browser/README.md says what this folder holds."""
