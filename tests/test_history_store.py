"""The history store (issue 14): what an import records, duplicates and replacements, one transaction
per import, the schema version. Every test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from readiness import api
from readiness.cli import app
from readiness.errors import EXIT_BATCH_INVALID, EXIT_STORE, EXIT_USAGE, StoreError
from readiness.files.loading import load_answers
from readiness.history import schema
from readiness.history.importer import import_files
from readiness.history.store import Store

from .conftest import ROOT
from .history_data import number, write_firm

runner = CliRunner()
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def counts(db: str) -> dict[str, int]:
    with Store(db) as store:
        return store.counts()


def test_batch_with_history_twice_adds_each_example_once(store_db: str, tmp_path: Path) -> None:
    first = runner.invoke(
        app, ["batch", str(ROOT / "examples"), "-o", str(tmp_path / "out"), "--history", store_db]
    )
    assert first.exit_code == 0, first.output
    assert "history: 8 added, 0 replaced, 0 already stored" in first.output
    second = runner.invoke(
        app, ["batch", str(ROOT / "examples"), "-o", str(tmp_path / "out"), "--history", store_db]
    )
    assert second.exit_code == 0, second.output
    assert "history: 0 added, 0 replaced, 8 already stored" in second.output
    assert counts(store_db) == {"firms": 8, "assessments": 8, "imports": 2}


def test_an_import_records_everything_about_each_assessment(store_db: str) -> None:
    done = import_files([ROOT / "examples"], store_db, jobs=1)
    assert done.complete and done.result.added == len(EXAMPLES)
    engine = sa.create_engine(Store(store_db).opened.engine.url)
    with engine.connect() as conn:
        rows = {r.source_path: r for r in conn.execute(sa.select(schema.assessment))}
        numbers = dict(conn.execute(sa.select(schema.firm.c.id, schema.firm.c.business_number)).all())
        runs = conn.execute(sa.select(schema.import_run)).all()
        members = conn.execute(sa.select(schema.programme)).all()
        texts = dict(conn.execute(sa.select(schema.answers.c.assessment_id, schema.answers.c.answers)).all())
    engine.dispose()
    assert len(runs) == 1 and runs[0].command == "history import" and runs[0].added == len(EXAMPLES)
    for path in EXAMPLES:
        row = rows[str(path.resolve())]
        card = api.score_file(path)
        answers, _ = load_answers(path)
        assert numbers[row.firm_id] == card.company.business_number
        assert row.company_name == card.company.name
        assert row.assessed_on == card.assessment.date and row.mode == card.assessment.mode
        assert (row.questionnaire_id, row.questionnaire_version, row.questionnaire_sha256) == (
            card.questionnaire.id,
            card.questionnaire.version,
            card.questionnaire.sha256,
        )
        assert (row.level_rank, row.level_id, row.points) == (card.level.rank, card.level.id, card.points)
        assert json.loads(row.dimensions) == {d.id: d.score for d in card.dimensions}
        assert row.source_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert row.run_id == runs[0].id
        assert json.loads(row.programmes) == answers.company.programmes
        stored = json.loads(texts[row.id])
        assert set(stored) == set(answers.answers)
        for qid, answer in answers.answers.items():
            value = stored[qid]
            if isinstance(value, int):
                assert answer.value == value and answer.note is None
            else:
                assert value.get("note") == answer.note and value.get("value") == answer.value
        assert sorted(p for a, p in members if a == row.id) == sorted(answers.company.programmes)


def test_a_newer_file_for_the_same_firm_and_date_replaces_the_older_and_says_so(
    store_db: str, tmp_path: Path
) -> None:
    old = write_firm(tmp_path / "a", 1, 1, "2025-06-01")
    os.utime(old, (1_700_000_000, 1_700_000_000))
    assert runner.invoke(app, ["history", "import", str(old), "--db", store_db]).exit_code == 0
    new = write_firm(tmp_path / "b", 3, 1, "2025-06-01")  # same firm and date, now at L3
    os.utime(new, (1_700_000_100, 1_700_000_100))
    result = runner.invoke(app, ["history", "import", str(new), "--db", store_db])
    assert result.exit_code == 0, result.output
    assert "replaced (a newer file for the same firm and date)" in result.output
    assert number(1) in result.output and "1 replaced" in result.output
    with Store(store_db) as store:
        (only,) = store.firm(number(1))
    assert only.level_rank == 3 and only.source_path == str(new.resolve())
    # the older file again: the stored, newer one stays, and the output says so
    again = runner.invoke(app, ["history", "import", str(old), "--db", store_db])
    assert again.exit_code == EXIT_BATCH_INVALID
    assert "kept the stored file (it is newer than the one given)" in again.output
    with Store(store_db) as store:
        assert [a.level_rank for a in store.firm(number(1))] == [3]
    assert counts(store_db)["assessments"] == 1


def test_within_one_import_the_newest_file_of_a_firm_and_date_wins(store_db: str, tmp_path: Path) -> None:
    for k, (level, mtime) in enumerate([(2, 1_700_000_300), (4, 1_700_000_900), (1, 1_700_000_100)]):
        path = write_firm(tmp_path / f"copy{k}", level, 5, "2025-01-10")
        os.utime(path, (mtime, mtime))
    done = import_files([tmp_path], store_db, jobs=1)
    assert done.result.added == 1 and len(done.result.replaced) == 1 and len(done.result.kept) == 1
    with Store(store_db) as store:
        assert [a.level_rank for a in store.firm(number(5))] == [4]


def test_files_without_a_business_number_or_date_are_not_recorded_and_named(
    store_db: str, tmp_path: Path
) -> None:
    text = write_firm(tmp_path, 2, 8, "2025-01-10").read_text(encoding="utf-8")
    (tmp_path / "firm-00008-2025-01-10.yaml").unlink()
    (tmp_path / "nonumber.yaml").write_text(
        text.replace(f'business_number: "{number(8)}"', "business_number: null"), encoding="utf-8"
    )
    (tmp_path / "nodate.yaml").write_text(text.replace("date: 2025-01-10", "date: null"), encoding="utf-8")
    result = runner.invoke(app, ["history", "import", str(tmp_path), "--db", store_db])
    assert result.exit_code == EXIT_BATCH_INVALID
    assert "nonumber.yaml: no company.business_number" in result.output
    assert "nodate.yaml: no assessment.date" in result.output
    assert counts(store_db)["assessments"] == 0


def test_an_import_is_one_transaction(store_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for k in range(5):
        write_firm(tmp_path / "in", k % 6, k, "2024-03-01")
    import_files([tmp_path / "in"], store_db, jobs=1)
    for k in range(5, 12):
        write_firm(tmp_path / "more", k % 6, k, "2024-03-01")
    from readiness.history import store as store_module

    monkeypatch.setattr(store_module, "CHUNK", 2)
    original = Store._chunk
    calls = []

    def failing(self: Store, *args: object) -> None:
        calls.append(1)
        if len(calls) == 3:  # two chunks are written, then the import fails
            raise OSError("disk gone")
        original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(Store, "_chunk", failing)
    with pytest.raises(OSError):
        import_files([tmp_path / "more"], store_db, jobs=1)
    assert counts(store_db) == {"firms": 5, "assessments": 5, "imports": 1}


KILLED = """
import sys, time
from readiness.history import store as store_module
from readiness.history.importer import import_files

