"""Recording scored files in the history store, and reading them back for `show` and `trend`.

An import is one transaction under the store's write lock: either every assessment of it is
stored or none is (a killed process leaves the store as it was). Within it, rows are handled in
chunks: a file already stored (same sha256) adds nothing; a file for a firm and date already
stored replaces the stored one when it is newer (modification time) and is reported, else the
stored one is kept and that is reported too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

import sqlalchemy as sa

import readiness
from readiness.batch.rows import Row
from readiness.domain import normalise
from readiness.errors import StoreError, UsageError
from readiness.history import schema
from readiness.history.engine import DEFAULT_WAIT, Opened, open_store, store_errors, take_import_lock

CHUNK = 2000  # rows per round of look-ups and inserts
NO_NUMBER = "no company.business_number: the history store follows firms by it, so this file is not recorded"
NO_DATE = (
    "no assessment.date: the history store orders a firm's assessments by it, so this file is not recorded"
)


@dataclass(frozen=True)
class Replacement:
    """A firm's assessment on one date replaced by a newer file, or kept over an older one."""

    business_number: str
    date: str
    stored_path: str  # the file that was in the store (or earlier in this import)
    new_path: str


@dataclass
class ImportResult:
    """What one import did."""

    run_id: int = 0
    added: int = 0
    unchanged: int = 0  # files already in the store (same content)
    invalid: int = 0  # files that did not score (their problems are the batch's or the import's to print)
    replaced: list[Replacement] = field(default_factory=list)
    kept: list[Replacement] = field(default_factory=list)  # an older file for a stored firm and date
    not_recorded: list[tuple[str, str]] = field(default_factory=list)  # path, reason


@dataclass(frozen=True)
class Stored:
    """One stored assessment as `show` and `trend` read it."""

    id: int
    firm_id: int
    date: dt.date
    mode: str
    company_name: str
    questionnaire_id: str
    questionnaire_version: str
    level_rank: int
    level_id: str
    points: int
    dimensions_json: str  # parsed on first use: a trend reads many more than it compares
    blockers: list[str]
    programmes: list[str]
    sector: str | None
    region: str | None
    size_band: str | None
    source: str | None
    source_path: str = ""

    @functools.cached_property
    def dimensions(self) -> dict[str, float | None]:
        """Score 0-5 per dimension (None: every answer n/a)."""
        parsed: dict[str, float | None] = json.loads(self.dimensions_json)
        return parsed


class Assessed(Protocol):
    """What a trend or a firm's change reads of an assessment (a Stored or a Point)."""

    @property
    def date(self) -> dt.date:
        """The assessment date."""

    @property
    def questionnaire_id(self) -> str:
        """The questionnaire's id."""

    @property
    def questionnaire_version(self) -> str:
        """The questionnaire's version."""

    @property
    def level_rank(self) -> int:
        """The level, 0-5."""

    @property
    def points(self) -> int:
        """The points scored."""

    @property
    def dimensions(self) -> Mapping[str, float | None]:
        """Score 0-5 per dimension (None: every answer n/a)."""

    @property
    def sector(self) -> str | None:
        """The KSIC sector code."""

    @property
    def region(self) -> str | None:
        """The region."""

    @property
    def size_band(self) -> str | None:
        """The employee band."""

    @property
    def source(self) -> str | None:
        """The first-level subfolder the file was found in."""


class Point(NamedTuple):
    """One assessment as the trend reads it from the store: no name, number, path or answers."""

    date: dt.date
    questionnaire_id: str
    questionnaire_version: str
    level_rank: int
    points: int
    dimensions: dict[str, float | None]
    sector: str | None
    region: str | None
    size_band: str | None
    source: str | None


class Span(NamedTuple):
    """A firm assessed at least twice in a period: its first and last assessment in it, and for
    each programme it listed, the assessment before the first that lists it (None: the first does)."""

    first: Assessed
    last: Assessed
    joined: Mapping[str, Assessed | None]


@dataclass(frozen=True)
class TrendData:
    """What the trend needs from the store: the spans by firm, and every questionnaire version
    among those firms' assessments in the period with one assessment's dimension scores."""

    spans: list[Span]
    versions: dict[tuple[str, str], Mapping[str, float | None]]


