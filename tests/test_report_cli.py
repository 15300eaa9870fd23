"""`readiness report` and `readiness demo` through typer's CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from readiness.cli import app
from readiness.files.loading import LoadedQuestionnaire
from readiness.report.formats import ReportFormat
from readiness.resources import bundled

from .conftest import DATA

runner = CliRunner()
MINI = str(DATA / "questionnaires" / "mini-1.0.yaml")
FULL = str(DATA / "answers" / "full.yaml")
DEMO = str(bundled("examples") / "demo.yaml")


def test_cli_format_choices_are_the_report_formats() -> None:
    result = runner.invoke(app, ["report", DEMO, "--format", "docx"])
    assert result.exit_code == 2
    for fmt in ReportFormat:
        assert f"'{fmt.value}'" in result.output


def test_every_report_format_has_a_renderer_that_returns_bytes(mini: LoadedQuestionnaire) -> None:
    from readiness.report.render import renderer

    for fmt in ReportFormat:
        assert callable(renderer(fmt))  # assert_never raises for a member without one


def test_html_to_stdout_by_default_with_a_one_line_summary_on_stderr() -> None:
    result = runner.invoke(app, ["report", DEMO])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("<!DOCTYPE html>") and "한빛오토텍" in result.stdout
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("한빛오토텍: L1 ") and "/1000 points" in result.stderr


def test_output_file_and_markdown_in_english(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["report", DEMO, "-f", "md", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"-> {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Smart-factory readiness self-assessment report: 한빛오토텍")
    assert "## 4. Upgrade roadmap" in text


def test_target_by_id_or_rank_gives_the_long_road() -> None:
    by_id = runner.invoke(app, ["report", DEMO, "-f", "json", "--target", "ai-factory"])
    by_rank = runner.invoke(app, ["report", DEMO, "-f", "json", "--target", "L5"])
    assert by_id.exit_code == 0, by_id.output
    assert by_id.stdout == by_rank.stdout
    assert '"id": "ai-factory"' in by_id.stdout


def test_unknown_target_is_a_usage_error_listing_the_levels() -> None:
    result = runner.invoke(app, ["report", FULL, "-q", MINI, "--target", "L9"])
    assert result.exit_code == 2
    assert "unknown target level 'L9'; choose one of L0/none, L1/basic, L2/middle, L3/top" in result.stderr


def test_previous_assessment_shows_progress() -> None:
    previous = str(DATA / "answers" / "full-previous.yaml")
    result = runner.invoke(app, ["report", FULL, "-q", MINI, "-f", "md", "--previous", previous])
    assert result.exit_code == 0, result.output
    assert (
        "## 7. 이전 진단 대비 변화" in result.stdout and "L0 None (ko) → **L1 Basic (ko)**" in result.stdout
    )


def test_bad_answer_file_is_exit_3_without_a_report() -> None:
    result = runner.invoke(app, ["report", str(DATA / "bad" / "out-of-range.yaml"), "-q", MINI])
    assert result.exit_code == 3 and result.stdout == ""
    assert "out-of-range.yaml:4: answers.make.results:" in result.stderr


def test_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", FULL, "-q", MINI, "-o", str(tmp_path / "no" / "dir" / "r.html")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.output


def test_bad_format_is_exit_2() -> None:
    assert runner.invoke(app, ["report", FULL, "--format", "docx"]).exit_code == 2


def test_demo_writes_the_html_report_and_says_where(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    report = tmp_path / "readiness-demo.html"
    assert report.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert str(report.resolve()) in result.stderr


def test_demo_output_option(tmp_path: Path) -> None:
    out = tmp_path / "demo-en.html"
    result = runner.invoke(app, ["demo", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert '<html lang="en">' in out.read_text(encoding="utf-8")
