"""summary.xlsx's data rows as sheet XML, written directly; the rest of the workbook is xlsxwriter's.

Why by hand: xlsxwriter's cell-by-cell path (constant_memory, write_string/write_number) cost
about 125 µs a row, a quarter of what a worker spends parsing and scoring the file, and the main
process pays it serially for every row. Here a row is one f-string per cell (~25 µs a row).
xlsxwriter still writes the whole package (styles, theme, header row, widths, frozen pane,
autofilter, document properties); `splice` puts these rows into its sheet.

The XML is the same as xlsxwriter's inline strings, character for character: the equivalence is
held by tests/test_batch_xlsx.py, which writes the same rows both ways. One deliberate
difference: xlsxwriter passes a string that starts with "<r>" and ends with "</r>" into the
sheet unescaped (its rich-string shortcut), so a submitted company name could inject XML; here
every string is escaped.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from xlsxwriter.utility import xl_col_to_name

SHEET = "xl/worksheets/sheet1.xml"
MAX_CHARS = 32767 // 2  # Excel's limit is 32,767 UTF-16 units; batch cells are cut far below it
_ESCAPE_LIKE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_XML = re.compile(r"[&<>]")
_EDGE_SPACE = re.compile(r"^\s|\s$")


def inline_text(text: str) -> str:
    """A string as Excel's inline-string XML: escapes for `_xHHHH_`, control characters and markup."""
    if "_x" in text:
        text = _ESCAPE_LIKE.sub(r"_x005F\1", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    if "\ufffe" in text or "\uffff" in text:
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
    preserve = ' xml:space="preserve"' if _EDGE_SPACE.search(text) else ""
    if _XML.search(text):
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<t{preserve}>{text}</t>"


class RowWriter:
    """Appends data rows (sheet row 2 on) to a text file as `<row>` elements."""

    def __init__(self, out: IO[str], width: int, styles: Mapping[int, int]) -> None:
        self.out = out
        self.letters = [xl_col_to_name(c) for c in range(width)]
        self.styles = {c: f' s="{s}"' for c, s in styles.items()}  # column -> cell format index
        self.rows = 0

    def write(self, cells: Sequence[Any]) -> None:
        """One row: None cells are left out, str cells are inline strings, the rest numbers."""
        self.rows += 1
        r = str(self.rows + 1)  # row 1 is the header, written by xlsxwriter
        letters, styles = self.letters, self.styles
        parts = [f'<row r="{r}">']
        for c, value in enumerate(cells):
            if value is None:
                continue
            if value.__class__ is str:
                parts.append(
                    f'<c r="{letters[c]}{r}" t="inlineStr"><is>{inline_text(value[:MAX_CHARS])}</is></c>'
                )
            else:
                parts.append(f'<c r="{letters[c]}{r}"{styles.get(c, "")}><v>{value:.16G}</v></c>')
        parts.append("</row>")
        self.out.write("".join(parts))


def last_cell(width: int, rows: int) -> str:
    """The bottom-right cell of a sheet with a header and `rows` data rows, `width` columns wide."""
    return f"{xl_col_to_name(width - 1)}{rows + 1}"


def splice(skeleton: Path, rows_file: Path, target: Path, last_cell: str) -> None:
    """Write `target`: the xlsxwriter workbook `skeleton` with the rows of `rows_file` in its sheet.

    `last_cell` is the sheet's new bottom-right cell (its dimension); every other part is copied
    as xlsxwriter wrote it, with its zip metadata.
    """
    with zipfile.ZipFile(skeleton) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != SHEET:
                out.writestr(info, data)
                continue
            sheet = data.decode("utf-8")
            sheet = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{last_cell}"/>', sheet, count=1)
            head, tail = sheet.split("</sheetData>", 1)
            with out.open(info, "w") as part, rows_file.open("rb") as rows:
                part.write(head.encode("utf-8"))
                shutil.copyfileobj(rows, part, 1 << 20)
                part.write(("</sheetData>" + tail).encode("utf-8"))
