"""readiness batch (issue 5): statuses, errors, exit codes, agreement with one-by-one scoring,
determinism, suppression, safe report names, duplicates, crashes. Small folders, real files."""

from __future__ import annotations

import csv
import glob
import json
import multiprocessing
import os
import shutil
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from readiness import api
from readiness.batch import pool, worker
from readiness.batch.discover import discover
from readiness.batch.peers import peer_figures
from readiness.batch.rows import CRASH_MESSAGE
from readiness.batch.run import FirstFiles, safe_name
from readiness.batch.run import run as run_batch
from readiness.batch.stats import (
    HIDDEN,
    OTHER,
    SUPPRESSED,
    Stats,
    Tally,
    employee_band,
    quantile,
    visible_groups,
)
from readiness.cli import app
from readiness.domain.answers import AnswerFile
from readiness.errors import EXIT_BATCH_INVALID, Problem
from readiness.files.loading import Located, find_questionnaire, read_answers
from readiness.words import word

from .conftest import DATA, ROOT
from .test_loading import CASES

runner = CliRunner()
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
OUTPUTS = ["summary.csv", "summary.json", "summary.xlsx", "errors.csv", "dashboard.html", "peers.json"]


def bundled(text: str) -> str:
    """A tests/data/bad case rewritten for the bundled questionnaire (same lines)."""
    return (
        text.replace('{id: mini, version: "1.0"}', '{id: kr-smart-factory, version: "2026.1"}')
        .replace("make.results", "production.results")
        .replace("make.nope", "production.nope")
    )


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every invalid case from tests/data/bad plus every example, in sub-folders."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "bad").mkdir()
    (folder / "good").mkdir()
    for path in sorted((DATA / "bad").iterdir()):
        (folder / "bad" / path.name).write_bytes(
            bundled(path.read_bytes().decode("latin-1")).encode("latin-1")
        )
    for path in EXAMPLES:
        shutil.copy(path, folder / "good" / path.name)
    (folder / "good" / "notes.txt").write_text("not an answer file")
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("out")
    result = runner.invoke(app, ["batch", str(mixed), "-o", str(out), "--jobs", "2"])
    return out, result


