"""Matching a firm to the support programmes, strictly: a programme fits only when every condition
holds; one failing or undecided condition makes a near miss with that one reason.

Conditions are checked in a fixed order (window, level, employees, SME status, sector, region,
prior participation) so that a near miss always shows the same reason. A programme that is not
`current`, or is for suppliers, is never a fit or a near miss.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Annotated, Literal, NamedTuple

from pydantic import Field, SkipValidation

from readiness.domain import normalise
from readiness.domain.answers import Company
from readiness.domain.base import Model, Text
from readiness.domain.programmes import Count, Eligibility, Programme, ProgrammeCatalogue, Rank, Won
from readiness.domain.sme import SmeCriteria, SmeVerdict, sme_class
from readiness.words import LANGS, word

Outcome = Literal["fits", "near_miss", "excluded", "not_applicable"]
_NESTED = {"micro": {"micro"}, "small": {"micro", "small"}, "medium": {"micro", "small", "medium"}}


def _text(key: str, **params: Text | str | int) -> Text:
    """A catalogue word in both languages; Text parameters are filled in their own language."""
    return _filled(key, tuple(params.items()))


@lru_cache(maxsize=4096)
def _filled(key: str, params: tuple[tuple[str, Text | str | int], ...]) -> Text:
    # Cached: a batch of reports asks for the same few hundred texts (level names, sectors, regions)
    # thousands of times, and Text is frozen, so one instance can serve every match.
    return Text(
        **{
            lang: word(key, lang, **{k: v(lang) if isinstance(v, Text) else v for k, v in params})
            for lang in LANGS
        }
    )


class Profile(Model):
    """What matching needs to know about the firm; None means the answer file does not say.

    `programmes_asked` is False when nobody asked which programmes the firm joined: then an
    empty `programmes` list proves nothing.
    """

    level_rank: Rank
    employees: Count | None = None
    annual_revenue_krw: Won | None = None
    sector: Annotated[str | None, Field(pattern=r"^[A-Z]?\d{2,5}$")] = None
    region: Annotated[str | None, Field(max_length=40)] = None
    programmes: list[str] = []
    programmes_asked: bool = False

    @classmethod
    def from_company(cls, company: Company, level_rank: int) -> Profile:
        """The profile of an assessed company at the level it reached."""
        return cls(
            level_rank=level_rank,
            employees=company.employees,
            annual_revenue_krw=company.annual_revenue_krw,
            sector=company.sector,
            region=company.region,
            programmes=list(company.programmes),
            programmes_asked=company.programmes_asked or bool(company.programmes),
        )


class ProgrammeMatch(Model):
    """How one programme fits the firm: `reasons` are the conditions that hold, `misses` those that
    fail or that the answer file cannot decide, in checking order."""

    # SkipValidation: pydantic re-runs a model's after-validators on an instance it is handed, and
    # Programme's (the catalogue's earned-confidence rules) already ran when the catalogue loaded.
    programme: Annotated[Programme, SkipValidation]
    outcome: Outcome
    reasons: list[Text]
    misses: list[Text]
    window: Text | None = None  # "접수 중 (~2026-04-09)" and the like

    @property
    def fits(self) -> bool:
        """Whether every condition holds."""
        return self.outcome == "fits"

    @property
    def near_miss(self) -> bool:
        """Whether exactly one condition fails or cannot be decided."""
        return self.outcome == "near_miss"


class _Check(NamedTuple):
    passed: bool | None  # None: undecided (the profile does not say), never a pass
    text: Text


class Context(NamedTuple):
    """What every check needs besides the programme and the profile."""

    catalogue: ProgrammeCatalogue
    level_names: Mapping[int, Text]
    report_date: dt.date | None
    sme: SmeVerdict | None


def sme_verdict(criteria: SmeCriteria | None, profile: Profile) -> SmeVerdict | None:
    """The firm's SME class under the given ceilings (None when there are no ceilings)."""
    if criteria is None:
        return None
    return sme_class(criteria, profile.sector, profile.annual_revenue_krw, profile.employees)


