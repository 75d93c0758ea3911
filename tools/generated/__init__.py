"""Every file the code draws: the registry (registry.py), the diagrams, the plots and the figure
modules. tools/generated/README.md says what this folder may import."""
