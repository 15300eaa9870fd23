"""The support-programme catalogue model: what each programme funds, for whom, and how sure we are."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from readiness.domain import normalise
from readiness.domain.base import Model, Text, unique

ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Rank = Annotated[int, Field(ge=0, le=10)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Won = Annotated[int, Field(ge=0, le=10**16)]
Confidence = Literal["confirmed", "secondary", "unconfirmed"]


def ordered(what: str, low: int | None, high: int | None) -> None:
    """Raise ValueError when a range's lower bound is above its upper bound."""
    if low is not None and high is not None and low > high:
        raise ValueError(f"min_{what} {low} is above max_{what} {high}")


class Eligibility(Model):
    """Machine-checkable conditions; every one is optional and all given ones must hold.

    `min_level`/`max_level` are level ranks where the programme is a realistic next step (it may be
    narrower than the formal rule quoted in `conditions`). `requires_programmes` holds if the firm
    has done at least one of them; `excludes_programmes` fails if it has done any of them.
    """

    min_level: Rank | None = None
    max_level: Rank | None = None
    min_employees: Count | None = None
    max_employees: Count | None = None
    max_revenue_krw: Won | None = None
    sectors: list[Annotated[str, Field(pattern=r"^[A-U](\d{2,5})?$")]] = []
    regions: list[str] = []
    requires_programmes: list[Annotated[str, Field(pattern=ID)]] = []
    excludes_programmes: list[Annotated[str, Field(pattern=ID)]] = []

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, regions: list[str]) -> list[str]:
        for region in regions:
            try:
                normalise.province_by_short(region)
            except KeyError:
                shorts = ", ".join(p.short for p in normalise.PROVINCES)
                raise ValueError(f"unknown region {region!r}; use one of {shorts}") from None
        return regions

    @model_validator(mode="after")
    def _ranges(self) -> Eligibility:
        ordered("level", self.min_level, self.max_level)
        ordered("employees", self.min_employees, self.max_employees)
        return self


class Programme(Model):
    """One public support programme, with where its facts come from and how sure they are."""

    id: Annotated[str, Field(pattern=ID)]
    name: Text
    operator: Text
    funds: Text
    support: Text
    eligibility: Eligibility = Eligibility()
    conditions: Text
    call_window: Text
    source: Annotated[str, Field(pattern=r"^https?://\S+$")]
    last_verified: dt.date
    confidence: Confidence


class ProgrammeCatalogue(Model):
    """The dated list of programmes a report may point to."""

    version: Annotated[str, Field(min_length=1, max_length=40)]
    last_reviewed: dt.date
    notice: Text
    programmes: Annotated[list[Programme], Field(min_length=1)]

    @field_validator("version", mode="before")
    @classmethod
    def _version_is_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value

    @model_validator(mode="after")
    def _consistent(self) -> ProgrammeCatalogue:
        ids = [p.id for p in self.programmes]
        unique("programme id", ids)
        for p in self.programmes:
            for ref in [*p.eligibility.requires_programmes, *p.eligibility.excludes_programmes]:
                if ref not in ids:
                    raise ValueError(f"programme {p.id}: unknown programme {ref!r} in eligibility")
        return self

    def programme(self, pid: str) -> Programme:
        """The programme with this id; KeyError if there is none."""
        for p in self.programmes:
            if p.id == pid:
                return p
        raise KeyError(pid)
