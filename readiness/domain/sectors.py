"""KSIC sector names, from data: the manufacturing divisions and the classes parts makers use."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from readiness.domain import normalise
from readiness.domain.base import Model, unique, whole_number
from readiness.domain.sme import DIVISIONS
from readiness.words import Lang


class Sector(Model):
    """One KSIC code (division, group or class) with its name in both languages."""

    code: Annotated[str, Field(pattern=r"^C\d{2,5}$")]
    ko: Annotated[str, Field(min_length=1, max_length=80)]
    en: Annotated[str, Field(min_length=1, max_length=100)]


class SectorTable(Model):
    """The KSIC names the tool shows, with the revision and source they come from."""

    schema_: Annotated[Literal[1], Field(alias="schema")]
    revision: Annotated[str, Field(min_length=1, max_length=40)]
    reviewed: dt.date
    source: Annotated[str, Field(pattern=r"^https?://\S+$")]
    sectors: Annotated[list[Sector], Field(min_length=1)]

    _schema_number = field_validator("schema_", mode="before")(whole_number)

    @model_validator(mode="after")
    def _every_division_once(self) -> SectorTable:
        codes = [s.code for s in self.sectors]
        unique("sector code", codes)
        missing = [d for d in DIVISIONS if d not in codes]
        if missing:
            raise ValueError(f"every manufacturing division needs a name; missing {', '.join(missing)}")
        return self

    def name(self, code: str, lang: Lang) -> str | None:
        """The name of `code` (`C30`, `30320`, `c2591`), from the longest known prefix; None if none."""
        wanted = normalise.ksic(code)
        by_code = {s.code: s for s in self.sectors}
        for cut in range(len(wanted), 2, -1):
            found = by_code.get(wanted[:cut])
            if found is not None:
                return found.ko if lang == "ko" else found.en
        return None

    def choices(self) -> tuple[normalise.Choice, ...]:
        """The table as a pick-list (the interview's, the answer workbook's), in file order."""
        return tuple(normalise.Choice(s.code, s.ko, s.en) for s in self.sectors)

    def label(self, code: str, lang: Lang) -> str:
        """`C30 자동차 및 트레일러 제조업`: the code as given (normalised) and its name when known."""
        wanted = normalise.ksic(code)
        name = self.name(wanted, lang)
        return f"{wanted} {name}" if name else wanted
