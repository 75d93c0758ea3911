"""The measurements: tools/bench/README.md says what this folder holds."""
