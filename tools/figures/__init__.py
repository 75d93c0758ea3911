"""One module per chapter, each with `PLOTS = [tools.plots.Plot(...)]`; tools/generated.py lists them."""
