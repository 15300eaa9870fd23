"""Matching a firm's profile to the support programmes: what fits, what nearly fits, and why."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Annotated, NamedTuple

from pydantic import Field

from readiness.domain import normalise
from readiness.domain.answers import Company
from readiness.domain.base import Model, Text
from readiness.domain.programmes import Count, Eligibility, Programme, ProgrammeCatalogue, Rank, Won
from readiness.words import LANGS, word


def _text(key: str, **params: Text | str | int) -> Text:
    """A catalogue word in both languages; Text parameters are filled in their own language."""
    return Text(
        **{
            lang: word(key, lang, **{k: v(lang) if isinstance(v, Text) else v for k, v in params.items()})
            for lang in LANGS
        }
    )


class Profile(Model):
    """What matching needs to know about the firm; None means the answer file does not say."""

    level_rank: Rank
    employees: Count | None = None
    annual_revenue_krw: Won | None = None
    sector: Annotated[str | None, Field(pattern=r"^[A-Z]?\d{2,5}$")] = None
    region: Annotated[str | None, Field(max_length=40)] = None
    programmes: list[str] = []

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
        )


class ProgrammeMatch(Model):
    """How one programme fits the firm. `misses` also holds "check yourself" notes for the
    predicates named in `unchecked`, which the profile could not decide and which never fail."""

    programme: Programme
    fits: bool
    near_miss: bool
    reasons: list[Text]
    misses: list[Text]
    unchecked: list[str]


class _Check(NamedTuple):
    name: str
    passed: bool | None  # None: the profile does not say
    text: Text


def match_programmes(
    catalogue: ProgrammeCatalogue, profile: Profile, level_names: Mapping[int, Text]
) -> list[ProgrammeMatch]:
    """Every programme checked against `profile`: fits first, then near misses, then the rest,
    each group in catalogue order. `level_names` maps a rank to its display name."""
    matches = [_match(p, profile, level_names, catalogue) for p in catalogue.programmes]
    return sorted(matches, key=lambda m: (not m.fits, not m.near_miss))


def unknown_programme_ids(catalogue: ProgrammeCatalogue, profile: Profile) -> list[str]:
    """Programme ids in the profile that the catalogue does not know (likely typos)."""
    known = {p.id for p in catalogue.programmes}
    return [pid for pid in profile.programmes if pid not in known]


def _match(
    programme: Programme,
    profile: Profile,
    level_names: Mapping[int, Text],
    catalogue: ProgrammeCatalogue,
) -> ProgrammeMatch:
    checks = _checks(programme.eligibility, profile, level_names, catalogue)
    failed = [c for c in checks if c.passed is False]
    reasons = [c.text for c in checks if c.passed]
    if not checks:
        reasons = [_text("match.nothing_to_check")]
    return ProgrammeMatch(
        programme=programme,
        fits=not failed,
        near_miss=len(failed) == 1,
        reasons=reasons,
        misses=[c.text for c in checks if not c.passed],
        unchecked=[c.name for c in checks if c.passed is None],
    )


def _checks(
    e: Eligibility, profile: Profile, level_names: Mapping[int, Text], catalogue: ProgrammeCatalogue
) -> list[_Check]:
    checks: list[_Check] = []
    if e.min_level is not None or e.max_level is not None:
        checks.append(_level_check(e, profile.level_rank, level_names))
    if e.min_employees is not None or e.max_employees is not None:
        checks.append(_employees_check(e, profile.employees))
    if e.max_revenue_krw is not None:
        checks.append(_revenue_check(e.max_revenue_krw, profile.annual_revenue_krw))
    if e.sectors:
        checks.append(_sector_check(e.sectors, profile.sector))
    if e.regions:
        checks.append(_region_check(e.regions, profile.region))
    names = {p.id: p.name for p in catalogue.programmes}
    if e.requires_programmes:
        done = [names[i] for i in e.requires_programmes if i in profile.programmes]
        checks.append(_requires_check([names[i] for i in e.requires_programmes], done))
    if e.excludes_programmes:
        done = [names[i] for i in e.excludes_programmes if i in profile.programmes]
        checks.append(_excludes_check([names[i] for i in e.excludes_programmes], done))
    return checks


def _verdict(name: str, ok: bool, subject: Text, wanted: Text) -> _Check:
    """'<subject>: the programme covers / is for <wanted>'."""
    return _Check(name, ok, _text("match.covers" if ok else "match.is_for", subject=subject, wanted=wanted))


def _unknown(name: str, missing: Text, wanted: Text) -> _Check:
    """A predicate the profile cannot decide: the firm is asked to check it itself."""
    return _Check(name, None, _text("match.check_yourself", missing=missing, wanted=wanted))


def _level_check(e: Eligibility, rank: int, level_names: Mapping[int, Text]) -> _Check:
    def name(r: int) -> Text:
        return level_names.get(r) or Text(ko=f"L{r}", en=f"L{r}")

    subject = _text("match.level_now", level=name(rank))
    wanted = _range(e.min_level, e.max_level, name)
    return _verdict("level", _within(rank, e.min_level, e.max_level), subject, wanted)


def _employees_check(e: Eligibility, employees: int | None) -> _Check:
    wanted = _range(e.min_employees, e.max_employees, _people)
    if employees is None:
        return _unknown("employees", _text("match.no_employees"), wanted)
    subject = _text("match.employees_now", people=_people(employees))
    ok = _within(employees, e.min_employees, e.max_employees)
    return _verdict("employees", ok, subject, wanted)


def _revenue_check(limit: int, revenue: int | None) -> _Check:
    wanted = _text("match.revenue_up_to", amount=_won(limit))
    if revenue is None:
        return _unknown("revenue", _text("match.no_revenue"), wanted)
    subject = _text("match.revenue_now", amount=_won(revenue))
    return _verdict("revenue", revenue <= limit, subject, wanted)


def _sector_check(sectors: list[str], sector: str | None) -> _Check:
    names = [normalise.SECTION_NAMES.get(s) for s in sectors]
    wanted = _join(
        [Text(ko=c.ko, en=c.en) if c else Text(ko=s, en=s) for c, s in zip(names, sectors, strict=True)],
        "list",
    )
    if sector is None:
        return _unknown("sector", _text("match.no_sector"), wanted)
    code = normalise.ksic(sector)
    subject = _text("match.sector_now", code=code)
    return _verdict("sector", any(code.startswith(s) for s in sectors), subject, wanted)


def _region_check(regions: list[str], region: str | None) -> _Check:
    wanted = _join([_province_name(normalise.province_by_short(r)) for r in regions], "list")
    if region is None:
        return _unknown("region", _text("match.no_region"), wanted)
    found = normalise.province(region)
    if found is None:
        return _unknown("region", _text("match.unknown_region", region=region), wanted)
    subject = _text("match.region_now", region=_province_name(found))
    return _verdict("region", found.short in regions, subject, wanted)


def _province_name(p: normalise.Province) -> Text:
    return Text(ko=p.short, en=p.en)


def _requires_check(required: list[Text], done: list[Text]) -> _Check:
    if done:
        return _Check("requires_programmes", True, _text("match.requires_done", programme=done[0]))
    text = _text("match.requires_missing", programmes=_join(required, "or"))
    return _Check("requires_programmes", False, text)


def _excludes_check(excluded: list[Text], done: list[Text]) -> _Check:
    if done:
        return _Check(
            "excludes_programmes", False, _text("match.excluded_done", programmes=_join(done, "list"))
        )
    return _Check(
        "excludes_programmes", True, _text("match.excluded_none", programmes=_join(excluded, "list"))
    )


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
    return Text(**{lang: word(f"match.sep_{how}", lang).join(t(lang) for t in items) for lang in LANGS})


def _people(n: int) -> Text:
    return _text("match.people_one" if n == 1 else "match.people", n=f"{n:,}")


def _won(amount: int) -> Text:
    return Text(ko=normalise.won(amount, "ko"), en=normalise.won(amount, "en"))
