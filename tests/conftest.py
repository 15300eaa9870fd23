"""Shared fixtures: the test questionnaire, data folders, a CLI runner."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness.files.loading import LoadedQuestionnaire, load_questionnaire_file

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

Write = Callable[[str, str | bytes], Path]
"""The `write` fixture: write text or bytes to a file under tmp_path, return its path."""
Golden = Callable[[str, str], None]
"""The `golden` fixture: compare text with the named file in tests/golden."""


@pytest.fixture(scope="session")
def mini() -> LoadedQuestionnaire:
    return load_questionnaire_file((DATA / "questionnaires" / "mini-1.0.yaml").resolve())


@pytest.fixture
def write(tmp_path: Path) -> Write:
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


GOLDEN = Path(__file__).parent / "golden"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected files in tests/golden/ from the current output",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Golden:
    """Compare text with tests/golden/NAME exactly; `--update-golden` rewrites the file instead."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
            return
        assert path.exists(), f"{path} is missing; run pytest --update-golden and review the diff"
        expected = path.read_text(encoding="utf-8")
        if text != expected:
            diff = difflib.unified_diff(
                expected.splitlines(), text.splitlines(), "expected", "actual", lineterm="", n=2
            )
            shown = "\n".join(list(diff)[:80])
            pytest.fail(f"{name} differs (pytest --update-golden accepts the change):\n{shown}")

    return check
