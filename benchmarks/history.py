"""Benchmark the history store: import 100,000 assessments, then `show` and `trend`.

    python benchmarks/history.py [--firms 20000] [--years 5] [--db PATH_OR_POSTGRES_URL]

Generates five years of 20,000 firms (fixed seed): each firm-year is one of the bundled
examples (one per level) scored once, with the firm's own business number, date, sector,
region and programmes, so the rows are what the batch worker hands the store. Scoring files is
`benchmarks/batch.py`'s subject; this one times the store alone: each year is one import (one
transaction), as a desk would import one year's folder. Prints imports per second, the database
size, the time of `show` (mean of 200 firms) and of `trend` over the whole store (alone, --by
sector, --by programme; three runs each, wall clock and this process's CPU time, which shows
how much of the wall time was other jobs' on a shared machine). Goals: at least 5,000
imports/s into SQLite, show under 50 ms, trend under 2 s.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from readiness.batch.rows import Options
from readiness.batch.worker import score_one
from readiness.history import queries
from readiness.history.store import Store

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = [
    "paper-shop",
    "basic-plastics",
    "intermediate1-electronics",
    "intermediate2-machinery",
    "advanced-autoparts",
    "ai-factory",
]
SECTORS = ["C25", "C26", "C28", "C29", "C30", "C22"]
REGIONS = ["경기", "인천", "충남", "경남", "경북", "울산", "대구"]


def main() -> None:
    """Generate, import, query, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument(
        "--db", default=None, help="a SQLite path (default: a temporary file) or postgresql://"
    )
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="readiness-history-bench-")
    db = args.db or os.path.join(work, "history.db")
    options = Options(history=True)
    rows = [score_one(0, str(ROOT / "examples" / f"{name}.yaml"), options) for name in TEMPLATES]
    rnd = random.Random(14)
    level = [rnd.randrange(4) for _ in range(args.firms)]
    total = 0
    started = time.perf_counter()
    for year in range(args.years):
        batch = []
        for k in range(args.firms):
            if rnd.random() < 0.3:
                level[k] = min(5, level[k] + 1)
            template = rows[level[k]]
            assert template.facts is not None
            facts = dataclasses.replace(
                template.facts,
                source_path=f"/submissions/{2022 + year}/firm-{k:05d}.yaml",
                source_sha256=f"{year:04d}{k:060d}",
                source_mtime=1.7e9 + year,
                programmes=("smart-factory-general",) if k % 3 == 0 and year >= 2 else (),
            )
            batch.append(
                dataclasses.replace(
                    template,
                    business_number=f"{k // 100000 % 1000:03d}-{k // 1000 % 100:02d}-{k % 100000:05d}",
                    company_name=f"가상기업 {k}",
                    assessment_date=f"{2022 + year}-{1 + k % 12:02d}-{1 + k % 28:02d}",
                    sector=SECTORS[k % len(SECTORS)],
                    region=REGIONS[k % len(REGIONS)],
                    source=str(2022 + year),
                    facts=facts,
                )
            )
        with Store(db, write=True) as store:
            result = store.record(batch, "benchmark", [f"year {year}"])
        total += result.added
    elapsed = time.perf_counter() - started
    print(f"imported {total:,} assessments in {elapsed:.1f} s: {total / elapsed:,.0f} imports/s")
    if not db.startswith("postgres"):
        size = sum(os.path.getsize(p) for p in Path(db).parent.glob(Path(db).name + "*"))
        print(f"database size: {size / 1e6:,.1f} MB ({size / total:,.0f} bytes per assessment)")
    picks = [rnd.randrange(args.firms) for _ in range(200)]
    started = time.perf_counter()
    for k in picks:
        assert (
            queries.firm(db, f"{k // 100000 % 1000:03d}-{k // 1000 % 100:02d}-{k % 100000:05d}") is not None
        )
    print(
        f"show: {(time.perf_counter() - started) / len(picks) * 1000:.1f} ms per firm (mean of {len(picks)})"
    )
    for by in (None, "sector", "programme"):
        times = []
        for _ in range(3):  # the first also loads the questionnaires the mapping compares
            started, cpu = time.perf_counter(), time.process_time()
            view = queries.trend_view(db, by=by)
            times.append(f"{time.perf_counter() - started:.2f} s (cpu {time.process_time() - cpu:.2f})")
        label = f"trend --by {by}" if by else "trend"
        print(f"{label} over the whole store ({view['firms']:,} firms): {', '.join(times)}")
    print(f"store kept in {work}" if args.db is None else "", file=sys.stderr)


if __name__ == "__main__":
    main()
