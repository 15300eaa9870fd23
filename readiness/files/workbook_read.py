"""Reading an answer workbook (.xlsx) as the same plain data the YAML loader gives, with cell names.

A workbook is a zip of XML from anyone: workbook_vet refuses what is dangerous before openpyxl
sees it. openpyxl then parses with defusedxml (it uses it whenever it is installed; the import
below makes sure), in read-only mode, reading at most MAX_ROWS rows and MAX_COLUMNS columns of a
sheet. Formulas are never evaluated: a formula in a cell the tool reads is refused.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import defusedxml  # noqa: F401  (openpyxl parses with defusedxml only when it is installed)
import openpyxl

from readiness.domain.interview import typed_value
from readiness.errors import AnswersError, Problem
from readiness.files import workbook_layout as layout
from readiness.files.workbook_vet import read_bytes, refuse, vet_zip
from readiness.words import NA_SPELLINGS

_ANSWER = "answer must be a whole number from 0 to 5, or n/a where the question allows it"
_FORMULA = "is a formula; type the value itself (formulas are never evaluated)"
if not openpyxl.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
    raise ImportError("openpyxl must parse with defusedxml; install defusedxml")


@dataclass
class WorkbookDocument:
    """Where each field of a workbook sits (`sheet!C14`), for error messages; and its origin hash."""

    cells: dict[tuple[str, ...], str] = field(default_factory=dict)
    sha256: str | None = None

    def line_of(self, loc: tuple[str | int, ...]) -> str | None:
        """The cell of the deepest field on path `loc` that has one."""
        parts = tuple(str(p) for p in loc)
        for n in range(len(parts), 0, -1):
            if parts[:n] in self.cells:
                return self.cells[parts[:n]]
        return None

    def trim(self, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
        """Paths stay whole (`field` names them)."""
        return loc

    def field(self, loc: tuple[str | int, ...]) -> str:
        """The field as people read it beside a cell: an answer by its question id (`quality.spc`)."""
        parts = [str(p) for p in loc]
        if parts[:1] == ["answers"] and len(parts) > 1:
            parts = parts[1:]
            if parts[-1:] == ["value"] and len(parts) > 1:
                parts = parts[:-1]
        return ".".join(parts)


def _open(raw: bytes, path: str) -> Any:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
            return openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False)
    except AnswersError:
        raise
    except Exception as exc:  # a damaged workbook can fail anywhere in openpyxl
        raise refuse(
            path, f"cannot read this workbook ({type(exc).__name__}); is it an .xlsx file?"
        ) from None


def _text(value: Any) -> str | None:
    """A cell as text: numbers without a trailing `.0`, dates as YYYY-MM-DD, blank as None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _number(value: Any) -> Any:
    """A whole number cell as int; anything else as text for the model to judge."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return _text(value)


def _date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 2_958_466:
        return (dt.date(1899, 12, 30) + dt.timedelta(days=int(value))).isoformat()  # an Excel serial
    return _text(value)


def answer_value(value: Any) -> int | str | None:
    """An answer cell as 0-5 or `n/a`, None when blank; ValueError for anything else (`3점`, 7, 2.5)."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        if 0 <= value <= 5:
            return value
        raise ValueError(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text in NA_SPELLINGS:
            return "n/a"
        number = typed_value(text)
        if number is not None:
            return number
    raise ValueError(value)


class _Reader:
    """One pass over a workbook's sheets, building the answer-file data and its cell map."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.doc = WorkbookDocument()
        self.problems: list[Problem] = []
        self.profile: dict[str, Any] = {}
        self.answers: dict[str, dict[str, Any]] = {}
        self.mode = "self"

    def problem(self, ref: str, what: str, message: str) -> None:
        self.problems.append(Problem(self.path, message, ref, what))

    def value(self, cell: Any, ref: str, what: str) -> Any:
        """The cell's value; a formula is refused (never evaluated)."""
        if getattr(cell, "data_type", None) == "f":
            self.problem(ref, what, _FORMULA)
            return None
        return getattr(cell, "value", None)

    def meta(self, wb: Any) -> dict[str, str]:
        if layout.META_SHEET not in wb.sheetnames:
            message = "not a readiness answer workbook (no metadata sheet); make one with `readiness template --format xlsx`"
            raise refuse(self.path, message)
        ws = wb[layout.META_SHEET]
        found: dict[str, str] = {}
        for n, row in enumerate(ws.iter_rows(max_row=50, max_col=2), 1):
            if len(row) == 2 and isinstance(row[0].value, str) and row[0].value in layout.META_FIELDS:
                found[row[0].value] = _text(row[1].value) or ""
                self.doc.cells[tuple(row[0].value.split("."))] = layout.cell_ref(layout.META_SHEET, n, 1)
        if found.get("format") != layout.FORMAT or found.get("layout") != layout.LAYOUT:
            raise refuse(self.path, "the metadata sheet is damaged or from another tool; refused")
        self.doc.cells[("questionnaire",)] = self.doc.cells[("questionnaire", "id")]
        self.doc.sha256 = found.get("questionnaire.sha256") or None
        self.mode = found.get("assessment.mode", "self")
        return found

    def sheet(self, ws: Any) -> None:
        title = ws.title
        columns = layout.ANSWER_COLUMNS.get(self.mode, layout.ANSWER_COLUMNS["self"])
        for n, row in enumerate(ws.iter_rows(max_row=layout.MAX_ROWS, max_col=layout.MAX_COLUMNS), 1):
            key = getattr(row[0], "value", None) if row else None
            if not isinstance(key, str):
                continue
            if key in layout.PROFILE_FIELDS or key in layout.AUDIT_FIELDS:
                cell = row[layout.PROFILE_COLUMN] if len(row) > layout.PROFILE_COLUMN else None
                ref = layout.cell_ref(title, n, layout.PROFILE_COLUMN)
                self.doc.cells.setdefault(tuple(key.split(".")), ref)
                self.profile[key] = self.value(cell, ref, key)
            elif layout.QUESTION_KEY.match(key):
                self.answer_row(key, row, title, n, columns)

    def answer_row(self, qid: str, row: Any, title: str, n: int, columns: tuple[str, ...]) -> None:
        first = layout.cell_ref(title, n, layout.FIRST_ANSWER_COLUMN)
        if ("answers", qid) in self.doc.cells:
            self.problem(
                first, qid, f"this question appears twice (also at {self.doc.cells[('answers', qid)]})"
            )
            return
        self.doc.cells[("answers", qid)] = first
        answer: dict[str, Any] = {}
        for offset, name in enumerate(columns):
            column = layout.FIRST_ANSWER_COLUMN + offset
            ref = layout.cell_ref(title, n, column)
            self.doc.cells[("answers", qid, name)] = ref
            raw = self.value(row[column], ref, qid) if column < len(row) else None
            if name == "note":
                answer[name] = _text(raw)
            elif name == "evidence":
                text = _text(raw)
                answer[name] = [line.strip() for line in (text or "").split("\n") if line.strip()]
            else:
                try:
                    answer[name] = answer_value(raw)
                except ValueError:
                    self.problem(ref, qid, _ANSWER)
        answer = {k: v for k, v in answer.items() if v not in (None, [])}
        if answer:
            self.answers[qid] = answer

    def data(self, meta: dict[str, str]) -> dict[str, Any]:
        """The answer-file data, shaped as the YAML file would be."""
        p = self.profile
        programmes = [
            x.strip() for x in re.split(r"[;\n]", _text(p.get("company.programmes")) or "") if x.strip()
        ]
        sector = _text(p.get("company.sector"))
        company = {
            "name": _text(p.get("company.name")),
            "business_number": _text(p.get("company.business_number")),
            "sector": sector.split()[0] if sector else None,  # "C29 기타 기계·장비" from the list
            "employees": _number(p.get("company.employees")),
            "annual_revenue_krw": _number(p.get("company.annual_revenue_krw")),
            "region": _text(p.get("company.region")),
            "programmes": programmes,
            "programmes_asked": meta.get("company.programmes_asked") == "yes",
        }
        assessment: dict[str, Any] = {
            "mode": meta.get("assessment.mode"),
            "language": meta.get("assessment.language"),
            "date": _date(p.get("assessment.date")),
        }
        for who in ("assessor", "site"):
            keys = [k for k in layout.AUDIT_FIELDS if k.startswith(f"assessment.{who}.")]
            found = {k.rsplit(".", 1)[1]: _text(p.get(k)) for k in keys}
            if any(v is not None for v in found.values()):
                assessment[who] = {k: v for k, v in found.items() if v is not None}
        if ("assessment", "assessor", "name") in self.doc.cells:
            self.doc.cells[("assessment",)] = self.doc.cells[("assessment", "assessor", "name")]
        return {
            "questionnaire": {
                "id": meta.get("questionnaire.id"),
                "version": meta.get("questionnaire.version"),
            },
            "company": {k: v for k, v in company.items() if v is not None},
            "assessment": {k: v for k, v in assessment.items() if v is not None},
            "answers": self.answers,
        }


def read_workbook(path: Path) -> tuple[dict[str, Any], WorkbookDocument]:
    """The answer-file data of a workbook and where each field sits; AnswersError when refused."""
    name = str(path)
    raw = read_bytes(path)
    vet_zip(raw, name)
    wb = _open(raw, name)
    reader = _Reader(name)
    try:
        meta = reader.meta(wb)
        sheets = [ws for ws in wb.worksheets if ws.title != layout.META_SHEET]
        if len(sheets) > layout.MAX_SHEETS:
            raise refuse(name, f"the workbook has more than {layout.MAX_SHEETS} sheets; refused")
        for ws in sheets:
            reader.sheet(ws)
    except AnswersError:
        raise
    except Exception as exc:  # damaged XML inside a sheet surfaces while rows are read
        raise refuse(
            name, f"cannot read this workbook ({type(exc).__name__}); is it an .xlsx file?"
        ) from None
    finally:
        wb.close()
    if reader.problems:
        raise AnswersError(reader.problems[:20])
    return reader.data(meta), reader.doc
