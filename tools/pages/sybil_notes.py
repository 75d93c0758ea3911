"""Sybil parser that executes every Python fence of a page: `python`, `py`, `pycon`, titled
fences (`python title="…"`), fences inside admonitions and content tabs, and fences whose body is
a `--8<--` include, expanded exactly as the site expands it.

* A code block runs in the page's shared namespace and must equal its rendering
  (tools/engine/outputs.py): its `#>` lines are what it prints, each under the statement printing it.
* A `pycon` block (or one starting with `>>>`) is a doctest: each `>>>` example's output is compared.
* A broken include becomes one failing example naming the page line and the fix, instead of
  stopping the collection of every page.
* Every failure is short and leads with file:line: a block that raises shows the exception, the
  lines around it and what to do (block_error), not the engine's frames and the whole page
  (tools/suite/sybil_plugin.py's short_failure_report, a pytest hook the root conftest.py installs).
* A drifted `#>` line of a snippet is reported once, by the snippet's own test, when that test
  runs in the same session: the parsers are given `standalone` (`parsers(standalone=…)`, a
  SnippetsAlone the suite fills), and the page's block then fails only where the page itself
  makes the difference.
"""

from __future__ import annotations

import doctest
import functools
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sybil import Document, Example, Lexeme, Region
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.example import SybilFailure
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

from tools import mkdocs_config
from tools.engine import outputs
from tools.pages import includes
from tools.paths import ROOT, rel

# Fence info strings whose body is Python that Sybil executes.
PYTHON_LANGUAGES = ("python", "py", "pycon")

_INFO = re.compile(
    r"[ \t]*(?P<language>" + "|".join(PYTHON_LANGUAGES) + r")(?:[ \t]+(?P<attrs>[^\n]*))?$\n",
    re.MULTILINE,
)


@functools.cache
def _snippet_options() -> tuple[list[Path], object]:
    """pymdownx.snippets exactly as mkdocs.yml configures it: (base paths, preprocessor)."""
    import markdown
    from pymdownx.snippets import SnippetExtension

    config = mkdocs_config.load(ROOT)
    options = dict(config["mdx_configs"]["pymdownx.snippets"])
    options["base_path"] = [str(ROOT / base) for base in options.get("base_path", ["."])]
    md = markdown.Markdown(extensions=[SnippetExtension(**options)])
    return [Path(base) for base in options["base_path"]], md.preprocessors["snippet"]


def expand_includes(body: str) -> str:
    """Expand `--8<--` lines exactly as the site does (pymdownx.snippets, same options)."""
    if "8<-" not in body:
        return body
    return "\n".join(_snippet_options()[1].run(body.split("\n")))


@dataclass(frozen=True)
class Runnable:
    code: str  # the code the reader sees
    filename: str  # where tracebacks and diffs point
    line_offset: int  # 0-based line of `code`'s first line in `filename`
    include: includes.Include | None = None  # the include it comes from, when it is a snippet's


def runnable_for(body: str, page: Path, body_line: int) -> Runnable:
    """The code of a fence body, with the file and line that errors should name.

    Every include is checked first (includes.IncludeError names the page line). A body that is a
    single include of a snippet (or of one named section) runs with that snippet's path and line
    numbers; anything else runs with the page's.
    """
    bases = _snippet_options()[0]
    found = []
    for number, include in includes.includes_in(body, first_line=body_line + 1):
        found.append((include, includes.resolve(include, bases, f"{rel(page)}:{number}")))
    code = expand_includes(body)
    if len(found) == 1 and len([line for line in body.splitlines() if line.strip()]) == 1:
        include, source = found[0]
        if source.suffix == ".py":
            original, start = includes.included_lines(source, include)
            if [line for line in original if line.strip()] == [line for line in code.splitlines() if line.strip()]:
                return Runnable("\n".join(original) + "\n", str(source), start, include)
    return Runnable(code, str(page), body_line)


class SnippetsAlone:
    """snippet path -> its rendering run on its own, when the snippet's test runs in this session
    (None when it did not run cleanly or is not part of the session). The root conftest.py gives
    one to the parsers and registers it; tests/conftest.py `use`s the snippet batch's results."""

    NAME = "snippets-alone"  # its name among the run's plugins

    def __init__(self) -> None:
        self._lookup: Callable[[Path], str | None] | None = None

    def use(self, lookup: Callable[[Path], str | None] | None) -> None:
        self._lookup = lookup

    def __call__(self, path: Path) -> str | None:
        return self._lookup(path) if self._lookup is not None else None


