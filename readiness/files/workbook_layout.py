"""The answer workbook's layout, shared by its writer and its reader (no spreadsheet library here).

Rows are found by the key in column A, not by their position: the cover's profile rows carry a
field key (`company.name`, in a hidden column), the answer rows the question id. Everything else
(titles, help, options, progress formulas) the reader never looks at. The hidden `_readiness`
sheet says which questionnaire (id, version, hash) and which mode the workbook was made for.
"""

from __future__ import annotations

import re

FORMAT = "readiness-answer-workbook"
LAYOUT = "1"
META_SHEET = "_readiness"
SUFFIX = ".xlsx"
MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlsb")

# where the values sit: column C on the cover, and per mode on the answer sheet
PROFILE_COLUMN = 2  # 0-based: C
ANSWER_COLUMNS: dict[str, tuple[str, ...]] = {
    "self": ("value", "note", "evidence"),
    "audit": ("claimed", "verified", "note", "evidence"),
}
FIRST_ANSWER_COLUMN = 3  # 0-based: D
QUESTION_KEY = re.compile(r"^[a-z][a-z0-9-]*\.[a-z0-9][a-z0-9_.-]*$")

PROFILE_FIELDS: tuple[str, ...] = (
    "company.name",
    "company.business_number",
    "company.sector",
    "company.employees",
    "company.annual_revenue_krw",
    "company.region",
    "company.programmes",
    "assessment.date",
)
AUDIT_FIELDS: tuple[str, ...] = (
    "assessment.assessor.name",
    "assessment.assessor.organisation",
    "assessment.site.name",
    "assessment.site.address",
)
META_FIELDS: tuple[str, ...] = (
    "format",
    "layout",
    "questionnaire.id",
    "questionnaire.version",
    "questionnaire.sha256",
    "assessment.mode",
    "assessment.language",
    "company.programmes_asked",
)
PROGRAMME_SEPARATOR = ";"

# limits for untrusted workbooks (see the README's "Hostile input")
MAX_BYTES = 4 * 1024 * 1024  # the file on disk; a filled template is ~40 KB
MAX_UNPACKED = 8 * 1024 * 1024  # all parts together, as declared; a filled template unpacks to ~0.2 MB
MAX_PARTS = 200
MAX_SHEETS = 12
MAX_ROWS = 2000  # rows read per sheet; a questionnaire has ~50
MAX_COLUMNS = 8


def column_letter(index: int) -> str:
    """The letter of a 0-based column index below 26 (the workbook uses A-H)."""
    return chr(ord("A") + index)


def cell_ref(sheet: str, row: int, column: int) -> str:
    """`sheet!D14` for a 1-based row and a 0-based column."""
    return f"{sheet}!{column_letter(column)}{row}"