def rows(out: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {Path(r["path"]).name: r for r in data["rows"]}


def test_mixed_folder_gives_statuses_errors_and_exit_code(mixed_run: tuple[Path, Result]) -> None:
    out, result = mixed_run
    assert result.exit_code == EXIT_BATCH_INVALID, result.output
    got = rows(out)
    assert len(got) == len(CASES) + len(EXAMPLES)  # notes.txt is not an answer file
    for name, (line, text) in CASES.items():
        row = got[name]
        assert row["status"] == "invalid", name
        first = row["problems"][0]
        message = str(Problem(row["path"], first["message"], first["line"], first["field"]))
        assert bundled(text) in message, (name, message)
        assert first["line"] == line, (name, message)
    for path in EXAMPLES:
        assert got[path.name]["status"] == "ok", got[path.name]["problems"]
    # every problem is printed at the end, one greppable line each, then the totals
    assert f"bad{os.sep}out-of-range.yaml:4: answers.production.results: answer must be" in result.stderr
    for name in CASES:
        assert f"{name}" in result.stderr
    assert f"{len(CASES) + len(EXAMPLES)} file(s): {len(EXAMPLES)} ok, {len(CASES)} invalid" in result.stderr


def test_errors_csv_has_path_line_field_message(mixed_run: tuple[Path, Result]) -> None:
    out, _ = mixed_run
    raw = (out / "errors.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM for Excel
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert list(table[0]) == ["파일", "줄", "항목", "내용"]  # headers in the run's language (ko)
    by_file = {Path(r["파일"]).name: r for r in reversed(table)}  # first problem per file
    assert set(by_file) == set(CASES)
    assert by_file["out-of-range.yaml"]["줄"] == "4"
    assert by_file["out-of-range.yaml"]["항목"] == "answers.production.results"
    assert by_file["missing-company-name.yaml"]["항목"] == "company.name"


def test_summary_agrees_with_scoring_each_file(mixed_run: tuple[Path, Result]) -> None:
    out, _ = mixed_run
    got = rows(out)
    for path in EXAMPLES:
        card = api.score_file(path)
        row = got[path.name]
        assert row["points"] == card.points
        assert row["level"]["rank"] == card.level.rank and row["level"]["id"] == card.level.id
        assert row["level"]["name"] == card.level.name("ko")
        assert row["dimensions"] == {d.id: d.score for d in card.dimensions}
        assert (row["answered"], row["total"], row["completeness"]) == (
            card.answered,
            card.total,
            card.completeness,
        )
        assert [w["id"] for w in row["warnings"]] == [w.id for w in card.warnings]
        blockers = card.next_level.blockers if card.next_level else []
        assert len(row["blockers"]) == len(blockers)
        assert row["company_name"] == card.company.name
        assert row["business_number"] == card.company.business_number


def test_summary_csv_and_xlsx(mixed_run: tuple[Path, Result]) -> None:
    out, _ = mixed_run
    raw = (out / "summary.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(table) == len(CASES) + len(EXAMPLES)
    production = find_questionnaire("kr-smart-factory").questionnaire.dimension("production").name.ko
    wanted = ["path", "status", "company_name", "level_rank", "points", "completeness"]
    assert {word(f"column.{c}", "ko") for c in wanted} | {production} <= set(table[0])
    machine = json.loads((out / "summary.json").read_text(encoding="utf-8"))["rows"][0]
    assert {"path", "status", "company_name", "points", "completeness"} <= set(machine)  # stable names
    with zipfile.ZipFile(out / "summary.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert 'state="frozen"' in sheet and "<autoFilter" in sheet and "<cols>" in sheet
    assert sheet.count("<row ") == len(table) + 1


def test_outputs_are_byte_identical_across_jobs_and_reruns(mixed: Path, tmp_path: Path) -> None:
    for name, jobs in (("one", "1"), ("two", "2"), ("again", "2")):
        result = runner.invoke(app, ["batch", str(mixed), "-o", str(tmp_path / name), "--jobs", jobs])
        assert result.exit_code == EXIT_BATCH_INVALID, result.output
    for output in OUTPUTS:
        one = (tmp_path / "one" / output).read_bytes()
        assert one == (tmp_path / "two" / output).read_bytes(), output
        assert one == (tmp_path / "again" / output).read_bytes(), output


def test_all_valid_folder_exits_0_and_writes_every_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(ROOT / "examples"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for output in OUTPUTS:
        assert (tmp_path / "out" / output).is_file(), output


@pytest.mark.parametrize(
    "args",
    [
        ["batch", "no/such/folder"],
        ["batch", "examples", "--jobs", "0"],
        ["batch", "examples", "--reports", "docx"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    assert runner.invoke(app, [*args, "-o", str(tmp_path)]).exit_code == 2


def test_batch_has_help() -> None:
    result = runner.invoke(app, ["batch", "--help"])
    assert result.exit_code == 0 and "--reports" in result.stdout and "--strict" in result.stdout


def test_discover_recurses_sorts_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b/2.yaml", "a/1.yml", "a/.hidden.yaml", ".git/x.yaml", "c.txt", "z.YAML"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n")
    found = discover([tmp_path, str(tmp_path / "b" / "*.yaml"), tmp_path / "a" / "1.yml"])
    assert [Path(p).relative_to(tmp_path).as_posix() for p in found.files] == [
        "a/1.yml",
        "b/2.yaml",
        "z.YAML",
    ]
    skipped = {Path(p).relative_to(tmp_path).as_posix(): why for p, why in found.skipped}
    assert skipped == {".git": "skipped: hidden folder", "a/.hidden.yaml": "skipped: hidden file"}


def _reference_discover(inputs: list[str]) -> list[str]:
    """What discover did with one dict of absolute paths (no skips in these trees)."""
    files: dict[str, str] = {}

    def walk(top: str) -> None:
        seen = set()
        for root, dirs, names in os.walk(top, followlinks=True):
            if os.path.realpath(root) in seen:  # a link to a folder already walked: reported
                dirs[:] = []
                continue
            seen.add(os.path.realpath(root))
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in names:
                if name.lower().endswith((".yaml", ".yml", ".xlsx", ".xlsm")) and not name.startswith("."):
                    files.setdefault(os.path.abspath(os.path.join(root, name)), os.path.join(root, name))

    for item in inputs:
        for match in sorted(glob.glob(item, recursive=True)) if glob.has_magic(item) else [item]:
            if os.path.isdir(match):
                walk(match)
            else:
                files.setdefault(os.path.abspath(match), match)
    return sorted(files.values())


TRICKY = [
    "a/x.yaml",
    "a-c/x.yaml",
    "a.yaml",
    "a/b/y.yml",
    "a/b.yaml",
    "a/b-c.yaml",
    "ä/한글.yaml",
    "a/c.xlsx",
]


@pytest.mark.parametrize(
    "inputs",
    [
        ["."],
        ["a", "a-c", "a.yaml"],
        ["a/x.yaml", "a"],
        ["a", "./a/x.yaml", "a/b/../x.yaml"],
        ["./a/", "a", "a/b"],
        ["a/b", "a/", "a-c/x.yaml", "ä"],
        ["**/*.yaml", "."],
        ["a/b/../b/y.yml", "a/b", "./a/b/y.yml", "link"],
    ],
)
def test_discover_keeps_the_first_spelling_of_a_file_found_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, inputs: list[str]
) -> None:
    for name in TRICKY:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x: 1\n")
    (tmp_path / "link").symlink_to(tmp_path / "a" / "b")
    monkeypatch.chdir(tmp_path)
    found = discover(inputs)
    assert list(found.files) == _reference_discover(inputs)
    assert [found.files[i] for i in range(len(found.files))] == list(found.files)
    assert list(found.files[1:3]) == list(found.files)[1:3] and found.files[-1] == list(found.files)[-1]


# --- duplicates and --strict ------------------------------------------------------------------


def _copy_examples(folder: Path, names: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(ROOT / "examples" / name, folder / name)


def test_duplicate_business_numbers_are_flagged_and_counted_once(tmp_path: Path) -> None:
    _copy_examples(tmp_path / "in", ["demo.yaml", "paper-shop.yaml"])
    shutil.copy(ROOT / "examples" / "demo.yaml", tmp_path / "in" / "zz-resubmitted.yaml")
    result = run_batch([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert result.exit_code == 0  # flagged, not invalid
    assert list(result.duplicates.values()) == [["demo.yaml", "zz-resubmitted.yaml"]]  # relative to the input
    got = rows(tmp_path / "out")
    assert got["zz-resubmitted.yaml"]["duplicate_of"] == "demo.yaml"
    assert got["demo.yaml"]["duplicate_of"] is None
    assert result.counted == 2  # the resubmission is not counted twice in the statistics

    strict = run_batch([tmp_path / "in"], tmp_path / "strict", jobs=1, strict=True)
    assert strict.exit_code == EXIT_BATCH_INVALID
    assert rows(tmp_path / "strict")["zz-resubmitted.yaml"]["status"] == "invalid"


def test_strict_makes_warnings_invalid(tmp_path: Path) -> None:
    _copy_examples(tmp_path / "in", [p.name for p in EXAMPLES])
    relaxed = run_batch([tmp_path / "in"], tmp_path / "out", jobs=1)
    assert relaxed.warned > 0 and relaxed.invalid == 0
    strict = run_batch([tmp_path / "in"], tmp_path / "strict", jobs=1, strict=True)
    assert strict.invalid == relaxed.warned
    warned = [r for r in rows(tmp_path / "strict").values() if r["warnings"]]
    assert all(r["status"] == "invalid" and r["problems"][0]["field"].startswith("warnings.") for r in warned)


# --- suppression ------------------------------------------------------------------------------


def test_groups_under_five_are_suppressed_and_cannot_be_subtracted() -> None:
    assert visible_groups({"a": 10, "b": 7, "c": 3}) == {"a": None, "b": HIDDEN, "c": SUPPRESSED}
    assert visible_groups({"a": 10, "b": 7, "c": 3, "d": 2}) == {
        "a": None,
        "b": None,
        "c": SUPPRESSED,
        "d": SUPPRESSED,
    }
    assert visible_groups({"a": 10, "b": 7}) == {"a": None, "b": None}
    stats = Stats(["x"], 2)
    for k in range(14):
        sector = "C29" if k < 8 else ("C30" if k < 13 else "C25")
        stats.add(
            points=100 * (k % 5),
            level=k % 2,
            dimensions={"x": k % 5},
            completeness=1.0,
            sector=sector,
            region="경기",
            size_band=employee_band(10 + k),
            blockers=[],
            plausibility=[],
        )
    sectors = {entry["group"]: entry for entry in stats.breakdown("sector")}
    # C25's one firm is folded, unnamed, into OTHER; hiding C30 (5) too would still give
    # OTHER = 14 - 8 - C30 <= 1, so every sector is hidden and only the total is published
    assert sectors == {
        OTHER: {"group": OTHER, "n": SUPPRESSED},
        "C29": {"group": "C29", "n": HIDDEN},
        "C30": {"group": "C30", "n": HIDDEN},
    }
    peers = stats.peers()
    assert "C25" not in peers["sector"] and peers["sector"][OTHER] == {"n": SUPPRESSED}
    assert peers["all"]["n"] == 14


def test_dashboard_and_peers_suppress_and_stay_anonymous(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    demo = (ROOT / "examples" / "demo.yaml").read_text(encoding="utf-8")
    for k in range(14):  # six firms in C30, seven in C29, one in C25
        text = demo.replace('"000-00-10004"', f'"000-00-200{k:02d}"')
        if k >= 6:
            text = text.replace("sector: C30", "sector: C29" if k < 13 else "sector: C25")
        (folder / f"f{k}.yaml").write_text(text, encoding="utf-8")
    result = run_batch([folder], tmp_path / "out", jobs=2)
    assert result.exit_code == 0
    html = (tmp_path / "out" / "dashboard.html").read_text(encoding="utf-8")
    peers_text = (tmp_path / "out" / "peers.json").read_text(encoding="utf-8")
    peers = json.loads(peers_text)
    assert "C25" not in peers["sector"] and peers["sector"][OTHER] == {"n": SUPPRESSED}
    assert peers["sector"]["C30"] == {"n": HIDDEN}  # else OTHER = all - C30 - C29
    assert peers["sector"]["C29"]["n"] == 7
    assert (
        "&lt;5" in html
        and "<script" not in html
        and "http" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    name = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["rows"][0][
        "company_name"
    ]
    for text in (html, peers_text):
        assert "000-00-200" not in text and name not in text


def test_dashboard_escapes_text_from_answer_files(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    demo = (ROOT / "examples" / "demo.yaml").read_text(encoding="utf-8")
    for k in range(5):
        text = demo.replace('"000-00-10004"', f'"000-00-2000{k}"').replace(
            "region: 경기", 'region: "<b>x</b>"'
        )
        (folder / f"f{k}.yaml").write_text(text, encoding="utf-8")
    run_batch([folder], tmp_path / "out", jobs=1)
    html = (tmp_path / "out" / "dashboard.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


# --- reports ----------------------------------------------------------------------------------


def test_report_names_are_safe(tmp_path: Path) -> None:
    pytest.importorskip("readiness.report")
    assert safe_name("../../x") == "x"
    assert safe_name("..") == "report"
    assert safe_name("a/b\\c d") == "a_b_c_d"
    assert safe_name("CON") == "_CON"
    assert safe_name("한빛 정밀") == "한빛_정밀"
    folder = tmp_path / "in"
    folder.mkdir()
    demo = (ROOT / "examples" / "demo.yaml").read_text(encoding="utf-8")
    hostile = demo.replace('"000-00-10004"', "~").replace("name: ", 'name: "../../x" #', 1)
    (folder / "--my firm (1).yaml").write_text(hostile, encoding="utf-8")  # no business number
    (folder / "a.yaml").write_text(demo, encoding="utf-8")
    (folder / "b.yaml").write_text(demo, encoding="utf-8")  # same business number: -2
    result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "--reports", "md"])
    assert result.exit_code == 0, result.output
    reports = tmp_path / "out" / "reports"
    assert sorted(p.name for p in reports.iterdir()) == [
        "000-00-10004-2.md",
        "000-00-10004.md",
        "my_firm_1.md",
    ]
    assert not (tmp_path / "x.md").exists() and not (tmp_path.parent / "x.md").exists()
    got = rows(tmp_path / "out")
    assert got["--my firm (1).yaml"]["report"] == "reports/my_firm_1.md"
    assert got["b.yaml"]["report"] == "reports/000-00-10004-2.md"


@pytest.mark.parametrize("escape", ["../x", "sub/x", "ABSOLUTE"])
def test_a_report_name_that_would_leave_the_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, escape: str
) -> None:
    """The last guard behind safe_name: even a broken safe_name cannot write outside reports/."""
    from readiness.batch import run as batch_run

    _copy_examples(tmp_path / "in", ["demo.yaml"])
    escape = str(tmp_path / "x") if escape == "ABSOLUTE" else escape
    monkeypatch.setattr(batch_run, "safe_name", lambda text, fallback="report": escape)
    result = runner.invoke(
        app, ["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--reports", "md"]
    )
    assert result.exit_code == 2 and "refusing to write a report outside" in result.output, result.output
    assert not (tmp_path / "out" / "x.md").exists() and not (tmp_path / "x.md").exists()
    assert not (tmp_path / "out" / "reports" / "sub").exists()


def test_reports_render_once_per_valid_file(mixed_run: tuple[Path, Result], tmp_path: Path) -> None:
    pytest.importorskip("readiness.report")
    folder = tmp_path / "in"
    _copy_examples(folder, ["demo.yaml"])
    (folder / "bad.yaml").write_text("company: {name: X\n")
    result = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "--reports", "html"])
    assert result.exit_code == EXIT_BATCH_INVALID
    assert [p.name for p in (tmp_path / "out" / "reports").iterdir()] == ["000-00-10004.html"]
    assert "<html" in (tmp_path / "out" / "reports" / "000-00-10004.html").read_text(encoding="utf-8")


# --- robustness -------------------------------------------------------------------------------


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the crash is injected into forked workers"
)
def test_a_crashing_worker_marks_its_file_invalid_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copy_examples(tmp_path / "in", [p.name for p in EXAMPLES])
    real = read_answers

    def crash_on_demo(path: Path) -> tuple[AnswerFile, Located]:
        if path.name == "demo.yaml":
            os._exit(139)  # what a segfault in libyaml looks like to the pool
        return real(path)

    monkeypatch.setattr(worker, "read_answers", crash_on_demo)
    monkeypatch.setattr(pool, "_context", lambda: multiprocessing.get_context("fork"))
    result = run_batch([tmp_path / "in"], tmp_path / "out", jobs=2)
    assert result.crashed == 1 and result.invalid == 1 and result.ok == len(EXAMPLES) - 1
    assert rows(tmp_path / "out")["demo.yaml"]["problems"][0]["message"] == CRASH_MESSAGE


def test_peers_json_feeds_a_firms_report(tmp_path: Path) -> None:
    from readiness.report.view import Peers

    folder = tmp_path / "in"
    folder.mkdir()
    demo = (ROOT / "examples" / "demo.yaml").read_text(encoding="utf-8")
    for k in range(6):
        (folder / f"f{k}.yaml").write_text(
            demo.replace('"000-00-10004"', f'"000-00-200{k:02d}"'), encoding="utf-8"
        )
    run_batch([folder], tmp_path / "out", jobs=1)
    peers = json.loads((tmp_path / "out" / "peers.json").read_text(encoding="utf-8"))
    card = api.score_file(ROOT / "examples" / "demo.yaml")
    figures = peer_figures(peers, card.company.sector, card.company.employees, card.points)
    view = Peers.model_validate(figures)  # the shape the report renderer takes
    assert view.count == 6 and view.label == "C30"  # the sector: no sector-by-size crossing is published
    assert "sector_size_band" not in peers and {"sector", "size_band", "all"} <= set(peers)
    assert view.points_median == card.points and view.points_percentile == 90.0  # all equal: top band
    production = next(d.score for d in card.dimensions if d.id == "production")
    assert view.dimensions["production"] == round(production or 0, 2)
    assert (
        peer_figures(
            peers | {"all": {"n": SUPPRESSED}, "sector": {}, "size_band": {}, "sector_size_band": {}},
            "C30",
            48,
            1,
        )
        is None
    )


def test_report_uses_peers_json_from_a_batch(tmp_path: Path) -> None:
    """`readiness report --peers` shows where a firm stands; a non-peers file is a clear error."""
    from readiness.api import report_file
    from readiness.errors import AnswersError
    from readiness.resources import bundled

    folder = tmp_path / "in"
    folder.mkdir()
    demo = (bundled("examples") / "demo.yaml").read_text(encoding="utf-8")
    for i in range(6):
        text = demo.replace('"000-00-10004"', f'"124-81-{53810 + i}"').replace(
            "employees: 48", f"employees: {45 + i}"
        )
        (folder / f"firm{i}.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    with_peers, _ = report_file(folder / "firm0.yaml", "json", "en", peers=tmp_path / "out" / "peers.json")
    without, _ = report_file(folder / "firm0.yaml", "json", "en")
    assert json.loads(with_peers)["peers"]["count"] >= 5
    assert json.loads(without)["peers"] is None
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(AnswersError, match=r"not a peers\.json"):
        report_file(folder / "firm0.yaml", "json", "en", peers=bad)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-1, 1200), min_size=1, max_size=80), st.sampled_from([0.1, 0.25, 0.5, 0.75, 0.9]))
def test_a_tally_reads_like_the_sorted_values(values: list[int], q: float) -> None:
    # the statistics count values instead of listing firms: every figure must stay the same
    tally = Tally(Counter(values))
    ordered = sorted(values)
    assert list(tally) == ordered and len(tally) == len(ordered) and tally.total == sum(ordered)
    assert quantile(tally, q) == quantile(ordered, q)


def test_group_figures_do_not_depend_on_the_order_firms_come_in() -> None:
    firms = [(k * 37 % 1001, None if k % 7 == 0 else (k * 13 % 6) / 1.0, f"C{k % 9}") for k in range(300)]
    summaries = []
    for order in (firms, firms[::-1]):
        stats = Stats(["x"], 2)
        for points, score, sector in order:
            stats.add(points=points, level=1, dimensions={"x": score}, completeness=1.0, sector=sector,
                      region=None, size_band=None, blockers=[], plausibility=[])  # fmt: skip
        summaries.append((stats.peers(), stats.breakdown("sector"), stats.overall.summary()))
    assert summaries[0] == summaries[1]
    everyone = summaries[0][2]
    assert everyone["n"] == 300 and everyone["points"]["p50"] == quantile(sorted(f[0] for f in firms), 0.5)
    assert everyone["dimensions"]["x"]["n"] == sum(f[1] is not None for f in firms)


def test_first_files_finds_every_repeat_like_a_dict() -> None:
    import random

    rng = random.Random(15)
    numbers = [
        f"{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(10000, 99999)}" for _ in range(3000)
    ]
    numbers += ["000-00-00000", "999-99-99999", "not-a-number", "１２３-４５-６７８９０"]
    order = [rng.choice(numbers) for _ in range(20_000)]  # many repeats; the table grows several times
    table, reference = FirstFiles(), dict[str, int]()
    for index, number in enumerate(order):
        assert table.first(number, index) == reference.setdefault(number, index)


@pytest.mark.parametrize("history", [False, True])
def test_the_batch_command_keeps_rows_only_for_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, history: bool
) -> None:
    # 100,000 rows kept for nothing made the main process 4.8x larger than at 10,000 files
    from readiness.batch import run as batch_run

    real, kept = batch_run.run, []

    def spying(*args: Any, **kwargs: Any) -> Any:
        kept.append(kwargs.get("each"))
        return real(*args, **kwargs)

    monkeypatch.setattr(batch_run, "run", spying)
    monkeypatch.chdir(ROOT)
    store = ["--history", str(tmp_path / "h.db")] if history else []
    result = runner.invoke(app, ["batch", "examples/demo.yaml", "-o", str(tmp_path / "out"), *store])
    assert result.exit_code == 0, result.output
    assert (kept[0] is not None) is history


def test_statistics_columns_widen_for_values_that_do_not_fit() -> None:
    stats = Stats(["x"], 2)
    for points, score, region in [(10, 1.0, "a"), (70_000, 40.0, "b"), (-5, None, "c")] * 5:
        stats.add(points=points, level=1, dimensions={"x": score}, completeness=1.0, sector=None,
                  region=region, size_band=None, blockers=[], plausibility=[])  # fmt: skip
    for i in range(70_000):  # more group keys than two bytes hold
        stats.add(points=1, level=1, dimensions={"x": 1.0}, completeness=1.0, sector=None,
                  region=f"r{i}", size_band=None, blockers=[], plausibility=[])  # fmt: skip
    assert list(stats.points[:3]) == [10, 70_000, -5] and list(stats.dimensions["x"][:3]) == [
        1000,
        40_000,
        -1,
    ]
    regions = {e["group"]: e for e in stats.breakdown("region")}
    assert regions["b"]["points"]["mean"] == 70_000 and regions["b"]["dimensions"]["x"]["mean"] == 40.0
    assert regions["c"]["dimensions"]["x"]["n"] == 0 and regions[OTHER]["n"] == 70_000
