"""Opening the history store: a SQLite file (the default) or a PostgreSQL server, and its errors.

SQLite: WAL (readers never block the importer), foreign keys on, a busy timeout so that a second
import waits for the first, and writers start with BEGIN IMMEDIATE: taking the write lock at the
start is what makes the second importer wait instead of failing half-way when it first writes.
A new store file is created readable and writable by its owner only (0600) before SQLite opens
it; SQLite gives its -wal and -shm files the same permissions.

PostgreSQL (`postgresql://...`, the `readiness[postgres]` extra for the psycopg driver): writers
take a transaction-level advisory lock, so imports queue the same way.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.pool import NullPool

from readiness.errors import StoreError, UsageError, printable

POSTGRES_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
IMPORT_LOCK = 0x7265616479  # the advisory lock key that serialises imports on PostgreSQL ("ready")
DEFAULT_WAIT = 30.0  # seconds a second import waits for the first


@dataclass(frozen=True)
class Opened:
    """An engine on the store, what to call it in messages, and whether it is PostgreSQL."""

    engine: sa.Engine
    label: str
    postgres: bool
    wait: float


def is_postgres(db: str) -> bool:
    """Whether `db` names a PostgreSQL server rather than a SQLite file."""
    return db.startswith(POSTGRES_SCHEMES)


def keep_private(db: str, output: Path, *, folder: bool) -> None:
    """UsageError when a published output would hold the store (a SQLite file) or overwrite it:
    the store holds names and business numbers. `output` is a folder (batch -o) or a file."""
    if is_postgres(db):
        return
    store = Path(os.path.realpath(db))
    target = Path(os.path.realpath(output))
    if folder and target in store.parents:
        raise UsageError(
            f"{printable(db)}: the history store holds names and business numbers; keep it out of"
            f" the output folder {printable(str(output))}, which is meant to be shared"
        )
    if not folder and target.parent == store.parent and target.name.startswith(store.name):
        raise UsageError(
            f"{printable(str(output))}: that is the history store (or its journal), not an output"
        )


def open_store(db: str, *, write: bool, wait: float = DEFAULT_WAIT) -> Opened:
    """An engine on the store `db` (a file path or a postgresql:// URL); StoreError if it cannot be."""
    if is_postgres(db):
        return _postgres(db, write, wait)
    return _sqlite(Path(db), write, wait)


def _sqlite(path: Path, write: bool, wait: float) -> Opened:
    label = printable(str(path))
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if not write:
            raise StoreError(
                f"{label}: no history store here (create one with `readiness history import`)"
            ) from None
        mode = None
    except OSError as exc:
        raise StoreError(f"{label}: cannot open the history store ({exc.strerror})") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise StoreError(f"{label}: not a file; the history store is a SQLite file")
    if (
        write
        and mode is not None
        and not (os.access(path, os.W_OK) and os.access(path.parent or ".", os.W_OK))
    ):
        raise StoreError(f"{label}: {_reason(PermissionError('read-only'))}")
    if mode is None:
        try:  # owner-only from the first byte: the store holds names and business numbers
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(f"{label}: cannot create the history store ({exc.strerror})") from None
    url = sa.engine.URL.create("sqlite", database=str(path))
    if not write and _frozen(path):
        # A reader may not create the WAL index (-shm) in a folder it cannot write, and SQLite
        # then refuses even to read. No -wal file means no import is writing: read the file as
        # it stands (immutable), as a colleague given read access to the store expects.
        url = sa.engine.URL.create(
            "sqlite",
            database="file:" + urllib.parse.quote(str(path.resolve())),
            query={"mode": "ro", "immutable": "1", "uri": "true"},
        )
    engine = sa.create_engine(url, poolclass=NullPool)
    timeout_ms = int(wait * 1000)

    @event.listens_for(engine, "connect")
    def _connect(dbapi: Any, record: Any) -> None:
        dbapi.isolation_level = None  # transactions are begun below, not by the driver
        cursor = dbapi.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if write:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(
                "PRAGMA synchronous = NORMAL"
            )  # WAL: a crash loses no committed import's integrity
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return Opened(engine, label, postgres=False, wait=wait)


def _frozen(path: Path) -> bool:
    """Whether the store is one this process can only read and that no import is writing now."""
    side = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    return not os.access(path.parent or ".", os.W_OK) and not any(p.exists() for p in side)


def _postgres(db: str, write: bool, wait: float) -> Opened:
    url = sa.engine.make_url("postgresql+psycopg://" + db.split("://", 1)[1])
    label = printable(
        url.render_as_string(hide_password=True).replace("postgresql+psycopg://", "postgresql://")
    )
    try:
        engine = sa.create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 10})
    except ModuleNotFoundError:
        raise StoreError(
            f"{label}: PostgreSQL needs the psycopg driver: pip install 'readiness[postgres]'"
        ) from None
    return Opened(engine, label, postgres=True, wait=wait)


def take_import_lock(opened: Opened, conn: sa.Connection) -> None:
    """The write lock of an import (SQLite has it from BEGIN IMMEDIATE)."""
    if opened.postgres:
        conn.execute(sa.text(f"SET LOCAL lock_timeout = '{int(opened.wait * 1000)}ms'"))
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK})


def _reason(exc: BaseException) -> str:
    """What went wrong, from the driver's error, in words for the error line."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "locked" in text or "lock timeout" in text or "canceling statement due to lock" in text:
        return "the history store is busy with another import (waited {wait:g} s); try again when it has finished"
    if "readonly" in text or "read-only" in text or "read only" in text:
        return "the history store is read-only here; ask its owner, or import into a copy you can write"
    if "not a database" in text or "malformed" in text:
        return "this file is not a readiness history store (or it is damaged)"
    if "unable to open" in text:
        return "cannot open the history store (check the folder exists and you may read and write it)"
    if "disk" in text and "full" in text:
        return "the disk is full; nothing of this import was stored"
    if "password" in text or "authentication" in text:
        return "the PostgreSQL server refused the login (check the user and password in the URL)"
    if "connect" in text or "connection" in text or "server" in text:
        return "cannot reach the PostgreSQL server (is it running, and is the URL right?)"
    if "does not exist" in text and "database" in text:
        return "the PostgreSQL database named in the URL does not exist"
    return "the history store failed: " + type(getattr(exc, "orig", exc)).__name__


@contextlib.contextmanager
def store_errors(opened: Opened) -> Iterator[None]:
    """Turn the driver's errors into one StoreError line; the transaction has been rolled back."""
    try:
        yield
    except StoreError:
        raise
    except (sa.exc.OperationalError, sa.exc.DatabaseError, sa.exc.InterfaceError, sqlite3.Error) as exc:
        raise StoreError(f"{opened.label}: {_reason(exc).format(wait=opened.wait)}") from None
    except PermissionError as exc:
        raise StoreError(f"{opened.label}: cannot use the history store ({exc.strerror})") from None
