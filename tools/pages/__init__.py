"""The pages as the suite and the build read them: tools/pages/README.md says what this folder
holds and may import."""
