"""The support-programme catalogue model (schema 2): what each programme funds, for whom, and how
sure we are, with the rules that keep an entry from claiming more than its sources say."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from readiness.domain import normalise
from readiness.domain.base import Model, Text, nullable, unique, whole_number
from readiness.words import INVENTED_PROGRAMME_NAMES

ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ProgrammeId = Annotated[str, Field(pattern=ID)]
Rank = Annotated[int, Field(ge=0, le=10)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Won = Annotated[int, Field(ge=0, le=10**16)]
Year = Annotated[int, Field(ge=2000, le=2100)]
Url = Annotated[str, Field(pattern=r"^https?://\S+$")]
Status = Literal["current", "historical", "discontinued", "unverified"]
Confidence = Literal["confirmed", "reported", "unconfirmed"]
SourceKind = Literal["official", "press", "secondary"]  # official = a notice or a ministry release
EnterpriseSize = Literal["micro", "small", "medium", "midsize"]  # 소상공인, 소기업, 중기업, 중견기업
Audience = Literal["manufacturer", "supplier"]
# A source's date as precisely as it is known: 2025-10-30, "2025-12" or 2025 (kept as "2025").
PartialDate = dt.date | Annotated[str, Field(pattern=r"^(19|20|21)\d{2}(-(0[1-9]|1[0-2]))?$")]


def ordered(what: str, low: int | None, high: int | None) -> None:
    """Raise ValueError when a range's lower bound is above its upper bound."""
    if low is not None and high is not None and low > high:
        raise ValueError(f"min_{what} {low} is above max_{what} {high}")


class Source(Model):
    """Where a fact comes from: its own publication date and what kind of text it is."""

    url: Url
    date: PartialDate | None
    date_note: str | None = None
    kind: SourceKind
    title: Annotated[str, Field(min_length=1, max_length=300)]
    read: bool = True  # False: listed for the next reviewer, not read; it never counts

    _nulls = field_validator("date_note", mode="before")(nullable)

    @field_validator("date", mode="before")
    @classmethod
    def _partial(cls, value: object) -> object:
        value = nullable(value)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)  # a bare year read by a type-guessing YAML loader
        if isinstance(value, str) and len(value.strip()) == 10:
            return dt.date.fromisoformat(value.strip())
        return value

    @model_validator(mode="after")
    def _dated(self) -> Source:
        if self.date is None and not self.date_note:
            raise ValueError(f"source {self.url}: no date; give date or date_note")
        return self

    @property
    def year(self) -> int | None:
        """The year of the source date, when it has one."""
        return None if self.date is None else int(str(self.date)[:4])

    @property
    def month(self) -> str | None:
        """`2025-10` (or `2025` when only the year is known)."""
        return None if self.date is None else str(self.date)[:7]


class Claim(Model):
    """A figure seen but not confirmed: kept for the next reviewer, never shown in a report."""

    claim: Text
    source: Url
    kind: SourceKind
    note: Text | None = None


class HistoryEntry(Model):
    """Figures of an earlier year, shown only as history."""

    year: Year
    text: Text
    source: Url
    kind: SourceKind
    note: Text | None = None


class Window(Model):
    """When applications are taken; `closes` is the last day to apply.

    `source` names the entry's source the dates come from (one of its `sources` urls), so the
    kind of text behind a date (official, press, secondary) is data, not only a note.
    """

    opens: dt.date | None = None
    closes: dt.date | None = None
    note: Text | None = None
    source: Url | None = None

    _nulls = field_validator("opens", "closes", "note", "source", mode="before")(nullable)

    @model_validator(mode="after")
    def _something(self) -> Window:
        if self.opens is None and self.closes is None and self.note is None:
            raise ValueError("window needs opens, closes or a note")
        if self.source is not None and self.opens is None and self.closes is None:
            raise ValueError("window source names where the dates come from; give opens or closes")
        if self.opens is not None and self.closes is not None and self.opens > self.closes:
            raise ValueError(f"window opens {self.opens} after it closes {self.closes}")
        return self


class Eligibility(Model):
    """Machine-checkable conditions; every one is optional and all given ones must hold.

    `enterprise`: None = the sources do not say; "any" = no size condition; a list = the allowed
    classes ("midsize" lets a 중견기업 apply). `regions` are province ids (`chungbuk`).
    `requires_programmes` holds if the firm did at least one; `excludes_programmes` fails if it did any.
    """

    min_level: Rank | None = None
    max_level: Rank | None = None
    min_employees: Count | None = None
    max_employees: Count | None = None  # inclusive: "50인 미만" is written 49
    enterprise: list[EnterpriseSize] | Literal["any"] | None = None
    sectors: list[Annotated[str, Field(pattern=r"^[A-U](\d{2,5})?$")]] = []
    regions: list[str] = []
    requires_programmes: list[ProgrammeId] = []
    excludes_programmes: list[ProgrammeId] = []
    audience: Audience = "manufacturer"  # "supplier": never matched to the assessed firm

    _nulls = field_validator(
        "min_level", "max_level", "min_employees", "max_employees", "enterprise", mode="before"
    )(nullable)

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, regions: list[str]) -> list[str]:
        for region in regions:
            try:
                normalise.province_by_id(region)
            except KeyError:
                ids = ", ".join(p.id for p in normalise.PROVINCES)
                raise ValueError(f"unknown region {region!r}; use one of {ids}") from None
        return regions

    @model_validator(mode="after")
    def _ranges(self) -> Eligibility:
        ordered("level", self.min_level, self.max_level)
        ordered("employees", self.min_employees, self.max_employees)
        if isinstance(self.enterprise, list):
            if not self.enterprise:
                raise ValueError("enterprise list is empty; leave it out or write 'any'")
            unique("enterprise class", self.enterprise)
        return self


