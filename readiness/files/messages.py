"""Sentences for the problems of a file: what pydantic found, said for a person, and typo suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

_FRIENDLY = {
    "missing": "required field is missing",
    "extra_forbidden": "unknown field",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "date_from_datetime_parsing": "must be a date written as YYYY-MM-DD",
    "date_parsing": "must be a date written as YYYY-MM-DD",
    "date_type": "must be a date written as YYYY-MM-DD",
    "model_type": "must be a mapping of keys and values",
    "dict_type": "must be a mapping of keys and values",
    "list_type": "must be a list",
    "string_type": "must be text",
}


# errors that say exactly what is wrong: a field hint never replaces them
SPECIFIC = frozenset({"missing", "extra_forbidden", "string_too_long", "too_long", "string_too_short"})


def message_for(kind: str, raw: str, ctx: dict[str, object]) -> str:
    """A sentence for one pydantic error, from its type and limits (never from the input)."""
    limit = ctx.get("max_length")
    if kind == "string_too_long" and isinstance(limit, int):
        return f"is too long: at most {limit:,} characters"
    if kind == "too_long" and isinstance(limit, int):
        return f"has too many items: at most {limit:,}"
    if kind == "string_too_short":
        return "is empty: write a value after the colon, or remove the line"
    return _FRIENDLY.get(kind, raw.removeprefix("Value error, ").removeprefix("Assertion failed, "))


def unknown_id_message(qid: str, known: Iterable[str]) -> str:
    """'unknown question id', with the nearest known id when one is close (a typo, or another dimension)."""
    ids = list(known)
    close = difflib.get_close_matches(qid, ids, n=1, cutoff=0.6)
    close = close or [k for k in ids if k.split(".")[-1] == qid.split(".")[-1]]
    return f"unknown question id (did you mean {close[0]}?)" if close else "unknown question id"