def match_programmes(
    catalogue: ProgrammeCatalogue,
    profile: Profile,
    level_names: Mapping[int, Text],
    report_date: dt.date | None = None,
    sme: SmeCriteria | None = None,
) -> list[ProgrammeMatch]:
    """Every programme checked against `profile` on `report_date`: fits first, then near misses,
    then the rest, each group in catalogue order. `level_names` maps a rank to its display name."""
    ctx = Context(catalogue, level_names, report_date, sme_verdict(sme, profile))
    matches = [match_one(p, profile, ctx) for p in catalogue.programmes]
    order = {"fits": 0, "near_miss": 1, "excluded": 2, "not_applicable": 3}
    return sorted(matches, key=lambda m: order[m.outcome])


def unknown_programme_ids(catalogue: ProgrammeCatalogue, profile: Profile) -> list[str]:
    """Programme ids in the profile that the catalogue does not know (likely typos)."""
    known = {p.id for p in catalogue.programmes}
    return [pid for pid in profile.programmes if pid not in known]


def match_one(programme: Programme, profile: Profile, ctx: Context) -> ProgrammeMatch:
    """One programme against the profile."""
    if programme.status != "current":
        return ProgrammeMatch(programme=programme, outcome="not_applicable", reasons=[],
                              misses=[_text("match.not_current")])  # fmt: skip
    if programme.eligibility.audience != "manufacturer":
        return ProgrammeMatch(programme=programme, outcome="not_applicable", reasons=[],
                              misses=[_text("match.supplier")])  # fmt: skip
    checks = _checks(programme, profile, ctx)
    missed = [c.text for c in checks if c.passed is not True]
    outcome: Outcome = "fits" if not missed else "near_miss" if len(missed) == 1 else "excluded"
    return ProgrammeMatch(
        programme=programme,
        outcome=outcome,
        reasons=[c.text for c in checks if c.passed] or [_text("match.nothing_to_check")],
        misses=missed,
        window=_window_line(programme, ctx.report_date),
    )


def _checks(p: Programme, profile: Profile, ctx: Context) -> list[_Check]:
    e = p.eligibility
    checks: list[_Check] = []
    closes = p.window.closes
    if closes is not None and ctx.report_date is not None and ctx.report_date > closes:
        checks.append(
            _Check(False, _text("match.closed", closes=closes.isoformat(), date=ctx.report_date.isoformat()))
        )
    if e.min_level is not None or e.max_level is not None:
        checks.append(_level_check(e, profile.level_rank, ctx.level_names))
    if e.min_employees is not None or e.max_employees is not None:
        checks.append(_employees_check(e, profile.employees))
    if isinstance(e.enterprise, list):
        checks.append(_sme_check(e.enterprise, ctx.sme))
    if e.sectors:
        checks.append(_sector_check(e.sectors, profile.sector))
    if e.regions:
        checks.append(_region_check(e.regions, profile.region))
    if e.requires_programmes or e.excludes_programmes:
        names = {x.id: x.name for x in ctx.catalogue.programmes}
        checks.extend(_prior_checks(e, profile, names))
    return checks


def _window_line(p: Programme, today: dt.date | None) -> Text | None:
    w = p.window
    if today is not None and w.opens is not None and w.opens > today:
        return _text("match.window_upcoming", opens=w.opens.isoformat())
    if w.closes is not None and (today is None or today <= w.closes):
        return _text("match.window_open", closes=w.closes.isoformat())
    return w.note


def _level_check(e: Eligibility, rank: int, level_names: Mapping[int, Text]) -> _Check:
    def name(r: int) -> Text:
        return level_names.get(r) or Text(ko=f"L{r}", en=f"L{r}")

    wanted = _range(e.min_level, e.max_level, name)
    if _within(rank, e.min_level, e.max_level):
        return _Check(
            True, _text("match.covers", subject=_text("match.level_now", level=name(rank)), wanted=wanted)
        )
    return _Check(False, _text("match.level_for", wanted=wanted, level=name(rank)))


def _employees_check(e: Eligibility, employees: int | None) -> _Check:
    wanted = _range(e.min_employees, e.max_employees, _people)
    if employees is None:
        return _Check(None, _text("match.no_employees"))
    if _within(employees, e.min_employees, e.max_employees):
        subject = _text("match.employees_now", people=_people(employees))
        return _Check(True, _text("match.covers", subject=subject, wanted=wanted))
    return _Check(False, _text("match.employees_for", wanted=wanted, n=f"{employees:,}"))


