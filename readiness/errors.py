"""Errors a user can fix, each with the exit code the CLI returns for it."""

from __future__ import annotations

import re
from dataclasses import dataclass

# C0 and C1 controls (but tab and newline), DEL, and the bidirectional overrides that can hide text.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` from a file made safe for a terminal: control characters shown as `\\xNN` escapes.

    Escape sequences in submitted data (colours, cursor moves, OSC 52 clipboard writes) would
    otherwise reach the terminal raw.
    """
    return _CONTROLS.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


class ReadinessError(Exception):
    """A problem the user can fix; the message is shown as-is."""

    exit_code = 3


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where it is and what is wrong."""

    path: str
    message: str
    line: int | str | None = None  # a line number, or `sheet!cell` in a workbook
    field: str | None = None

    def __str__(self) -> str:
        path = printable(self.path)
        where = path if self.line is None else f"{path}:{printable(str(self.line))[:80]}"
        return (
            f"{where}: {printable(self.field)[:100]}: {self.message}"
            if self.field
            else f"{where}: {self.message}"
        )


class InputError(ReadinessError):
    """A file could not be read, parsed or validated; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class QuestionnaireError(InputError):
    """A questionnaire, action or programme file is invalid (a packaging bug for bundled ones)."""


class AnswersError(InputError):
    """An answer file is invalid."""


class UsageError(ReadinessError):
    """The request cannot be carried out as given (e.g. refusing to overwrite a file)."""

    exit_code = 2


class SaveError(ReadinessError):
    """An answer could not be written to disk; everything saved before it is still there."""

    exit_code = 1


class StoreError(ReadinessError):
    """The history store cannot be used as asked: locked, read-only, unreachable, or not a store."""

    exit_code = 5


class MissingExtraError(ReadinessError):
    """What was asked needs an optional extra that is not installed here (PDF: WeasyPrint and Pango)."""

    exit_code = 6


EXIT_OK = 0
EXIT_ABORTED = 1
EXIT_USAGE = 2
EXIT_INVALID = 3
EXIT_BATCH_INVALID = 4
EXIT_INTERRUPTED = 130
EXIT_STORE = 5
EXIT_MISSING_EXTRA = 6
