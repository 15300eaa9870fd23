"""The terminal's consoles (CLI layer): stdout for the product, stderr for people; errors one per line."""

from __future__ import annotations

import codecs
import json
import os
import sys

from rich.console import Console
from rich.markup import escape
from rich.text import Text as RichText

from readiness.errors import Problem, printable


def _console(stderr: bool) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    colour = stream.isatty() and "NO_COLOR" not in os.environ
    return Console(
        stderr=stderr,
        no_color=not colour,
        highlight=False,
        emoji=False,
        soft_wrap=stderr,  # one problem per line, whatever the width
        width=None if stream.isatty() else 100,
    )


def out() -> Console:
    """The rich console for standard output."""
    return _console(stderr=False)


def err() -> Console:
    """The rich console for standard error."""
    return _console(stderr=True)


def print_problems(problems: list[Problem], console: Console | None = None) -> None:
    """Print each problem as an `error:` line (on standard error unless a console is given)."""
    console = console or err()
    for problem in problems:
        console.print(RichText("error: ", style="bold red") + RichText(str(problem)), soft_wrap=True)


def shown(text: str) -> str:
    """Text from a file (or the catalogue) ready for rich: control characters made visible, markup escaped."""
    return escape(printable(text))


# What a symbol becomes on a stream that cannot carry it (CP949, latin-1, ascii): plain bars and dashes.
_PLAIN = {"█": "#", "░": "-", "·": ".", "—": "-", "–": "-", "→": "->", "≥": ">=", "›": ">", "•": "*", "▼": "v",
          "│": "|", "✓": "v", "…": "...", "±": "+-"}  # fmt: skip


def _plain(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(_PLAIN.get(ch, "?") for ch in bad), error.end


codecs.register_error("readiness-plain", _plain)


def _is_utf8(stream: object) -> bool:
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return codecs.lookup(encoding).name == "utf-8"


def prepare_streams() -> None:
    """Let text output degrade instead of crashing where stdout or stderr cannot encode UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if not _is_utf8(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="readiness-plain")


def write_json(text: str) -> None:
    """JSON to stdout: as is where the stream carries UTF-8, ASCII-escaped (still valid JSON) elsewhere."""
    if not _is_utf8(sys.stdout):
        text = json.dumps(json.loads(text), ensure_ascii=True, indent=2) + "\n"
    sys.stdout.write(text)
