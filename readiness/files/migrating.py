"""`readiness migrate`: an answer file rewritten for a newer questionnaire version (file side)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from readiness.domain.migrate import Migrated, find_migration, migrate
from readiness.domain.questionnaire import Questionnaire
from readiness.errors import AnswersError, Problem
from readiness.files import answerfile
from readiness.files.loading import (
    LoadedQuestionnaire,
    check_answers,
    find_questionnaire,
    is_workbook,
    load_answers,
    read_answers_text,
)


@dataclass(frozen=True)
class MigratedFile:
    """A migrated answer file as text, with the migration behind it."""

    text: str
    result: Migrated
    from_version: str
    to_version: str
    questionnaire: LoadedQuestionnaire  # the newer one

    def workbook(self) -> bytes:
        """The migrated answers as an answer workbook of the newer version (for a .xlsx target)."""
        from readiness.files.workbook_write import workbook_bytes

        af = self.result.answers
        q = self.questionnaire
        return workbook_bytes(af, q.questionnaire, q.sha256, af.assessment.language)


def leading_comments(raw: str) -> list[str]:
    """The comment block at the top of a file (kept by migrate)."""
    lines = []
    for line in raw.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    return lines


def migrate_file(path: Path, to: str | None = None) -> MigratedFile:
    """Read and check `path` under its own version, move it to `to` (default: the newest)."""
    answers, loaded = load_answers(path)
    older = loaded.questionnaire
    newer_loaded = find_questionnaire(older.id, to)
    newer = newer_loaded.questionnaire
    if newer.version == older.version:
        raise AnswersError([Problem(str(path), f"already on {older.id} {older.version}; nothing to migrate")])
    if find_migration(newer, older.version) is None:
        message = f"{older.id} {newer.version} declares no migration from {older.version}"
        raise AnswersError([Problem(str(path), message)])
    result = migrate(answers, older, newer)
    raw = "" if is_workbook(path) else path.read_text(encoding="utf-8", errors="replace")
    header = [
        *leading_comments(raw),
        f"# Migrated from {older.id} {older.version} to {newer.version} by `readiness migrate`.",
    ]
    body = answerfile.render(result.answers, newer, answers.assessment.language)
    text = "\n".join(header) + "\n" + body
    _check(text, newer, path)
    return MigratedFile(text, result, older.version, newer.version, newer_loaded)


def _check(text: str, newer: Questionnaire, path: Path) -> None:
    """What would be written must read back as a valid answer file for the newer version."""
    answers, doc = read_answers_text(text, f"{path} (migrated)")
    check_answers(answers, newer, doc, f"{path} (migrated)")
