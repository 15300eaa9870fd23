"""Shared fixtures: the test questionnaire, data folders, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.loading import LoadedQuestionnaire, load_questionnaire_file

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="session")
def mini() -> LoadedQuestionnaire:
    return load_questionnaire_file((DATA / "questionnaires" / "mini-1.0.yaml").resolve())


@pytest.fixture
def write(tmp_path: Path):
    """Write text (or bytes) to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
