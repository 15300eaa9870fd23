"""Contract tests on what ships: every bundled questionnaire loads and behaves."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from readiness import api
from readiness.domain.answers import AnswerFile
from readiness.domain.scoring import score
from readiness.files.loading import available, find_questionnaire, load_answers, load_questionnaire_file
from readiness.words import Lang

from .conftest import Write

# Published files never change: fix content in a new version. A new questionnaire file must be added
# here when it is published; editing a published one in place fails this test.
PUBLISHED = {
    "kr-smart-factory-2026.1.yaml": "074f922acc48ad5036cef20dc19d5e89330f0c5bdd99b46c1477447467e2d927",
    "kr-smart-factory-2026.2.yaml": "6ad7e7a9ca96649c78cb3533b8f159ae08061da8b12ef12b3a87ce3a7e96c42b",
    # action catalogues are not pinned: their programme links follow each year's notice
}
# rank 4 was "advanced" (labelled 고도화) in 2026.1; 2026.2 calls it the AI-applied smart factory
LEVEL_IDS = {
    "2026.1": ["not-yet-smart", "basic", "intermediate-1", "intermediate-2", "advanced", "ai-factory"],
    "2026.2": ["not-yet-smart", "basic", "intermediate-1", "intermediate-2", "ai-applied", "ai-factory"],
}


def test_the_flagship_questionnaire_is_bundled_in_both_versions() -> None:
    assert [(i, v) for i, v, _ in available()] == [
        ("kr-smart-factory", "2026.1"),
        ("kr-smart-factory", "2026.2"),
    ]
    assert find_questionnaire("kr-smart-factory").questionnaire.version == "2026.2"


def test_published_files_are_unchanged_byte_for_byte() -> None:
    import hashlib

    from readiness.files.loading import questionnaire_dir

    folder = questionnaire_dir()
    shipped = {path.name for _, _, path in available()}
    assert shipped == {name for name in PUBLISHED if "/" not in name}, "pin every published questionnaire"
    for name, digest in PUBLISHED.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, f"{name} was edited"


@pytest.mark.parametrize("path", [p for _, _, p in available()], ids=lambda p: p.name)
def test_bundled_questionnaire_loads_and_meets_the_brief(path: Path) -> None:
    q = load_questionnaire_file(path).questionnaire
    assert len(q.dimensions) >= 10 and len(q.questions) >= 36
    assert [lv.id for lv in q.levels] == LEVEL_IDS[q.version]
    assert all(len(x.options) == 6 for x in q.questions)
    assert len({o.en for x in q.questions for o in x.options}) == 6 * len(q.questions), "options repeat"
    assert q.plausibility and all(lv.gates for lv in q.levels[1:])
    assert "수준확인" in q.disclaimer.ko and "not an official" in q.disclaimer.en
    assert path.name == f"{q.id}-{q.version}.yaml"


def uniform(value: int) -> AnswerFile:
    q = find_questionnaire("kr-smart-factory").questionnaire
    return AnswerFile.model_validate(
        {
            "questionnaire": {"id": q.id, "version": q.version},
            "company": {"name": "x"},
            "answers": {x.id: value for x in q.questions},
        }
    )


def test_bundled_extremes() -> None:
    loaded = find_questionnaire("kr-smart-factory")
    low = score(loaded.questionnaire, uniform(0), loaded.sha256)
    high = score(loaded.questionnaire, uniform(5), loaded.sha256)
    assert (low.points, low.level.id) == (0, "not-yet-smart")
    assert (high.points, high.level.id) == (1000, "ai-factory")


def test_ai_factory_is_gated_on_ai_in_production() -> None:
    """A plant at 5 everywhere except AI in production cannot be an AI factory."""
    loaded = find_questionnaire("kr-smart-factory")
    answers = uniform(5).model_copy(
        update={
            "answers": {**uniform(5).answers, "data.ai_production": uniform(3).answers["data.ai_production"]}
        }
    )
    card = score(loaded.questionnaire, answers, loaded.sha256)
    assert card.points > 840 and card.level.id == "ai-applied"
    assert card.next_level is not None
    assert [c.question for g in card.next_level.blockers for c in g.alternatives] == ["data.ai_production"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_template_is_a_valid_answer_file_once_the_name_is_filled_in(write: Write, lang: Lang) -> None:
    text = api.template(lang=lang)
    assert text.count("#   0 = ") == len(find_questionnaire("kr-smart-factory").questionnaire.questions)
    blank = write("blank.yaml", text)
    assert [p.field for p in api.validate_file(blank)] == ["company.name"]
    filled = write(
        "filled.yaml",
        text.replace('name: ""', 'name: "한빛정밀"').replace(
            "production.results:\n", "production.results: 3\n"
        ),
    )
    assert api.validate_file(filled) == []
    assert api.score_file(filled).answered == 1


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_template_lists_every_company_field_and_the_date_with_an_example(write: Write, lang: Lang) -> None:
    """Issue 16: a person filling the template by hand finds every field; uncommented, each example holds."""
    text = api.template(lang=lang)
    keys = ["business_number", "sector", "employees", "annual_revenue_krw", "region", "programmes", "date"]
    for key in keys:
        assert re.search(rf"^  # {key}: \S.*# \S", text, re.MULTILINE), key
    assert "programmes_asked: False" not in text  # the default is not written out
    uncommented = re.sub(r"^  # (\w+: [^#\n]*?) +# .*$", r"  \1", text, flags=re.MULTILINE)
    filled = write("filled.yaml", uncommented.replace('name: ""', 'name: "한빛정밀"'))
    assert api.validate_file(filled) == []
    af, _ = load_answers(filled)
    company = af.company
    assert (company.business_number, company.sector, company.employees) == ("123-45-67890", "C30", 48)
    assert (company.annual_revenue_krw, company.region) == (12_000_000_000, "경기도")
    assert (company.programmes, company.programmes_asked) == (["smart-factory-general"], True)
    assert af.assessment.date == dt.date(2026, 11, 20)


EXAMPLES = {
    "paper-shop.yaml": "not-yet-smart",
    "demo.yaml": "basic",
    "basic-plastics.yaml": "basic",
    "intermediate1-electronics.yaml": "intermediate-1",
    "intermediate2-machinery.yaml": "intermediate-2",
    "advanced-autoparts.yaml": "ai-applied",
    "legacy-2026.1-demo.yaml": "basic",
    "ai-factory.yaml": "ai-factory",
}


def test_examples_spread_across_the_whole_ladder() -> None:
    from readiness.resources import bundled

    found = sorted(p.name for p in bundled("examples").glob("*.yaml"))
    assert found == sorted(EXAMPLES)
    levels = {name: api.score_file(bundled("examples") / name).level.id for name in found}
    assert levels == EXAMPLES
    modes = {api.score_file(bundled("examples") / name).assessment.mode for name in found}
    assert modes == {"self", "audit"}


def test_examples_use_the_newest_version_but_one_shows_migration() -> None:
    from readiness.resources import bundled

    versions = {p.name: api.score_file(p).questionnaire.version for p in bundled("examples").glob("*.yaml")}
    assert [name for name, v in versions.items() if v == "2026.1"] == ["legacy-2026.1-demo.yaml"]
    assert set(versions.values()) == {"2026.1", "2026.2"}


def test_example_business_numbers_are_visibly_fictional_and_validate_warns() -> None:
    from typer.testing import CliRunner

    from readiness.cli import app
    from readiness.domain.normalise import business_number_checks
    from readiness.resources import bundled

    for path in sorted(bundled("examples").glob("*.yaml")):
        card = api.score_file(path)
        assert card.company.business_number is not None
        assert not business_number_checks(card.company.business_number), path.name
        assert "fictional" in path.read_text(encoding="utf-8"), path.name
        result = CliRunner().invoke(app, ["validate", str(path)])
        assert result.exit_code == 0 and "warning:" in result.stderr and "check digit" in result.stderr


@pytest.mark.parametrize(
    ("number", "valid"),
    [("220-81-62517", True), ("124-81-53817", True), ("124-81-53818", False), ("000-00-10004", False)],
)
def test_business_number_check_digit(number: Any, valid: Any) -> None:
    from readiness.domain.normalise import business_number_checks

    assert business_number_checks(number) is valid
