"""Two imports at once, a locked store, a read-only store (issue 14): real processes, real locks."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa

from readiness.errors import EXIT_STORE
from readiness.history.engine import IMPORT_LOCK
from readiness.history.importer import import_files
from readiness.history.store import Store

from .conftest import ROOT
from .history_data import write_firm

pytestmark = pytest.mark.slow


def readiness(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "readiness", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


@contextmanager
def holding_the_lock(db: str) -> Iterator[None]:
    """Hold the store's write lock as an import would (SQLite: BEGIN IMMEDIATE; PostgreSQL: the advisory lock)."""
    if db.startswith("postgresql://"):
        engine = sa.create_engine(db.replace("postgresql://", "postgresql+psycopg://"))
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_advisory_lock(:k)"), {"k": IMPORT_LOCK})
            try:
                yield
            finally:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": IMPORT_LOCK})
        engine.dispose()
        return
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        raw.execute("ROLLBACK")
        raw.close()


def test_two_imports_at_once_one_waits_and_neither_corrupts(store_db: str, tmp_path: Path) -> None:
    import_files([ROOT / "examples" / "demo.yaml"], store_db, jobs=1)  # the store exists
    for k in range(30):
        write_firm(tmp_path / "a", k % 6, k, "2024-05-01")
        write_firm(tmp_path / "b", (k + 1) % 6, 100 + k, "2025-05-01")
    with holding_the_lock(store_db):
        first = readiness("history", "import", str(tmp_path / "a"), "--db", store_db, "-j", "1")
        second = readiness("history", "import", str(tmp_path / "b"), "--db", store_db, "-j", "1")
        time.sleep(4)  # both have scored their files by now and wait for the lock
        assert first.poll() is None and second.poll() is None
    for proc in (first, second):
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "history: 30 added" in err
    with Store(store_db) as store:
        assert store.counts() == {"firms": 61, "assessments": 61, "imports": 3}
    if not store_db.startswith("postgresql://"):
        with sqlite3.connect(store_db) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_a_store_locked_too_long_gives_one_clear_line(store_db: str) -> None:
    import_files([ROOT / "examples" / "demo.yaml"], store_db, jobs=1)
    with holding_the_lock(store_db):
        proc = readiness("history", "import", str(ROOT / "examples"), "--db", store_db, "--wait", "1")
        _, err = proc.communicate(timeout=120)
    assert proc.returncode == EXIT_STORE
    lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "busy with another import (waited 1 s)" in lines[0], err
    assert "Traceback" not in err
    with Store(store_db) as store:
        assert store.counts()["assessments"] == 1


AS_ANOTHER_USER = """
import os, sys
import mmap, readiness.cli, readiness.cli.console, readiness.cli.progress, rich.progress, rich.table
import readiness.history.importer, readiness.history.queries, readiness.history.outputs, readiness.batch.pool
import sqlalchemy.dialects.sqlite, sqlalchemy.dialects.sqlite.pysqlite
import contextlib, io, tempfile
from readiness.cli import app
if os.geteuid() == 0:  # root writes anywhere: become nobody, who may read the store but not write it
    # First the same import as root into a scratch store, so every module the command needs is
    # loaded: after setuid, nobody may not read a venv that lives in a private (0700) folder.
    warm = [*sys.argv[1:-1], os.path.join(tempfile.mkdtemp(), "warm.db")]
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        with contextlib.suppress(SystemExit):
            app(warm, prog_name="readiness", standalone_mode=False)
    os.setgid(65534); os.setuid(65534)
sys.argv = ["readiness", *sys.argv[1:]]
app()
"""


def test_a_read_only_store_gives_one_clear_line() -> None:
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp())  # not under pytest's tmp_path: nobody could not even reach it
    db = base / "ro" / "h.db"
    db.parent.mkdir()
    import_files([ROOT / "examples" / "demo.yaml"], str(db), jobs=1)
    for stale in db.parent.glob("h.db-*"):
        stale.unlink()
    os.chmod(db, 0o444)
    os.chmod(db.parent, 0o555)
    os.chmod(base, 0o755)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(AS_ANOTHER_USER), "history", "import",
             str(ROOT / "examples" / "paper-shop.yaml"), "--db", str(db)],
            capture_output=True, text=True, timeout=120, cwd="/",
        )  # fmt: skip
    finally:
        os.chmod(db.parent, 0o755)
        shutil.rmtree(base)
    assert proc.returncode == EXIT_STORE, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1 and "the history store is read-only here" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


READ_AS_ANOTHER_USER = """
import contextlib, io, os, shutil, sys, tempfile
from readiness.cli import app
if os.geteuid() == 0:  # root reads anywhere: become nobody, who may read the store but not its folder
    # first the same command as root on a copy, so every module it needs is loaded (see above)
    warm = os.path.join(tempfile.mkdtemp(), "warm.db")
    shutil.copy(sys.argv[-1], warm)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        with contextlib.suppress(SystemExit):
            app([*sys.argv[1:-1], warm], prog_name="readiness", standalone_mode=False)
    os.setgid(65534); os.setuid(65534)
sys.argv = ["readiness", *sys.argv[1:]]
app()
"""


def test_a_store_in_a_folder_the_reader_cannot_write_can_still_be_read() -> None:
    import shutil
    import tempfile

    from readiness import api

    base = Path(tempfile.mkdtemp())  # not under pytest's tmp_path: that is private to its owner
    db = base / "ro" / "h.db"
    db.parent.mkdir()
    import_files([ROOT / "examples"], str(db), jobs=1)
    number = api.score_file(ROOT / "examples" / "demo.yaml").company.business_number
    assert number and not list(db.parent.glob("h.db-*"))  # the last import closed: no -wal, no -shm
    os.chmod(db, 0o444)
    os.chmod(db.parent, 0o555)
    os.chmod(base, 0o755)
    try:
        for command, expect in (
            (["history", "show", number, "--lang", "en", "--db"], "Assessment history"),
            (
                ["history", "trend", "--lang", "en", "--format", "json", "--db"],
                '"format": "readiness-trend/1"',
            ),
        ):
            proc = subprocess.run(
                [sys.executable, "-c", textwrap.dedent(READ_AS_ANOTHER_USER), *command, str(db)],
                capture_output=True, text=True, timeout=120, cwd="/",
            )  # fmt: skip
            assert proc.returncode == 0, proc.stderr
            assert expect in proc.stdout and "error:" not in proc.stderr
        assert not list(db.parent.glob("h.db-*"))
    finally:
        os.chmod(db.parent, 0o755)
        shutil.rmtree(base)
