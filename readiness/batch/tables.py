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

from readiness.batch import xlsx_rows
from readiness.batch.rows import Row
from readiness.batch.xlsx_rows import RowWriter
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


SCORE_STYLE, PERCENT_STYLE = 2, 3  # cell format indexes: 1 is the bold header (workbook_skeleton)


def workbook_skeleton(target: Path, headers: Sequence[str], widths: Sequence[int], rows: int) -> None:
    """summary.xlsx without its data rows: header, formats, widths, frozen pane, autofilter."""
    import xlsxwriter  # only the batch needs it

    # Strings stay strings: never formulas (a company name "=HYPERLINK(...)" must not become a
    # live formula) and never URLs; the data rows are inline strings (batch/xlsx_rows.py).
    book = xlsxwriter.Workbook(
        str(target),  # a file, not memory: in_memory would turn constant_memory (inline strings) off
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    book.set_properties({"created": WORKBOOK_DATE, "title": "readiness batch summary"})
    sheet = book.add_worksheet("summary")
    bold = book.add_format({"bold": True})
    formats = [bold, book.add_format({"num_format": "0.00"}), book.add_format({"num_format": "0%"})]
    for index, fmt in enumerate(formats, 1):  # xlsxwriter numbers formats on first use: fix them now
        if fmt._get_xf_index() != index:
            raise RuntimeError("xlsxwriter numbered the summary formats differently")
    sheet.write_row(0, 0, headers, bold)
    for c, width in enumerate(widths):
        sheet.set_column(c, c, min(width, MAX_WIDTH) + 1)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, rows, len(headers) - 1)
    book.close()


class Tables:
    """Open writers for the four tables; `write(row)` per file in order, then `close(extra)`."""

    def __init__(
        self,
        outdir: Path,
        dimension_ids: Sequence[str],
        lang: Lang = "ko",
        dimension_names: Mapping[str, str] | None = None,
    ) -> None:
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

        # summary.xlsx: the data rows go straight to sheet XML in a side file as they come
        # (batch/xlsx_rows.py, ~5x faster than xlsxwriter's per-cell path); at close xlsxwriter
        # writes the workbook around them: header, formats, widths, frozen pane, autofilter.
        first_dim = len(HEAD)
        self._styles = {
            **{first_dim + k: SCORE_STYLE for k in range(len(self.dimension_ids))},
            self.columns.index("completeness"): PERCENT_STYLE,
        }
        self._rows_path = outdir / ".summary-rows.xml"
        self._rows_file = self._rows_path.open("w", encoding="utf-8", newline="")
        self._sheet_rows = RowWriter(self._rows_file, len(self.columns), self._styles)
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
        self._sheet_rows.write(cells)
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
        self._rows_file.close()
        skeleton = self._rows_path.with_name(".summary-skeleton.xlsx")
        workbook_skeleton(skeleton, self.headers, self._widths, self._rows)
        xlsx_rows.splice(
            skeleton,
            self._rows_path,
            self.paths["summary.xlsx"],
            xlsx_rows.last_cell(len(self.columns), self._rows),
        )
        self._rows_path.unlink()
        skeleton.unlink()
        return list(self.paths.values())

    def abort(self) -> None:
        """Close what is open after an error (the files are incomplete)."""
        for handle in (self._csv_file, self._errors_file, self._json, self._rows_file):
            with contextlib.suppress(OSError):
                handle.close()
        for side in (self._rows_path, self._rows_path.with_name(".summary-skeleton.xlsx")):
            with contextlib.suppress(OSError):
                side.unlink()


def write_json(path: Path, data: Any) -> Path:
    """Write `data` as indented UTF-8 JSON with a final newline; returns the path."""
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8", newline="\n")
    return path