@dataclass
class _Held:
    """An assessment already stored or pending in this import, for the duplicate rules."""

    id: int | None  # None: pending in this chunk
    sha256: str
    mtime: float
    path: str


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Store:
    """The history store at `db` (a SQLite path or a postgresql:// URL)."""

    def __init__(self, db: str, *, write: bool = False, wait: float = DEFAULT_WAIT) -> None:
        self.opened: Opened = open_store(db, write=write, wait=wait)
        self.write = write

    def close(self) -> None:
        """Release the engine."""
        self.opened.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing -------------------------------------------------------------------------------

    def record(self, rows: Iterable[Row], command: str, inputs: Iterable[str]) -> ImportResult:
        """Store every scored row (collected with Options.history) in one transaction."""
        if not self.write:
            raise UsageError("this store was opened for reading")
        result = ImportResult()
        with store_errors(self.opened), self.opened.engine.begin() as conn:
            take_import_lock(self.opened, conn)
            schema.upgrade(conn)
            ids = _Ids(conn)
            result.run_id = ids.next("import_run")
            conn.execute(
                sa.insert(schema.import_run).values(
                    id=result.run_id,
                    started_at=_now(),
                    command=command,
                    tool_version=readiness.__version__,
                    inputs=json.dumps(list(inputs), ensure_ascii=False),
                )
            )
            for chunk in _chunks(rows, CHUNK):
                self._chunk(conn, chunk, ids, result)
            conn.execute(
                sa.update(schema.import_run)
                .where(schema.import_run.c.id == result.run_id)
                .values(
                    added=result.added,
                    replaced=len(result.replaced),
                    unchanged=result.unchanged,
                    not_recorded=len(result.not_recorded),
                )
            )
        return result

    def _chunk(self, conn: sa.Connection, rows: list[Row], ids: _Ids, result: ImportResult) -> None:
        usable = _usable(rows, result)
        if not usable:
            return
        firms, known_shas, held = _look_up(conn, usable)
        pending: dict[tuple[str, str], Row] = {}
        gone: list[int] = []
        for row in usable:
            facts = row.facts
            assert facts is not None and row.business_number and row.assessment_date
            if facts.source_sha256 in known_shas:
                result.unchanged += 1
                continue
            known_shas.add(facts.source_sha256)
            key = (row.business_number, row.assessment_date)
            old = held.get(key)
            if old is None:
                result.added += 1
            else:
                change = Replacement(key[0], key[1], old.path, facts.source_path)
                if facts.source_mtime < old.mtime:
                    result.kept.append(change)
                    continue
                result.replaced.append(change)
                if old.id is not None:  # else the older one was pending in this import: never stored
                    gone.append(old.id)
            held[key] = _Held(None, facts.source_sha256, facts.source_mtime, facts.source_path)
            pending[key] = row
        a = schema.assessment
        if gone:
            conn.execute(sa.delete(schema.programme).where(schema.programme.c.assessment_id.in_(gone)))
            conn.execute(sa.delete(schema.answers).where(schema.answers.c.assessment_id.in_(gone)))
            conn.execute(sa.delete(a).where(a.c.id.in_(gone)))
        new_firms = [n for n in sorted({k[0] for k in pending}) if n not in firms]
        if new_firms:
            start = ids.take("firm", len(new_firms))
            firms.update({n: start + k for k, n in enumerate(new_firms)})
            conn.execute(sa.insert(schema.firm), [{"id": firms[n], "business_number": n} for n in new_firms])
        if not pending:
            return
        start = ids.take("assessment", len(pending))
        values, members, texts = [], [], []
        for k, row in enumerate(pending.values()):
            assert row.facts is not None
            values.append(_values(row, start + k, firms[row.business_number or ""], result.run_id))
            texts.append({"assessment_id": start + k, "answers": row.facts.answers_json})
            members += [
                {"assessment_id": start + k, "programme_id": p} for p in dict.fromkeys(row.facts.programmes)
            ]
        conn.execute(sa.insert(a), values)
        conn.execute(sa.insert(schema.answers), texts)
        if members:
            conn.execute(sa.insert(schema.programme), members)

    # --- reading -------------------------------------------------------------------------------

    @staticmethod
    def _stored(row: Any) -> Stored:
        return Stored(
            id=row.id,
            firm_id=row.firm_id,
            date=row.assessed_on,
            mode=row.mode,
            company_name=row.company_name,
            questionnaire_id=row.questionnaire_id,
            questionnaire_version=row.questionnaire_version,
            level_rank=row.level_rank,
            level_id=row.level_id,
            points=row.points,
            dimensions_json=row.dimensions,
            blockers=json.loads(row.blockers),
            programmes=json.loads(row.programmes),
            sector=row.sector,
            region=row.region,
            size_band=row.size_band,
            source=row.source,
            source_path=row.source_path,
        )

    @contextlib.contextmanager
    def _reading(self) -> Iterator[sa.Connection]:
        """A read transaction on a store of the current schema; driver errors become StoreError."""
        with store_errors(self.opened), self.opened.engine.connect() as conn, conn.begin():
            schema.check_current(schema.stored_version(conn))
            yield conn

    def firm(self, business_number: str) -> list[Stored]:
        """One firm's assessments, oldest first (empty if the store has none)."""
        try:
            number = normalise.business_number(business_number)
        except ValueError:
            raise UsageError(
                "not a business number: write it as 123-45-67890 (10 digits; dashes optional)"
            ) from None
        a, f = schema.assessment, schema.firm
        columns = list(a.c)
        query = (
            sa.select(*columns)
            .join(f, f.c.id == a.c.firm_id)
            .where(f.c.business_number == number)
            .order_by(a.c.assessed_on)
        )
        with self._reading() as conn:
            return [self._stored(r) for r in conn.execute(query)]

    def answers_of(self, assessment_id: int) -> dict[str, Any]:
        """The stored answers of one assessment."""
        t = schema.answers
        with self._reading() as conn:
            text = conn.scalar(sa.select(t.c.answers).where(t.c.assessment_id == assessment_id))
        return json.loads(text) if text else {}

    def for_trend(self, start: dt.date | None, end: dt.date | None) -> list[Stored]:
        """Assessments in the period of firms assessed at least twice in it, by firm then date."""
        a = schema.assessment
        period = []
        if start is not None:
            period.append(a.c.assessed_on >= start)
        if end is not None:
            period.append(a.c.assessed_on <= end)
        repeat = sa.select(a.c.firm_id).where(*period).group_by(a.c.firm_id).having(sa.func.count() >= 2)
        c = a.c
        query = (
            sa.select(
                c.id,
                c.firm_id,
                c.assessed_on,
                c.mode,
                c.questionnaire_id,
                c.questionnaire_version,
                c.level_rank,
                c.level_id,
                c.points,
                c.dimensions,
                c.programmes,
                c.sector,
                c.region,
                c.size_band,
                c.source,
            )
            .where(*period, a.c.firm_id.in_(repeat))
            .order_by(a.c.firm_id, a.c.assessed_on)
        )
        loads = json.loads
        with self._reading() as conn:
            return [
                Stored(
                    r[0],
                    r[1],
                    r[2],
                    r[3],
                    "",
                    r[4],
                    r[5],
                    r[6],
                    r[7],
                    r[8],
                    r[9],
                    [],
                    loads(r[10]) if r[10] != "[]" else [],
                    r[11],
                    r[12],
                    r[13],
                    r[14],
                )
                for r in conn.execute(query).all()
            ]

    def trend(self, start: dt.date | None, end: dt.date | None, *, programmes: bool = False) -> TrendData:
        """The firms assessed at least twice in the period, first and last (and, with `programmes`,
        before joining) assessments only, read as plain rows: what `trend.view_of` needs and no more.

        Equal to grouping `for_trend`'s assessments by firm (the test compares them); the store
        picks the rows (GROUP BY firm on the (firm_id, assessed_on) index, then one look-up per
        row) so that 100,000 assessments are not all read into Python.
        """
        period = _period("assessed_on", start, end)
        period_a = _period("a.assessed_on", start, end)
        spans = (
            "span AS (SELECT firm_id, MIN(assessed_on) AS first_on, MAX(assessed_on) AS last_on"
            f" FROM assessment{_where(period)} GROUP BY firm_id HAVING COUNT(*) >= 2)"
        )
        ctes = [spans]
        parts = [
            f"SELECT 0, a.firm_id, NULL, {_POINT} FROM span"
            " JOIN assessment a ON a.firm_id = span.firm_id AND a.assessed_on = span.first_on",
            f"SELECT 1, a.firm_id, NULL, {_POINT} FROM span"
            " JOIN assessment a ON a.firm_id = span.firm_id AND a.assessed_on = span.last_on",
        ]
        if programmes:  # per firm and programme: the last assessment before the first listing it
            ctes.append(
                "joined AS (SELECT a.firm_id, p.programme_id, MIN(a.assessed_on) AS joined_on FROM span"
                " JOIN assessment a ON a.firm_id = span.firm_id"
                " JOIN assessment_programme p ON p.assessment_id = a.id"
                f"{_where(period_a)} GROUP BY a.firm_id, p.programme_id)"
            )
            before = " AND ".join(
                [
                    "b.firm_id = j.firm_id",
                    "b.assessed_on < j.joined_on",
                    *_period("b.assessed_on", start, None),
                ]
            )
            parts.append(
                f"SELECT 2, j.firm_id, j.programme_id, {_POINT} FROM joined j"
                " LEFT JOIN assessment a ON a.firm_id = j.firm_id AND a.assessed_on ="
                f" (SELECT MAX(b.assessed_on) FROM assessment b WHERE {before})"
            )
        # every questionnaire version among these firms' assessments in the period, middle ones
        # too (their dimensions are named), with the last firm that has it: one sample each
        parts.append(
            "SELECT 3, MAX(a.firm_id), NULL, NULL, a.questionnaire_id, a.questionnaire_version,"
            " NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM span"
            f" JOIN assessment a ON a.firm_id = span.firm_id{_and(period_a)}"
            " GROUP BY a.questionnaire_id, a.questionnaire_version"
        )
        query = "WITH " + ", ".join(ctes) + " " + " UNION ALL ".join(parts)
        sample = (
            "SELECT dimensions FROM assessment WHERE firm_id = :firm AND questionnaire_id = :qid"
            f" AND questionnaire_version = :version{_and(period)} ORDER BY assessed_on DESC LIMIT 1"
        )
        params = {k: v for k, v in (("start", start), ("end", end)) if v is not None}
        first: dict[int, Point] = {}
        last: dict[int, Point] = {}
        joined: dict[int, dict[str, Assessed | None]] = {}
        loads = json.loads
        days: dict[dt.date | str, dt.date] = {}  # a few hundred dates a year, parsed once each
        with self._reading() as conn:
            rows, versions = [], []
            for row in conn.execute(_dated(query, params), params).all():
                if row[0] == 3:
                    versions.append((row[4], row[5], row[1]))
                elif row[3] is None:  # lists the programme from its first assessment: no "before"
                    joined.setdefault(row[1], {})[row[2]] = None
                else:
                    rows.append(row)
            # one decoder call for every row's scores: per-row json.loads costs more in its Python
            # layers than in parsing
            scores = loads("[" + ",".join(r[8] for r in rows) + "]")
            for row, dims in zip(rows, scores, strict=True):
                kind, firm_id, pid, on, qid, version, rank, points, _, sector, region, size, src = row
                day = days.get(on)
                if day is None:
                    day = days[on] = _day(on)
                point = Point(day, qid, version, rank, points, dims, sector, region, size, src)
                if kind == 0:
                    first[firm_id] = point
                elif kind == 1:
                    last[firm_id] = point
                else:
                    joined.setdefault(firm_id, {})[pid] = point
            samples: dict[tuple[str, str], Mapping[str, float | None]] = {}
            for qid, version, firm_id in versions:
                dims = conn.execute(
                    _dated(sample, params), {**params, "firm": firm_id, "qid": qid, "version": version}
                ).scalar()
                samples[(qid, version)] = loads(dims or "{}")
        nothing: dict[str, Assessed | None] = {}
        spans_out = [Span(first[f], last[f], joined.get(f, nothing)) for f in sorted(first)]
        return TrendData(spans_out, dict(sorted(samples.items())))

    def counts(self) -> dict[str, int]:
        """Firms, assessments and imports in the store."""
        with self._reading() as conn:
            return {
                "firms": conn.scalar(sa.select(sa.func.count()).select_from(schema.firm)) or 0,
                "assessments": conn.scalar(sa.select(sa.func.count()).select_from(schema.assessment)) or 0,
                "imports": conn.scalar(sa.select(sa.func.count()).select_from(schema.import_run)) or 0,
            }


