"""The batch's tables: summary.csv, summary.xlsx, summary.json and errors.csv, written row by row.

Rows arrive in file order and are written at once, so memory does not grow with the number of
files, and the same input gives byte-identical files (no timestamps; fixed workbook metadata).
CSV files carry a UTF-8 BOM so that Excel opens Korean text correctly.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from readiness.batch.rows import Row
from readiness.words import Lang, word

HEAD = [
    "path",
    "status",
    "problem_count",
    "problems",
    "questionnaire",
    "company_name",
    "business_number",
    "duplicate_of",
    "sector",
    "sector_name",
    "region",
    "employees",
    "employee_band",
    "sme_class",
    "source",
    "assessment_date",
    "level_rank",
    "level_id",
    "level_name",
    "points",
]
TAIL = ["answered", "total", "completeness", "warning_count", "warnings", "blockers", "report"]
ERROR_COLUMNS = ["path", "line", "field", "message"]
SEPARATOR = "; "
MAX_CELL = 1000
MAX_WIDTH = 60
# xlsx metadata must not carry the time of the run: same input, same bytes
WORKBOOK_DATE = dt.datetime(2026, 1, 1)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """A CSV cell Excel will not run: text starting like a formula gets a leading ' (OWASP)."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def columns(dimension_ids: Sequence[str]) -> list[str]:
    """Summary columns: fixed ones, one per dimension (its id), then the rest."""
    fixed = set(HEAD) | set(TAIL)
    return [*HEAD, *(d if d not in fixed else f"dimension_{d}" for d in dimension_ids), *TAIL]


def headers(
    columns: Sequence[str], dimension_ids: Sequence[str], lang: Lang, names: Mapping[str, str]
) -> list[str]:
    """Column headers for people in `lang`: fixed columns from the word catalogue, dimensions by name."""
    dims = set(dimension_ids)
    out = []
    for column in columns:
        key = column.removeprefix("dimension_")
        out.append(names.get(key, key) if key in dims else word(f"column.{column}", lang))
    return out


def problems_text(row: Row) -> str:
    """A row's problems as one cell: `line N, field: message` joined, cut to the cell limit."""
    parts = []
    for p in row.problems:
        line = f"line {p.line}" if isinstance(p.line, int) else (p.line or "")  # or `sheet!cell`
        where = ", ".join(x for x in (line, p.field or "") if x)
        parts.append(f"{where}: {p.message}" if where else p.message)
    return SEPARATOR.join(parts)[:MAX_CELL]


def values(row: Row, dimension_ids: Sequence[str]) -> list[Any]:
    """The row's cells, in `columns` order; None for empty."""
    return [
        row.path,
        row.status,
        len(row.problems),
        problems_text(row) or None,
        row.questionnaire,
        row.company_name,
        row.business_number,
        row.duplicate_of,
        row.sector,
        row.sector_name,
        row.region,
        row.employees,
        row.employee_band,
        row.sme_class,
        row.source,
        row.assessment_date,
        row.level_rank,
        row.level_id,
        row.level_name,
        row.points,
        *(row.dimensions.get(d) for d in dimension_ids),
        row.answered,
        row.total,
        row.completeness,
        len(row.warnings) if row.scored else None,
        SEPARATOR.join(wid for _, wid, _ in row.warnings) or None,
        SEPARATOR.join(row.blockers)[:MAX_CELL] or None,
        row.report,
    ]


def record(row: Row) -> dict[str, Any]:
    """The row as JSON: lists stay lists, dimensions a mapping, problems with line and field."""
    return {
        "path": row.path,
        "status": row.status,
        "problems": [{"line": p.line, "field": p.field, "message": p.message} for p in row.problems],
        "questionnaire": row.questionnaire,
        "company_name": row.company_name,
        "business_number": row.business_number,
        "duplicate_of": row.duplicate_of,
        "sector": row.sector,
        "sector_name": row.sector_name,
        "region": row.region,
        "employees": row.employees,
        "employee_band": row.employee_band,
        "sme_class": row.sme_class,
        "source": row.source,
        "assessment_date": row.assessment_date,
        "level": None
        if row.level_rank is None
        else {"rank": row.level_rank, "id": row.level_id, "name": row.level_name},
        "points": row.points,
        "dimensions": row.dimensions if row.scored else None,
        "answered": row.answered,
        "total": row.total,
        "completeness": row.completeness,
        "warnings": [{"kind": k, "id": i, "message": m} for k, i, m in row.warnings],
        "blockers": row.blockers,
        "report": row.report,
    }


def _width(text: str) -> int:
    """Display width, roughly: Hangul and other CJK take two columns (3 UTF-8 bytes each)."""
    return len(text) + (len(text.encode()) - len(text)) // 2


