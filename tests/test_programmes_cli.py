"""`readiness programmes list / show / check` for consultants."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from readiness.cli import app

runner = CliRunner()
EXAMPLE = str(Path(__file__).parent.parent / "examples" / "advanced-autoparts.yaml")


def test_list_filters_on_status_and_has_json() -> None:
    result = runner.invoke(app, ["programmes", "list", "--status", "current"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.strip().splitlines()]
    assert rows and all(r[1] == "current" for r in rows)
    assert "k-lighthouse" not in result.output
    data = json.loads(runner.invoke(app, ["programmes", "list", "--format", "json"]).output)
    assert data["cycle"] == 2026 and any(p["id"] == "k-lighthouse" for p in data["programmes"])
    assert all("to_check" not in p for p in data["programmes"])


def test_show_renders_sources_history_and_claims_to_check() -> None:
    result = runner.invoke(app, ["programmes", "show", "autonomous-factory", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Press report (2025-10)" in result.output and "(press, 2025-10-30)" in result.output
    assert "Unconfirmed claims (never shown in reports)" in result.output
    assert runner.invoke(app, ["programmes", "show", "nope"]).exit_code != 0


def test_check_lists_every_programme_with_its_outcome() -> None:
    result = runner.invoke(app, ["programmes", "check", EXAMPLE, "--date", "2026-12-01", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "above the SME ceiling" in result.output
    assert "excluded\tautonomous-factory" in result.output
    assert "Applications closed on 2026-01-07 (report date 2026-12-01)" in result.output
    assert "not applicable\tk-lighthouse" in result.output
    assert "fits\tmanual-process-automation" not in result.output  # SME only; this firm is over the ceiling
