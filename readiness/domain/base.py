"""The base of every model read from a file: frozen, unknown keys refused, text in both languages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from readiness.words import LANGS, NULL_SPELLINGS, Lang

MAX_VALUE = 5

__all__ = ["LANGS", "MAX_VALUE", "Lang", "Model", "Text", "nullable", "unique", "whole_number"]


class Model(BaseModel):
    """Base for every model read from a file: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def nullable(value: Any) -> Any:
    """Answer files are read without YAML type guessing, so `~` and empty values arrive as text."""
    return None if isinstance(value, str) and value.strip() in NULL_SPELLINGS else value


def whole_number(value: Any) -> Any:
    """Catalogues are read as text too: `schema: 2` arrives as "2" and must meet a Literal[2]."""
    return int(value) if isinstance(value, str) and value.strip().isdigit() else value


class Text(Model):
    """A user-facing string in both languages."""

    ko: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def __call__(self, lang: Lang) -> str:
        """The string in `lang`."""
        return self.ko if lang == "ko" else self.en


def unique(what: str, values: Iterable[str]) -> None:
    """Raise ValueError naming the first value that repeats."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}")
        seen.add(value)
