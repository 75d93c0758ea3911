"""The pytest side of the verification: tools/suite/README.md says what this folder holds."""
