"""Maintenance scripts: tools/maint/README.md says what this folder holds."""
