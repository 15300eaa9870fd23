"""중소기업 status under 중소기업기본법, from data: the ceilings per KSIC manufacturing division and
the classification of one firm from its sector, one year's revenue and its employees."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from readiness.domain import normalise
from readiness.domain.base import Model, Text, nullable, whole_number
from readiness.domain.programmes import Confidence, Source, Won
from readiness.words import LANGS, word

SmeClass = Literal["micro", "small", "medium", "over_ceiling", "unknown"]
DIVISIONS = tuple(f"C{n}" for n in range(10, 35))  # KSIC manufacturing C10-C34


class SectorCeiling(Model):
    """One sector's ceilings: 별표1 (SME) and 별표3 (소기업), both inclusive."""

    ksic: Annotated[str, Field(pattern=r"^C\d{2,5}$")]
    ko: str
    en: str
    sme_max_krw: Won
    small_max_krw: Won
    sme_max_before_2025_09_krw: Won | None = None

    _nulls = field_validator("sme_max_before_2025_09_krw", mode="before")(nullable)

    @model_validator(mode="after")
    def _nested(self) -> SectorCeiling:
        if self.small_max_krw >= self.sme_max_krw:
            raise ValueError(f"{self.ksic}: small_max_krw must be below sme_max_krw")
        return self


class NamedSource(Source):
    """A source of the SME criteria, with the id that entries cite it by."""

    id: Annotated[str, Field(min_length=1, max_length=60)]


class MicroRule(Model):
    """The 소상공인 rule: a 소기업 with fewer staff than the limit."""

    max_employees_exclusive: Annotated[int, Field(ge=1)]
    requires: Literal["small"]
    confidence: Confidence
    sources: list[str]
    note: Text


class SmeCriteria(Model):
    """The SME ceilings in force, with their law and sources."""

    schema_: Literal[1] = Field(alias="schema")
    reviewed: dt.date
    law: Text
    in_force_from: dt.date
    amended_on: dt.date
    confidence: Confidence
    asset_cap_krw: Won
    grace_period_years: int
    revenue_basis: Text
    comparison: Text
    sources: list[NamedSource]
    micro: MicroRule
    sectors: list[SectorCeiling]
    exceptions: list[SectorCeiling] = []

    _schema = field_validator("schema_", mode="before")(whole_number)

    @model_validator(mode="after")
    def _every_division(self) -> SmeCriteria:
        codes = tuple(s.ksic for s in self.sectors)
        if codes != DIVISIONS:
            raise ValueError(f"sectors must be exactly {DIVISIONS[0]}..{DIVISIONS[-1]}, each once, in order")
        known = {s.id for s in self.sources}
        for ref in self.micro.sources:
            if ref not in known:
                raise ValueError(f"micro: unknown source {ref!r}")
        return self

    def row(self, code: str) -> SectorCeiling | None:
        """The ceiling row for a normalised KSIC code: the longest exception, else its division."""
        exceptions = [e for e in self.exceptions if code.startswith(e.ksic)]
        if exceptions:
            return max(exceptions, key=lambda e: len(e.ksic))
        return next((s for s in self.sectors if code[:3] == s.ksic), None)


class SmeVerdict(Model):
    """A firm's estimated class and the sentence that explains it (both languages)."""

    klass: SmeClass
    reason: Text
    row: SectorCeiling | None = None


def _text(key: str, **params: str) -> Text:
    return Text(**{lang: word(key, lang, **params) for lang in LANGS})


def caveat() -> Text:
    """Shown once in the report: one year's revenue is an estimate, the certificate decides."""
    return _text("sme.caveat")


def sme_class(
    criteria: SmeCriteria, sector: str | None, revenue: int | None, employees: int | None
) -> SmeVerdict:
    """The firm's SME class; `unknown` when the answer file lacks the sector or revenue."""
    code = normalise.ksic(sector) if sector else None
    row = criteria.row(code) if code and code.startswith("C") else None
    if row is None:
        return SmeVerdict(klass="unknown", reason=_text("sme.no_sector"))
    if revenue is None:
        return SmeVerdict(klass="unknown", reason=_text("sme.no_revenue"), row=row)
    params = {"code": row.ksic}
    if revenue > row.sme_max_krw:
        reason = Text(
            **{
                lang: word(
                    "sme.over",
                    lang,
                    revenue=normalise.won(revenue, lang),
                    ceiling=normalise.won(row.sme_max_krw, lang),
                    sector=row.ko if lang == "ko" else row.en,
                    **params,
                )
                for lang in LANGS
            }
        )
        return SmeVerdict(klass="over_ceiling", reason=reason, row=row)
    if revenue <= row.small_max_krw:
        micro = employees is not None and employees < criteria.micro.max_employees_exclusive
        klass: SmeClass = "micro" if micro else "small"
    else:
        klass = "medium"
    return SmeVerdict(klass=klass, reason=_text(f"sme.is_{klass}", **params), row=row)
