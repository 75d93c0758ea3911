"""The build's MkDocs hooks, one concern a module, listed in mkdocs.yml's `hooks:` in the order
their effects apply (MkDocs runs an event's hooks in that order):

* palette.py: Material's palette switching rule dropped from the built stylesheet.
* links.py: a broken link's or anchor's warning names its line.
* labs.py: labs executed through an extended cache, their pages cut down and folded, their
  notebooks written as downloads.
* maths_diagrams.py: maths typeset by KaTeX and mermaid drawn as SVG, at build time.
* includes.py: every `--8<--` include checked, excerpts titled and linked, the verified footer's data.
* torch_versions.py: what other torch versions print (compat/), in each page's notes and footer; a lab's torch.
* a11y.py: the HTML's accessibility fixes.
* output_lines.py: a snippet's `#>` output lines get their class.
* wrapped_lines.py: each code line's indentation, so a wrapped line hangs under its own first character.
* scheme_images.py: a picture drawn for each colour scheme is fetched only in the scheme that shows it.
* serve_cache.py: a `serve` rebuild reuses what did not change.
* offline.py: the offline copy's search shim and notebook links; the published zip, linked from the home
  page (the copy is built by the command, tools/site/offline.py).

`mkdocs serve` loads these files again on every rebuild: state that must outlive a rebuild lives in
ordinary modules (tools/site/labcss.py, tools/site/rebuild_cache.py), never in a hook file.
"""
