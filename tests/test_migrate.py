"""`readiness migrate`: every 2026.1 example becomes a valid 2026.2 file that keeps every note."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from readiness import api
from readiness.cli import app
from readiness.files.loading import load_answers
from readiness.files.migrating import migrate_file

ROOT = Path(__file__).parent.parent
OLD_EXAMPLES = sorted((Path(__file__).parent / "data" / "examples-2026.1").glob("*.yaml"))
LEGACY = ROOT / "examples" / "legacy-2026.1-demo.yaml"
runner = CliRunner()


@pytest.mark.parametrize("path", [*OLD_EXAMPLES, LEGACY], ids=lambda p: p.name)
def test_every_2026_1_example_becomes_a_valid_2026_2_file_keeping_every_note(
    path: Any, tmp_path: Path
) -> None:
    out = tmp_path / "new.yaml"
    result = runner.invoke(app, ["migrate", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert api.validate_file(out) == []
    old, _ = load_answers(path)
    new, _ = load_answers(out)
    assert (old.questionnaire.version, new.questionnaire.version) == ("2026.1", "2026.2")
    assert new.company == old.company and new.assessment == old.assessment
    notes = " ".join(a.note or "" for a in new.answers.values())
    evidence = [e for a in new.answers.values() for e in a.evidence]
    for qid, answer in old.answers.items():
        if answer.note:
            assert answer.note in notes, f"note of {qid} lost"
        for item in answer.evidence:
            assert item in evidence, f"evidence of {qid} lost"
        for key in ("claimed", "verified"):
            if getattr(answer, key) is not None:
                assert any(getattr(a, key) is not None for a in new.answers.values())
    assert out.read_text(encoding="utf-8").startswith(path.read_text(encoding="utf-8").split("\n", 1)[0])
    assert "new questions, not answered yet: production.languages, quality.msa, quality.certification" in (
        result.stderr
    )
    api.score_file(out)


def test_a_value_without_equivalent_is_left_unanswered_and_kept_in_the_note(write: Any) -> None:
    text = LEGACY.read_text(encoding="utf-8")
    old = write("old.yaml", text.replace("strategy.ownership: 2", "strategy.ownership: 5"))
    assert "strategy.ownership: 5" in old.read_text(encoding="utf-8")
    done = migrate_file(old)
    answer = done.result.answers.answers["strategy.ownership"]
    assert answer.effective is None and "strategy.ownership: value 5" in (answer.note or "")
    assert "strategy.ownership" in done.result.left_unanswered


def test_a_dropped_question_goes_to_the_note_of_its_heir() -> None:
    done = migrate_file(LEGACY)
    assert "systems.cloud" not in done.result.answers.answers
    assert "[2026.1 systems.cloud (value" in (done.result.answers.answers["systems.core"].note or "")


def test_migrate_refuses_to_overwrite_without_force(write: Any) -> None:
    old = write("old.yaml", LEGACY.read_bytes())
    result = runner.invoke(app, ["migrate", str(old)])
    assert result.exit_code != 0 and "--force" in result.stderr
    assert "2026.1" in old.read_text(encoding="utf-8")
    taken = write("taken.yaml", "x")
    assert runner.invoke(app, ["migrate", str(old), "-o", str(taken)]).exit_code != 0
    assert taken.read_text() == "x"
    assert runner.invoke(app, ["migrate", str(old), "--force"]).exit_code == 0
    assert api.score_file(old).questionnaire.version == "2026.2"


def test_migrating_a_newest_file_is_an_error() -> None:
    result = runner.invoke(app, ["migrate", str(ROOT / "examples" / "demo.yaml"), "-o", "-"])
    assert result.exit_code != 0 and "nothing to migrate" in result.stderr


def test_to_names_the_target_version() -> None:
    result = runner.invoke(app, ["migrate", str(LEGACY), "--to", "2026.2", "-o", "-"])
    assert result.exit_code == 0 and 'version: "2026.2"' in result.stdout
    assert runner.invoke(app, ["migrate", str(LEGACY), "--to", "2099.9", "-o", "-"]).exit_code != 0


def test_the_declared_mapping_fits_both_versions() -> None:
    from readiness.domain.migrate import check_against
    from readiness.files.loading import find_questionnaire

    old = find_questionnaire("kr-smart-factory", "2026.1").questionnaire
    assert check_against(old, find_questionnaire("kr-smart-factory").questionnaire) == []
