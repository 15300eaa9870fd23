"""Batch outputs ready for a Korean office: one group per 시도, SME classes, source folders,
paths relative to the input, headers in the run's language, dates, percentages, chart files."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path
from typing import Any

from readiness.batch.rows import Options
from readiness.batch.run import run as run_batch
from readiness.words import word

ROOT = Path(__file__).parent.parent
DEMO = (ROOT / "examples" / "demo.yaml").read_text(encoding="utf-8")
SPELLINGS = ["경기", "경기도", "Gyeonggi", "Gyeonggi-do", "경기도 화성시", "gyeonggi"]


def firm(i: int, region: str, revenue: str = "12000000000") -> str:
    lines = []
    for line in DEMO.replace('"000-00-10004"', f'"000-00-{50000 + i}"').splitlines():
        if line.startswith("  region:"):
            line = f'  region: "{region}"'
        elif line.startswith("  annual_revenue_krw:"):
            line = f"  annual_revenue_krw: {revenue}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def build(tmp_path: Path) -> Path:
    root = tmp_path / "submissions"
    for i, region in enumerate(SPELLINGS):
        folder = root / ("north-office" if i % 2 else "south-office")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"firm{i}.yaml").write_text(firm(i, region), encoding="utf-8")
    (root / "top.yaml").write_text(firm(99, "인천광역시", "500000000000"), encoding="utf-8")
    return root


def summary(out: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads((out / "summary.json").read_text(encoding="utf-8"))["rows"]
    return rows


def test_every_spelling_of_a_province_is_one_group(tmp_path: Path) -> None:
    run_batch([build(tmp_path)], tmp_path / "out", jobs=1)
    regions = {r["region"] for r in summary(tmp_path / "out")}
    assert regions == {"경기", "인천"}
    peers = json.loads((tmp_path / "out" / "peers.json").read_text(encoding="utf-8"))
    assert peers["all"]["n"] == 7


def test_rows_carry_sme_class_source_folder_and_relative_paths(tmp_path: Path) -> None:
    run_batch([build(tmp_path)], tmp_path / "out", jobs=1)
    rows = {r["path"]: r for r in summary(tmp_path / "out")}
    assert "south-office/firm0.yaml" in rows and "top.yaml" in rows  # relative to the input folder
    assert rows["south-office/firm0.yaml"]["source"] == "south-office"
    assert rows["top.yaml"]["source"] == ""
    assert rows["top.yaml"]["sme_class"] == "over_ceiling"  # 5,000억 is over every manufacturing ceiling
    assert rows["south-office/firm0.yaml"]["sme_class"] in {"small", "medium"}


def test_headers_follow_the_language_and_json_keeps_machine_names(tmp_path: Path) -> None:
    run_batch([build(tmp_path)], tmp_path / "en", Options(lang="en"), jobs=1)
    with (tmp_path / "en" / "summary.csv").open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    assert header[:2] == [word("column.path", "en"), word("column.status", "en")] == ["File", "Status"]
    assert "path" in summary(tmp_path / "en")[0]


def test_the_dashboard_shows_dates_percentages_sources_and_sme_classes(tmp_path: Path) -> None:
    run_batch([build(tmp_path)], tmp_path / "out", Options(lang="en", today=dt.date(2026, 12, 1)), jobs=1)
    html = (tmp_path / "out" / "dashboard.html").read_text(encoding="utf-8")
    assert "Run on 2026-12-01" in html and "Assessments dated 2026-11-18 – 2026-11-18" in html
    assert "%)" in html  # a share beside a level count
    assert word("dashboard.source", "en") in html and word("dashboard.sme_class", "en") in html
    assert "Gyeonggi" in html  # the 시도 in the report's language


def test_each_chart_is_also_an_svg_file(tmp_path: Path) -> None:
    run_batch([build(tmp_path)], tmp_path / "out", jobs=1)
    charts = sorted(p.name for p in (tmp_path / "out" / "charts").iterdir())
    assert charts == [
        "levels.svg",
        "points.svg",
        "region.svg",
        "sector.svg",
        "size_band.svg",
        "sme_class.svg",
        "source.svg",
    ]
    for name in charts:
        text = (tmp_path / "out" / "charts" / name).read_text(encoding="utf-8")
        assert text.startswith("<svg xmlns=") and "<script" not in text
    region = (tmp_path / "out" / "charts" / "region.svg").read_text(encoding="utf-8")
    assert "인천" not in region  # a one-firm group never gets its own bar


def test_a_run_without_enough_firms_writes_no_charts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "one.yaml").write_text(firm(1, "경기"), encoding="utf-8")
    run_batch([folder], tmp_path / "out", jobs=1)
    assert not (tmp_path / "out" / "charts").exists()
