"""Programme and action catalogues: the bundled files, their cross-references, and matching."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from readiness.domain.actions import ActionCatalogue, check_references, uncovered_questions
from readiness.domain.answers import Company
from readiness.domain.base import Text
from readiness.domain.matching import Profile, ProgrammeMatch, match_programmes, unknown_programme_ids
from readiness.domain.programmes import ProgrammeCatalogue
from readiness.domain.questionnaire import Questionnaire
from readiness.files import safeyaml
from readiness.files.catalogues import bundled_actions, catalogue_problems
from readiness.files.loading import available, find_questionnaire

ROOT = Path(__file__).parent.parent
PROGRAMMES = ROOT / "questionnaires" / "programmes.yaml"
ACTION_DIR = ROOT / "questionnaires" / "actions"
# each bundled questionnaire version and the action catalogue written for it
PAIRS = {
    "2026.1": ACTION_DIR / "kr-smart-factory.yaml",
    "2026.2": ACTION_DIR / "kr-smart-factory-2026.2.yaml",
}
MAX_RANK = 5


def _questionnaire(version: str) -> Questionnaire:
    return find_questionnaire("kr-smart-factory", version).questionnaire


def _gates(version: str) -> list[tuple[str, int, list[list[tuple[str, float]]]]]:
    """(version, target rank, gates as lists of (question or dimension, minimum) alternatives)."""
    return [
        (version, level.rank, [[(c.target, c.min or 0) for c in gate.alternatives] for gate in level.gates])
        for level in _questionnaire(version).levels[1:]
    ]


REQUIRED_PROGRAMMES = {
    "level-verification", "smart-factory-general", "autonomous-factory",
    "manufacturing-ai-smart-factory", "win-win", "win-win-ai-track", "inter-ministry",
    "region-specific", "provincial-basic-chungbuk", "k-lighthouse", "smart-workshop",
    "robots-manufacturing", "smart-meister", "ax-planning", "after-service", "kamp",
    "data-productisation", "employee-course", "smart-shopfloor-loan",
}  # fmt: skip

LEVEL_NAMES = {
    0: Text(ko="미적용", en="Not yet smart"),
    1: Text(ko="기초", en="Basic"),
    2: Text(ko="중간1", en="Intermediate 1"),
    3: Text(ko="중간2", en="Intermediate 2"),
    4: Text(ko="고도", en="Advanced"),
    5: Text(ko="AI 공장", en="AI factory"),
}


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def programmes() -> ProgrammeCatalogue:
    return ProgrammeCatalogue.model_validate(_yaml(PROGRAMMES))


@pytest.fixture(scope="module", params=sorted(PAIRS))
def version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def actions(version: str) -> ActionCatalogue:
    return ActionCatalogue.model_validate(_yaml(PAIRS[version]))


def _ids(version: str) -> set[str]:
    return {q.id for q in _questionnaire(version).questions}


def _text(ko: str = "가", en: str = "a") -> dict[str, str]:
    return {"ko": ko, "en": en}


def _programme(pid: str, **eligibility: Any) -> dict[str, Any]:
    return {
        "id": pid,
        "name": _text(f"{pid} 사업", f"the {pid} programme"),
        "operator": _text(),
        "funds": _text(),
        "support": _text(),
        "eligibility": eligibility,
        "conditions": _text(),
        "call_window": _text(),
        "source": "https://example.org/notice",
        "last_verified": "2026-11-22",
        "confidence": "confirmed",
    }


def _catalogue(*programmes: dict[str, Any]) -> ProgrammeCatalogue:
    return ProgrammeCatalogue.model_validate(
        {
            "version": "1",
            "last_reviewed": "2026-11-22",
            "notice": _text(),
            "programmes": list(programmes),
        }
    )


def _action(aid: str, **overrides: Any) -> dict[str, Any]:
    action = {
        "id": aid,
        "title": _text(),
        "why": _text(),
        "lifts": [{"question": "production.results", "to": 3}],
        "min_level": 0,
        "max_level": 1,
        "effort": "low",
        "cost_band": "under-10m",
        "duration_months": {"min": 1, "max": 2},
    }
    return action | overrides


def _one(catalogue: ProgrammeCatalogue, profile: Profile, pid: str) -> ProgrammeMatch:
    return next(m for m in match_programmes(catalogue, profile, LEVEL_NAMES) if m.programme.id == pid)


# --- bundled files ------------------------------------------------------------------------------


def test_bundled_programmes_load(programmes: ProgrammeCatalogue) -> None:
    ids = {p.id for p in programmes.programmes}
    assert len(ids) >= 14
    assert REQUIRED_PROGRAMMES - ids == set()
    assert any(p.id.startswith("tax-") for p in programmes.programmes)


def test_bundled_actions_load(actions: ActionCatalogue) -> None:
    assert actions.questionnaire == "kr-smart-factory"
    assert len(actions.actions) >= 40


def test_every_bundled_version_has_a_catalogue_the_loader_picks(version: str) -> None:
    assert sorted(PAIRS) == [v for _, v, _ in available()]
    picked = bundled_actions("kr-smart-factory", version)
    assert picked == ActionCatalogue.model_validate(_yaml(PAIRS[version]))


def test_load_time_check_covers_every_bundled_version() -> None:
    assert catalogue_problems() == ()


def test_legacy_catalogue_is_not_used_for_a_version_it_does_not_fit() -> None:
    legacy = ActionCatalogue.model_validate(_yaml(PAIRS["2026.1"]))
    assert check_references(
        legacy, ProgrammeCatalogue.model_validate(_yaml(PROGRAMMES)), _ids("2026.2"), MAX_RANK
    )


@pytest.mark.parametrize("path", [PROGRAMMES, *PAIRS.values()], ids=["programmes", *PAIRS])
def test_bundled_files_read_the_same_with_the_safe_loader(path: Path) -> None:
    """The project's loader reads scalars as text; the models must give the same result."""
    model = ProgrammeCatalogue if path == PROGRAMMES else ActionCatalogue
    as_text = model.model_validate(safeyaml.load(path, 4 * 1024 * 1024).data)
    assert as_text == model.model_validate(_yaml(path))


