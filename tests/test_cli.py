"""The core commands through typer's CliRunner: output streams, exit codes, no tracebacks."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from readiness.cli import app
from readiness.words import Lang, word

from .conftest import DATA, Write

runner = CliRunner()
MINI = str(DATA / "questionnaires" / "mini-1.0.yaml")
FULL = str(DATA / "answers" / "full.yaml")


def test_score_json_has_the_documented_fields() -> None:
    result = runner.invoke(app, ["score", FULL, "--format", "json", "-q", MINI])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"questionnaire", "company", "points", "level", "next_level", "dimensions"}
    assert set(data) >= {"answered", "total", "warnings"}
    assert set(data["questionnaire"]) == {"id", "version", "sha256"}
    assert set(data["level"]) >= {"rank", "id", "name"}
    assert set(data["dimensions"][0]) >= {"id", "score", "points"}
    assert 0 <= data["points"] <= 1000 and data["answered"] == 5 and data["total"] == 6


def test_score_json_is_byte_identical_across_runs() -> None:
    first = runner.invoke(app, ["score", FULL, "-f", "json", "-q", MINI]).stdout
    assert first == runner.invoke(app, ["score", FULL, "-f", "json", "-q", MINI]).stdout


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_score_text_shows_company_level_and_keeps_brackets(lang: str) -> None:
    result = runner.invoke(app, ["score", FULL, "--lang", lang, "-q", MINI])
    assert result.exit_code == 0, result.output
    assert "한빛부품" in result.stdout
    assert ("Level" if lang == "en" else "수준") in result.stdout
    assert "[x]" in result.stdout  # questionnaire text is never read as rich markup


def test_bad_file_is_one_line_per_problem_on_stderr_and_exit_3() -> None:
    result = runner.invoke(app, ["score", str(DATA / "bad" / "out-of-range.yaml"), "-q", MINI])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert "out-of-range.yaml:4: answers.make.results:" in result.stderr
    assert "Traceback" not in result.output


def test_missing_file_is_a_clear_error() -> None:
    result = runner.invoke(app, ["score", "no/such/file.yaml"])
    assert result.exit_code == 3
    assert "no/such/file.yaml: file not found" in result.stderr


def test_validate_reports_every_file_and_exits_3_if_any_is_bad() -> None:
    bad = [str(p) for p in sorted((DATA / "bad").iterdir())]
    result = runner.invoke(app, ["validate", FULL, *bad, "-q", MINI])
    assert result.exit_code == 3
    assert f"ok: {FULL}" in result.stderr
    for path in bad:
        assert path in result.stderr, path
    assert f"{len(bad)} of {len(bad) + 1} file(s) invalid" in result.stderr


def test_validate_ok_exits_0() -> None:
    assert runner.invoke(app, ["validate", FULL, "-q", MINI]).exit_code == 0


def test_unknown_questionnaire_lists_what_is_available() -> None:
    result = runner.invoke(app, ["validate", str(DATA / "bad" / "unknown-questionnaire.yaml")])
    assert result.exit_code == 3
    assert "unknown questionnaire nope 9; available: kr-smart-factory 2026.1" in result.stderr


def test_usage_error_is_exit_2() -> None:
    assert runner.invoke(app, ["score", FULL, "--format", "pdf"]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2


def test_schema_is_json_schema_of_the_answer_file() -> None:
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert schema["title"] == "readiness answer file"
    assert {"questionnaire", "company"} <= set(schema["required"])


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("readiness ")


def test_every_command_has_help() -> None:
    for command in ["score", "validate", "template", "schema", "demo", "questionnaire"]:
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0, command
        assert len(result.stdout) > 100, command


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_score_text_says_plainly_when_no_realistic_lift_exists(lang: Lang, write: Write) -> None:
    blank = write(
        "blank.yaml", 'questionnaire: {id: mini, version: "1.0"}\ncompany: {name: B}\nanswers: {}\n'
    )
    result = runner.invoke(app, ["score", str(blank), "--lang", lang, "-q", MINI])
    assert result.exit_code == 0, result.output
    sentence = word(
        "card.lift_none_gate", lang, level=f"L1 {'Basic' if lang == 'en' else 'Basic (ko)'}", jump=2
    )
    assert "".join(sentence.split()) in "".join(result.stdout.split())
    assert "make.results: " not in result.stdout  # no list of changes after it


HEAVY = ("pydantic", "jinja2", "yaml", "rich", "sqlalchemy", "weasyprint", "xlsxwriter", "openpyxl")


def test_help_starts_without_the_heavy_libraries() -> None:
    """`readiness --help` imports none of the libraries the commands use (its goal: ≤ 100 ms)."""
    import subprocess
    import sys

    probe = (
        "import sys; sys.argv = ['readiness', *sys.argv[1:]]\n"
        "from readiness.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))"
    )
    done = subprocess.run([sys.executable, "-c", probe, "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]", done.stdout[-300:]
