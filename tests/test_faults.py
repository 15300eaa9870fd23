"""Faults the code must survive: a failed save, a worker that dies inside a chunk, and the exact
small-group threshold in every place that hides small groups."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pytest

from readiness.batch import dashboard, pool, worker
from readiness.batch.peers import peer_figures
from readiness.batch.rows import CRASH_MESSAGE, BatchResult
from readiness.batch.run import run as run_batch
from readiness.batch.stats import MIN_GROUP, SUPPRESSED, Stats, suppress_counts, visible_groups
from readiness.files import output
from readiness.files.loading import find_questionnaire, read_answers

ROOT = Path(__file__).parent.parent

# --- atomic save -----------------------------------------------------------------------------


def test_a_failed_rename_leaves_the_old_file_and_the_folder_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "answers.yaml"
    output.save_atomic(path, "old\n")
    before = sorted(os.listdir(tmp_path))

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="No space left"):
        output.save_atomic(path, "new\n")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert sorted(os.listdir(tmp_path)) == before  # no temporary file left behind


def test_a_failed_write_of_a_new_file_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", refuse)
    with pytest.raises(OSError):
        output.save_atomic(tmp_path / "new.yaml", b"data")
    assert os.listdir(tmp_path) == []


# --- a worker crash inside a chunk -----------------------------------------------------------


@pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the crash is injected into forked workers"
)
def test_a_crash_inside_a_chunk_of_several_files_takes_out_only_its_own_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    demo = (ROOT / "examples" / "demo.yaml").read_text(encoding="utf-8")
    for i in range(12):
        (folder / f"firm{i:02d}.yaml").write_text(demo.replace("000-00-10004", f"000-00-{40000 + i}"))
    real = read_answers

    def crash_on_one(path: Path) -> Any:
        if path.name == "firm05.yaml":
            os._exit(139)  # what a segfault in libyaml looks like to the pool
        return real(path)

    monkeypatch.setattr(worker, "read_answers", crash_on_one)
    monkeypatch.setattr(pool, "_context", lambda: multiprocessing.get_context("fork"))
    monkeypatch.setattr(pool, "chunk_size", lambda files, jobs: 4)  # firm04-07 share a chunk
    result = run_batch([folder], tmp_path / "out", jobs=2)
    data = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))
    status = {Path(r["path"]).name: r["status"] for r in data["rows"]}
    assert status.pop("firm05.yaml") == "invalid"
    assert set(status.values()) == {"ok"} and len(status) == 11
    assert result.crashed == 1 and result.ok == 11
    crashed = next(r for r in data["rows"] if r["path"].endswith("firm05.yaml"))
    assert crashed["problems"][0]["message"] == CRASH_MESSAGE


# --- the small-group threshold is exactly 5 everywhere ---------------------------------------


def _stats(sizes: dict[str, int]) -> Stats:
    stats = Stats(["x"], 2)
    for sector, n in sizes.items():
        for k in range(n):
            stats.add(
                points=100 + 10 * k,
                level=1,
                dimensions={"x": 1 + (k % 3)},
                completeness=1.0,
                sector=sector,
                region="경기",
                size_band="10-49",
                blockers=[f"L2 {sector}"],
                plausibility=[f"rule-{sector}"],
            )
    return stats


def test_the_threshold_is_five() -> None:
    assert MIN_GROUP == 5


@pytest.mark.parametrize(("n", "hidden"), [(4, True), (5, False)])
def test_counts_hide_four_and_show_five(n: int, hidden: bool) -> None:
    assert (suppress_counts({"g": n})["g"] == SUPPRESSED) is hidden
    assert (visible_groups({"g": n, "big": 20})["g"] is not None) is hidden


@pytest.mark.parametrize(("n", "hidden"), [(4, True), (5, False)])
def test_breakdowns_and_peers_hide_four_and_show_five(n: int, hidden: bool) -> None:
    stats = _stats({"C29": 20, "C25": 6, "C30": n})
    groups = {e["group"]: e for e in stats.breakdown("sector")}
    assert ("C30" not in groups) is hidden  # four firms fold, unnamed, into OTHER
    assert hidden or "points" in groups["C30"]
    peers = stats.peers()
    assert ("C30" not in peers["sector"]) is hidden
    figures = peer_figures(peers, "C30", None, 120)
    assert figures is not None
    assert (figures["label"] != "C30") is hidden  # a hidden group falls back to a larger one


@pytest.mark.parametrize(("n", "hidden"), [(4, True), (5, False)])
def test_the_whole_batch_shows_statistics_from_five_firms(n: int, hidden: bool) -> None:
    stats = _stats({"C29": n})
    peers = stats.peers()
    assert ("points" not in peers["all"]) is hidden
    assert (peer_figures(peers, "C29", None, 120) is None) is hidden


@pytest.mark.parametrize(("n", "hidden"), [(4, True), (5, False)])
def test_the_dashboard_hides_four_and_shows_five(n: int, hidden: bool) -> None:
    q = find_questionnaire("kr-smart-factory").questionnaire
    stats = Stats([d.id for d in q.dimensions], len(q.levels))
    for k in range(26 + n):
        stats.add(
            points=100 + k,
            level=1,
            dimensions={d.id: 1.0 for d in q.dimensions},
            completeness=1.0,
            sector="C29" if k < 20 else ("C25" if k < 26 else "C30"),
            region="경기",
            size_band="10-49",
            blockers=["L2 rare"] if k >= 26 else [],
            plausibility=["rare-rule"] if k >= 26 else [],
        )
    view = dashboard.view(stats, q, BatchResult(outdir=Path(".")), "en")
    sectors = {row["group"].split()[0]: row for _, rows in view["breakdowns"] for row in rows}
    assert ("C30" not in sectors) is hidden
    assert hidden or sectors["C30"]["shown"]
    blocker = next(b for b in view["blockers"] if b["label"] == "L2 rare")
    assert (blocker["count"] == SUPPRESSED) is hidden
    warning = next(w for w in view["warnings"] if w["label"] == "rare-rule")
    assert (warning["count"] == SUPPRESSED) is hidden


@pytest.mark.parametrize(("n", "enough"), [(4, False), (5, True)])
def test_the_dashboard_shows_nothing_below_five_firms(n: int, enough: bool) -> None:
    q = find_questionnaire("kr-smart-factory").questionnaire
    stats = Stats([d.id for d in q.dimensions], len(q.levels))
    for k in range(n):
        stats.add(
            points=100 + k,
            level=1,
            dimensions={d.id: 1.0 for d in q.dimensions},
            completeness=1.0,
            sector="C29",
            region="경기",
            size_band="10-49",
            blockers=[],
            plausibility=[],
        )
    view = dashboard.view(stats, q, BatchResult(outdir=Path(".")), "en")
    assert view["enough"] is enough
    assert bool(view["levels"]) is enough and bool(view["dimensions"]) is enough