def test_bundled_actions_reference_existing_questions_and_programmes(
    actions: ActionCatalogue, programmes: ProgrammeCatalogue, version: str
) -> None:
    assert check_references(actions, programmes, _ids(version), MAX_RANK) == []


def test_every_question_has_an_action(actions: ActionCatalogue, version: str) -> None:
    assert uncovered_questions(actions, _ids(version)) == []


@pytest.mark.parametrize(("version", "target", "gates"), [g for v in sorted(PAIRS) for g in _gates(v)])
def test_every_level_gate_can_be_climbed_from_the_level_below(
    version: str, target: int, gates: list[list[tuple[str, float]]]
) -> None:
    actions = ActionCatalogue.model_validate(_yaml(PAIRS[version]))
    rank = target - 1
    here = [a for a in actions.actions if a.min_level <= rank <= a.max_level]
    for alternatives in gates:
        assert any(
            lift.to >= minimum and (lift.question == gate or lift.question.startswith(gate + "."))
            for gate, minimum in alternatives
            for a in here
            for lift in a.lifts
        ), f"no action at rank {rank} lifts {alternatives}"


def test_every_bundled_programme_is_used_by_an_action(programmes: ProgrammeCatalogue) -> None:
    # over every version's catalogue: 2026.2 no longer recommends k-lighthouse (no call after 2022),
    # 2026.1 still does; the programme catalogue marks it historical in its own revision
    catalogues = [ActionCatalogue.model_validate(_yaml(path)) for path in PAIRS.values()]
    used = {pid for actions in catalogues for a in actions.actions for pid in a.programmes}
    assert [p.id for p in programmes.programmes if p.id not in used] == []


def test_bundled_programmes_are_not_verified_after_the_review(
    programmes: ProgrammeCatalogue,
) -> None:
    assert all(p.last_verified <= programmes.last_reviewed for p in programmes.programmes)


# --- validation ---------------------------------------------------------------------------------


def test_duplicate_programme_ids_are_rejected() -> None:
    with pytest.raises(ValidationError, match="duplicate programme id 'a'"):
        _catalogue(_programme("a"), _programme("a"))


def test_eligibility_references_must_exist() -> None:
    with pytest.raises(ValidationError, match="unknown programme 'ghost'"):
        _catalogue(_programme("a", excludes_programmes=["ghost"]))


