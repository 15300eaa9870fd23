"""history trend and show (issue 14): on generated years of firms whose true movement is known,
programme before/after, versions compared through the mapping, suppression as on the dashboard."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from readiness import api
from readiness.batch.stats import HIDDEN, MIN_GROUP, SUPPRESSED
from readiness.cli import app
from readiness.domain.scoring import evaluate
from readiness.files.loading import load_answers
from readiness.history import outputs, trend
from readiness.history.importer import import_files
from readiness.history.store import Stored
from readiness.history.versions import comparable
from readiness.words import word

from .conftest import ROOT
from .history_data import LEGACY, TEMPLATES, firm_file, number, write_firm
from .test_suppression import leaks

runner = CliRunner()
YEARS = ["2022-04-01", "2023-04-01", "2024-04-01"]


def plan() -> dict[int, list[int | str]]:
    """Firm -> its template per year: 2022 at L5 (outside the period tested), then 2023 and 2024."""
    firms: dict[int, list[int | str]] = {}
    for k in range(20):  # up: by 2 for even k, by 1 for odd k; they join kamp in 2024
        a = k % 4
        firms[k] = [5, a, a + (2 if k % 2 == 0 else 1)]
    for k in range(20, 30):  # stay
        firms[k] = [5, k % 6, k % 6]
    for k in range(30, 40):  # down by one
        a = 1 + k % 4
        firms[k] = [5, a, a - 1]
    for k in range(40, 45):  # a 2026.1 file first (L1), then L3 under 2026.2
        firms[k] = [5, LEGACY, 3]
    return firms


@pytest.fixture(scope="module")
def cards() -> dict[int | str, tuple[int, int, dict[str, float | None]]]:
    out: dict[int | str, tuple[int, int, dict[str, float | None]]] = {}
    keys: list[int | str] = [*TEMPLATES, LEGACY]
    for key in keys:
        name = TEMPLATES[key] if isinstance(key, int) else key
        answers, loaded = load_answers(ROOT / "examples" / f"{name}.yaml")
        ev = evaluate(loaded.questionnaire, answers)
        out[key] = (ev.level.rank, ev.points, ev.dimensions)
    return out


def write_years(folder: Path) -> None:
    for k, templates in plan().items():
        for year, template in zip(YEARS, templates, strict=True):
            joined = ["kamp"] if k < 20 and year == YEARS[2] else []
            sector = "C29" if k % 2 else "C30"
            write_firm(folder / year[:4], template, k, year, programmes=joined, sector=sector)


@pytest.fixture
def store(store_db: str, tmp_path: Path) -> str:
    write_years(tmp_path / "in")
    done = import_files([tmp_path / "in"], store_db, jobs=2)
    assert done.complete and done.result.added == 45 * 3
    return store_db


def test_the_trend_counts_what_the_firms_really_did(store: str, cards: dict) -> None:  # type: ignore[type-arg]
    result = runner.invoke(
        app, ["history", "trend", "--db", store, "--from", "2023-01-01", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    view = json.loads(result.output)
    truth = {k: (cards[t[1]], cards[t[2]]) for k, t in plan().items()}
    steps = Counter(last[0] - first[0] for first, last in truth.values())
    assert view["firms"] == 45
    assert {k: v for k, v in view["steps"].items() if v} == {
        f"{d:+d}" if d else "0": n for d, n in steps.items()
    }
    assert view["movement"] == {"up": 25, "same": 10, "down": 10}
    mean_points = sum(last[1] - first[1] for first, last in truth.values()) / 45
    assert view["points"]["points"] == round(mean_points, 1)
    same = comparable("kr-smart-factory", "2026.1", "2026.2")
    assert same == frozenset({"data", "equipment", "people"})
    for d in view["dimensions"]:
        pairs = [
            (first[2][d["id"]], last[2][d["id"]])
            for k, (first, last) in truth.items()
            if k < 40 or d["id"] in same
        ]
        changes = [b - a for a, b in pairs if a is not None and b is not None]
        assert d["n"] == len(changes)
        assert d["change"] == pytest.approx(round(sum(changes) / len(changes), 2), abs=0.006)
    (version,) = view["versions"]
    assert (version["from"], version["to"], version["firms"]) == (
        "kr-smart-factory 2026.1",
        "kr-smart-factory 2026.2",
        5,
    )
    assert len(version["not_compared"]) == 9
    # the whole store: every firm's first assessment is the 2022 L5 one
    whole = api.history_trend(store)
    assert whole["movement"]["up"] == 0 and whole["firms"] == 45
    # nothing identifying in any published format
    for fmt in ("text", "json", "csv"):
        out = runner.invoke(
            app, ["history", "trend", "--db", store, "--by", "sector", "--format", fmt]
        ).output
        assert number(3) not in out and "가상기업" not in out and "firm-000" not in out


def test_programme_participants_before_and_after_against_the_others(store: str, cards: dict) -> None:  # type: ignore[type-arg]
    view = api.history_trend(store, start=dt.date(2023, 1, 1), by="programme", lang="en")
    (kamp,) = view["programmes"]
    assert (kamp["programme"], kamp["participants"], kamp["others"], kamp["already"]) == ("kamp", 20, 25, 0)
    truth = plan()
    part = [cards[truth[k][2]][0] - cards[truth[k][1]][0] for k in range(20)]
    others = [cards[truth[k][2]][0] - cards[truth[k][1]][0] for k in range(20, 45)]
    assert kamp["participants_change"]["levels"] == round(sum(part) / 20, 2) == 1.5
    assert kamp["others_change"]["levels"] == round(sum(others) / 25, 2)
    assert kamp["difference"]["levels"] == round(1.5 - sum(others) / 25, 2)
    text = runner.invoke(
        app, ["history", "trend", "--db", store, "--from", "2023-01-01", "--by", "programme", "--lang", "en"]
    )
    assert "Participants (before → after joining)" in text.output


def test_groups_and_the_dashboard(store: str, tmp_path: Path) -> None:
    page = tmp_path / "trend.html"
    result = runner.invoke(
        app, ["history", "trend", "--db", store, "--from", "2023-01-01", "--by", "sector", "-o", str(page)]
    )
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "<script" not in html and "http" not in html.replace("http-equiv", "")
    assert number(3) not in html and "가상기업" not in html
    view = api.history_trend(store, start=dt.date(2023, 1, 1), by="sector")
    rows = {g["group"].split()[0]: g for g in view["groups"]}
    assert {g["group"] for g in view["groups"]} >= {
        "C29 기타 기계 및 장비 제조업",
        "C30 자동차 및 트레일러 제조업",
    }
    assert rows["C29"]["n"] + rows["C30"]["n"] == 45
    up_c30 = sum(1 for k in plan() if k % 2 == 0 and (k < 20 or k >= 40))
    assert rows["C30"]["up"] == up_c30
    book = tmp_path / "trend.xlsx"
    assert (
        runner.invoke(app, ["history", "trend", "--db", store, "--format", "xlsx", "-o", str(book)]).exit_code
        == 0
    )
    assert book.read_bytes()[:2] == b"PK"
    table = list(
        csv.reader(
            io.StringIO(
                runner.invoke(app, ["history", "trend", "--db", store, "--format", "csv"]).output.lstrip(
                    "\ufeff"
                )
            )
        )
    )
    assert table[0] == ["section", "item", "measure", "value"]


def test_each_group_shows_its_mean_change_per_dimension(store: str, cards: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    view = api.history_trend(store, start=dt.date(2023, 1, 1), by="sector", lang="en")
    same = comparable("kr-smart-factory", "2026.1", "2026.2")
    assert same is not None
    truth = {k: (cards[t[1]], cards[t[2]]) for k, t in plan().items()}
    groups = {g["group"].split()[0]: g for g in view["groups"] if not g.get("total")}
    assert set(groups) == {"C29", "C30"}
    for sector, odd in (("C29", 1), ("C30", 0)):
        rows = {d["id"]: d for d in groups[sector]["dimensions"]}
        assert set(rows) == {d["id"] for d in view["dimensions"]}
        for did, row in rows.items():
            changes = [
                round(last[2][did] - first[2][did], 3)
                for k, (first, last) in truth.items()
                if k % 2 == odd and (k < 40 or did in same)
                if first[2][did] is not None and last[2][did] is not None
            ]
            assert "n" not in row  # the means only: no count the totals could be worked back from
            assert row["change"] == round(sum(changes) / len(changes), 2), (sector, did)
    c30 = groups["C30"]["dimensions"][0]
    text = outputs.text(view, "en")
    assert f"{c30['name']} {outputs._cell(c30['change'])}" in text.split("C30")[1]
    assert [
        "by_sector",
        groups["C30"]["group"],
        f"dimension_{c30['id']}",
        outputs._cell(c30["change"]),
    ] in list(outputs.rows(view, "en"))
    page = outputs.html(view, "en")
    assert page.count(f'<td class="num">{outputs._cell(c30["change"])}</td>') >= 1
    assert "Mean change per dimension" in page.split("By sector")[1]


def test_the_output_file_extension_chooses_the_format(store: str, tmp_path: Path) -> None:
    for suffix, starts in ((".csv", "\ufeffsection,item,measure,value"), (".json", "{"), (".xlsx", "PK")):
        target = tmp_path / f"trend{suffix}"
        result = runner.invoke(app, ["history", "trend", "--db", store, "-o", str(target)])
        assert result.exit_code == 0, result.output
        data = target.read_bytes()
        assert data.startswith(starts.encode()), (suffix, data[:20])
    assert json.loads((tmp_path / "trend.json").read_text(encoding="utf-8"))["firms"] == 45
    text = tmp_path / "trend.txt"
    assert runner.invoke(app, ["history", "trend", "--db", store, "-o", str(text)]).exit_code == 0
    assert text.read_text(encoding="utf-8").startswith(word("trend.title", "ko"))
    both = runner.invoke(
        app, ["history", "trend", "--db", store, "--format", "csv", "-o", str(tmp_path / "t.html")]
    )
    assert both.exit_code == 2 and "leave out --format" in both.output
    assert not (tmp_path / "t.html").exists()
    no_file = runner.invoke(
        app, ["history", "trend", "--db", str(tmp_path / "absent.db"), "--format", "xlsx"]
    )
    assert no_file.exit_code == 2 and "--format xlsx needs -o" in no_file.output  # before the store is read


def test_show_one_firm_over_the_years_and_across_versions(store: str) -> None:
    result = runner.invoke(app, ["history", "show", number(41), "--db", store, "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "2022-04-01" in result.output and "2024-04-01" in result.output
    assert (
        "The questionnaire changed from kr-smart-factory 2026.2 to kr-smart-factory 2026.1" in result.output
    )
    view = api.history_show(store, number(41).replace("-", ""), lang="en")
    assert view is not None
    assert [a["level"]["rank"] for a in view["assessments"]] == [5, 1, 3]
    step = view["changes"][1]  # 2026.1 -> 2026.2: only the mapped dimensions are compared
    assert {d["id"] for d in step["dimensions"]} <= {"data", "equipment", "people"}
    assert step["blockers_cleared"]
    missing = runner.invoke(app, ["history", "show", "999-99-99999", "--db", store])
    assert missing.exit_code == 4
    bad = runner.invoke(app, ["history", "show", "not-a-number", "--db", store])
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_hostile_names_are_never_obeyed_or_published(store_db: str, tmp_path: Path) -> None:
    evil = "\x1b]52;c;ZXZpbA==\x07\x1b[31m<script>alert(1)</script>"
    for year, level in (("2023-01-01", 1), ("2024-01-01", 2)):
        text = firm_file(level, 77, year, name="x").replace(
            'name: "x"', 'name: "\\e]52;c;ZXZpbA==\\a\\e[31m<script>alert(1)</script>"'
        )
        (tmp_path / f"{year}.yaml").write_text(text, encoding="utf-8")
    import_files([tmp_path], store_db, jobs=1)
    shown = runner.invoke(app, ["history", "show", number(77), "--db", store_db])
    assert shown.exit_code == 0, shown.output
    assert "\x1b" not in shown.output and "\\x1b" in shown.output
    page = tmp_path / "t.html"
    runner.invoke(app, ["history", "trend", "--db", store_db, "-o", str(page)])
    assert "<script>" not in page.read_text(encoding="utf-8") and evil not in page.read_text(encoding="utf-8")


# --- the published figures cannot be worked back (the batch dashboard's property test) -----------


def _stored(firm: int, day: dt.date, level: int, sector: str, programmes: list[str]) -> Stored:
    return Stored(
        id=firm * 10 + day.year % 10, firm_id=firm, date=day, mode="self", company_name="n",
        questionnaire_id="kr-smart-factory", questionnaire_version="2026.2", level_rank=level,
        points=level * 150, level_id=f"l{level}", dimensions_json=f'{{"x": {level}}}', blockers=[],
        programmes=programmes, sector=sector, region=None, size_band=None, source=None,
    )  # fmt: skip


firms = st.lists(
    st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from("ABCD"), st.integers(0, 2)),
    min_size=MIN_GROUP,
    max_size=40,
)


@settings(max_examples=150, deadline=None)
@given(firms)
def test_no_published_trend_figure_reveals_a_suppressed_cell(data: list[tuple[int, int, str, int]]) -> None:
    assessments = []
    for k, (a, b, sector, joins) in enumerate(data):
        first = ["p"] if joins == 2 else []
        assessments.append(_stored(k, dt.date(2023, 1, 1), a, sector, first))
        assessments.append(_stored(k, dt.date(2024, 1, 1), b, sector, ["p"] if joins else []))
    n = len(data)

    def small(cells: dict[str, int | str]) -> list[str]:
        return [k for k, v in cells.items() if isinstance(v, int) and 0 < v < MIN_GROUP]

    for by in ("sector", "programme"):
        view = trend.view(assessments, by=by)
        assert leaks(view["steps"], n) == [] and small(view["steps"]) == []
        truth = Counter(b - a for a, b, _, _ in data)
        for key, value in view["steps"].items():
            assert value == truth[int(key)] or isinstance(value, str)
        for side, sign in (("up", 1), ("down", -1)):
            cells = [v for k, v in view["steps"].items() if k != "0" and int(k) * sign > 0]
            total = view["movement"][side]
            assert total == HIDDEN or (all(isinstance(c, int) for c in cells) and total == sum(cells))
        groups = [g for g in view["groups"] if not g.get("total")]
        if groups:
            sizes = {g["group"]: g["n"] for g in groups}
            assert leaks(sizes, n) == [] and small(sizes) == []
            for g in groups:
                if isinstance(g["n"], int):
                    row = {k: g[k] for k in ("up", "same", "down")}
                    assert leaks(row, g["n"]) == [] and small(row) == []
                    (x,) = g["dimensions"]  # a mean only where a group of at least MIN_GROUP is shown
                    assert set(x) == {"id", "name", "change"}
                    assert g["n"] >= MIN_GROUP or x["change"] in (SUPPRESSED, None)
                else:
                    assert {g[k] for k in ("up", "same", "down")} == {HIDDEN}
            (total_row,) = [g for g in view["groups"] if g.get("total")]
            for column in ("up", "same", "down"):
                parts = [g[column] for g in groups]
                assert total_row[column] == HIDDEN or all(isinstance(c, int) for c in parts)
        for p in view["programmes"]:
            split = {k: p[k] for k in ("participants", "others", "already")}
            assert leaks(split, n) == [] and small(split) == []
        html = outputs.html(view, "en")
        assert "<5" not in html or "&lt;5" in html  # escaped, like every cell
