"""Batch for a ministry desk: odd names, FIFOs, links, locks, interrupted runs, dying parents, leaks."""

from __future__ import annotations

import csv
import fcntl
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from readiness.batch import run as batch_run
from readiness.batch import tables
from readiness.batch.discover import Found, discover
from readiness.batch.outdir import LOCK
from readiness.batch.run import run as run_batch
from readiness.batch.stats import Stats
from readiness.errors import UsageError

ROOT = Path(__file__).parent.parent
DEMO = (ROOT / "examples" / "demo.yaml").read_text(encoding="utf-8")


def firm(i: int, **changes: str) -> str:
    text = DEMO.replace('"000-00-10004"', f'"000-00-{30000 + i}"')
    for key, value in changes.items():
        lines = text.splitlines()
        text = (
            "\n".join(f"  {key}: {value}" if line.startswith(f"  {key}:") else line for line in lines) + "\n"
        )
    return text


def folder_of(path: Path, n: int) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (path / f"firm{i:03d}.yaml").write_text(firm(i), encoding="utf-8")
    return path


def summary(out: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return data


# --- nothing stops it --------------------------------------------------------------------------


def test_a_cp949_file_name_gets_its_row(tmp_path: Path) -> None:
    folder = folder_of(tmp_path / "in", 2)
    name = os.fsdecode("한빛.yaml".encode("cp949"))
    (folder / name).write_text(firm(9), encoding="utf-8")
    result = run_batch([folder], tmp_path / "out", jobs=1)
    paths = [Path(r["path"]).name for r in summary(tmp_path / "out")["rows"]]
    assert "한빛.yaml [CP949 name]" in paths and result.ok == 3
    assert (tmp_path / "out" / "dashboard.html").exists()


def test_a_fifo_is_skipped_never_opened(tmp_path: Path) -> None:
    folder = folder_of(tmp_path / "in", 2)
    os.mkfifo(folder / "pipe.yaml")
    done = subprocess.run(
        [sys.executable, "-m", "readiness", "batch", str(folder), "-o", str(tmp_path / "out"), "-j", "1"],
        capture_output=True,
        timeout=60,  # the old code hung here for ever
        check=False,
    )
    assert done.returncode == 4, done.stderr
    rows = {Path(r["path"]).name: r for r in summary(tmp_path / "out")["rows"]}
    assert rows["pipe.yaml"]["status"] == "skipped" and "FIFO" in rows["pipe.yaml"]["problems"][0]["message"]


def test_links_inside_are_followed_links_out_and_loops_are_reported(tmp_path: Path) -> None:
    root = folder_of(tmp_path / "in", 1)
    outside = folder_of(tmp_path / "elsewhere", 1)
    (root / "sub").mkdir()
    (root / "sub" / "inner.yaml").write_text(firm(5), encoding="utf-8")
    (root / "alias").symlink_to(root / "sub")
    (root / "out-link").symlink_to(outside)
    (root / "sub" / "loop").symlink_to(root)
    result = run_batch([root], tmp_path / "out", jobs=1)
    rows = {r["path"]: r for r in summary(tmp_path / "out")["rows"]}
    skipped = {Path(p).name: r["problems"][0]["message"] for p, r in rows.items() if r["status"] == "skipped"}
    assert "leaves the input folder" in skipped["out-link"]
    assert any("loops" in why for why in skipped.values())
    assert result.ok >= 2 and result.exit_code == 4  # incomplete: some paths were skipped


def test_an_unreadable_folder_gets_a_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = folder_of(tmp_path / "in", 1)
    (root / "locked").mkdir()
    real = os.scandir

    def refuse(path: Any = ".") -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", refuse)
    result = run_batch([root], tmp_path / "out", jobs=1)
    rows = {Path(r["path"]).name: r for r in summary(tmp_path / "out")["rows"]}
    assert (
        rows["locked"]["status"] == "skipped"
        and "cannot read folder" in rows["locked"]["problems"][0]["message"]
    )
    assert result.exit_code == 4


def test_many_distinct_regions_do_not_overflow_the_statistics() -> None:
    stats = Stats(["x"], 2)
    for i in range(70_000):
        stats.add(points=100, level=1, dimensions={"x": 1.0}, completeness=1.0, sector="C29",
                  region=f"r{i}", size_band="10-49", blockers=[], plausibility=[])  # fmt: skip
    regions = stats.breakdown("region")  # every one-firm region folds into OTHER, unnamed
    assert len(regions) == 1 and regions[0]["n"] == 70_000


def test_jobs_are_capped_at_the_cpu_count(tmp_path: Path) -> None:
    result = run_batch([folder_of(tmp_path / "in", 2)], tmp_path / "out", jobs=300)
    assert any("--jobs 300" in note for note in result.notes)


def test_a_write_failure_is_one_clear_error_and_the_previous_run_stays(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = folder_of(tmp_path / "in", 3)
    out = tmp_path / "out"
    run_batch([folder], out, jobs=1)
    before = (out / "summary.csv").read_bytes()

    def full(self: Any, row: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tables.Tables, "write", full)
    with pytest.raises(UsageError, match="No space left on device"):
        run_batch([folder], out, jobs=1)
    assert (out / "summary.csv").read_bytes() == before
    assert not list(out.glob(".staging-*"))


# --- every number is one firm's ----------------------------------------------------------------


def test_a_second_run_on_the_same_folder_is_refused_naming_the_holder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT)
    os.write(fd, b"4242")
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(UsageError, match="4242"):
            run_batch([folder_of(tmp_path / "in", 1)], out, jobs=1)
    finally:
        os.close(fd)


def test_an_interrupted_run_leaves_the_previous_outputs_untouched(tmp_path: Path) -> None:
    folder = folder_of(tmp_path / "in", 6)
    out = tmp_path / "out"
    run_batch([folder], out, jobs=1)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}

    def interrupt(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    (folder / "firm000.yaml").write_text(firm(0, name='"Changed"'), encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        run_batch([folder], out, jobs=1, progress=interrupt)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    assert after == before
    assert not list(out.glob(".staging-*"))


def test_reports_hold_exactly_this_runs_reports(tmp_path: Path) -> None:
    from readiness.batch.rows import Options

    out = tmp_path / "out"
    run_batch([folder_of(tmp_path / "a", 3)], out, Options(report_format="md"), jobs=1)
    assert len(list((out / "reports").iterdir())) == 3
    run_batch([folder_of(tmp_path / "b", 2)], out, Options(report_format="md"), jobs=1)
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["000-00-30000.md", "000-00-30001.md"]
    run_batch([folder_of(tmp_path / "b", 2)], out, jobs=1)
    assert not (out / "reports").exists()


def test_full_width_digits_are_the_same_business_number(tmp_path: Path) -> None:
    folder = folder_of(tmp_path / "in", 1)
    (folder / "again.yaml").write_text(
        firm(0).replace("000-00-30000", "０００-００-３００００"), encoding="utf-8"
    )
    result = run_batch([folder], tmp_path / "out", jobs=1)
    assert result.counted == 1 and list(result.duplicates) == ["000-00-30000"]


def test_other_unicode_digits_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "x.yaml").write_text(firm(0).replace("000-00-30000", "٠٠٠-٠٠-٣٠٠٠٠"), encoding="utf-8")
    result = run_batch([folder], tmp_path / "out", jobs=1)
    assert result.invalid == 1


@pytest.mark.skipif(sys.platform != "linux", reason="the parent-death signal is Linux's")
def test_workers_die_when_the_main_process_is_killed(tmp_path: Path) -> None:
    folder = folder_of(tmp_path / "in", 400)
    main = subprocess.Popen(
        [sys.executable, "-m", "readiness", "batch", str(folder), "-o", str(tmp_path / "out"), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children: list[int] = []
    deadline = time.monotonic() + 20
    while not children and time.monotonic() < deadline and main.poll() is None:
        time.sleep(0.05)
        with _suppress():
            children = [
                int(p) for p in Path(f"/proc/{main.pid}/task/{main.pid}/children").read_text().split()
            ]
    if not children:
        main.wait()
        pytest.skip("the batch finished before its workers could be seen")
    main.send_signal(signal.SIGKILL)
    main.wait()
    time.sleep(1.5)
    alive = [pid for pid in children if _running(pid)]
    assert alive == []


class _suppress:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> bool:
        return True


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "State:\tZ" not in state


# --- nothing leaks ------------------------------------------------------------------------------

INJECTIONS = ['"=HYPERLINK(\\"http://x\\")"', '"+1+2"', '"-2+3"', '"@SUM(A1)"', '"\\tTAB"', '"\\rCR"']


def test_no_text_cell_of_the_csv_files_can_start_a_formula(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, evil in enumerate(INJECTIONS):
        (folder / f"f{i}.yaml").write_text(firm(i, name=evil, region=evil), encoding="utf-8")
    (folder / "=bad.yaml").write_text("questionnaire: [\n", encoding="utf-8")
    run_batch([folder], tmp_path / "out", jobs=1)
    for name in ("summary.csv", "errors.csv"):
        with (tmp_path / "out" / name).open(encoding="utf-8-sig", newline="") as handle:
            for row in list(csv.reader(handle))[1:]:
                for cell in row:
                    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    names = {r["company_name"] for r in summary(tmp_path / "out")["rows"]}
    assert '=HYPERLINK("http://x")' in names  # summary.json keeps the real value


def test_workers_start_before_the_files_are_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a worker forked after discovery copies the list of paths: 100,000 files, 25 MB a worker
    children = []

    def counting(inputs: Sequence[str | Path]) -> Found:
        children.append(len(multiprocessing.active_children()))
        return discover(inputs)

    monkeypatch.setattr(batch_run, "discover", counting)
    result = run_batch([folder_of(tmp_path / "in", 3)], tmp_path / "out", jobs=1)
    assert children == [1] and result.ok == 3
