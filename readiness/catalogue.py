"""Support-programme and upgrade-action catalogues, and matching a firm's profile to programmes."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, NamedTuple

from pydantic import Field, field_validator, model_validator

from readiness.models import MAX_VALUE, QUESTION_ID, Company, Model, Text, unique

ID = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Rank = Annotated[int, Field(ge=0, le=10)]
Count = Annotated[int, Field(ge=0, le=10_000_000)]
Won = Annotated[int, Field(ge=0, le=10**16)]
Confidence = Literal["confirmed", "secondary", "unconfirmed"]
Effort = Literal["low", "medium", "high"]
CostBand = Literal["under-10m", "10m-50m", "50m-200m", "200m-500m", "over-500m"]

# KSIC (10th revision) sections by two-digit division, to place a code given without its letter.
_KSIC_SECTIONS = (
    ("A", 1, 3), ("B", 5, 8), ("C", 10, 34), ("D", 35, 35), ("E", 36, 39), ("F", 41, 42),
    ("G", 45, 47), ("H", 49, 52), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 70, 73), ("N", 74, 76), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 87), ("R", 90, 91),
    ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)  # fmt: skip
_NOTHING_TO_CHECK = Text(
    ko="자동으로 확인할 자격 조건 없음 — 조건 문구 확인",
    en="no conditions to check automatically; read the conditions",
)
_SECTION_NAMES = {"C": Text(ko="제조업(C)", en="manufacturing (C)")}

# Catalogue spelling (short Korean name) -> English name, then other spellings seen in answers.
_PROVINCES: dict[str, tuple[str, ...]] = {
    "서울": ("Seoul", "서울특별시", "서울시"),
    "부산": ("Busan", "부산광역시", "부산시"),
    "대구": ("Daegu", "대구광역시", "대구시"),
    "인천": ("Incheon", "인천광역시", "인천시"),
    "광주": ("Gwangju", "광주광역시"),
    "대전": ("Daejeon", "대전광역시", "대전시"),
    "울산": ("Ulsan", "울산광역시", "울산시"),
    "세종": ("Sejong", "세종특별자치시", "세종시"),
    "경기": ("Gyeonggi", "경기도", "Gyeonggi-do"),
    "강원": ("Gangwon", "강원도", "강원특별자치도", "Gangwon-do"),
    "충북": ("Chungbuk", "충청북도", "Chungcheongbuk-do"),
    "충남": ("Chungnam", "충청남도", "Chungcheongnam-do"),
    "전북": ("Jeonbuk", "전라북도", "전북특별자치도", "Jeollabuk-do"),
    "전남": ("Jeonnam", "전라남도", "Jeollanam-do"),
    "경북": ("Gyeongbuk", "경상북도", "Gyeongsangbuk-do"),
    "경남": ("Gyeongnam", "경상남도", "Gyeongsangnam-do"),
    "제주": ("Jeju", "제주특별자치도", "제주도", "Jeju-do"),
}
_PROVINCE_ALIASES = {
    alias.casefold(): short for short, names in _PROVINCES.items() for alias in (short, *names)
}


def _ordered(what: str, low: int | None, high: int | None) -> None:
    if low is not None and high is not None and low > high:
        raise ValueError(f"min_{what} {low} is above max_{what} {high}")


# --- programmes --------------------------------------------------------------------------------


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
            if region not in _PROVINCES:
                raise ValueError(f"unknown region {region!r}; use one of {', '.join(_PROVINCES)}")
        return regions

    @model_validator(mode="after")
    def _ranges(self) -> Eligibility:
        _ordered("level", self.min_level, self.max_level)
        _ordered("employees", self.min_employees, self.max_employees)
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
        for p in self.programmes:
            if p.id == pid:
                return p
        raise KeyError(pid)


# --- actions -----------------------------------------------------------------------------------


class Lift(Model):
    """An answer value an action makes achievable for one question."""

    question: Annotated[str, Field(pattern=QUESTION_ID)]
    to: Annotated[int, Field(ge=1, le=MAX_VALUE)]


class Months(Model):
    min: Annotated[int, Field(ge=1, le=60)]
    max: Annotated[int, Field(ge=1, le=60)]

    @model_validator(mode="after")
    def _ordered(self) -> Months:
        _ordered("months", self.min, self.max)
        return self


class Action(Model):
    """A concrete upgrade step, the answers it lifts and the levels where it is the next step."""

    id: Annotated[str, Field(pattern=ID)]
    title: Text
    why: Text
    lifts: Annotated[list[Lift], Field(min_length=1)]
    min_level: Rank
    max_level: Rank
    effort: Effort
    cost_band: CostBand
    duration_months: Months
    programmes: list[Annotated[str, Field(pattern=ID)]] = []

    @model_validator(mode="after")
    def _consistent(self) -> Action:
        _ordered("level", self.min_level, self.max_level)
        unique("lifted question", [lift.question for lift in self.lifts])
        unique("programme", self.programmes)
        return self


class ActionCatalogue(Model):
    """Upgrade actions for one questionnaire, keyed to its question ids."""

    questionnaire: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    actions: Annotated[list[Action], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> ActionCatalogue:
        unique("action id", [a.id for a in self.actions])
        return self


def check_references(
    actions: ActionCatalogue, programmes: ProgrammeCatalogue, question_ids: set[str], max_rank: int
) -> list[str]:
    """Problems between the catalogues and a questionnaire: unknown ids, ranks beyond the ladder."""
    problems: list[str] = []
    known = {p.id: p for p in programmes.programmes}
    for p in programmes.programmes:
        for bound in ("min_level", "max_level"):
            rank = getattr(p.eligibility, bound)
            if rank is not None and rank > max_rank:
                problems.append(f"programme {p.id}: {bound} {rank} is above the top rank {max_rank}")
    for a in actions.actions:
        if a.max_level > max_rank:
            problems.append(f"action {a.id}: max_level {a.max_level} is above the top rank {max_rank}")
        for lift in a.lifts:
            if lift.question not in question_ids:
                problems.append(f"action {a.id}: lifts unknown question {lift.question!r}")
        for pid in a.programmes:
            programme = known.get(pid)
            if programme is None:
                problems.append(f"action {a.id}: unknown programme {pid!r}")
                continue
            low = programme.eligibility.min_level or 0
            high = programme.eligibility.max_level
            high = max_rank if high is None else high
            if a.max_level < low or a.min_level > high:
                problems.append(
                    f"action {a.id}: programme {pid} is for levels {low}-{high}, "
                    f"the action for {a.min_level}-{a.max_level}"
                )
    return problems


def uncovered_questions(actions: ActionCatalogue, question_ids: set[str]) -> list[str]:
    """Question ids no action lifts, sorted."""
    lifted = {lift.question for a in actions.actions for lift in a.lifts}
    return sorted(question_ids - lifted)


# --- matching ----------------------------------------------------------------------------------


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
        reasons = [_NOTHING_TO_CHECK]
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
    if ok:
        text = Text(
            ko=f"{subject.ko}: 지원 대상({wanted.ko})에 해당",
            en=f"{subject.en}; the programme covers {wanted.en}",
        )
    else:
        text = Text(
            ko=f"{subject.ko}: 지원 대상은 {wanted.ko}",
            en=f"{subject.en}; the programme is for {wanted.en}",
        )
    return _Check(name, ok, text)


def _unknown(name: str, missing: Text, wanted: Text) -> _Check:
    """A predicate the profile cannot decide: the firm is asked to check it itself."""
    return _Check(
        name,
        None,
        Text(
            ko=f"{missing.ko} — 지원 대상({wanted.ko})인지 직접 확인",
            en=f"{missing.en}, check yourself (the programme is for {wanted.en})",
        ),
    )


def _level_check(e: Eligibility, rank: int, level_names: Mapping[int, Text]) -> _Check:
    def name(r: int) -> Text:
        return level_names.get(r) or Text(ko=f"L{r}", en=f"L{r}")

    now = name(rank)
    subject = Text(ko=f"현재 수준 {now.ko}", en=f"your level is {now.en}")
    wanted = _range(e.min_level, e.max_level, name)
    return _verdict("level", _within(rank, e.min_level, e.max_level), subject, wanted)


def _employees_check(e: Eligibility, employees: int | None) -> _Check:
    wanted = _range(e.min_employees, e.max_employees, _people)
    if employees is None:
        missing = Text(ko="종업원 수 미입력", en="employee count not given")
        return _unknown("employees", missing, wanted)
    have = _people(employees)
    subject = Text(ko=f"종업원 {have.ko}", en=f"you have {have.en}")
    ok = _within(employees, e.min_employees, e.max_employees)
    return _verdict("employees", ok, subject, wanted)


def _revenue_check(limit: int, revenue: int | None) -> _Check:
    cap = _krw(limit)
    wanted = Text(ko=f"매출 {cap.ko} 이하", en=f"revenue up to {cap.en}")
    if revenue is None:
        return _unknown("revenue", Text(ko="연매출 미입력", en="annual revenue not given"), wanted)
    have = _krw(revenue)
    subject = Text(ko=f"연매출 {have.ko}", en=f"your annual revenue is {have.en}")
    return _verdict("revenue", revenue <= limit, subject, wanted)


def _sector_check(sectors: list[str], sector: str | None) -> _Check:
    wanted = _join([_SECTION_NAMES.get(s) or Text(ko=s, en=s) for s in sectors], ", ", ", ")
    if sector is None:
        missing = Text(ko="업종(KSIC 코드) 미입력", en="sector (KSIC code) not given")
        return _unknown("sector", missing, wanted)
    code = _ksic(sector)
    subject = Text(ko=f"업종 {code}", en=f"your sector is {code}")
    return _verdict("sector", any(code.startswith(s) for s in sectors), subject, wanted)


def _region_check(regions: list[str], region: str | None) -> _Check:
    wanted = _join([Text(ko=r, en=_PROVINCES[r][0]) for r in regions], ", ", ", ")
    if region is None:
        return _unknown("region", Text(ko="소재지 미입력", en="region not given"), wanted)
    short = _province(region)
    if short is None:
        missing = Text(
            ko=f"소재지 '{region}'을(를) 시·도로 인식하지 못함",
            en=f"region '{region}' not recognised as a province",
        )
        return _unknown("region", missing, wanted)
    subject = Text(ko=f"소재지 {short}", en=f"you are in {_PROVINCES[short][0]}")
    return _verdict("region", short in regions, subject, wanted)


def _requires_check(required: list[Text], done: list[Text]) -> _Check:
    if done:
        text = Text(
            ko=f"선행 사업 참여 이력 있음: {done[0].ko}",
            en=f"you have already done {done[0].en}, which this programme requires",
        )
        return _Check("requires_programmes", True, text)
    wanted = _join(required, " 또는 ", " or ")
    text = Text(
        ko=f"선행 사업({wanted.ko}) 참여 이력이 필요하나 응답서에 기록 없음",
        en=f"requires prior participation in {wanted.en}; none is recorded in your answers",
    )
    return _Check("requires_programmes", False, text)


def _excludes_check(excluded: list[Text], done: list[Text]) -> _Check:
    if done:
        names = _join(done, ", ", ", ")
        text = Text(
            ko=f"{names.ko} 참여 이력이 있어 지원 제외 대상",
            en=f"you have already done {names.en}, which rules this programme out",
        )
        return _Check("excludes_programmes", False, text)
    names = _join(excluded, ", ", ", ")
    text = Text(
        ko=f"제외 사유가 되는 사업({names.ko}) 참여 이력 없음",
        en=f"you have not done {names.en}, which would rule this programme out",
    )
    return _Check("excludes_programmes", True, text)


# --- small formatting helpers ------------------------------------------------------------------


def _within(value: int, low: int | None, high: int | None) -> bool:
    return (low is None or value >= low) and (high is None or value <= high)


def _range(low: int | None, high: int | None, name: Callable[[int], Text]) -> Text:
    """'A~B' / 'A 이상' / 'B 이하' in Korean, 'A to B' / 'A and above' / 'up to B' in English."""
    if low is not None and high is not None:
        if low == high:
            return name(low)
        return Text(ko=f"{name(low).ko}~{name(high).ko}", en=f"{name(low).en} to {name(high).en}")
    if low is not None:
        return Text(ko=f"{name(low).ko} 이상", en=f"{name(low).en} and above")
    assert high is not None
    return Text(ko=f"{name(high).ko} 이하", en=f"up to {name(high).en}")


def _join(items: list[Text], sep_ko: str, sep_en: str) -> Text:
    return Text(ko=sep_ko.join(t.ko for t in items), en=sep_en.join(t.en for t in items))


def _people(n: int) -> Text:
    return Text(ko=f"{n:,}명", en=f"{n:,} employee" + ("" if n == 1 else "s"))


def _number(value: float) -> str:
    text = f"{value:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def _krw(amount: int) -> Text:
    """Won in Korean units (억원, 만원) and in English millions/billions."""
    if amount >= 10**12:
        ko = f"{_number(amount / 10**12)}조원"
    elif amount >= 10**8:
        ko = f"{_number(amount / 10**8)}억원"
    elif amount >= 10**4:
        ko = f"{_number(amount / 10**4)}만원"
    else:
        ko = f"{amount:,}원"
    if amount >= 10**9:
        en = f"KRW {_number(amount / 10**9)} billion"
    elif amount >= 10**6:
        en = f"KRW {_number(amount / 10**6)} million"
    else:
        en = f"KRW {amount:,}"
    return Text(ko=ko, en=en)


def _ksic(sector: str) -> str:
    """A KSIC code with its section letter, e.g. '2931' -> 'C2931'."""
    code = sector.strip().upper()
    if code[:1].isdigit() and len(code) >= 2:
        division = int(code[:2])
        for letter, first, last in _KSIC_SECTIONS:
            if first <= division <= last:
                return letter + code
    return code


def _province(region: str) -> str | None:
    """The short province name for free text such as '경기도 화성시' or 'Gyeonggi-do'."""
    text = region.strip().casefold()
    if text in _PROVINCE_ALIASES:
        return _PROVINCE_ALIASES[text]
    for token in re.split(r"[\s,()/]+", text):
        if token in _PROVINCE_ALIASES:
            return _PROVINCE_ALIASES[token]
    return None
