"""MkDocs hook: Material's palette switching rule dropped from the built palette stylesheet.

Material's palette sets `data-md-color-switching` on <body> at every page load and removes it a
frame later; its rule for that attribute makes each of those two changes restyle every element of
the page (about 60 ms each on a throttled phone, in the load's longest task). The theme turns
transitions off on the reader's switch instead (tools/site/theme/main.html, notes.css: .notes-switching).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

SWITCHING_RULE = (
    "[data-md-color-switching] *,[data-md-color-switching] :after,"
    "[data-md-color-switching] :before{transition-duration:0s!important}"
)


def drop_switching_rule(config) -> None:
    """SWITCHING_RULE out of the built palette stylesheet. Material's own copy must have it (or the
    build fails, to make whoever updates Material look again); the built copy may already be
    without it, as `mkdocs serve` copies a theme file again only when the theme's is newer."""
    site = Path(config["site_dir"])
    for theme_dir in config["theme"].dirs:
        for source in sorted(Path(theme_dir).glob("assets/stylesheets/palette.*.min.css")):
            if SWITCHING_RULE not in source.read_text():
                raise PluginError(
                    f"{source}: Material's palette stylesheet no longer has the rule that"
                    " tools/site/hooks/palette.py drops (SWITCHING_RULE): check what this Material does"
                    " at page load and update the hook"
                )
            built = site / source.relative_to(theme_dir)
            built.write_text(built.read_text().replace(SWITCHING_RULE, ""))
            return
    raise PluginError("no palette.*.min.css in the theme's folders: tools/site/hooks/palette.py expects Material's")


def on_post_build(config):
    drop_switching_rule(config)
