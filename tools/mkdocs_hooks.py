"""MkDocs hooks: keep every page offline and give each lab a downloadable .ipynb.

* nbconvert's notebook template loads MathJax and mermaid from a CDN: those tags are removed
  (the site serves KaTeX and mermaid itself, on the pages that need them: tools/theme/main.html).
* `#>` comment lines in code (the generated output of a snippet) get the class `notes-output`
  so they read as output, not as a comment.
* After the build, every lab (`docs/<chapter>/lab.py`, jupytext percent format) is written next
  to its page as `lab.ipynb`, the file the page's download button links to.
"""

from __future__ import annotations

import re
from pathlib import Path

NBCONVERT_CDN_BLOCKS = [
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S),
    re.compile(r"<script type=\"module\">\s*import mermaid from .*?</script>", re.S),
]
EXTERNAL_SCRIPT = re.compile(r"<script[^>]+src=\"https?://[^\"]*\"[^>]*>\s*</script>")
OUTPUT_COMMENT = re.compile(r'<span class="c1">#&gt;')


def on_page_content(html, page, config, files):
    if page.file.src_uri.endswith("lab.py"):
        for block in NBCONVERT_CDN_BLOCKS:
            html = block.sub("", html)
        html = EXTERNAL_SCRIPT.sub("", html)
    return OUTPUT_COMMENT.sub('<span class="c1 notes-output">#&gt;', html)


def on_post_build(config):
    import jupytext

    docs = Path(config["docs_dir"])
    site = Path(config["site_dir"])
    for lab in sorted(docs.rglob("lab.py")):
        rel = lab.relative_to(docs)
        target = site / rel.parent / "lab" / "lab.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        notebook = jupytext.read(lab)
        notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        jupytext.write(notebook, target, fmt="ipynb")