SKIP_HINT = '<!-- skip: next "why" -->'


def _numbered(code: str, first_line: int, line: int, around: int = 3) -> list[str]:
    """The lines of `code` up to `around` before and 1 after `line` (a line of the file), numbered."""
    lines = code.splitlines()
    index = line - first_line
    shown = range(max(0, index - around), min(len(lines), index + 2))
    return [f"{'>' if i == index else ' '} {first_line + i:4} | {lines[i]}" for i in shown]


def block_error(runnable: Runnable, error: BaseException, page: str, page_line: int) -> str:
    """A page block (or included section) that raised: file:line, the exception, the lines, the fix."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if f.filename == runnable.filename]
    first_line = runnable.line_offset + 1
    line = ours[-1].lineno if ours else first_line
    if isinstance(error, SyntaxError) and error.filename == runnable.filename and error.lineno:
        line = error.lineno
    text = str(error).strip().splitlines() or [""]
    summary = text[0] if len(text[0]) <= 300 else text[0][:297] + "..."
    message = [f"{rel(runnable.filename)}:{line}: {type(error).__name__}: {summary}".rstrip(": ")]
    message += [f"    {more}" for more in text[1:3]]
    message += _numbered(runnable.code, first_line, line)
    if frames and frames[-1].filename != runnable.filename and not isinstance(error, SyntaxError):
        message.append(f"  (raised in {rel(frames[-1].filename)}:{frames[-1].lineno}, in {frames[-1].name})")
    if runnable.include is not None:
        target = f"snippets/{runnable.include.file}"
        message.append(f"  included by {page}:{page_line}")
        message.append(
            f"Fix: `python -W error {target}` runs it on its own; if it passes there, an earlier block of the page "
            "changed what it uses. Or mark the block " + SKIP_HINT + " if it truly cannot run."
        )
    else:
        message.append(
            "Fix: make it run (the page's blocks run top to bottom in one namespace: a block sees only what the "
            f"page showed before it), move the code into a snippet and include it, or mark it {SKIP_HINT} "
            "on the line before the fence if it truly cannot run."
        )
    return "\n".join(message)


def _the_snippets_own_drift(
    runnable: Runnable, rendering: str, standalone: Callable[[Path], str | None] | None
) -> bool:
    """True when the page's block prints what its snippet prints on its own, and the snippet file
    is what is stale: the snippet's test, in this session, reports that drift (once)."""
    if standalone is None or runnable.include is None:
        return False
    alone = standalone(Path(runnable.filename))
    if alone is None or alone == Path(runnable.filename).read_text():
        return False  # not checked in this session, or the snippet is fine on its own
    lines, _ = includes.included_lines_of(alone.splitlines(), runnable.include)
    return [line for line in lines if line.strip()] == [line for line in rendering.splitlines() if line.strip()]


class CheckedOutputEvaluator:
    """Run a block; fail with a diff naming the file and line if it differs from its rendering.

    With `record` set to a list, each rendering is also appended to it as (file, first line,
    rendering): `render_page` uses that to compare a page's output across CPU kernel variants.
    `standalone`: the snippets' own renderings in this session (SnippetsAlone), so that a drifted
    snippet is reported by its own test alone.
    """

    def __init__(self, standalone: Callable[[Path], str | None] | None = None) -> None:
        self.record: list[tuple[str, int, str]] | None = None
        self.standalone = standalone

    def __call__(self, example: Example) -> str | None:
        __tracebackhide__ = True
        runnable = example.parsed
        if isinstance(runnable, includes.IncludeError):
            return str(runnable)
        try:
            rendering = outputs.render(runnable.code, runnable.filename, example.namespace, runnable.line_offset + 1)
        except Exception as error:  # noqa: BLE001 - the block's own error, reported short
            return block_error(runnable, error, rel(example.path), example.line)
        finally:
            example.namespace.pop("__builtins__", None)
        if self.record is not None:
            self.record.append((runnable.filename, runnable.line_offset + 1, rendering))
        message = outputs.compare(runnable.filename, runnable.code, rendering, runnable.line_offset + 1)
        if message is not None and _the_snippets_own_drift(runnable, rendering, self.standalone):
            return None
        return message


