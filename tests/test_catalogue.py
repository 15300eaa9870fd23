"""Programme and action catalogues: the bundled files, their cross-references, and the loader's
refusals of entries that are incomplete or claim more than their sources say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from readiness.domain.actions import ActionCatalogue, check_references, uncovered_questions
from readiness.domain.programmes import ProgrammeCatalogue
from readiness.domain.questionnaire import Questionnaire
from readiness.files import safeyaml
from readiness.files.catalogues import bundled_actions, catalogue_problems
from readiness.files.loading import available, find_questionnaire
from tests.catalogue_data import catalogue, programme, text

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
    "data-productisation", "employee-course", "smart-shopfloor-loan", "ai-voucher",
    "clean-workplace", "carbon-neutral-smart-factory", "cloud-manufacturing-solution",
    "manual-process-automation", "motie-ai-factory-project", "tax-integrated-investment-credit",
}  # fmt: skip


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


def _action(aid: str, **overrides: Any) -> dict[str, Any]:
    action = {
        "id": aid,
        "title": text(),
        "why": text(),
        "lifts": [{"question": "production.results", "to": 3}],
        "min_level": 0,
        "max_level": 1,
        "effort": "low",
        "cost_band": "under-10m",
        "duration_months": {"min": 1, "max": 2},
    }
    return action | overrides


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


def test_every_current_manufacturer_programme_is_used_by_an_action(programmes: ProgrammeCatalogue) -> None:
    # over every version's action catalogue
    catalogues = [ActionCatalogue.model_validate(_yaml(path)) for path in PAIRS.values()]
    used = {pid for actions in catalogues for a in actions.actions for pid in a.programmes}
    wanted = [p.id for p in programmes.programmes
              if p.status == "current" and p.eligibility.audience == "manufacturer"]  # fmt: skip
    assert [pid for pid in wanted if pid not in used] == []


def test_every_action_link_resolves_to_a_current_programme_or_the_to_check_list(
    actions: ActionCatalogue, programmes: ProgrammeCatalogue
) -> None:
    status = {p.id: p.status for p in programmes.programmes}
    for a in actions.actions:
        assert all(status[pid] == "current" for pid in a.programmes), a.id
        assert all(status[pid] == "unverified" for pid in a.programmes_to_check), a.id


def test_past_programmes_are_linked_nowhere(actions: ActionCatalogue, programmes: ProgrammeCatalogue) -> None:
    past = {p.id for p in programmes.programmes if p.status in ("historical", "discontinued")}
    assert "k-lighthouse" in past
    linked = {pid for a in actions.actions for pid in [*a.programmes, *a.programmes_to_check]}
    assert past & linked == set()


def test_bundled_entries_are_reviewed_within_the_catalogue_review(programmes: ProgrammeCatalogue) -> None:
    assert all(p.reviewed <= programmes.reviewed for p in programmes.programmes)
    assert all(p.year == programmes.cycle for p in programmes.programmes if p.status == "current")


# --- validation: what the loader refuses ---------------------------------------------------------


def test_the_test_entry_is_valid() -> None:
    assert catalogue(programme("a")).programmes[0].id == "a"


@pytest.mark.parametrize(
    "field",
    ["ministry", "agency", "status", "year", "confidence", "reviewed", "sources", "window", "conditions"],
)
def test_an_entry_missing_a_required_field_is_rejected(field: str) -> None:
    entry = programme("a")
    del entry[field]
    with pytest.raises(ValidationError, match=rf"programmes\.0\.{field}\n\s+Field required"):
        catalogue(entry)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"confidence": "confirmed", "sources": [{"url": "https://e.org/p", "date": "2025-10-30", "kind": "press", "title": "t"}]},
         "programme a: confirmed needs an official notice or ministry release for 2026; sources are press/secondary only"),
        ({"confidence": "confirmed", "sources": [{"url": "https://e.org/b", "date": None, "date_note": "blog", "kind": "secondary", "title": "t"}]},
         "confirmed needs an official notice"),
        ({"confidence": "confirmed", "sources": [{"url": "https://e.org/o", "date": "2023-03-01", "kind": "official", "title": "t"}]},
         "confirmed needs an official notice"),  # official, but for another year
        ({"confidence": "confirmed", "sources": [{"url": "https://e.org/o", "date": "2025-11", "kind": "official", "title": "t", "read": False}]},
         "confirmed needs an official notice"),  # official, but not read
        ({"confidence": "reported", "sources": [{"url": "https://e.org/b", "date": 2026, "kind": "secondary", "title": "t"}]},
         "reported needs a press or official source"),
        ({"year": 2023, "sources": [{"url": "https://e.org/p", "date": "2023-01-05", "kind": "press", "title": "t"}]},
         "programme a: status current but year 2023; current programmes carry the cycle's figures \\(2026\\)"),
        ({"status": "unverified"}, "programme a: status unverified needs a status_note"),
        ({"confidence": "unconfirmed", "support": text("최대 3억원", "up to KRW 300 million")}, "support shows an amount"),
        ({"status": "historical", "status_note": text(), "support": text("50% 지원", "50 per cent")}, "support shows an amount"),
        ({"sources": [{"url": "https://e.org/x", "date": None, "kind": "press", "title": "t"}]}, "source https://e.org/x: no date"),
        ({"window": {}}, "window needs opens, closes or a note"),
        ({"window": {"closes": "2026-01-07", "source": "https://e.org/elsewhere"}}, "window source https://e.org/elsewhere is not one of its sources"),
        ({"window": {"note": text(), "source": "https://example.org/notice"}}, "window source names where the dates come from"),
        ({"reviewed": "2026-12-31"}, "reviewed 2026-12-31 after the catalogue's 2026-12-01"),
        ({"history": [{"year": 2026, "text": text(), "source": "https://e.org/h", "kind": "press"}]}, "history for 2026"),
        ({"name": text("스마트제조혁신 바우처", "voucher")}, "no programme called"),
    ],
)  # fmt: skip
def test_an_over_confident_or_inconsistent_entry_is_rejected(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        catalogue(programme("a") | changes)


def test_an_official_source_of_the_autumn_before_counts_for_the_cycle() -> None:
    official = [{"url": "https://e.org/o", "date": "2025-10-30", "kind": "official", "title": "t"}]
    entry = programme("a") | {"confidence": "confirmed", "sources": official}
    assert catalogue(entry).programmes[0].confidence == "confirmed"


def test_duplicate_programme_ids_are_rejected() -> None:
    with pytest.raises(ValidationError, match="duplicate programme id 'a'"):
        catalogue(programme("a"), programme("a"))


def test_eligibility_references_must_exist() -> None:
    with pytest.raises(ValidationError, match="unknown programme 'ghost'"):
        catalogue(programme("a", excludes_programmes=["ghost"]))


@pytest.mark.parametrize(
    ("eligibility", "message"),
    [
        ({"min_level": 3, "max_level": 1}, "min_level 3 is above max_level 1"),
        ({"min_employees": 50, "max_employees": 9}, "min_employees 50 is above max_employees 9"),
        ({"regions": ["Gyeonggi"]}, "unknown region 'Gyeonggi'"),
        ({"regions": ["경기"]}, "unknown region"),
        ({"enterprise": []}, "enterprise list is empty"),
    ],
)
def test_bad_eligibility_is_rejected(eligibility: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        catalogue(programme("a", **eligibility))


def test_a_schema_1_file_is_refused_with_one_line_naming_schema_2(tmp_path: Path) -> None:
    from readiness.errors import QuestionnaireError
    from readiness.files.loading import load_programme_file

    path = tmp_path / "programmes.yaml"
    path.write_text("version: 1\nlast_reviewed: 2026-01-01\nprogrammes: []\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError) as info:
        load_programme_file(path)
    assert len(info.value.problems) == 1 and "schema: 2" in str(info.value)


def test_action_levels_and_ids_are_checked() -> None:
    with pytest.raises(ValidationError, match="min_level 2 is above max_level 1"):
        ActionCatalogue.model_validate({"questionnaire": "q", "actions": [_action("a", min_level=2)]})
    with pytest.raises(ValidationError, match="duplicate action id 'a'"):
        ActionCatalogue.model_validate({"questionnaire": "q", "actions": [_action("a")] * 2})
    with pytest.raises(ValidationError, match="duplicate programme 'x'"):
        ActionCatalogue.model_validate(
            {"questionnaire": "q", "actions": [_action("a", programmes=["x"], programmes_to_check=["x"])]}
        )


def test_check_references_names_each_problem() -> None:
    cat = catalogue(
        programme("top", min_level=4),
        programme("maybe") | {"status": "unverified", "status_note": text()},
        programme("gone") | {"status": "historical", "status_note": text()},
        programme("vendor", audience="supplier"),
    )
    actions = ActionCatalogue.model_validate(
        {
            "questionnaire": "q",
            "actions": [
                _action("a", lifts=[{"question": "made.up", "to": 2}]),
                _action("b", programmes=["ghost", "top"], max_level=7),
                _action("d", programmes=["maybe", "gone", "vendor"], programmes_to_check=["top"]),
                _action("e", programmes_to_check=["gone"]),
            ],
        }
    )
    assert check_references(actions, cat, {"production.results"}, MAX_RANK) == [
        "action a: lifts unknown question 'made.up'",
        "action b: max_level 7 is above the top rank 5",
        "action b: unknown programme 'ghost'",
        "action d: programme maybe is unverified; move it to programmes_to_check",
        "action d: programme gone is historical; drop it",
        "action d: programme vendor is for suppliers, not for the assessed firm",
        "action d: programme top is current; move it to programmes",
        "action d: programme top is for levels 4-5, the action for 0-1",
        "action e: programme gone is historical; drop it",
    ]
