"""Sybil parser that executes every Python fence of a page: `python`, `py`, `pycon`, titled
fences (`python title="…"`), fences inside admonitions and content tabs, and fences whose body is
a `--8<--` include, expanded exactly as the site expands it.

* A code block runs in the page's shared namespace; what it prints must equal its `#>` lines.
* A `pycon` block (or one starting with `>>>`) is a doctest: each `>>>` example's output is compared.
"""

from __future__ import annotations

import contextlib
import doctest
import io
import re
from collections.abc import Iterable
from pathlib import Path

from sybil import Document, Example, Lexeme, Region
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import pad
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown.lexers import RawFencedCodeBlockLexer

from tools.contract import PYTHON_LANGUAGES, expected_output, output_diff, runnable_for

_INFO = re.compile(
    r"[ \t]*(?P<language>" + "|".join(PYTHON_LANGUAGES) + r")(?:[ \t]+(?P<attrs>[^\n]*))?$\n",
    re.MULTILINE,
)


class CheckedOutputEvaluator:
    """Run a block; fail with a diff naming the file and line if its output drifts."""

    def __call__(self, example: Example) -> str | None:
        __tracebackhide__ = True
        runnable = example.parsed
        source = pad(runnable.code, runnable.line_offset)
        code = compile(source, runnable.filename, "exec", dont_inherit=True)
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            exec(code, example.namespace)
        example.namespace.pop("__builtins__", None)
        want, got = expected_output(runnable.code), buffer.getvalue()
        if want != got:
            return output_diff(want, got, f"{example.path}, line {example.line}")
        return None


class NotesPythonParser:
    def __init__(self) -> None:
        self.lexer = RawFencedCodeBlockLexer(info_pattern=_INFO)
        # `...` matches anything in a doctest's expected output, e.g. a memory address.
        self.doctests = DocTestStringParser(DocTestEvaluator(doctest.ELLIPSIS))
        self.evaluator = CheckedOutputEvaluator()

    def __call__(self, document: Document) -> Iterable[Region]:
        for region in self.lexer(document):
            source: Lexeme = region.lexemes["source"]
            body_line = document.text.count("\n", 0, region.start) + 1 + source.line_offset
            runnable = runnable_for(str(source), Path(document.path), body_line)
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

