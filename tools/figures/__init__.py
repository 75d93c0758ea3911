"""One module per chapter, each with `PLOTS = [tools.plots.Plot(...)]`; tools/plots.py finds them all."""