_POINT = (
    "a.assessed_on, a.questionnaire_id, a.questionnaire_version, a.level_rank, a.points, a.dimensions,"
    " a.sector, a.region, a.size_band, a.source"
)


def _period(column: str, start: dt.date | None, end: dt.date | None) -> list[str]:
    """SQL conditions keeping `column` in the period (bound as :start and :end)."""
    return [c for c, v in ((f"{column} >= :start", start), (f"{column} <= :end", end)) if v is not None]


def _where(conditions: list[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""


def _and(conditions: list[str]) -> str:
    return "".join(" AND " + c for c in conditions)


def _dated(sql: str, params: Mapping[str, object]) -> sa.TextClause:
    """`sql` with :start and :end bound as dates (SQLite stores them as ISO text, PostgreSQL as dates)."""
    return sa.text(sql).bindparams(*[sa.bindparam(k, type_=sa.Date) for k in ("start", "end") if k in params])


def _day(value: dt.date | str) -> dt.date:
    """A date column read as a plain row: a date from PostgreSQL, ISO text from SQLite."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(value)


class _Ids:
    """Ids handed out by the importer, which holds the write lock (no RETURNING needed)."""

    def __init__(self, conn: sa.Connection) -> None:
        self.conn = conn
        self.last: dict[str, int] = {}

    def _table(self, name: str) -> sa.Table:
        return {"firm": schema.firm, "assessment": schema.assessment, "import_run": schema.import_run}[name]

    def take(self, name: str, n: int) -> int:
        if name not in self.last:
            table = self._table(name)
            self.last[name] = int(self.conn.scalar(sa.select(sa.func.max(table.c.id))) or 0)
        first = self.last[name] + 1
        self.last[name] += n
        return first

    def next(self, name: str) -> int:
        return self.take(name, 1)


def _usable(rows: list[Row], result: ImportResult) -> list[Row]:
    """The rows that can be recorded; the others are counted (invalid) or named (not recorded)."""
    usable: list[Row] = []
    for row in rows:
        if row.status != "ok":
            result.invalid += 1
        elif row.facts is None:
            raise ValueError("rows for the history store need Options(history=True)")
        elif not row.business_number:
            result.not_recorded.append((row.facts.source_path, NO_NUMBER))
        elif not row.assessment_date:
            result.not_recorded.append((row.facts.source_path, NO_DATE))
        else:
            usable.append(row)
    return usable


def _look_up(
    conn: sa.Connection, rows: list[Row]
) -> tuple[dict[str, int], set[str], dict[tuple[str, str], _Held]]:
    """What the store already has for these rows: firm ids, file hashes, firm-and-date assessments."""
    a, f = schema.assessment, schema.firm
    numbers = sorted({r.business_number or "" for r in rows})
    query = sa.select(f.c.business_number, f.c.id).where(f.c.business_number.in_(numbers))
    firms: dict[str, int] = {str(r[0]): int(r[1]) for r in conn.execute(query)}
    shas = {r.facts.source_sha256 for r in rows if r.facts}
    known = set(conn.scalars(sa.select(a.c.source_sha256).where(a.c.source_sha256.in_(shas))))
    held: dict[tuple[str, str], _Held] = {}
    if firms:
        by_firm = {v: k for k, v in firms.items()}
        query = sa.select(
            a.c.id, a.c.firm_id, a.c.assessed_on, a.c.source_sha256, a.c.source_mtime, a.c.source_path
        ).where(a.c.firm_id.in_(list(firms.values())))
        for r in conn.execute(query):
            held[(by_firm[r.firm_id], r.assessed_on.isoformat())] = _Held(
                r.id, r.source_sha256, r.source_mtime, r.source_path
            )
    return firms, known, held


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _values(row: Row, aid: int, firm_id: int, run_id: int) -> dict[str, Any]:
    """One assessment row of the store."""
    facts = row.facts
    assert facts is not None
    qid, _, version = (row.questionnaire or "").partition(" ")
    return {
        "id": aid,
        "firm_id": firm_id,
        "assessed_on": dt.date.fromisoformat(row.assessment_date or ""),
        "mode": facts.mode,
        "company_name": row.company_name or "",
        "sector": row.sector,
        "region": row.region,
        "employees": row.employees,
        "size_band": row.employee_band,
        "sme_class": row.sme_class,
        "questionnaire_id": qid,
        "questionnaire_version": version,
        "questionnaire_sha256": facts.questionnaire_sha256,
        "level_rank": row.level_rank,
        "level_id": row.level_id,
        "points": row.points,
        "completeness": row.completeness,
        "dimensions": _compact(row.dimensions),
        "blockers": _compact(row.blocker_keys),
        "programmes": _compact(list(facts.programmes)),
        "source": row.source,
        "source_path": facts.source_path,
        "source_sha256": facts.source_sha256,
        "source_mtime": facts.source_mtime,
        "run_id": run_id,
    }


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


__all__ = [
    "Assessed",
    "ImportResult",
    "Point",
    "Replacement",
    "Span",
    "Store",
    "StoreError",
    "Stored",
    "TrendData",
]