WIDTH_SAMPLE = 2000  # column widths come from the first rows; measuring all costs more than it shows


class Tables:
    """Open writers for the four tables; `write(row)` per file in order, then `close(extra)`."""

    def __init__(
        self,
        outdir: Path,
        dimension_ids: Sequence[str],
        lang: Lang = "ko",
        dimension_names: Mapping[str, str] | None = None,
    ) -> None:
        import xlsxwriter  # only the batch needs it

        self.dimension_ids = list(dimension_ids)
        self.columns = columns(self.dimension_ids)
        self.paths = {
            name: outdir / name for name in ("summary.csv", "summary.xlsx", "summary.json", "errors.csv")
        }
        # newline="" lets csv write Excel's \r\n; utf-8-sig adds the BOM
        self._csv_file = self.paths["summary.csv"].open("w", encoding="utf-8-sig", newline="")
        self._csv = csv.writer(self._csv_file)
        self.headers = headers(self.columns, self.dimension_ids, lang, dimension_names or {})
        self._csv.writerow(self.headers)
        self._errors_file = self.paths["errors.csv"].open("w", encoding="utf-8-sig", newline="")
        self._errors = csv.writer(self._errors_file)
        self._errors.writerow([word(f"column.{c}", lang) for c in ERROR_COLUMNS])
        self._json = self.paths["summary.json"].open("w", encoding="utf-8", newline="\n")
        self._json.write('{\n"rows": [')
        self._first = True

        # constant_memory: rows go to disk as written. Strings stay strings: never formulas
        # (a company name "=HYPERLINK(...)" must not become a live formula) and never URLs.
        self._book = xlsxwriter.Workbook(
            str(self.paths["summary.xlsx"]),
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        self._book.set_properties({"created": WORKBOOK_DATE, "title": "readiness batch summary"})
        self._sheet = self._book.add_worksheet("summary")
        bold = self._book.add_format({"bold": True})
        self._score_format = self._book.add_format({"num_format": "0.00"})
        self._percent_format = self._book.add_format({"num_format": "0%"})
        first_dim = len(HEAD)
        self._formats = {
            **{first_dim + k: self._score_format for k in range(len(self.dimension_ids))},
            self.columns.index("completeness"): self._percent_format,
        }
        self._sheet.write_row(0, 0, self.headers, bold)
        self._widths = [_width(c) + 2 for c in self.headers]
        self._rows = 0

    def write(self, row: Row) -> None:
        """Append one file's row to summary.csv, summary.json and summary.xlsx, and its problems to errors.csv."""
        cells = values(row, self.dimension_ids)
        self._csv.writerow([csv_cell(v) for v in cells])
        for p in row.problems:
            self._errors.writerow([csv_cell(v) for v in (row.path, p.line, p.field, p.message)])
        self._json.write(("\n" if self._first else ",\n") + json.dumps(record(row), ensure_ascii=False))
        self._first = False
        self._rows += 1
        r = self._rows
        sheet, formats = self._sheet, self._formats
        write_string, write_number = sheet.write_string, sheet.write_number
        for c, value in enumerate(cells):
            if value is None:
                continue
            if value.__class__ is str:
                write_string(r, c, value)
            else:
                write_number(r, c, value, formats.get(c))
        if r <= WIDTH_SAMPLE:
            widths = self._widths
            for c, value in enumerate(cells):
                if value is not None:
                    w = _width(value) if value.__class__ is str else 6
                    if w > widths[c]:
                        widths[c] = w

    def close(self, extra: dict[str, Any]) -> list[Path]:
        """Finish every file; `extra` goes into summary.json after the rows."""
        self._csv_file.close()
        self._errors_file.close()
        self._json.write("\n],\n")
        body = json.dumps(extra, ensure_ascii=False, indent=1)
        self._json.write(body[1:].lstrip("\n") + "\n")  # continue the open object
        self._json.close()
        for c, width in enumerate(self._widths):
            self._sheet.set_column(c, c, min(width, MAX_WIDTH) + 1)
        self._sheet.freeze_panes(1, 0)
        self._sheet.autofilter(0, 0, self._rows, len(self.columns) - 1)
        self._book.close()
        return list(self.paths.values())

    def abort(self) -> None:
        """Close what is open after an error (the files are incomplete)."""
        for handle in (self._csv_file, self._errors_file, self._json):
            with contextlib.suppress(OSError):
                handle.close()
        with contextlib.suppress(Exception):
            self._book.close()


def write_json(path: Path, data: Any) -> Path:
    """Write `data` as indented UTF-8 JSON with a final newline; returns the path."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8", newline="\n")
    return path