store_module.CHUNK = 1
original = store_module.Store._chunk
def slow(self, *args):
    original(self, *args)
    print("chunk", flush=True)
    time.sleep(60)
store_module.Store._chunk = slow
import_files([sys.argv[1]], sys.argv[2], jobs=1)
"""


@pytest.mark.slow
def test_a_killed_import_leaves_nothing_half_imported(store_db: str, tmp_path: Path) -> None:
    for k in range(3):
        write_firm(tmp_path / "in", k, k, "2024-03-01")
    with subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(KILLED), str(tmp_path / "in"), store_db],
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "chunk"  # one assessment written, uncommitted
        proc.kill()
    # the store exists (the import created it) but holds nothing
    with Store(store_db) as store, pytest.raises(StoreError, match="holds no history yet"):
        store.counts()
    done = import_files([tmp_path / "in"], store_db, jobs=1)  # and is fine to import into
    assert done.result.added == 3


def test_a_new_sqlite_store_and_its_side_files_are_readable_by_their_owner_only(tmp_path: Path) -> None:
    import contextlib
    import sqlite3

    db = tmp_path / "h.db"
    old = os.umask(0o022)  # what a new file would get otherwise: readable by everyone
    try:
        import_files([ROOT / "examples" / "demo.yaml"], str(db), jobs=1)
        # a reader keeps the -wal and -shm files in place while a second import writes
        with contextlib.closing(sqlite3.connect(db)) as reader:
            assert reader.execute("SELECT count(*) FROM assessment").fetchone() == (1,)
            import_files([ROOT / "examples" / "paper-shop.yaml"], str(db), jobs=1)
            sides = sorted(tmp_path.glob("h.db-*"))
            assert [p.name for p in sides] == ["h.db-shm", "h.db-wal"]
            for path in [db, *sides]:
                assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        os.umask(old)


def test_the_schema_has_a_version_and_later_versions_migrate(
    store_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_files([ROOT / "examples" / "demo.yaml"], store_db, jobs=1)
    with Store(store_db) as store, store.opened.engine.connect() as conn:
        assert schema.stored_version(conn) == schema.SCHEMA_VERSION == 1
    ran = []

    def step_two(conn: sa.Connection) -> None:
        ran.append(1)
        conn.execute(sa.text("CREATE INDEX assessment_by_points ON assessment (points)"))

    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(schema.MIGRATIONS, 2, step_two)
    with Store(store_db) as store, pytest.raises(StoreError, match="run `readiness history import` once"):
        store.counts()
    import_files([ROOT / "examples" / "paper-shop.yaml"], store_db, jobs=1)
    assert ran == [1]
    assert counts(store_db)["assessments"] == 2
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)  # an older readiness meets the upgraded store
    result = runner.invoke(app, ["history", "import", str(ROOT / "examples" / "demo.yaml"), "--db", store_db])
    assert result.exit_code == EXIT_STORE
    assert "newer than this readiness knows" in result.output and "Traceback" not in result.output


def test_a_database_that_is_not_a_store_is_refused(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    result = runner.invoke(app, ["history", "import", str(ROOT / "examples"), "--db", str(other)])
    assert result.exit_code == EXIT_STORE
    assert result.output.count("error:") == 1 and "not a readiness history store" in result.output
    (tmp_path / "junk.db").write_bytes(b"this is not sqlite at all" * 100)
    result = runner.invoke(
        app, ["history", "import", str(ROOT / "examples"), "--db", str(tmp_path / "junk.db")]
    )
    assert result.exit_code == EXIT_STORE and "Traceback" not in result.output
    shutil.rmtree(tmp_path)


def test_the_store_is_kept_out_of_published_outputs(tmp_path: Path) -> None:
    out = tmp_path / "published"
    inside = out / "private" / "h.db"
    result = runner.invoke(app, ["batch", str(ROOT / "examples"), "-o", str(out), "--history", str(inside)])
    assert result.exit_code == EXIT_USAGE, result.output
    assert "keep it out of the output folder" in result.output and result.output.count("error:") == 1
    assert not inside.exists() and not out.exists()  # refused before anything was written
    db = tmp_path / "h.db"
    import_files([ROOT / "examples" / "demo.yaml"], str(db), jobs=1)
    before = db.read_bytes()
    for target in (db, tmp_path / "h.db-wal"):
        result = runner.invoke(
            app, ["history", "trend", "--db", str(db), "-o", str(target), "--force", "--format", "json"]
        )
        assert result.exit_code == EXIT_USAGE and "that is the history store" in result.output
    assert db.read_bytes() == before
    beside = runner.invoke(app, ["batch", str(ROOT / "examples"), "-o", str(out), "--history", str(db)])
    assert beside.exit_code == 0, beside.output
