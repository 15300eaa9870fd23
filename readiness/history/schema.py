"""The history store's tables (SQLAlchemy Core), its schema version and the migrations between versions.

One set of tables for SQLite and PostgreSQL: only types both engines have (integers, text, a
real, dates), ids assigned by the importer (which holds the store's write lock), so inserts need
no RETURNING and batch well on both. Dimension scores and answers are JSON text columns: the
trend reads them for every firm at once, and one row per assessment is what keeps that fast.

Schema changes in a later release: raise SCHEMA_VERSION and add a step to MIGRATIONS that takes
a store from the version before; `upgrade` runs the missing steps inside the importer's
transaction. A new store is created from the tables below and stamped with SCHEMA_VERSION.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from readiness.errors import StoreError

SCHEMA_VERSION = 1
STORE_KIND = "readiness-history"

metadata = sa.MetaData()

store_info = sa.Table(
    "readiness_store",
    metadata,
    sa.Column("kind", sa.String(40), primary_key=True),  # always STORE_KIND: what this database is
    sa.Column("schema_version", sa.Integer, nullable=False),
)

import_run = sa.Table(
    "import_run",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("started_at", sa.String(32), nullable=False),  # ISO 8601, UTC
    sa.Column("command", sa.String(40), nullable=False),  # "history import" / "batch"
    sa.Column("tool_version", sa.String(40), nullable=False),
    sa.Column("inputs", sa.Text, nullable=False),  # JSON list of the paths given
    sa.Column("added", sa.Integer, nullable=False, default=0),
    sa.Column("replaced", sa.Integer, nullable=False, default=0),
    sa.Column("unchanged", sa.Integer, nullable=False, default=0),
    sa.Column("not_recorded", sa.Integer, nullable=False, default=0),
)

firm = sa.Table(
    "firm",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("business_number", sa.String(12), nullable=False, unique=True),  # 123-45-67890
)

assessment = sa.Table(
    "assessment",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("firm_id", sa.Integer, sa.ForeignKey("firm.id"), nullable=False),
    sa.Column("assessed_on", sa.Date, nullable=False),
    sa.Column("mode", sa.String(8), nullable=False),
    sa.Column("company_name", sa.Text, nullable=False),
    sa.Column("sector", sa.String(8)),
    sa.Column("region", sa.String(40)),
    sa.Column("employees", sa.Integer),
    sa.Column("size_band", sa.String(12)),
    sa.Column("sme_class", sa.String(16)),
    sa.Column("questionnaire_id", sa.String(100), nullable=False),
    sa.Column("questionnaire_version", sa.String(40), nullable=False),
    sa.Column("questionnaire_sha256", sa.String(64), nullable=False),
    sa.Column("level_rank", sa.Integer, nullable=False),
    sa.Column("level_id", sa.String(40), nullable=False),
    sa.Column("points", sa.Integer, nullable=False),
    sa.Column("completeness", sa.Float, nullable=False),
    sa.Column("dimensions", sa.Text, nullable=False),  # JSON {dimension id: score 0-5 or null}
    sa.Column("blockers", sa.Text, nullable=False),  # JSON list: the next level's unmet gates
    sa.Column("programmes", sa.Text, nullable=False),  # JSON list of programme ids joined
    sa.Column("source", sa.Text),  # first-level subfolder under the input folder
    sa.Column("source_path", sa.Text, nullable=False),
    sa.Column("source_sha256", sa.String(64), nullable=False, unique=True),
    sa.Column("source_mtime", sa.Float, nullable=False),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("import_run.id"), nullable=False),
    sa.UniqueConstraint("firm_id", "assessed_on", name="one_assessment_per_firm_and_date"),
)
sa.Index("assessment_by_date", assessment.c.assessed_on, assessment.c.firm_id)

# the answers apart: a few KB each, they would make every trend query read past them on disk
answers = sa.Table(
    "assessment_answers",
    metadata,
    sa.Column(
        "assessment_id", sa.Integer, sa.ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("answers", sa.Text, nullable=False),  # JSON {question id: value or {value, note, ...}}
)

programme = sa.Table(
    "assessment_programme",
    metadata,
    sa.Column(
        "assessment_id", sa.Integer, sa.ForeignKey("assessment.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column("programme_id", sa.String(80), primary_key=True),
)
sa.Index("programme_members", programme.c.programme_id, programme.c.assessment_id)

# version N-1 -> N; each step runs inside the importer's transaction
MIGRATIONS: dict[int, Callable[[sa.Connection], None]] = {}


def stored_version(conn: sa.Connection) -> int | None:
    """The store's schema version; None for an empty database; StoreError for someone else's."""
    tables = set(sa.inspect(conn).get_table_names())
    if store_info.name not in tables:
        if tables:
            raise StoreError("this database is not a readiness history store (it has other tables)")
        return None
    row = conn.execute(sa.select(store_info.c.schema_version).where(store_info.c.kind == STORE_KIND)).first()
    if row is None:
        raise StoreError("this database is not a readiness history store")
    return int(row[0])


def upgrade(conn: sa.Connection) -> None:
    """Create the tables in an empty database, or run the migrations a store is missing."""
    version = stored_version(conn)
    if version is None:
        metadata.create_all(conn)
        conn.execute(sa.insert(store_info).values(kind=STORE_KIND, schema_version=SCHEMA_VERSION))
        return
    check_readable(version)
    for step in range(version + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](conn)
    if version != SCHEMA_VERSION:
        conn.execute(
            sa.update(store_info).where(store_info.c.kind == STORE_KIND).values(schema_version=SCHEMA_VERSION)
        )


def check_readable(version: int | None) -> None:
    """Refuse a store this release cannot read."""
    if version is None:
        raise StoreError(
            "this database holds no history yet; import into it first (readiness history import)"
        )
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"this history store has schema version {version}, newer than this readiness knows"
            f" ({SCHEMA_VERSION}); upgrade readiness"
        )


def check_current(version: int | None) -> None:
    """Queries need the current schema; an older store is upgraded by the next import."""
    check_readable(version)
    if version is not None and version < SCHEMA_VERSION:
        raise StoreError(
            f"this history store has schema version {version}; run `readiness history import` once"
            f" to upgrade it to {SCHEMA_VERSION}"
        )
