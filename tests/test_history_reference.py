"""The trend the store computes (first and last assessments picked in SQL, issue 14) against the
straightforward one: every assessment of the period read back and grouped in Python, and the
figures worked out here from the generated plan itself. On SQLite and on a real PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from collections import Counter
from collections.abc import Iterator

import pytest

from readiness.batch.rows import Options, Row
from readiness.batch.worker import score_one
from readiness.history import queries, show, trend
from readiness.history.store import Store
from readiness.history.versions import comparable

from .conftest import ROOT
from .history_data import LEGACY, TEMPLATES

YEARS = (2021, 2022, 2023, 2024, 2025)
PROGRAMMES = ("kamp", "voucher")
UNBUNDLED = "kr-smart-factory 2027.9"  # a version this readiness does not know: no dimension compares
OTHER = "other-questionnaire 1.0"  # another questionnaire with its own dimension ids
PERIODS = [
    (None, None),
    (dt.date(2022, 1, 1), None),
    (None, dt.date(2024, 12, 31)),
    (dt.date(2022, 6, 1), dt.date(2024, 6, 30)),
]


@dataclasses.dataclass(frozen=True)
class Planned:
    """One generated assessment: what the firm was on that date."""

    firm: int
    date: dt.date
    template: int | str
    questionnaire: str
    programmes: tuple[str, ...]
    sector: str
    region: str


@pytest.fixture(scope="module")
def scored() -> dict[int | str, Row]:
    options = Options(history=True)
    out: dict[int | str, Row] = {}
    keys: list[int | str] = [*TEMPLATES, LEGACY]
    for key in keys:
        name = TEMPLATES[key] if isinstance(key, int) else key
        out[key] = score_one(0, str(ROOT / "examples" / f"{name}.yaml"), options)
        assert out[key].status == "ok"
    return out


def generate(seed: int, firms: int = 240) -> list[Planned]:
    rnd = random.Random(seed)
    plan = []
    for k in range(firms):
        joins = {p: rnd.choice([None, None, *YEARS]) for p in PROGRAMMES}
        for year in YEARS:
            if rnd.random() < 0.25:  # not assessed that year: some firms have one assessment or none
                continue
            choices: list[int | str] = [0, 1, 2, 3, 4, 5, LEGACY]
            template = rnd.choice(choices)
            questionnaire = "kr-smart-factory 2026.1" if template == LEGACY else "kr-smart-factory 2026.2"
            roll = rnd.random()
            if roll < 0.04:
                questionnaire = UNBUNDLED
            elif roll < 0.07:
                questionnaire = OTHER
            listed = tuple(
                p for p, y in joins.items() if y is not None and year >= y and rnd.random() > 0.1
            )  # listed from the year joined on, now and then left out again
            plan.append(
                Planned(
                    firm=k,
                    date=dt.date(year, rnd.randint(1, 12), rnd.randint(1, 28)),
                    template=template,
                    questionnaire=questionnaire,
                    programmes=listed,
                    sector=rnd.choice(["C29", "C30", "C25"]),
                    region=rnd.choice(["경기", "충남", "경남"]),
                )
            )
    return plan


def dimensions_of(p: Planned, scored: dict[int | str, Row]) -> dict[str, float | None]:
    dims = scored[p.template].dimensions
    return {f"x-{d}": v for d, v in dims.items()} if p.questionnaire == OTHER else dict(dims)


def rows_of(plan: list[Planned], scored: dict[int | str, Row]) -> Iterator[Row]:
    for n, p in enumerate(plan):
        template = scored[p.template]
        assert template.facts is not None
        yield dataclasses.replace(
            template,
            business_number=f"900-{p.firm // 100000 % 100:02d}-{p.firm % 100000:05d}",
            company_name=f"firm {p.firm}",
            assessment_date=p.date.isoformat(),
            questionnaire=p.questionnaire,
            dimensions=dimensions_of(p, scored),
            sector=p.sector,
            region=p.region,
            source=str(p.date.year),
            facts=dataclasses.replace(
                template.facts,
                programmes=p.programmes,
                source_path=f"/in/{n}.yaml",
                source_sha256=f"{n:064d}",
                source_mtime=1.7e9,
            ),
        )


def straightforward(db: str, start: dt.date | None, end: dt.date | None, by: str | None) -> dict[str, object]:
    """The trend from every assessment of the period, grouped per firm in Python."""
    with Store(db) as store:
        assessments = store.for_trend(start, end)
    names = show.dimension_names(show.versions_of(assessments), "ko")
    return trend.view(assessments, start=start, end=end, by=by, dimension_names=names)


def in_period(plan: list[Planned], start: dt.date | None, end: dt.date | None) -> list[list[Planned]]:
    firms: dict[int, list[Planned]] = {}
    for p in plan:
        if (start is None or p.date >= start) and (end is None or p.date <= end):
            firms.setdefault(p.firm, []).append(p)
    return [sorted(h, key=lambda p: p.date) for _, h in sorted(firms.items()) if len(h) >= 2]


def compared(a: Planned, b: Planned, scored: dict[int | str, Row]) -> dict[str, float]:
    """Dimension changes from a to b, only where the migration mapping says they compare."""
    qa, va = a.questionnaire.split()
    qb, vb = b.questionnaire.split()
    same = comparable(qa, va, vb) if qa == qb else frozenset()
    before, after = dimensions_of(a, scored), dimensions_of(b, scored)
    return {
        d: round(after[d] - x, 3)  # type: ignore[operator]
        for d, x in before.items()
        if x is not None and after.get(d) is not None and (same is None or d in same)
    }


@pytest.mark.parametrize("seed", [14, 2026])
def test_the_trend_picked_in_sql_equals_the_straightforward_one(
    store_db: str, scored: dict[int | str, Row], seed: int
) -> None:
    plan = generate(seed)
    with Store(store_db, write=True) as store:
        result = store.record(list(rows_of(plan, scored)), "test", ["generated"])
    assert result.added == len(plan)
    for start, end in PERIODS:
        firms = in_period(plan, start, end)
        for by in (None, "sector", "region", "source", "programme"):
            fast = queries.trend_view(store_db, start, end, by)
            assert fast == straightforward(store_db, start, end, by), (start, end, by)
        # and the figures themselves, worked out from the plan
        assert fast["firms"] == len(firms)
        levels = Counter(scored[h[-1].template].level_rank - scored[h[0].template].level_rank for h in firms)  # type: ignore[operator]
        for key, n in fast["steps"].items():
            assert n == levels[int(key)] or isinstance(n, str)
        changes: dict[str, list[float]] = {}
        for h in firms:
            for d, c in compared(h[0], h[-1], scored).items():
                changes.setdefault(d, []).append(c)
        shown = {d["id"]: d for d in fast["dimensions"]}
        assert {d for d, v in changes.items() if v} <= set(shown)
        for did, row in shown.items():
            values = changes.get(did, [])
            assert row["n"] == len(values) or isinstance(row["n"], str)
            if len(values) >= 5:
                assert row["change"] == pytest.approx(sum(values) / len(values), abs=0.0051)
        assert any(v["from"] != v["to"] and v["not_compared"] for v in fast["versions"])
        for entry in fast["programmes"]:
            pid = entry["programme"]
            joined = [next((k for k, p in enumerate(h) if pid in p.programmes), None) for h in firms]
            split = {
                "participants": sum(1 for k in joined if k),
                "others": sum(1 for k in joined if k is None),
                "already": sum(1 for k in joined if k == 0),
            }
            for key, n in split.items():
                assert entry[key] == n or isinstance(entry[key], str)
            moved = [
                scored[h[-1].template].level_rank - scored[h[k - 1].template].level_rank  # type: ignore[operator]
                for h, k in zip(firms, joined, strict=True)
                if k
            ]
            if entry["participants_change"]:
                assert entry["participants_change"]["levels"] == round(sum(moved) / len(moved), 2)
