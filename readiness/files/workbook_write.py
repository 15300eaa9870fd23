"""Writing the answer workbook (.xlsx) with xlsxwriter: cover and profile, questions, hidden metadata.

xlsxwriter, not openpyxl, writes: it is already a dependency (batch summary.xlsx), it writes data
validation, sheet protection and print set-up completely, and it writes a workbook in a few
milliseconds. openpyxl only reads (see workbook_read).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from typing import Any

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from readiness.domain import normalise
from readiness.domain.answers import Answer, AnswerFile
from readiness.domain.questionnaire import Question, Questionnaire
from readiness.files import workbook_layout as layout
from readiness.files.loading import bundled_sectors
from readiness.words import Lang, word

_WIDTHS = {"A": 16, "B": 58, "C": 62, "D": 11, "E": 11, "F": 30, "G": 30}
_NUMBERS = ("company.employees", "company.annual_revenue_krw")
_EXACT_FLOAT = 2**53  # larger whole numbers are written as text so no digit is lost


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(text: str, width: int) -> int:
    """How many printed lines `text` takes in a column `width` characters wide (an estimate)."""
    return sum(max(1, math.ceil(_display_width(line) / max(width - 2, 1))) for line in text.split("\n"))


class _Book:
    """One workbook being written: its formats and sheet names."""

    def __init__(self, q: Questionnaire, lang: Lang) -> None:
        self.q, self.lang = q, lang
        self.buffer = io.BytesIO()
        self.wb = xlsxwriter.Workbook(self.buffer, {"in_memory": True, "strings_to_formulas": False})
        self.wb.set_properties({"title": q.title(lang), "comments": f"{q.id} {q.version}"})
        add = self.wb.add_format
        self.title = add({"bold": True, "font_size": 16})
        self.bold = add({"bold": True})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.note = add({"text_wrap": True, "valign": "top", "italic": True, "font_color": "#9C0006"})
        self.head = add(
            {"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"}
        )
        self.dim = add({"bold": True, "bg_color": "#EDEDED", "text_wrap": True, "valign": "top"})
        self.key = add({"font_color": "#808080", "valign": "top"})
        base = {"locked": False, "bg_color": "#FFF2CC", "border": 1, "valign": "top", "text_wrap": True}
        self.input = add(base)
        self.input_text = add({**base, "num_format": "@"})
        self.input_date = add({**base, "num_format": "yyyy-mm-dd"})
        self.input_answer = add({**base, "align": "center", "bold": True})
        self.cover_name = word("book.sheet.cover", lang)
        self.answers_name = word("book.sheet.answers", lang)
        self.lists_name = word("book.sheet.lists", lang)

    def w(self, key: str, **params: object) -> str:
        return word(key, self.lang, **params)


def _cover(book: _Book, af: AnswerFile, answer_rows: tuple[int, int]) -> None:
    q, lang, ws = book.q, book.lang, book.wb.add_worksheet(book.cover_name)
    ws.set_column("A:A", 24, None, {"hidden": True})
    ws.set_column("B:B", 28)
    ws.set_column("C:C", 44)
    ws.set_column("D:D", 44)
    ws.write_string(0, 1, q.title(lang), book.title)
    ws.write_string(1, 1, f"{book.w('book.questionnaire')}: {q.id} {q.version}", book.key)
    texts = [(2, book.w("book.what"), book.wrap), (3, q.disclaimer(lang), book.note)]
    for row, text, fmt in texts:
        ws.merge_range(row, 1, row, 3, text, fmt)
        ws.set_row(row, 15 * _lines(text, 110))
    ws.write_string(5, 1, book.w("book.how.title"), book.bold)
    for n in range(1, 5):
        text = book.w(f"book.how.{n}", sheet=book.answers_name)
        ws.merge_range(5 + n, 1, 5 + n, 3, text, book.wrap)
        ws.set_row(5 + n, 15 * _lines(text, 110))
    ws.write_string(11, 1, book.w("book.profile"), book.bold)
    fields = layout.PROFILE_FIELDS + (layout.AUDIT_FIELDS if af.assessment.mode == "audit" else ())
    row = 12
    dumped = af.model_dump(mode="python", warnings=False)
    for key in fields:
        ws.write_string(row, 0, key, book.key)
        ws.write_string(row, 1, book.w(f"book.f.{key}"), book.bold)
        _profile_value(book, ws, row, key, dumped)
        hint = f"book.hint.{key}"
        if hint in _hint_keys():
            ws.write_string(row, 3, book.w(hint), book.key)
        row += 1
    ws.write_string(row, 1, book.w("book.mode"), book.bold)
    ws.write_string(row, 2, book.w(f"book.mode.{af.assessment.mode}"))
    first, last = answer_rows
    ws.write_string(row + 1, 1, book.w("book.progress"), book.bold)
    ws.write_formula(row + 1, 2, _progress_formula(book, af.assessment.mode, first, last), book.bold)
    ws.write_string(row + 2, 1, book.w("book.of"), book.bold)
    ws.write_number(row + 2, 2, len(q.questions))
    _protect(ws, landscape=False)
    ws.activate()


def _hint_keys() -> set[str]:
    from readiness.words import WORDS

    return {k for k in WORDS if k.startswith("book.hint.")}


def _profile_value(book: _Book, ws: Worksheet, row: int, key: str, dumped: dict[str, Any]) -> None:
    """The input cell of one profile field, pre-filled from the answer file, with its data validation."""
    value: Any = dumped
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    ref = f"C{row + 1}"
    if key == "company.programmes":
        value = f"{layout.PROGRAMME_SEPARATOR} ".join(value or []) or None
    if key == "assessment.date":
        ws.write_blank(row, 2, None, book.input_date)
        if value is not None:
            ws.write_datetime(row, 2, dt.datetime.combine(value, dt.time()), book.input_date)
        _validate(
            ws, ref, {"validate": "date", "criteria": ">", "value": dt.date(1900, 1, 1)}, book.w("book.date")
        )
        return
    if key in _NUMBERS:
        ws.write_blank(row, 2, None, book.input)
        if value is not None and value < _EXACT_FLOAT:
            ws.write_number(row, 2, value, book.input)
        elif value is not None:
            ws.write_string(row, 2, str(value), book.input)
        kind = "integer" if key == "company.employees" else "decimal"
        rule = {"validate": kind, "criteria": ">=", "value": 0}
        _validate(ws, ref, rule, book.w("book.whole"))
        return
    ws.write_blank(row, 2, None, book.input_text)
    if value is not None:
        ws.write_string(row, 2, str(value), book.input_text)
    if key == "company.business_number":
        digits = f'SUBSTITUTE({ref},"-","")'
        rule = {"validate": "custom", "value": f"=AND(LEN({digits})=10,ISNUMBER(--{digits}))"}
        _validate(ws, ref, rule, book.w("book.bizno"))
    elif key == "company.region" or (key == "company.sector" and _sector_choices()):
        column, count = ("A", len(_sector_choices())) if key == "company.sector" else ("B", 17)
        source = f"='{book.lists_name}'!${column}$1:${column}${count}"
        # a warning, not a stop: any KSIC code may be typed, and a region in other words
        rule = {"validate": "list", "source": source, "error_type": "information"}
        _validate(ws, ref, rule, book.w(f"book.hint.{key}"))


def _sector_choices() -> tuple[normalise.Choice, ...]:
    """The sector drop-down: the KSIC table the interview offers too (questionnaires/ksic.yaml)."""
    table = bundled_sectors()
    return table.choices() if table is not None else ()


def _validate(ws: Worksheet, ref: str, rule: dict[str, Any], message: str) -> None:
    rule = {"input_message": message[:255], "error_message": message[:255], "ignore_blank": True, **rule}
    rule.setdefault("error_type", "stop")
    ws.data_validation(ref, rule)


def _progress_formula(book: _Book, mode: str, first: int, last: int) -> str:
    sheet = f"'{book.answers_name}'!"
    if mode == "audit":
        claimed, verified = f"{sheet}D{first}:D{last}", f"{sheet}E{first}:E{last}"
        return f'=SUMPRODUCT(--((({claimed}<>"")+({verified}<>""))>0))'
    return f"=COUNTA({sheet}D{first}:D{last})"


def _options(question: Question, lang: Lang) -> str:
    lines = [f"{n} = {option(lang)}" for n, option in enumerate(question.options)]
    if question.na_allowed:
        lines.append(word("file.na", lang))
    return "\n".join(lines)


def _answer_cells(
    book: _Book, ws: Worksheet, row: int, question: Question, mode: str, answer: Answer | None
) -> None:
    """The input cells of one question row, pre-filled from `answer`."""
    values: dict[str, Any] = {}
    if answer is not None:
        values = {"value": answer.value, "claimed": answer.claimed, "verified": answer.verified}
        if answer.na:
            values["claimed" if mode == "audit" else "value"] = "n/a"
        values["note"] = answer.note
        values["evidence"] = "\n".join(answer.evidence) or None
    choices = [str(n) for n in range(6)] + (["n/a"] if question.na_allowed else [])
    pick = book.w("book.pick_na" if question.na_allowed else "book.pick")
    for offset, name in enumerate(layout.ANSWER_COLUMNS[mode]):
        column = layout.FIRST_ANSWER_COLUMN + offset
        value = values.get(name)
        is_answer = name in ("value", "claimed", "verified")
        fmt = book.input_answer if is_answer else book.input
        if isinstance(value, int):
            ws.write_number(row, column, value, fmt)
        elif value is not None:
            ws.write_string(row, column, value, fmt)
        else:
            ws.write_blank(row, column, None, fmt)
        if is_answer:
            ref = f"{layout.column_letter(column)}{row + 1}"
            _validate(ws, ref, {"validate": "list", "source": choices}, pick)


def _span(q: Questionnaire) -> tuple[int, int]:
    """The 1-based first and last rows of the question block (dimension headings included)."""
    return 5, 4 + sum(len(d.questions) + 1 for d in q.dimensions)


def _answers(book: _Book, af: AnswerFile) -> None:
    """The question sheet: a heading per dimension, a row per question."""
    q, lang, mode = book.q, book.lang, af.assessment.mode
    ws = book.wb.add_worksheet(book.answers_name)
    columns = ["id", "question", "options", *layout.ANSWER_COLUMNS[mode]]
    for n, name in enumerate(columns):
        letter = layout.column_letter(n)
        width = _WIDTHS[letter] if name not in ("note", "evidence") else 30
        ws.set_column(f"{letter}:{letter}", width)
        ws.write_string(3, n, book.w(f"book.col.{name}"), book.head)
    ws.write_string(0, 1, q.title(lang), book.title)
    ws.write_string(1, 1, f"{book.w('book.progress')} / {book.w('book.of')}", book.bold)
    row = 4
    for n, dim in enumerate(q.dimensions, 1):
        heading = f"{n}. {dim.name(lang)} — {dim.purpose(lang)}"
        ws.merge_range(row, 1, row, len(columns) - 1, heading, book.dim)
        ws.set_row(row, 15 * _lines(heading, 150))
        row += 1
        for question in dim.questions:
            text = question.text(lang)
            if question.help is not None:
                text += f"\n\n{book.w('book.help')}: {question.help(lang)}"
            options = _options(question, lang)
            ws.write_string(row, 0, question.id, book.key)
            ws.write_string(row, 1, text, book.wrap)
            ws.write_string(row, 2, options, book.wrap)
            _answer_cells(book, ws, row, question, mode, af.answers.get(question.id))
            ws.set_row(row, 15 * max(_lines(text, _WIDTHS["B"]), _lines(options, _WIDTHS["C"])))
            row += 1
    formula = _progress_formula(book, mode, *_span(q)).replace(f"'{book.answers_name}'!", "")
    ws.write_formula(1, 3, formula, book.bold)
    ws.write_number(1, 4, len(q.questions), book.bold)
    ws.freeze_panes(4, 0)
    ws.repeat_rows(3)
    _protect(ws, landscape=True)


def _protect(ws: Worksheet, *, landscape: bool) -> None:
    """Only unlocked cells can change (no password); A4, one page wide."""
    ws.protect("", {"format_rows": True, "format_columns": True})
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
    ws.set_footer("&L&F&R&P / &N")


def _lists(book: _Book) -> None:
    ws = book.wb.add_worksheet(book.lists_name)
    for row, choice in enumerate(_sector_choices()):
        ws.write_string(row, 0, f"{choice.code} {choice.label(book.lang)}")
    for row, province in enumerate(normalise.PROVINCES):
        ws.write_string(row, 1, province.official)
    ws.hide()
    ws.protect("")


def _meta(book: _Book, af: AnswerFile, sha256: str) -> None:
    ws = book.wb.add_worksheet(layout.META_SHEET)
    values = {
        "format": layout.FORMAT,
        "layout": layout.LAYOUT,
        "questionnaire.id": book.q.id,
        "questionnaire.version": book.q.version,
        "questionnaire.sha256": sha256,
        "assessment.mode": af.assessment.mode,
        "assessment.language": af.assessment.language,
        "company.programmes_asked": "yes" if af.company.programmes_asked else "no",
    }
    for row, key in enumerate(layout.META_FIELDS):
        ws.write_string(row, 0, key)
        ws.write_string(row, 1, values[key])
    ws.very_hidden()
    ws.protect("")


def workbook_bytes(af: AnswerFile, q: Questionnaire, sha256: str, lang: Lang) -> bytes:
    """The answer workbook for `af` (blank answers give the template), in `lang`."""
    book = _Book(q, lang)
    _cover(book, af, _span(q))
    _answers(book, af)
    _lists(book)
    _meta(book, af, sha256)
    book.wb.close()
    return book.buffer.getvalue()
