"""Importing answer files into the history store: found and scored as `batch` does, then stored at once.

The files are found by the batch's `discover` and scored by its worker pool (with
`Options.history`, each row also carries the answers and the file's hash); the rows are kept
until every file is scored, so the store's write lock is held only while they are written.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from readiness.batch.discover import discover, shown_path
from readiness.batch.pool import score_files
from readiness.batch.rows import Options, Row
from readiness.errors import Problem
from readiness.history.engine import DEFAULT_WAIT, open_store
from readiness.history.store import ImportResult, Store


@dataclass
class Imported:
    """An import's outcome: what the store did, and the files that could not be scored."""

    result: ImportResult
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """Whether every file found was scored and recorded (or already stored)."""
        r = self.result
        return not (r.invalid or r.not_recorded or self.skipped or r.kept)


def source_of(path: str, roots: Sequence[str]) -> str | None:
    """The first-level subfolder of `path` under the input folder it was found in ("" at its top)."""
    for root in roots:
        prefix = root.rstrip(os.sep) + os.sep
        if path.startswith(prefix):
            head, sep, _ = path[len(prefix) :].partition(os.sep)
            return head if sep else ""
    return None


def roots_of(inputs: Sequence[str | Path]) -> list[str]:
    """The input folders, longest first (as batch reports `source`)."""
    return sorted((shown_path(str(p)) for p in inputs if os.path.isdir(p)), key=len, reverse=True)


def record_rows(
    rows: Sequence[Row], db: str, command: str, inputs: Sequence[str | Path], wait: float = DEFAULT_WAIT
) -> ImportResult:
    """Store rows scored with Options(history=True) in one transaction."""
    with Store(db, write=True, wait=wait) as store:
        return store.record(rows, command, [str(i) for i in inputs])


def check_writable(db: str, wait: float = DEFAULT_WAIT) -> None:
    """Fail early (before a long batch) if the store cannot be opened for writing."""
    open_store(db, write=True, wait=wait).engine.dispose()


def import_files(
    inputs: Sequence[str | Path],
    db: str,
    *,
    jobs: int | None = None,
    questionnaire: str | None = None,
    wait: float = DEFAULT_WAIT,
    progress: Callable[[int, int], None] | None = None,
) -> Imported:
    """Score every answer file under `inputs` and record the valid ones in the store `db`."""
    check_writable(db, wait)
    found = discover(inputs)
    options = Options(history=True, questionnaire=questionnaire)
    roots = roots_of(inputs)
    cpus = os.cpu_count() or 1
    jobs = min(max(1, jobs or cpus), cpus)
    rows: list[Row] = []
    problems: list[Problem] = []
    if progress is not None:
        progress(0, len(found.files))
    for done, row in enumerate(score_files(found.files, options, jobs), 1):
        row.source = source_of(shown_path(row.path), roots)
        if row.status != "ok":
            problems += row.problems
        rows.append(row)
        if progress is not None:
            progress(done, len(found.files))
    result = record_rows(rows, db, "history import", inputs, wait)
    return Imported(result, len(found.files) + len(found.skipped), problems, found.skipped)
