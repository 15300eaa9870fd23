"""Helpers for the workbook tests: fill a template as a person would, build hostile zips."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl

from readiness import api


def template(path: Path, lang: str = "ko", mode: str = "self", version: str | None = None) -> Path:
    path.write_bytes(api.template_workbook("kr-smart-factory", lang, version, mode))  # type: ignore[arg-type]
    return path


def rows_by_key(ws: Any) -> dict[str, int]:
    """Column A key -> 1-based row."""
    return {r[0].value: r[0].row for r in ws.iter_rows(max_col=1) if isinstance(r[0].value, str)}


def fill(
    path: Path, profile: dict[str, Any], answers: dict[str, dict[str, Any]], out: Path | None = None
) -> Path:
    """Type values into the workbook's input cells with openpyxl (answers: qid -> {column letter: value})."""
    wb = openpyxl.load_workbook(path)
    cover, sheet = wb.worksheets[0], wb.worksheets[1]
    keys = rows_by_key(cover)
    for key, value in profile.items():
        cover.cell(keys[key], 3).value = value
    rows = rows_by_key(sheet)
    for qid, cells in answers.items():
        for letter, value in cells.items():
            sheet[f"{letter}{rows[qid]}"] = value
    target = out or path
    wb.save(target)
    return target


def answer_row(path: Path, qid: str) -> int:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return rows_by_key(wb.worksheets[1])[qid]
    finally:
        wb.close()


def rezip(
    path: Path, out: Path, extra: dict[str, bytes] | None = None, replace: dict[str, bytes] | None = None
) -> Path:
    """A copy of the workbook zip with parts added or replaced."""
    replace = replace or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info)))
        for name, data in (extra or {}).items():
            dst.writestr(name, data)
    out.write_bytes(buffer.getvalue())
    return out
