"""A lab page's inline CSS, cut to the rules that can apply to it.

nbconvert inlines ~600 kB of JupyterLab CSS into every lab page; almost none of it matches the
page. Used by the build hook (tools/site/hooks/labs.py), which also keeps here (`cached`) each lab
page's finished HTML, keyed on the notebook's: this module stays loaded across `mkdocs serve`
rebuilds (the hook module is loaded again on each one), so an unchanged lab costs nothing.
"""

from __future__ import annotations

import re

STYLE_BLOCK = re.compile(r"(<style[^>]*>)(.*?)(</style>)", re.S)
CLASS_ATTR = re.compile(r'class="([^"]*)"')
CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")


def _can_match(selector: str, used: set[str]) -> bool:
    """Whether a selector can match: every class it names is on the page, and no `:root` below another element."""
    if ":root" in selector and not selector.strip().startswith(":root"):
        return False  # nbconvert scopes `:root` under .jupyter-wrapper, where it matches nothing
    return set(CLASS_IN_SELECTOR.findall(selector)) <= used


_PAGES: dict[tuple[str, str], str] = {}


def cached(source: str, html: str, make) -> str:
    """`make()`, remembered for this lab source and this notebook HTML (a few labs, a few edits)."""
    key = (source, html)
    if key not in _PAGES:
        if len(_PAGES) > 32:
            _PAGES.clear()
        _PAGES[key] = make()
    return _PAGES[key]


def prune_inline_css(html: str) -> str:
    """Keep only the CSS of nbconvert's inline stylesheets that can apply to this page.

    A rule is kept when one of its selectors names only classes present in the page; then a
    custom property (`--jp-…`) is kept only when a kept declaration uses it, directly or through
    another property. At-rules are pruned recursively; @font-face and the like are kept.
    """
    import tinycss2

    used = {name for value in CLASS_ATTR.findall(html) for name in value.split()}
    used |= {"jupyter-wrapper", "highlight-ipynb"}
    blocks = [m for m in STYLE_BLOCK.finditer(html)]

    def kept_rules(rules) -> list:
        out = []
        for rule in rules:
            if rule.type == "qualified-rule":
                selectors = tinycss2.serialize(rule.prelude).split(",")
                if any(_can_match(sel, used) for sel in selectors):
                    declarations = tinycss2.parse_declaration_list(rule.content, skip_comments=True, skip_whitespace=True)
                    out.append(("rule", tinycss2.serialize(rule.prelude).strip(), declarations))
            elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                inner = kept_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
                if inner:
                    out.append(("group", f"@{rule.at_keyword} {tinycss2.serialize(rule.prelude).strip()}", inner))
            elif rule.type == "at-rule":
                out.append(("raw", tinycss2.serialize([rule]), None))
        return out

    parsed = [kept_rules(tinycss2.parse_stylesheet(m[2], skip_comments=True, skip_whitespace=True)) for m in blocks]

    def declarations(items):
        for kind, _, body in items:
            if kind == "rule":
                yield from (d for d in body if d.type == "declaration")
            elif kind == "group":
                yield from declarations(body)

    defines: dict[str, set[str]] = {}
    needed: set[str] = set(VAR_USE.findall(html))  # inline styles of the page itself
    for items in parsed:
        for decl in declarations(items):
            refs = set(VAR_USE.findall(tinycss2.serialize(decl.value)))
            if decl.name.startswith("--"):
                defines.setdefault(decl.name, set()).update(refs)
            else:
                needed |= refs
    frontier = list(needed)
    while frontier:
        for ref in defines.get(frontier.pop(), ()):
            if ref not in needed:
                needed.add(ref)
                frontier.append(ref)

    def serialize(items) -> str:
        out = []
        for kind, head, body in items:
            if kind == "raw":
                out.append(head)
            elif kind == "group":
                inner = serialize(body)
                if inner:
                    out.append(f"{head}{{{inner}}}")
            else:
                kept = [
                    f"{d.name}:{tinycss2.serialize(d.value).strip()}{' !important' if d.important else ''}"
                    for d in body
                    if d.type == "declaration" and (not d.name.startswith("--") or d.name in needed)
                ]
                if kept:
                    out.append(f"{head}{{{';'.join(kept)}}}")
        return "".join(out)

    pieces, last = [], 0
    for match, items in zip(blocks, parsed):
        pieces += [html[last : match.start()], match[1], serialize(items), match[3]]
        last = match.end()
    pieces.append(html[last:])
    return "".join(pieces)
