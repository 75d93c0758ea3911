"""One module per chapter, each with `PLOTS = [tools.generated.plots.Plot(...)]`; tools/generated/registry.py lists them."""