class NotesPythonParser:
    def __init__(self, standalone: Callable[[Path], str | None] | None = None) -> None:
        self.lexer = RawFencedCodeBlockLexer(info_pattern=_INFO)
        # `...` matches anything in a doctest's expected output, e.g. a memory address.
        self.doctests = DocTestStringParser(DocTestEvaluator(doctest.ELLIPSIS))
        self.evaluator = CheckedOutputEvaluator(standalone)

    def __call__(self, document: Document) -> Iterable[Region]:
        for region in self.lexer(document):
            source: Lexeme = region.lexemes["source"]
            body_line = document.text.count("\n", 0, region.start) + 1 + source.line_offset
            try:
                runnable = runnable_for(str(source), Path(document.path), body_line)
            except includes.IncludeError as error:
                region.parsed = error
                region.evaluator = self.evaluator
                yield region
                continue
            if region.lexemes["language"] == "pycon" or runnable.code.lstrip().startswith(">>>"):
                if runnable.code != str(source):
                    raise ValueError(f"{document.path}: a pycon block cannot be an include")
                for doctest_region in self.doctests(str(source), document.path):
                    doctest_region.adjust(region, source)
                    yield doctest_region
            else:
                region.parsed = runnable
                region.evaluator = self.evaluator
                yield region



def parsers(standalone: Callable[[Path], str | None] | None = None) -> list:
    """The parsers that read every page, for the suite (conftest.py) and `render_page` alike;
    `standalone` as CheckedOutputEvaluator takes it."""
    from sybil.parsers.markdown import SkipParser

    return [NotesPythonParser(standalone), SkipParser()]


def block_of(example: Example, recorded: list, before: int, error: BaseException | None) -> dict | None:
    """What one example contributes to a page's rendering, compared across CPU kernel variants:
    a code block's rendering (recorded by CheckedOutputEvaluator), a doctest's failure report
    ("" when it passed), or what a block raised; None for an example that renders nothing."""
    path = str(Path(example.path).resolve())
    if error is not None and not isinstance(error, SybilFailure):
        return {"file": path, "line": example.line, "text": f"raised {type(error).__name__}: {error}"}
    if len(recorded) > before:
        file, line, text = recorded[-1]
        return {"file": file, "line": line, "text": text}
    failure = str(error) if error is not None else ""
    if failure or isinstance(example.parsed, doctest.Example):  # a doctest, or a block that raised
        return {"file": path, "line": example.line, "text": failure}
    return None


def render_page(path: Path) -> dict:
    """Run a page's examples in order, as the suite does, and return what each printed.

    {"blocks": [{"file", "line", "text"}]}: a code block's rendering, or a doctest's failure
    report ("" when it passed); skipped examples are left out. tools/engine/portability.py compares
    these across CPU kernel variants; the suite's own run of a page records the same blocks
    (PageRecorder) as the matrix's reference.
    """
    from sybil import Sybil

    found = parsers()
    recorder: list[tuple[str, int, str]] = []
    found[0].evaluator.record = recorder
    document = Sybil(parsers=found, path=str(ROOT / "docs")).parse(Path(path))
    blocks = []
    for example in document:
        before = len(recorder)
        try:
            example.evaluate()
            error = None
        except Exception as raised:  # noqa: BLE001 - compared across variants like any output
            error = raised
        if (block := block_of(example, recorder, before, error)) is not None:
            blocks.append(block)
    return {"blocks": blocks}


def warm() -> None:
    """What the runner's server does once before forking pages' children: Sybil, Markdown and the
    include options, imported and read."""
    _snippet_options()


def render_pages_in(runner, paths: list[Path]) -> list[dict]:
    """Run each page's examples in a clean child of `runner` (tools/engine/runner.py), as the suite does:
    for each page `render_page`'s answer, or {"error"}."""
    paths = [Path(p).resolve() for p in paths]
    answers = runner.call("tools.pages.sybil_notes:render_page", [[p] for p in paths], "running its examples",
                          warm=("tools.pages.sybil_notes:warm",))
    pages = []
    for path, answer in zip(paths, answers):
        page = {**answer.pop("values", {}).get(str(path), {}), **answer}
        if page.get("stderr") and not page.get("error"):
            page["error"] = f"wrote to stderr:\n{page['stderr']}"
        pages.append(page)
    return pages