@pytest.mark.parametrize(
    ("eligibility", "message"),
    [
        ({"min_level": 3, "max_level": 1}, "min_level 3 is above max_level 1"),
        ({"min_employees": 50, "max_employees": 9}, "min_employees 50 is above max_employees 9"),
        ({"regions": ["Gyeonggi"]}, "unknown region 'Gyeonggi'"),
    ],
)
def test_bad_eligibility_is_rejected(eligibility: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _catalogue(_programme("a", **eligibility))


def test_action_levels_and_ids_are_checked() -> None:
    with pytest.raises(ValidationError, match="min_level 2 is above max_level 1"):
        ActionCatalogue.model_validate({"questionnaire": "q", "actions": [_action("a", min_level=2)]})
    with pytest.raises(ValidationError, match="duplicate action id 'a'"):
        ActionCatalogue.model_validate({"questionnaire": "q", "actions": [_action("a")] * 2})


def test_check_references_names_each_problem() -> None:
    catalogue = _catalogue(_programme("top", min_level=4))
    actions = ActionCatalogue.model_validate(
        {
            "questionnaire": "q",
            "actions": [
                _action("a", lifts=[{"question": "made.up", "to": 2}]),
                _action("b", programmes=["ghost", "top"], max_level=7),
            ],
        }
    )
    assert check_references(actions, catalogue, {"production.results"}, MAX_RANK) == [
        "action a: lifts unknown question 'made.up'",
        "action b: max_level 7 is above the top rank 5",
        "action b: unknown programme 'ghost'",
    ]
    low = ActionCatalogue.model_validate(
        {"questionnaire": "q", "actions": [_action("c", programmes=["top"])]}
    )
    assert check_references(low, catalogue, {"production.results"}, MAX_RANK) == [
        "action c: programme top is for levels 4-5, the action for 0-1"
    ]


# --- matching -----------------------------------------------------------------------------------

UPGRADE = _programme("upgrade", min_level=1, max_level=3, max_employees=299, sectors=["C"])


def test_fitting_programme_gives_reasons_in_both_languages() -> None:
    profile = Profile(level_rank=2, employees=48, sector="C2931")
    match = _one(_catalogue(UPGRADE), profile, "upgrade")
    assert match.fits and not match.near_miss
    assert match.misses == [] and match.unchecked == []
    assert match.reasons == [
        Text(
            ko="현재 수준 중간1: 지원 대상(기초~중간2)에 해당",
            en="your level is Intermediate 1; the programme covers Basic to Intermediate 2",
        ),
        Text(
            ko="종업원 48명: 지원 대상(299명 이하)에 해당",
            en="you have 48 employees; the programme covers up to 299 employees",
        ),
        Text(
            ko="업종 C2931: 지원 대상(제조업(C))에 해당",
            en="your sector is C2931; the programme covers manufacturing (C)",
        ),
    ]


def test_one_failed_predicate_is_a_near_miss_with_its_reason() -> None:
    profile = Profile(level_rank=4, employees=48, sector="C29")
    match = _one(_catalogue(UPGRADE), profile, "upgrade")
    assert not match.fits and match.near_miss
    assert match.misses == [
        Text(
            ko="현재 수준 고도: 지원 대상은 기초~중간2",
            en="your level is Advanced; the programme is for Basic to Intermediate 2",
        )
    ]
    assert len(match.reasons) == 2


def test_two_failed_predicates_are_not_a_near_miss() -> None:
    match = _one(_catalogue(UPGRADE), Profile(level_rank=4, employees=400), "upgrade")
    assert not match.fits and not match.near_miss
    assert len(match.misses) == 3  # level, employees, and the sector nobody gave


def test_unknown_employee_count_asks_to_check_instead_of_failing() -> None:
    match = _one(_catalogue(UPGRADE), Profile(level_rank=2, sector="C29"), "upgrade")
    assert match.fits and not match.near_miss
    assert match.unchecked == ["employees"]
    assert match.misses == [
        Text(
            ko="종업원 수 미입력 — 지원 대상(299명 이하)인지 직접 확인",
            en="employee count not given, check yourself (the programme is for up to 299 employees)",
        )
    ]


def test_unknown_revenue_and_sector_are_unchecked_too() -> None:
    catalogue = _catalogue(_programme("small", max_revenue_krw=12_000_000_000, sectors=["C29"]))
    match = _one(catalogue, Profile(level_rank=0), "small")
    assert match.fits and match.unchecked == ["revenue", "sector"]
    assert match.misses[0].ko == "연매출 미입력 — 지원 대상(매출 120억원 이하)인지 직접 확인"
    assert match.misses[0].en.endswith("(the programme is for revenue up to KRW 12 billion)")


def test_revenue_above_the_cap_fails() -> None:
    catalogue = _catalogue(_programme("small", max_revenue_krw=12_000_000_000))
    match = _one(catalogue, Profile(level_rank=0, annual_revenue_krw=15_500_000_000), "small")
    assert match.near_miss
    assert match.misses[0] == Text(
        ko="연매출 155억원: 지원 대상은 매출 120억원 이하",
        en="your annual revenue is KRW 15.5 billion; the programme is for revenue up to KRW 12 billion",
    )


def test_prior_participation_excludes() -> None:
    catalogue = _catalogue(_programme("basic", excludes_programmes=["upgrade"]), UPGRADE)
    done = Profile(level_rank=1, programmes=["upgrade"])
    match = _one(catalogue, done, "basic")
    assert not match.fits and match.near_miss
    assert match.misses == [
        Text(
            ko="upgrade 사업 참여 이력이 있어 지원 제외 대상",
            en="you have already done the upgrade programme, which rules this programme out",
        )
    ]
    assert _one(catalogue, Profile(level_rank=1), "basic").fits


def test_required_prior_programme() -> None:
    catalogue = _catalogue(_programme("repair", requires_programmes=["upgrade"]), UPGRADE)
    missing = _one(catalogue, Profile(level_rank=2), "repair")
    assert not missing.fits
    assert missing.misses[0].en == (
        "requires prior participation in the upgrade programme; none is recorded in your answers"
    )
    assert _one(catalogue, Profile(level_rank=2, programmes=["upgrade"]), "repair").fits


@pytest.mark.parametrize(
    ("region", "fits", "unchecked"),
    [
        ("경북", True, []),
        ("경상북도 경산시", True, []),
        ("Gyeongsangbuk-do", True, []),
        ("경기도 화성시", False, []),
        ("Springfield", True, ["region"]),
        (None, True, ["region"]),
    ],
)
def test_region_restriction(region: str | None, fits: bool, unchecked: list[str]) -> None:
    catalogue = _catalogue(_programme("local", regions=["경북", "전남"]))
    match = _one(catalogue, Profile(level_rank=1, region=region), "local")
    assert (match.fits, match.unchecked) == (fits, unchecked)


def test_region_miss_names_the_regions() -> None:
    catalogue = _catalogue(_programme("local", regions=["경북", "전남"]))
    match = _one(catalogue, Profile(level_rank=1, region="경기도 화성시"), "local")
    assert match.misses == [
        Text(
            ko="소재지 경기: 지원 대상은 경북, 전남",
            en="you are in Gyeonggi; the programme is for Gyeongbuk, Jeonnam",
        )
    ]


@pytest.mark.parametrize(("sector", "fits"), [("C29", True), ("2931", True), ("C30", False), ("46", False)])
def test_sector_prefixes(sector: str, fits: bool) -> None:
    catalogue = _catalogue(_programme("cars", sectors=["C29"]))
    assert _one(catalogue, Profile(level_rank=1, sector=sector), "cars").fits is fits


def test_order_is_fits_then_near_misses_then_catalogue_order() -> None:
    catalogue = _catalogue(
        _programme("far", min_level=4, max_employees=9),
        _programme("near", min_level=4),
        _programme("open"),
        UPGRADE,
    )
    profile = Profile(level_rank=2, employees=48, sector="C29")
    order = [m.programme.id for m in match_programmes(catalogue, profile, LEVEL_NAMES)]
    assert order == ["open", "upgrade", "near", "far"]
    assert match_programmes(catalogue, profile, LEVEL_NAMES) == match_programmes(
        catalogue, profile, LEVEL_NAMES
    )


def test_level_names_come_from_the_caller() -> None:
    names = {1: Text(ko="하나", en="One"), 3: Text(ko="셋", en="Three")}
    match = match_programmes(_catalogue(UPGRADE), Profile(level_rank=2), names)[0]
    assert match.reasons[0].en == "your level is L2; the programme covers One to Three"


def test_programme_without_predicates_fits_with_a_note() -> None:
    match = _one(_catalogue(_programme("free")), Profile(level_rank=0), "free")
    assert match.fits and match.reasons[0].en.startswith("no conditions to check")


def test_profile_from_company_and_unknown_ids() -> None:
    company = Company(name="대성정밀", employees=48, sector="C2931", region="경북", programmes=["upgrad"])
    profile = Profile.from_company(company, level_rank=2)
    assert (profile.employees, profile.sector, profile.region) == (48, "C2931", "경북")
    assert unknown_programme_ids(_catalogue(UPGRADE), profile) == ["upgrad"]


def test_bundled_catalogue_for_a_typical_parts_maker(programmes: ProgrammeCatalogue) -> None:
    profile = Profile(level_rank=2, employees=48, sector="C2931", region="경북 경산시")
    matches = {m.programme.id: m for m in match_programmes(programmes, profile, LEVEL_NAMES)}
    assert matches["smart-factory-general"].fits
    assert matches["region-specific"].fits
    assert matches["autonomous-factory"].near_miss
    assert not matches["smart-workshop"].fits and not matches["smart-workshop"].near_miss
    assert not matches["after-service"].fits  # no government-funded build recorded
