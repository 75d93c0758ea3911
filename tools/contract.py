"""Kept for branches written before the split: import from the modules below instead.

* tools/paths.py: where pages, snippets, labs and generated files are;
* tools/includes.py: the `--8<--` include grammar;
* tools/outputs.py: `#>` output lines, rendered and checked;
* tools/sybil_notes.py: fences as Sybil lexes and runs them;
* tools/site.py: building the site.
"""

from tools.includes import page_includes  # noqa: F401
from tools.outputs import OUTPUT_LINE, OUTPUT_MARK, expected_output, strip_outputs  # noqa: F401
from tools.paths import DOCS, ROOT, SNIPPETS, doc_pages, snippet_files  # noqa: F401
from tools.site import build_site  # noqa: F401
