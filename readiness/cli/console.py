"""The terminal's consoles (CLI layer): stdout for the product, stderr for people; errors one per line."""

from __future__ import annotations

import os
import sys

from rich.console import Console
from rich.text import Text as RichText

from readiness.errors import Problem


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