def _sme_check(allowed: Sequence[str], verdict: SmeVerdict | None) -> _Check:
    if verdict is None:
        return _Check(None, _text("match.no_sme_data"))
    if verdict.klass == "unknown":
        return _Check(None, verdict.reason)
    if verdict.klass == "over_ceiling":
        if "midsize" in allowed:
            return _Check(None, _text("match.midsize_check"))
        assert verdict.row is not None
        ceiling = Text(
            ko=normalise.won(verdict.row.sme_max_krw, "ko"), en=normalise.won(verdict.row.sme_max_krw, "en")
        )
        return _Check(False, _text("match.sme_over", code=verdict.row.ksic, ceiling=ceiling))
    klass = _text(f"sme.class_{verdict.klass}")
    if any(verdict.klass in _NESTED[a] for a in allowed if a in _NESTED):
        return _Check(True, _text("match.sme_ok", klass=klass))
    wanted = _join([_text(f"sme.class_{a}") for a in allowed], "or")
    return _Check(False, _text("match.sme_class_for", wanted=wanted, klass=klass))


def _sector_check(sectors: list[str], sector: str | None) -> _Check:
    names = [normalise.SECTION_NAMES.get(s) for s in sectors]
    wanted = _join(
        [Text(ko=c.ko, en=c.en) if c else Text(ko=s, en=s) for c, s in zip(names, sectors, strict=True)],
        "list",
    )
    if sector is None:
        return _Check(None, _text("match.no_sector"))
    code = normalise.ksic(sector)
    if any(code.startswith(s) for s in sectors):
        return _Check(
            True, _text("match.covers", subject=_text("match.sector_now", code=code), wanted=wanted)
        )
    return _Check(False, _text("match.sector_for", sectors=wanted, code=code))


def _region_check(regions: list[str], region: str | None) -> _Check:
    wanted = _join([_province_name(normalise.province_by_id(r)) for r in regions], "list")
    if region is None:
        return _Check(None, _text("match.no_region"))
    found = normalise.province(region)
    if found is None:
        return _Check(None, _text("match.unknown_region", region=region))
    if found.id in regions:
        subject = _text("match.region_now", region=_province_name(found))
        return _Check(True, _text("match.covers", subject=subject, wanted=wanted))
    return _Check(False, _text("match.region_for", wanted=wanted, region=_province_name(found)))


def _province_name(p: normalise.Province) -> Text:
    return Text(ko=p.short, en=p.en)


def _prior_checks(e: Eligibility, profile: Profile, names: Mapping[str, Text]) -> list[_Check]:
    if not profile.programmes_asked:
        return [_Check(None, _text("match.not_asked"))]
    checks = []
    if e.requires_programmes:
        done = [names[i] for i in e.requires_programmes if i in profile.programmes]
        if done:
            checks.append(_Check(True, _text("match.requires_done", programme=done[0])))
        else:
            required = _join([names[i] for i in e.requires_programmes], "or")
            checks.append(_Check(False, _text("match.requires_missing", programmes=required)))
    if e.excludes_programmes:
        done = [names[i] for i in e.excludes_programmes if i in profile.programmes]
        if done:
            checks.append(_Check(False, _text("match.excluded_done", programmes=_join(done, "list"))))
        else:
            excluded = _join([names[i] for i in e.excludes_programmes], "list")
            checks.append(_Check(True, _text("match.excluded_none", programmes=excluded)))
    return checks


def _within(value: int, low: int | None, high: int | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _range(low: int | None, high: int | None, name: Callable[[int], Text]) -> Text:
    """'A~B' / 'A 이상' / 'B 이하' in Korean, 'A to B' / 'A and above' / 'up to B' in English."""
    if low is not None and high is not None:
        if low == high:
            return name(low)
        return _text("match.range", low=name(low), high=name(high))
    if low is not None:
        return _text("match.at_least", low=name(low))
    assert high is not None
    return _text("match.at_most", high=name(high))


def _join(items: list[Text], how: str) -> Text:
    """Items joined with the catalogue's separator `match.sep_<how>` (list: commas; or: 'or')."""
    return _joined(tuple(items), how)


@lru_cache(maxsize=1024)
def _joined(items: tuple[Text, ...], how: str) -> Text:
    return Text(**{lang: word(f"match.sep_{how}", lang).join(t(lang) for t in items) for lang in LANGS})


def _people(n: int) -> Text:
    return _text("match.people_one" if n == 1 else "match.people", n=f"{n:,}")
