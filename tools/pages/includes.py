"""`--8<--` includes: the grammar, parsed in this one place.

Used by the build (tools/site/hooks/includes.py, which checks every include before pymdownx.snippets
expands it), by Sybil (tools/pages/sybil_notes.py, which runs included code with the snippet's own file
and line numbers) and by the contract tests (which snippet belongs to which page). Keep this module
free of heavy imports: the mkdocs hook imports it.

    --8<-- "autograd/backward_scalar.py"            the whole file
    --8<-- "autograd/backward_scalar.py:backward"   the section between the markers
    # --8<-- [start:backward]  …  # --8<-- [end:backward]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

INCLUDE_LINE = re.compile(r'^[ \t]*-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$')
SECTION_MARK = re.compile(r"^[ \t]*#[ \t]*-{1,}8<-{1,}[ \t]+\[(?P<kind>start|end):(?P<name>[\w-]+)\][ \t]*$")
LINE_RANGE = re.compile(r"[\d,-]+")


class IncludeError(Exception):
    """An include that cannot be expanded; the message names the page line and the fix."""


@dataclass(frozen=True)
class Include:
    file: str  # relative to a base path (snippets/)
    section: str  # "" for the whole file; a section name, or pymdownx line numbers

    @property
    def named_section(self) -> str | None:
        return self.section if self.section and not LINE_RANGE.fullmatch(self.section) else None


def parse(line: str) -> Include | None:
    """The include on this line, or None when the line is not an include."""
    match = INCLUDE_LINE.match(line)
    if not match:
        return None
    file, _, section = match["target"].partition(":")
    return Include(file, section)


def includes_in(text: str, first_line: int = 1) -> list[tuple[int, Include]]:
    """(line number, include) for every include line of a Markdown text."""
    return [(n, inc) for n, line in enumerate(text.splitlines(), start=first_line) if (inc := parse(line))]


def section_bounds(lines: list[str], name: str) -> tuple[int, int] | None:
    """0-based (first line inside, line of the end marker) of a named section, or None."""
    starts = [i for i, line in enumerate(lines) if (m := SECTION_MARK.match(line)) and m.groups() == ("start", name)]
    ends = [i for i, line in enumerate(lines) if (m := SECTION_MARK.match(line)) and m.groups() == ("end", name)]
    if not starts or not ends:
        return None
    return starts[0] + 1, ends[0]


def resolve(include: Include, bases: list[Path], where: str) -> Path:
    """The file an include names, checked; raises IncludeError naming `where` (page:line) and the fix."""
    found = next((base / include.file for base in bases if (base / include.file).is_file()), None)
    if found is None:
        under = ", ".join(str(b) for b in bases)
        raise IncludeError(
            f"{where}: includes {include.file!r}, which is not under {under}. "
            "Fix the path in the --8<-- line, or create the snippet there."
        )
    section = include.named_section
    lines = found.read_text().splitlines()
    if section and section_bounds(lines, section) is None:
        raise IncludeError(missing_section(where, include.file, section, lines))
    return found


def sections(lines: list[str]) -> list[str]:
    """The names of a file's sections, in order."""
    found = (m["name"] for line in lines if (m := SECTION_MARK.match(line)) and m["kind"] == "start")
    return list(dict.fromkeys(found))


def missing_section(where: str, file: str, section: str, lines: list[str]) -> str:
    names = sections(lines)
    has = f"its sections: {', '.join(names)}" if names else "it has no sections yet"
    return (
        f"{where}: {file!r} has no section [start:{section}] ({has}). Fix the name in the --8<-- line, or add "
        f"`# --8<-- [start:{section}]` and `# --8<-- [end:{section}]` around the lines to show."
    )


def page_includes(path: Path) -> list[str]:
    """Snippet files (relative to snippets/) that a page includes."""
    return [inc.file for _, inc in includes_in(path.read_text())]


def included_lines(source: Path, include: Include) -> tuple[list[str], int]:
    """The lines an include shows (section markers blanked, so numbers stay exact) and the 0-based
    line of the file they start at."""
    return included_lines_of(source.read_text().splitlines(), include)


def included_lines_of(lines: list[str], include: Include) -> tuple[list[str], int]:
    """included_lines, of a file's lines already read (or of its rendering)."""
    start, stop = 0, len(lines)
    if include.named_section and (bounds := section_bounds(lines, include.named_section)):
        start, stop = bounds
    return ["" if SECTION_MARK.match(line) else line for line in lines[start:stop]], start
