"""summary.xlsx's hand-written data rows (batch/xlsx_rows.py) equal xlsxwriter's own, part by part."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.batch import xlsx_rows
from readiness.batch.rows import Options, Row
from readiness.batch.tables import MAX_WIDTH, WORKBOOK_DATE, Tables, values
from readiness.batch.worker import score_one
from readiness.files.loading import find_questionnaire
from readiness.resources import bundled

from .conftest import DATA

DIMS = [d.id for d in find_questionnaire("kr-smart-factory").questionnaire.dimensions]
HOSTILE = [
    '=HYPERLINK("http://x")',
    " leading space",
    "trailing space ",
    "tab\tinside",
    "bell\x07 and nul\x00",
    "_x0041_ looks escaped",
    "a & b < c > d \" e '",
    "\ufffe\uffff",
    "한빛오토텍 · 경기",
]


def reference(tables: Tables, rows: list[Row], target: Path) -> None:
    """The path the fast rows mirror: xlsxwriter cell by cell (as summary.xlsx was written before)."""
    book = xlsxwriter.Workbook(
        str(target),
        {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )  # fmt: skip
    book.set_properties({"created": WORKBOOK_DATE, "title": "readiness batch summary"})
    sheet = book.add_worksheet("summary")
    bold = book.add_format({"bold": True})
    score, percent = book.add_format({"num_format": "0.00"}), book.add_format({"num_format": "0%"})
    formats = {c: (score if s == 2 else percent) for c, s in tables._styles.items()}
    sheet.write_row(0, 0, tables.headers, bold)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(values(row, DIMS)):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            else:
                sheet.write_number(r, c, value, formats.get(c))
    for c, width in enumerate(tables._widths):
        sheet.set_column(c, c, min(width, MAX_WIDTH) + 1)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(tables.columns) - 1)
    book.close()


def both(tmp_path: Path, rows: list[Row]) -> tuple[dict[str, bytes], dict[str, bytes]]:
    out = tmp_path / "fast"
    out.mkdir(exist_ok=True)
    tables = Tables(out, DIMS)
    for row in rows:
        tables.write(row)
    tables.close({})
    reference(tables, rows, tmp_path / "reference.xlsx")
    parts = []
    for path in (out / "summary.xlsx", tmp_path / "reference.xlsx"):
        with zipfile.ZipFile(path) as z:
            parts.append({name: z.read(name) for name in z.namelist()})
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []  # side files are gone
    return parts[0], parts[1]


def example_rows() -> list[Row]:
    files = [*sorted(bundled("examples").glob("*.yaml")), *sorted((DATA / "answers").glob("*.yaml"))]
    return [score_one(i, str(p), Options()) for i, p in enumerate(files)]


def test_fast_rows_equal_xlsxwriter_on_every_example_and_test_file(tmp_path: Path) -> None:
    fast, ref = both(tmp_path, example_rows())
    assert fast.keys() == ref.keys()
    for name in ref:
        assert fast[name] == ref[name], name


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(st.characters(exclude_categories=["Cs"]), max_size=40), min_size=1, max_size=8))
def test_fast_rows_equal_xlsxwriter_on_generated_text(
    tmp_path_factory: pytest.TempPathFactory, names: list[str]
) -> None:
    names = [n for n in names if not (n.startswith("<r>") and n.endswith("</r>"))]  # see below
    rows = [
        Row(i, f"f{i}.yaml", company_name=name, dimensions=dict.fromkeys(DIMS, 1.25), completeness=0.5)
        for i, name in enumerate([*names, *HOSTILE])
    ]  # numbers in the formatted columns: xlsxwriter writes only the formats a cell uses
    fast, ref = both(tmp_path_factory.mktemp("gen"), rows)
    assert fast == ref


def test_a_rich_string_shortcut_cannot_inject_xml(tmp_path: Path) -> None:
    evil = '<r><t>x</t></r></is></c></row></sheetData><hyperlinks/><sheetData><row r="9"><c><is><t>y</t></is></c></r>'
    rows = [Row(0, "f.yaml", company_name=evil)]
    fast, _ = both(tmp_path, rows)
    assert b"&lt;r&gt;" in fast[xlsx_rows.SHEET]  # escaped: xlsxwriter passes <r>...</r> through raw
    book = openpyxl.load_workbook(tmp_path / "fast" / "summary.xlsx", read_only=True)
    cells: list[Any] = list(book["summary"].iter_rows(values_only=True))
    assert cells[1][values(rows[0], DIMS).index(evil)] == evil


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc"
)
def test_libreoffice_reads_every_cell_of_summary_xlsx_as_written(tmp_path: Path) -> None:
    rows = [*example_rows(), Row(99, "hostile.yaml", company_name=" =cmd|' /C calc'!A0 \x07_x0041_ <b>&")]
    out = tmp_path / "out"
    out.mkdir()
    tables = Tables(out, DIMS)
    for row in rows:
        tables.write(row)
    tables.close({})
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "xlsx",
         "--outdir", str(tmp_path / "saved"), str(out / "summary.xlsx")],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    saved = openpyxl.load_workbook(tmp_path / "saved" / "summary.xlsx", read_only=True)
    got = list(saved.active.iter_rows(values_only=True))
    assert list(got[0]) == tables.headers
    for row, cells in zip(rows, got[1:], strict=True):
        expected = values(row, DIMS)
        for want, have in zip(expected, cells, strict=False):
            if isinstance(want, float):
                assert have == pytest.approx(want)
            elif isinstance(want, str):  # a control character cannot be XML: Excel's _xHHHH_ escape,
                assert have == want.replace("\x07", "_x0007_"), (want, have)  # which LibreOffice shows
            else:
                assert have == want, (want, have)
