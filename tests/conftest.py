"""Shared fixtures: the test questionnaire, data folders, a CLI runner."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterator
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


# --- the history store (issue 14): the same tests on SQLite and on a real PostgreSQL server -------

POSTGRES_URL_VARIABLE = "READINESS_TEST_POSTGRES_URL"  # .ci/run starts a server and sets it


def _postgres_database(base: str) -> Iterator[str]:
    """A fresh, empty database on the server at `base` for one test; dropped afterwards."""
    import uuid

    import sqlalchemy as sa

    url = sa.engine.make_url("postgresql+psycopg://" + base.split("://", 1)[1])
    name = f"readiness_{uuid.uuid4().hex[:12]}"
    try:
        admin = sa.create_engine(url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
        with admin.connect() as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # unreachable server, missing driver: say why
        pytest.skip(f"PostgreSQL at ${POSTGRES_URL_VARIABLE} is not usable: {type(exc).__name__}: {exc}")
    try:
        yield url.set(database=name).render_as_string(hide_password=False).replace("+psycopg", "")
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A history store that does not exist yet: a SQLite path, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "history.db")
        return
    base = os.environ.get(POSTGRES_URL_VARIABLE)
    if not base:
        pytest.skip(f"no PostgreSQL server: set ${POSTGRES_URL_VARIABLE} (bash .ci/run starts one)")
    yield from _postgres_database(base)
