"""`python3 dev.py new CHAPTER/PAGE`: scaffold a page that passes its own check.

Writes docs/CHAPTER/PAGE.md (from PAGE_TEMPLATE), snippets/CHAPTER/PAGE.py (SNIPPET_TEMPLATE), a
nav entry in mkdocs.yml (in the chapter's section, before its lab) and a row in the chapter's
index table (before the lab's row), then prints the two commands that follow: `regen` for the
snippet's output and the page's whole check (`python3 dev.py test --page …`).

A page runs only what it shows: the snippet's imports sit inside the included section, so the
page's block, run by Sybil in the page's namespace, imports what it uses too.

Standard library only: dev.py imports it before any venv exists (tests/test_import_rules.py).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*/[a-z0-9]+(?:-[a-z0-9]+)*")

PAGE_TEMPLATE = """---
examples: 1
---

# {title}

What this page shows, in plain words: the idea first, for a learner who has read the chapter's
earlier pages. (Replace this paragraph.)

## The maths

State it with LaTeX: inline $y = xW^\\top + b$, or display maths between `$$` lines.

## The code

```python title="snippets/{chapter}/{module}.py"
--8<-- "{chapter}/{module}.py:main"
```

!!! warning "Pitfall"
    The mistake a reader is likely to make here, and how the output above shows it.

!!! note "Where this page departs from the notes"
    Say what differs from the course notes and why (delete this box if nothing does).

## Recap

* One line per thing to remember.
"""

# The imports are inside the section: the page runs only what it shows.
SNIPPET_TEMPLATE = """# --8<-- [start:main]
import torch

x = torch.arange(6.0).reshape(2, 3)
print(tuple(x.shape), x.sum().item())
# --8<-- [end:main]
"""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python3 dev.py new",
        description="Scaffold docs/CHAPTER/PAGE.md and snippets/CHAPTER/PAGE.py, with the nav entry in "
        "mkdocs.yml and the row in the chapter's index table. Needs no .venv.",
        epilog="Then: `python3 dev.py regen snippets/CHAPTER/PAGE.py` and `python3 dev.py test --page "
        "docs/CHAPTER/PAGE.md`. CONTRIBUTING.md walks through each step.",
    )
    p.add_argument("page", metavar="CHAPTER/PAGE", help="kebab-case, e.g. autograd/higher-order")
    return p


def page_command(page: str) -> str:
    """The one command that checks a page (README and CONTRIBUTING use the same)."""
    return f"python3 dev.py test --page {page}"


def main(argv: list[str], root: Path) -> int:
    args = parser().parse_args(argv)
    if not SLUG.fullmatch(args.page):
        print("usage: python3 dev.py new CHAPTER/PAGE   (kebab-case, e.g. autograd/higher-order)", file=sys.stderr)
        return 2
    chapter, slug = args.page.split("/")
    module = slug.replace("-", "_")
    title = slug.replace("-", " ").capitalize()
    page = root / "docs" / chapter / f"{slug}.md"
    snippet = root / "snippets" / chapter / f"{module}.py"
    index = root / "docs" / chapter / "index.md"
    for path in (page, snippet):
        if path.exists():
            print(f"[dev] {path.relative_to(root)} exists already; nothing written", file=sys.stderr)
            return 1
    if not index.is_file():
        print(
            f"[dev] docs/{chapter}/ is not a chapter yet. Start one with docs/{chapter}/index.md (intro and a "
            f"table of its pages), docs/{chapter}/lab.py, snippets/{chapter}/__init__.py and a `- Title:` "
            "section in the nav of mkdocs.yml (copy docs/autograd/), then run this again.",
            file=sys.stderr,
        )
        return 1
    page.write_text(PAGE_TEMPLATE.format(title=title, chapter=chapter, module=module))
    snippet.parent.mkdir(parents=True, exist_ok=True)
    (snippet.parent / "__init__.py").touch()
    snippet.write_text(SNIPPET_TEMPLATE)
    # The chapter's index table: a row before the lab's (or after the last row).
    lines = index.read_text().splitlines()
    rows = [i for i, line in enumerate(lines) if line.lstrip().startswith("|")]
    lab_row = next((i for i in rows if "(lab.py)" in lines[i]), None)
    at = lab_row if lab_row is not None else (rows[-1] + 1 if rows else len(lines))
    lines.insert(at, f"| [{title}]({slug}.md) | what it covers (one line) |")
    index.write_text("\n".join(lines) + "\n")
    # The nav: in the chapter's section, before its lab (or after its last entry).
    config = root / "mkdocs.yml"
    yml = config.read_text().splitlines()
    entries = [i for i, line in enumerate(yml) if re.search(rf"(?:^|[\s:]){re.escape(chapter)}/\S+\.(md|py)\s*$", line)]
    if not entries:
        print(f"[dev] add `- {title}: {chapter}/{slug}.md` to the {chapter} section of the nav in mkdocs.yml")
    else:
        lab = next((i for i in entries if yml[i].rstrip().endswith(f"{chapter}/lab.py")), None)
        at = lab if lab is not None else entries[-1] + 1
        indent = re.match(r"\s*", yml[entries[-1]]).group(0)
        yml.insert(at, f"{indent}- {title}: {chapter}/{slug}.md")
        config.write_text("\n".join(yml) + "\n")
    for path in (page, snippet, index, config):
        print(f"[dev] wrote {path.relative_to(root)}")
    print(
        "Next:\n"
        f"  python3 dev.py regen snippets/{chapter}/{module}.py   # writes its output; again after each change\n"
        f"  {page_command(f'docs/{chapter}/{slug}.md')}   # the page's whole check, in seconds\n"
        "Then write the page (its title in the nav and the index row too). CONTRIBUTING.md walks through each step."
    )
    return 0
