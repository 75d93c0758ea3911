"""The commands' drivers: tools/cli/README.md says what this folder holds and may import."""
