"""Errors a user can fix, each with the exit code the CLI returns for it."""

from __future__ import annotations

from dataclasses import dataclass


class ReadinessError(Exception):
    """A problem the user can fix; the message is shown as-is."""

    exit_code = 3


@dataclass(frozen=True)
class Problem:
    """One problem in one file: where it is and what is wrong."""

    path: str
    message: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


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


EXIT_OK = 0
EXIT_ABORTED = 1
EXIT_USAGE = 2
EXIT_INVALID = 3
EXIT_BATCH_INVALID = 4
EXIT_INTERRUPTED = 130