class Programme(Model):
    """One public support programme, with where its facts come from and how sure they are."""

    id: ProgrammeId
    name: Text
    ministry: Text
    agency: Text
    status: Status
    status_note: Text | None = None
    year: Year  # the year the figures in `support` belong to
    confidence: Confidence
    reviewed: dt.date
    sources: Annotated[list[Source], Field(min_length=1)]
    funds: Text
    support: Text
    to_check: list[Claim] = []
    history: list[HistoryEntry] = []
    window: Window
    eligibility: Eligibility = Eligibility()
    conditions: Text

    @model_validator(mode="after")
    def _earned(self) -> Programme:
        who = f"programme {self.id}"
        for invented in INVENTED_PROGRAMME_NAMES:
            if invented in self.name.ko:
                raise ValueError(f"{who}: no programme called {invented!r} was found; do not invent one")
        if self.window.source is not None and self.window_source() is None:
            raise ValueError(f"{who}: window source {self.window.source} is not one of its sources")
        if self.status != "current" and self.status_note is None:
            raise ValueError(f"{who}: status {self.status} needs a status_note saying what was (not) found")
        kinds = {s.kind for s in self.counting_sources()}
        if self.confidence == "confirmed" and "official" not in kinds:
            raise ValueError(
                f"{who}: confirmed needs an official notice or ministry release for {self.year}; "
                f"sources are press/secondary only"
            )
        if self.confidence == "reported" and not kinds & {"official", "press"}:
            raise ValueError(f"{who}: reported needs a press or official source for {self.year}")
        vouched = self.status == "current" and self.confidence in ("confirmed", "reported")
        if not vouched and (
            normalise.mentions_amount(self.support.ko) or normalise.mentions_amount(self.support.en)
        ):
            raise ValueError(
                f"{who}: support shows an amount or rate without a current source vouching for it; "
                f"move it to to_check or history"
            )
        return self

    @cached_property  # asked per programme in every report; a loaded entry never changes
    def _counting(self) -> list[Source]:
        return [s for s in self.sources if s.read and s.year in (self.year - 1, self.year)]

    def counting_sources(self) -> list[Source]:
        """Sources read and dated in the entry's year or the autumn before (the notice for N comes out in N-1)."""
        return list(self._counting)

    def window_source(self) -> Source | None:
        """The source the window's dates come from, when the entry names one."""
        return next((s for s in self.sources if s.url == self.window.source), None)

    @cached_property
    def _newest_press(self) -> Source | None:
        dated = [s for s in self._counting if s.kind == "press" and s.date is not None]
        return max(dated, key=lambda s: str(s.date)) if dated else None

    def newest_press(self) -> Source | None:
        """The most recent dated press report among the sources that count."""
        return self._newest_press


class ProgrammeCatalogue(Model):
    """The dated list of programmes a report may point to, checked against one notice year."""

    schema_: Literal[2] = Field(alias="schema")
    cycle: Year  # the notice year the catalogue is checked against
    reviewed: dt.date
    notice: Text
    programmes: Annotated[list[Programme], Field(min_length=1)]

    _schema = field_validator("schema_", mode="before")(whole_number)

    @model_validator(mode="after")
    def _consistent(self) -> ProgrammeCatalogue:
        ids = [p.id for p in self.programmes]
        unique("programme id", ids)
        for p in self.programmes:
            if p.status == "current" and p.year != self.cycle:
                raise ValueError(
                    f"programme {p.id}: status current but year {p.year}; "
                    f"current programmes carry the cycle's figures ({self.cycle})"
                )
            if p.status == "current" and any(h.year >= self.cycle for h in p.history):
                raise ValueError(
                    f"programme {p.id}: history for {self.cycle} or later; current figures go in support"
                )
            if p.reviewed > self.reviewed:
                raise ValueError(
                    f"programme {p.id}: reviewed {p.reviewed} after the catalogue's {self.reviewed}"
                )
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

    def choices(self) -> tuple[normalise.Choice, ...]:
        """Every programme as a pick-list entry (id, names), in catalogue order: a firm may have
        joined one that no longer runs, and prior-participation rules name those too."""
        return tuple(normalise.Choice(p.id, p.name.ko, p.name.en) for p in self.programmes)
