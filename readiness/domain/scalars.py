"""The grammar of answer-file scalars: one definition read by the loader's models and by the JSON Schema.

Answer files are read as text (no YAML type guessing), so each kind of value is a pattern on
that text; a schema tool reads the same file with YAML 1.2 types, so each pattern also has the
typed values it stands for. `answer_schema` builds the schema from these definitions.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from readiness.words import NA_SPELLINGS, NULL_SPELLINGS

# A whole number: digits with an optional sign and an optional zero fraction (`3`, `+3`, `3.0`);
# YAML 1.2 reads those as integers or whole floats, which JSON Schema counts as integers.
_WHOLE = re.compile(r"[-+]?([0-9]{1,30})(?:\.0*)?")
TRUE_SPELLINGS = ("true", "True", "TRUE")
FALSE_SPELLINGS = ("false", "False", "FALSE")
DATE_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# 10 digits (full-width too, as a Korean IME types them), spaces or hyphens between
BUSINESS_NUMBER_PATTERN = r"^[ -]*(?:[0-9０-９][ -]*){10}$"
SECTOR_PATTERN = r"^[A-Z]?[0-9]{2,5}$"
SECTOR_NUMBER = (10, 99999)  # a sector written without its letter is read by YAML as a number


def whole(value: Any) -> Any:
    """A whole number from text (`3`, `+3`, `03`, `3.0`) or an int; anything else is refused."""
    if isinstance(value, bool):
        raise ValueError("must be a whole number")
    if isinstance(value, str):
        match = _WHOLE.fullmatch(value)
        if match is None:
            raise ValueError("must be a whole number")
        number = int(match[1])
        return -number if value.startswith("-") else number
    return value


def boolean(value: Any) -> Any:
    """`true` or `false` (as YAML 1.2 spells them), or a bool; `yes`, `1` and the like are refused."""
    if isinstance(value, str):
        if value in TRUE_SPELLINGS:
            return True
        if value in FALSE_SPELLINGS:
            return False
        raise ValueError("must be true or false")
    return value


def date(value: Any) -> Any:
    """A date written YYYY-MM-DD (never a number of seconds: `date: 0` is not 1970-01-01)."""
    if isinstance(value, str):
        if re.fullmatch(DATE_PATTERN, value) is None:
            raise ValueError("must be a date written as YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError("must be a real date written as YYYY-MM-DD") from None
    if isinstance(value, dt.datetime | int | float):
        raise ValueError("must be a date written as YYYY-MM-DD")
    return value


def name(value: Any) -> Any:
    """A name: text with something in it, never a null spelling such as `null` or `~`."""
    if isinstance(value, str):
        if value in NULL_SPELLINGS or not value.strip():
            raise ValueError("must not be blank: write the name")
        return value.strip()
    return value


def is_na(value: Any) -> bool:
    """Whether a value is one of the spellings of not applicable (exactly, as written)."""
    return isinstance(value, str) and value in NA_SPELLINGS


def whole_pattern(maximum: int) -> str:
    """The text of a whole number from 0 to `maximum` (5, or a power of ten), as `whole` reads it."""
    if maximum < 10:
        body = f"[0-{maximum}]"
    else:
        digits = len(str(maximum)) - 1
        if maximum != 10**digits:
            raise ValueError("maximum must be below 10 or a power of ten")
        body = f"[0-9]{{1,{digits}}}|10{{{digits}}}"
    return rf"^(?:\+?0*(?:{body})|-0+)(?:\.0*)?$"
