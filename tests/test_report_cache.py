"""Jinja's bytecode cache: compiled templates reused across runs, never a reason for a report to fail."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from readiness.resources import bundled

DEMO = bundled("examples") / "demo.yaml"


def report(tmp: Path, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmp)}
    return subprocess.run(
        [sys.executable, "-m", "readiness", "report", str(DEMO), "-o", str(out), "--force"],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_compiled_templates_are_cached_per_user_and_reused(tmp_path: Path) -> None:
    first = report(tmp_path, tmp_path / "a.html")
    assert first.returncode == 0, first.stderr
    cache = tmp_path / f"_jinja2-cache-{os.getuid()}"
    entries = list(cache.iterdir())
    assert entries and stat.S_IMODE(cache.stat().st_mode) == 0o700
    stamps = {p: p.stat().st_mtime_ns for p in entries}
    second = report(tmp_path, tmp_path / "b.html")
    assert second.returncode == 0, second.stderr
    assert {p: p.stat().st_mtime_ns for p in cache.iterdir()} == stamps  # read, not rewritten
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_a_damaged_or_unwritable_cache_only_means_compiling_again(tmp_path: Path) -> None:
    assert report(tmp_path, tmp_path / "good.html").returncode == 0
    cache = tmp_path / f"_jinja2-cache-{os.getuid()}"
    for entry in cache.iterdir():
        entry.write_bytes(b"not bytecode")
    damaged = report(tmp_path, tmp_path / "damaged.html")
    assert damaged.returncode == 0, damaged.stderr
    assert (tmp_path / "damaged.html").read_bytes() == (tmp_path / "good.html").read_bytes()
    for entry in cache.iterdir():
        entry.unlink()
    cache.chmod(0o500)  # root ignores this; the test still proves a failed write is harmless elsewhere
    try:
        unwritable = report(tmp_path, tmp_path / "unwritable.html")
    finally:
        cache.chmod(0o700)
    assert unwritable.returncode == 0, unwritable.stderr
    assert "Traceback" not in unwritable.stderr


def test_a_cache_folder_owned_by_someone_else_is_not_used(tmp_path: Path) -> None:
    cache = tmp_path / f"_jinja2-cache-{os.getuid()}"
    cache.mkdir(mode=0o777)
    cache.chmod(0o777)  # world-writable: Jinja tightens it to 0700 or refuses
    done = report(tmp_path, tmp_path / "x.html")
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
