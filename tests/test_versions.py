"""Questionnaire versions side by side: the 2026.2 model keys and what they refuse."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from readiness.domain.migration import Migration, MigrationStep
from readiness.domain.questionnaire import Questionnaire
from readiness.files.loading import available, find_questionnaire
from tests.conftest import Write


def _data(version: str = "2026.2") -> dict[str, Any]:
    path = next(p for _, v, p in available() if v == version)
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_newest_has_a_points_label_and_a_national_match_on_every_level() -> None:
    q = find_questionnaire("kr-smart-factory").questionnaire
    assert q.points_label is not None and "not an official" in q.points_label.en
    terms = [(lv.national_match.term, lv.national_match.certainty) for lv in q.levels if lv.national_match]
    assert [t for t, _ in terms][:4] == ["ICT 미적용", "기초", "중간1", "중간2"] and terms[-1][0] == "고도"
    assert all("고도화" not in lv.name.ko for lv in q.levels)


def test_national_match_on_some_levels_only_is_refused() -> None:
    data = _data()
    del data["levels"][2]["national_match"]
    with pytest.raises(ValidationError, match="not on intermediate-1"):
        Questionnaire.model_validate(data)


def test_the_programme_word_is_never_a_level_name() -> None:
    data = _data()
    data["levels"][4]["name"]["ko"] = "고도화 단계"
    with pytest.raises(ValidationError, match="programme vocabulary"):
        Questionnaire.model_validate(data)


def test_a_programme_is_never_a_high_certainty_match() -> None:
    data = _data()
    data["levels"][4]["national_match"]["certainty"] = "high"
    with pytest.raises(ValidationError, match="cannot be 'high'"):
        Questionnaire.model_validate(data)


def test_published_2026_1_still_loads_without_the_new_keys() -> None:
    q = find_questionnaire("kr-smart-factory", "2026.1").questionnaire
    assert q.points_label is None and q.migrations == [] and q.levels[4].id == "advanced"


def test_a_migration_target_must_be_a_question_of_this_version() -> None:
    data = _data()
    drop = next(s for s in data["migrations"][0]["questions"] if s["kind"] == "drop")
    drop["notes_to"] = "strategy.ghost"
    with pytest.raises(ValidationError, match=r"unknown question 'strategy\.ghost'"):
        Questionnaire.model_validate(data)


def test_a_questionnaire_cannot_migrate_from_itself() -> None:
    data = _data()
    data["migrations"][0]["from"] = "2026.2"
    with pytest.raises(ValidationError, match="its own version"):
        Questionnaire.model_validate(data)


@pytest.mark.parametrize(
    ("step", "message"),
    [
        ({"kind": "rescale", "from": "a.b", "to": ["a.b"], "scale": {0: 0, 1: 1}}, "exactly the old values"),
        ({"kind": "rename", "from": "a.b", "to": ["a.b"]}, "wrong shape for a rename"),
        ({"kind": "split", "from": "a.b", "to": ["a.c"], "scale": dict.fromkeys(range(6), 1)}, "wrong shape"),
        ({"kind": "merge", "from": ["a.b", "a.c"], "to": ["a.d"]}, "needs 'combine'"),
        ({"kind": "drop", "from": "a.b", "to": []}, "needs 'notes_to'"),
        ({"kind": "rename", "from": ["a.b", "a.c"], "to": ["a.d"]}, "only a merge"),
    ],
)
def test_migration_steps_have_the_shape_of_their_kind(step: Any, message: Any) -> None:
    with pytest.raises(ValidationError, match=message):
        MigrationStep.model_validate(step)


def test_an_old_id_is_mapped_once() -> None:
    step = {"kind": "reword", "from": "a.b", "to": ["a.b"]}
    with pytest.raises(ValidationError, match="duplicate old question id"):
        Migration.model_validate({"from": "1", "note": {"ko": "가", "en": "a"}, "questions": [step, step]})


def test_both_loaders_read_the_mapping_the_same() -> None:
    from readiness.files import safeyaml

    path = next(p for _, v, p in available() if v == "2026.2")
    as_text = Questionnaire.model_validate(safeyaml.load(path, 4 * 1024 * 1024).data)
    assert as_text == Questionnaire.model_validate(_data())
    steps = {s.from_[0]: s for s in as_text.migrations[0].questions}
    assert steps["strategy.ownership"].scale == {0: 0, 1: 1, 2: 2, 3: 3, 4: 4, 5: None}


# --- both versions through the CLI --------------------------------------------------------------


def _legacy_file(write: Write) -> str:
    from readiness import api

    text = api.template(lang="en", version="2026.1").replace('name: ""', 'name: "Hanbit"')
    return str(write("old.yaml", text.replace("production.results:\n", "production.results: 3\n")))


def test_questionnaire_list_shows_both_versions() -> None:
    from typer.testing import CliRunner

    from readiness.cli import app

    out = CliRunner().invoke(app, ["questionnaire", "list"]).stdout
    assert "kr-smart-factory@2026.1" in out and "superseded by 2026.2" in out
    assert "kr-smart-factory@2026.2" in out and "newest" in out


@pytest.mark.parametrize(
    ("spec", "version"), [("kr-smart-factory@2026.1", "2026.1"), ("kr-smart-factory", "2026.2")]
)
def test_questionnaire_show_takes_id_at_version(spec: str, version: str) -> None:
    from typer.testing import CliRunner

    from readiness.cli import app

    out = CliRunner().invoke(app, ["questionnaire", "show", spec, "-f", "json"]).stdout
    assert f'"version": "{version}"' in out


def test_template_uses_the_newest_version_unless_told() -> None:
    from readiness import api

    assert 'version: "2026.2"' in api.template() or "version: 2026.2" in api.template()
    assert "2026.1" in api.template(version="2026.1").split("answers:")[0]


def test_an_old_file_scores_under_its_own_version_and_says_a_newer_one_exists(write: Write) -> None:
    from typer.testing import CliRunner

    from readiness import api
    from readiness.cli import app

    path = _legacy_file(write)
    card = api.score_file(path)
    assert card.questionnaire.version == "2026.1"
    assert card.questionnaire.sha256 == find_questionnaire("kr-smart-factory", "2026.1").sha256
    result = CliRunner().invoke(app, ["score", path, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "A newer version, 2026.2, exists" in result.stderr and f"readiness migrate {path}" in result.stderr
    assert "this tool's index, not an official score" in result.stdout
    report, _ = api.report_file(path, "md", "en")
    assert b"A newer version, 2026.2, exists" in report and b"readiness migrate" in report


def test_a_newest_file_gets_no_migration_notice(write: Write) -> None:
    from readiness import api

    text = api.template(lang="en").replace('name: ""', 'name: "Hanbit"')
    report, card = api.report_file(write("new.yaml", text), "md", "en")
    assert card.questionnaire.version == "2026.2" and b"readiness migrate" not in report
    assert b"this tool's index, not an official score" in report
