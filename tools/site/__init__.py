"""The build: tools/site/README.md says what this folder holds and may import."""
