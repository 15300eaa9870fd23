"""Strict matching: a programme fits only when every condition holds; one failing or undecided
condition is a near miss with that one reason; region, SME status, window and prior participation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from readiness.domain import normalise
from readiness.domain.answers import Company
from readiness.domain.base import Text
from readiness.domain.matching import Profile, ProgrammeMatch, match_programmes, unknown_programme_ids
from readiness.domain.programme_labels import labels
from readiness.domain.programmes import ProgrammeCatalogue
from readiness.domain.sme import SmeCriteria, sme_class
from readiness.files.loading import load_programme_file, load_sme_file
from tests.catalogue_data import catalogue, programme, text

ROOT = Path(__file__).parent.parent
LEVEL_NAMES = {r: Text(ko=f"L{r}", en=f"L{r}") for r in range(6)}
DAY = dt.date(2026, 6, 1)


@pytest.fixture(scope="module")
def sme() -> SmeCriteria:
    return load_sme_file((ROOT / "questionnaires" / "sme-criteria.yaml").resolve())


@pytest.fixture(scope="module")
def bundled() -> ProgrammeCatalogue:
    return load_programme_file((ROOT / "questionnaires" / "programmes.yaml").resolve())


def _one(cat: ProgrammeCatalogue, profile: Profile, pid: str, day: dt.date = DAY,
         sme: SmeCriteria | None = None) -> ProgrammeMatch:  # fmt: skip
    return next(m for m in match_programmes(cat, profile, LEVEL_NAMES, day, sme) if m.programme.id == pid)


# --- regions: every 시·도 spelling -----------------------------------------------------------------


@pytest.mark.parametrize("p", normalise.PROVINCES, ids=lambda p: p.id)
def test_every_spelling_of_every_province_resolves_to_it(p: normalise.Province) -> None:
    for spelling in (p.short, p.official, p.en, *p.aliases):
        for written in (spelling, spelling.upper(), spelling.replace("-", " "), f" {spelling} "):
            assert normalise.province(written) == p, written
    assert normalise.province(f"{p.official} 어딘가시 123") == p


def test_region_table_is_the_17_provinces_with_no_shared_spelling() -> None:
    assert len({p.id for p in normalise.PROVINCES}) == 17
    spellings = [
        normalise.fold(s) for p in normalise.PROVINCES for s in {p.short, p.official, p.en, *p.aliases}
    ]
    assert len(spellings) == len(set(spellings))


@pytest.mark.parametrize("text_", ["광주시", "경기도 광주시 충청북도", "Springfield", "화성시", ""])
def test_ambiguous_or_unknown_regions_are_never_guessed(text_: str) -> None:
    assert normalise.province(text_) is None


@pytest.mark.parametrize(
    ("region", "outcome", "reason"),
    [
        ("충청북도 청주시", "fits", None),
        ("Chungcheongbuk-do", "fits", None),
        ("인천광역시", "near_miss", "충북 소재 기업 대상 — 귀사는 인천"),
        (None, "near_miss", "소재지 미입력 — 직접 확인"),
        ("Springfield", "near_miss", "소재지 'Springfield'를 시·도로 확인하지 못함"),
    ],
)
def test_region_is_matched_exactly(region: str | None, outcome: str, reason: str | None) -> None:
    cat = catalogue(programme("chungbuk-basic", regions=["chungbuk"]))
    m = _one(cat, Profile(level_rank=1, region=region), "chungbuk-basic")
    assert m.outcome == outcome
    assert [x.ko for x in m.misses] == ([reason] if reason else [])


def test_the_incheon_firm_never_sees_chungbuk_as_a_fit_or_in_its_roadmap(bundled: ProgrammeCatalogue) -> None:
    from readiness.domain.actions import UpgradeAction
    from readiness.files.loading import find_questionnaire
    from readiness.report.programme_views import ProgrammeViews

    old = programme("old") | {"status": "historical", "status_note": text()}
    synthetic = catalogue(programme("chungbuk-basic", regions=["chungbuk"]), programme("any"), old)
    incheon = Company(name="x", region="인천광역시 남동구", sector="C29", employees=40)
    profile = Profile.from_company(incheon, 1)
    q = find_questionnaire("kr-smart-factory").questionnaire
    views = ProgrammeViews(q, "ko", report_date=DAY)
    action = UpgradeAction.model_validate(
        {"id": "a", "title": text(), "why": text(), "lifts": [{"question": "x.y", "to": 2}], "min_level": 0,
         "max_level": 2, "effort": "low", "cost_band": "under-10m", "duration_months": {"min": 1, "max": 2},
         "programmes": ["chungbuk-basic", "any", "old"]}
    )  # fmt: skip
    lines, _ = views.funding(action, synthetic, profile)
    assert [(f.id, f.fits) for f in lines] == [("chungbuk-basic", False), ("any", True)]
    assert lines[0].reason == "충북 소재 기업 대상 — 귀사는 인천"
    for m in match_programmes(bundled, profile, LEVEL_NAMES, DAY):
        assert not (m.fits and "chungbuk" in m.programme.eligibility.regions)
    chungbuk = _one(bundled, profile, "provincial-basic-chungbuk")
    assert chungbuk.outcome == "not_applicable"  # unverified for 2026 anyway


# --- SME status ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sector", "ceiling"),
    [("C29", 120_000_000_000), ("C28", 180_000_000_000), ("C27", 80_000_000_000), ("C34", 60_000_000_000),
     ("30393", 150_000_000_000), ("C3039", 120_000_000_000)],
)  # fmt: skip
def test_sme_ceiling_per_sector_is_inclusive_at_the_boundary(
    sme: SmeCriteria, sector: str, ceiling: int
) -> None:
    assert sme_class(sme, sector, ceiling, 100).klass == "medium"
    assert sme_class(sme, sector, ceiling + 1, 100).klass == "over_ceiling"


def test_small_and_micro_bands(sme: SmeCriteria) -> None:
    assert sme_class(sme, "C29", 12_000_000_000, 10).klass == "small"
    assert sme_class(sme, "C29", 12_000_000_000, 9).klass == "micro"
    assert sme_class(sme, "C29", 12_000_000_001, 9).klass == "medium"
    assert sme_class(sme, "C29", 5_000_000_000, None).klass == "small"


def test_the_review_firm_is_not_an_sme_and_is_told_plainly(sme: SmeCriteria) -> None:
    verdict = sme_class(sme, "C29", 142_000_000_000, 280)
    assert verdict.klass == "over_ceiling"
    assert verdict.reason.ko.startswith(
        "귀사 연매출 1,420억원은 C29(기타 기계 및 장비 제조업) 중소기업 기준 1,200억원을 넘습니다"
    )
    assert sme_class(sme, "C28", 142_000_000_000, 280).klass == "medium"  # 1,800억 since 2025-09


@pytest.mark.parametrize(
    ("enterprise", "outcome", "reason"),
    [
        (["micro", "small", "medium"], "near_miss", "중소기업 대상 — 귀사는 C29 기준 1,200억원 초과"),
        (["micro", "small", "medium", "midsize"], "near_miss", "중견기업이면 신청 가능 — 중견기업 확인 필요"),
        ("any", "fits", None),
    ],
)
def test_a_firm_over_the_ceiling_never_fits_sme_only_programmes(
    sme: SmeCriteria, enterprise: object, outcome: str, reason: str | None
) -> None:
    cat = catalogue(programme("p", enterprise=enterprise))
    m = _one(
        cat,
        Profile(level_rank=2, employees=280, annual_revenue_krw=142_000_000_000, sector="C29"),
        "p",
        sme=sme,
    )
    assert m.outcome == outcome and [x.ko for x in m.misses] == ([reason] if reason else [])


@pytest.mark.parametrize(
    ("profile", "reason"),
    [
        (Profile(level_rank=2, employees=40, sector="C29"), "연매출 미입력 — 중소기업 여부를 확인하지 못함"),
        (
            Profile(level_rank=2, employees=40, annual_revenue_krw=10**10),
            "업종(KSIC) 미입력 — 중소기업 여부를 확인하지 못함",
        ),
    ],
)
def test_missing_revenue_or_sector_leaves_sme_status_undecided(
    sme: SmeCriteria, profile: Profile, reason: str
) -> None:
    m = _one(catalogue(programme("p", enterprise=["micro", "small", "medium"])), profile, "p", sme=sme)
    assert m.outcome == "near_miss" and [x.ko for x in m.misses] == [reason]


def test_class_nesting(sme: SmeCriteria) -> None:
    micro_only = catalogue(programme("p", enterprise=["micro"]))
    small = Profile(level_rank=1, employees=20, annual_revenue_krw=5 * 10**9, sector="C29")
    micro = Profile(level_rank=1, employees=5, annual_revenue_krw=5 * 10**9, sector="C29")
    assert _one(micro_only, micro, "p", sme=sme).fits
    assert _one(micro_only, small, "p", sme=sme).misses[0].ko == "소상공인 대상 — 귀사는 소기업(추정)"
    assert _one(catalogue(programme("p", enterprise=["small"])), micro, "p", sme=sme).fits


# --- windows, status, prior participation --------------------------------------------------------


def test_a_closed_window_is_judged_on_the_injected_report_date() -> None:
    cat = catalogue(programme("p") | {"window": {"opens": "2026-02-09", "closes": "2026-04-09"}})
    profile = Profile(level_rank=1)
    assert _one(cat, profile, "p", dt.date(2026, 4, 9)).fits  # the last day is inclusive
    assert _window(cat, profile, dt.date(2026, 4, 9)) == "접수 중 (~2026-04-09)"
    assert _window(cat, profile, dt.date(2026, 1, 2)) == "접수 예정 (2026-02-09부터)"
    closed = _one(cat, profile, "p", dt.date(2026, 12, 1))
    assert closed.outcome == "near_miss"
    assert [x.ko for x in closed.misses] == ["접수 마감 (2026-04-09) — 보고서 기준일 2026-12-01"]


@pytest.mark.parametrize("status", ["historical", "discontinued", "unverified"])
def test_non_current_programmes_are_never_fits_or_near_misses(status: str) -> None:
    cat = catalogue(
        programme(
            "p",
        )
        | {"status": status, "status_note": text()}
    )
    assert _one(cat, Profile(level_rank=1), "p").outcome == "not_applicable"


def test_supplier_programmes_are_not_matched_to_the_firm() -> None:
    cat = catalogue(programme("p", audience="supplier"))
    assert _one(cat, Profile(level_rank=1), "p").outcome == "not_applicable"


def test_two_misses_are_excluded_with_the_first_reason_in_order() -> None:
    cat = catalogue(programme("p", min_level=3, max_employees=49))
    m = _one(cat, Profile(level_rank=1, employees=280), "p")
    assert m.outcome == "excluded"
    assert m.misses[0].ko == "L3 이상 수준 대상 — 귀사는 L1"


@pytest.mark.parametrize(
    ("done", "asked", "outcome", "reason"),
    [
        ([], False, "near_miss", "이전 참여 사업을 묻지 않음 — 직접 확인"),
        ([], True, "near_miss", "base 사업 참여 기업 대상 — 참여 이력 없음"),
        (["base"], True, "fits", None),
    ],
)
def test_prior_participation_required(done: list[str], asked: bool, outcome: str, reason: str | None) -> None:
    cat = catalogue(programme("base"), programme("next", requires_programmes=["base"]))
    m = _one(cat, Profile(level_rank=1, programmes=done, programmes_asked=asked), "next")
    assert m.outcome == outcome and [x.ko for x in m.misses] == ([reason] if reason else [])


def test_prior_participation_excludes() -> None:
    cat = catalogue(programme("base"), programme("first", excludes_programmes=["base"]))
    assert _one(cat, Profile(level_rank=1, programmes=[], programmes_asked=True), "first").fits
    m = _one(cat, Profile(level_rank=1, programmes=["base"], programmes_asked=True), "first")
    assert [x.ko for x in m.misses] == ["base 사업 참여 기업은 제외 — 귀사 참여"]


def test_profile_from_company_counts_a_recorded_programme_as_asked() -> None:
    assert Profile.from_company(Company(name="x", programmes=["a"]), 1).programmes_asked
    assert not Profile.from_company(Company(name="x"), 1).programmes_asked
    assert Profile.from_company(Company(name="x", programmes_asked=True), 1).programmes_asked
    profile = Profile.from_company(Company(name="x", programmes=["upgrad"]), 1)
    assert unknown_programme_ids(catalogue(programme("upgrade")), profile) == ["upgrad"]


def test_order_is_fits_then_near_misses_then_the_rest() -> None:
    cat = catalogue(programme("far", min_level=4, max_employees=9), programme("near", min_level=4),
                    programme("fit"), programme("old") | {"status": "historical", "status_note": text()})  # fmt: skip
    got = [
        m.programme.id for m in match_programmes(cat, Profile(level_rank=1, employees=40), LEVEL_NAMES, DAY)
    ]
    assert got == ["fit", "near", "far", "old"]


def test_reasons_come_in_both_languages() -> None:
    cat = catalogue(programme("p", min_level=1, max_employees=299, sectors=["C"]))
    m = _one(cat, Profile(level_rank=2, employees=48, sector="C2931"), "p")
    assert m.fits and [r.en for r in m.reasons] == [
        "your level is L2; the programme covers L1 and above",
        "you have 48 employees; the programme covers up to 299 employees",
        "your sector is C2931; the programme covers manufacturing (C)",
    ]


def test_bundled_catalogue_for_the_review_firm(bundled: ProgrammeCatalogue, sme: SmeCriteria) -> None:
    profile = Profile(
        level_rank=2, employees=280, annual_revenue_krw=142_000_000_000, sector="C29", region="인천"
    )
    matches = {
        m.programme.id: m for m in match_programmes(bundled, profile, LEVEL_NAMES, dt.date(2026, 12, 1), sme)
    }
    assert not matches["manual-process-automation"].fits  # SME only
    assert not matches["clean-workplace"].fits  # under 50 staff
    assert matches["k-lighthouse"].outcome == "not_applicable"
    assert matches["autonomous-factory"].outcome == "excluded"  # closed 2026-01-07, and L4+


def test_smart_factory_general_closed_on_its_blog_sourced_deadline(
    bundled: ProgrammeCatalogue, sme: SmeCriteria
) -> None:
    """Issue 10: the 2026 deadline (7 January) is data from a secondary source, judged on the report date."""
    general = next(p for p in bundled.programmes if p.id == "smart-factory-general")
    source = general.window_source()
    assert general.window.closes == dt.date(2026, 1, 7)
    assert source is not None and source.kind == "secondary"
    firm = Profile(
        level_rank=2,
        employees=48,
        annual_revenue_krw=12_000_000_000,
        sector="C30",
        region="경기",
        programmes_asked=True,
    )
    assert _one(bundled, firm, "smart-factory-general", dt.date(2026, 1, 7), sme).fits  # the last day counts
    for day in (dt.date(2026, 1, 8), dt.date(2026, 12, 1)):
        late = _one(bundled, firm, "smart-factory-general", day, sme)
        assert not late.fits and late.outcome == "near_miss"
        assert [x.ko for x in late.misses] == [f"접수 마감 (2026-01-07) — 보고서 기준일 {day.isoformat()}"]
        shown = [label.text.ko for label in labels(general, bundled.cycle, day)]
        assert "접수 마감 (2026-01-07)" in shown


def _window(cat: ProgrammeCatalogue, profile: Profile, today: dt.date) -> str:
    window = _one(cat, profile, "p", today).window
    assert window is not None
    return window.ko
