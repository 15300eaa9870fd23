"""Hostile workbooks: each is refused with one clear line, within a second or two, and nothing else."""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from readiness import api
from readiness.errors import AnswersError
from readiness.files import workbook_layout, workbook_vet
from readiness.files.loading import find_questionnaire, load_answers

from .workbooks import answer_row, fill, rezip, template

PROFILE = {"company.name": "x"}
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol9;</t></si></sst>'
)
EXTERNAL = (
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&e;</t></si></sst>'
)


DEMO = Path(__file__).parent.parent / "examples" / "demo.yaml"


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """A filled workbook as the tool writes it (xlsxwriter: shared strings and all)."""
    path = tmp_path / "firm.xlsx"
    path.write_bytes(api.convert_file(DEMO, "xlsx"))
    return path


def refused(path: Path) -> str:
    """The one error line for `path`, checked to come within two seconds."""
    start = time.perf_counter()
    with pytest.raises(AnswersError) as info:
        load_answers(path)
    assert time.perf_counter() - start < 2.0
    assert len(info.value.problems) == 1
    return str(info.value)


def _zip(parts: dict[str, bytes], level: int = 9) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_bomb_is_refused_from_the_declared_sizes(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    bomb.write_bytes(_zip({"xl/worksheets/sheet1.xml": b"\0" * (200 * 1024 * 1024)}, level=9))
    assert bomb.stat().st_size < 300 * 1024
    assert "unpacks to more than 8 MB (a zip bomb?); refused" in refused(bomb)


def _million_rows() -> Iterator[bytes]:
    yield b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    yield b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 1_000_001))
    yield b"</sheetData></worksheet>"


def test_a_million_row_sheet_is_refused(book: Path, tmp_path: Path) -> None:
    huge = rezip(
        book, tmp_path / "huge.xlsx", replace={"xl/worksheets/sheet2.xml": b"".join(_million_rows())}
    )
    message = refused(huge)  # either limit refuses it before any XML is parsed
    assert "unpacks to more than" in message or "larger than the limit" in message


def test_a_long_sheet_under_the_limit_is_read_only_as_far_as_needed(book: Path, tmp_path: Path) -> None:
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n) for n in range(1, 150_001))
    sheet = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    long = rezip(
        book,
        tmp_path / "long.xlsx",
        replace={"xl/worksheets/sheet3.xml": sheet + rows + b"</sheetData></worksheet>"},
    )
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    seen = 0
    real = ReadOnlyWorksheet.iter_rows

    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal seen
        for row in real(self, *args, **kwargs):
            seen += 1
            yield row

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ReadOnlyWorksheet, "iter_rows", counted)
        assert load_answers(long)[0] == load_answers(DEMO)[0]
    assert 0 < seen <= 3 * workbook_layout.MAX_ROWS  # rows counted, not seconds: 150,000 are never walked


@pytest.mark.parametrize("payload", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_xml_entity_tricks_are_refused(book: Path, tmp_path: Path, payload: bytes) -> None:
    bad = rezip(book, tmp_path / "bad.xlsx", replace={"xl/sharedStrings.xml": payload})
    assert "xl/sharedStrings.xml: XML document type declarations (entities) are not allowed" in refused(bad)


@pytest.mark.parametrize("payload", [LAUGHS, EXTERNAL], ids=["billion-laughs", "external-entity"])
def test_defusedxml_refuses_entities_even_past_the_scan(
    book: Path, tmp_path: Path, payload: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook_vet, "_vet_xml", lambda data, part, path: None)
    bad = rezip(book, tmp_path / "bad.xlsx", replace={"xl/sharedStrings.xml": payload})
    message = refused(bad)
    assert "cannot read this workbook (" in message and "passwd" not in message


def test_a_formula_in_an_answer_cell_is_refused_never_evaluated(tmp_path: Path) -> None:
    path = fill(template(tmp_path / "f.xlsx"), PROFILE, {"quality.spc": {"D": '=WEBSERVICE("http://x")'}})
    row = answer_row(path, "quality.spc")
    assert refused(path).endswith(
        f"f.xlsx:답변!D{row}: quality.spc: is a formula; type the value itself (formulas are never evaluated)"
    )


def test_external_links_are_refused(book: Path, tmp_path: Path) -> None:
    linked = rezip(
        book, tmp_path / "l.xlsx", extra={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}
    )
    assert "links to other files (external links); refused" in refused(linked)


def test_macros_are_refused_by_suffix_and_by_content(book: Path, tmp_path: Path) -> None:
    xlsm = tmp_path / "m.xlsm"
    xlsm.write_bytes(book.read_bytes())
    assert "workbooks with macros are refused" in refused(xlsm)
    hidden = rezip(book, tmp_path / "v.xlsx", extra={"xl/vbaProject.bin": b"\0" * 100})
    assert "contains macros (vbaProject.bin); refused" in refused(hidden)


def test_not_a_zip_and_old_excel_files_are_named(tmp_path: Path) -> None:
    text = tmp_path / "t.xlsx"
    text.write_text("company: x\n", encoding="utf-8")
    assert "not an Excel workbook: the file is not a zip archive" in refused(text)
    old = tmp_path / "o.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "Excel 97-2003 (.xls) or password-protected workbook" in refused(old)


def test_a_workbook_over_the_size_limit_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "big.xlsx"
    big.write_bytes(b"PK" + b"\0" * workbook_layout.MAX_BYTES)
    assert "larger than the limit of 4096 KB" in refused(big)


def test_a_workbook_of_another_questionnaire(book: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(book)
    wb["_readiness"]["B3"] = "nope"
    wb.save(tmp_path / "other.xlsx")
    assert "other.xlsx:_readiness!B3: questionnaire: unknown questionnaire nope 2026.2" in refused(
        tmp_path / "other.xlsx"
    )
    mini = find_questionnaire(str(Path(__file__).parent / "data" / "questionnaires" / "mini-1.0.yaml"))
    with pytest.raises(
        AnswersError,
        match=r"_readiness!B3: questionnaire.id: this file is for questionnaire 'kr-smart-factory', not 'mini'",
    ):
        load_answers(book, mini)


def test_a_spreadsheet_not_made_by_the_tool(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active["A1"] = "quality.spc"
    wb.save(tmp_path / "plain.xlsx")
    assert "not a readiness answer workbook (no metadata sheet)" in refused(tmp_path / "plain.xlsx")


def test_damaged_xml_inside_a_sheet(book: Path, tmp_path: Path) -> None:
    bad = rezip(
        book, tmp_path / "d.xlsx", replace={"xl/worksheets/sheet2.xml": b"<worksheet><sheetData><row"}
    )
    assert "cannot read this workbook (" in refused(bad)


def test_control_characters_in_a_sheet_name_are_not_echoed(book: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(book)
    wb.worksheets[1].title = "답\u202e변"  # a right-to-left override, valid in XML
    wb.worksheets[1]["D" + str(answer_row(book, "quality.spc"))] = "3점"
    wb.save(tmp_path / "c.xlsx")
    message = refused(tmp_path / "c.xlsx")
    assert "\u202e" not in message and "답\\u202e변!D" in message
