"""The validated bundled data kept between runs: read back when nothing changed, never trusted otherwise."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from readiness.files import datacache
from readiness.resources import bundled

DEMO = bundled("examples") / "demo.yaml"


@pytest.fixture
def tmp_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv(datacache.SWITCH, raising=False)
    return tmp_path / f"readiness-cache-{os.getuid()}"


def _data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(exist_ok=True)
    (folder / "a.yaml").write_text("a: 1\n")
    return folder


def test_a_value_is_built_once_and_read_back(tmp_cache: Path, tmp_path: Path) -> None:
    data, calls = _data(tmp_path), []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"answer": 42}

    assert datacache.remembered(data, "thing", build) == {"answer": 42}
    assert datacache.remembered(data, "thing", build) == {"answer": 42}
    assert calls == [1]
    (entry,) = tmp_cache.iterdir()
    assert stat.S_IMODE(tmp_cache.stat().st_mode) == 0o700 and stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_a_changed_data_file_is_a_new_fingerprint_and_the_old_entry_goes(
    tmp_cache: Path, tmp_path: Path
) -> None:
    data = _data(tmp_path)
    datacache.remembered(data, "thing", lambda: 1)
    before = datacache.fingerprint(data)
    (data / "a.yaml").write_text("a: 2\n")
    datacache.fingerprint.cache_clear()
    assert datacache.fingerprint(data) != before
    assert datacache.remembered(data, "thing", lambda: 2) == 2
    assert [p.name.split("-")[0] for p in tmp_cache.iterdir()] == [datacache.fingerprint(data)]


def test_a_damaged_entry_only_means_building_again(tmp_cache: Path, tmp_path: Path) -> None:
    data = _data(tmp_path)
    datacache.remembered(data, "thing", lambda: 1)
    (entry,) = tmp_cache.iterdir()
    for garbage in (b"", b"\x80\x05not a pickle", b"\x80\x05cno_such_module\nthing\n."):
        entry.write_bytes(garbage)
        assert datacache.remembered(data, "thing", lambda: 7) == 7
    assert datacache.remembered(data, "thing", lambda: 8) == 7  # the rebuilt value was kept


@pytest.mark.parametrize("mode", [0o755, 0o770, 0o777])
def test_a_folder_others_may_read_or_write_is_not_used(tmp_cache: Path, tmp_path: Path, mode: int) -> None:
    tmp_cache.mkdir()
    os.chmod(tmp_cache, mode)
    assert datacache.folder() is None
    assert datacache.remembered(_data(tmp_path), "thing", lambda: 3) == 3
    assert list(tmp_cache.iterdir()) == []


def test_a_link_in_place_of_the_folder_is_not_followed(tmp_cache: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    tmp_cache.symlink_to(elsewhere)
    assert datacache.folder() is None


def test_switched_off_nothing_is_written(
    tmp_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(datacache.SWITCH, "off")
    assert datacache.remembered(_data(tmp_path), "thing", lambda: 4) == 4
    assert not tmp_cache.exists()


def test_what_build_raises_is_raised_and_nothing_kept(tmp_cache: Path, tmp_path: Path) -> None:
    def broken() -> int:
        raise ValueError("bad catalogue")

    with pytest.raises(ValueError, match="bad catalogue"):
        datacache.remembered(_data(tmp_path), "thing", broken)
    assert list(tmp_cache.iterdir()) == []


def _run(tmp: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TMPDIR": str(tmp)}
    env.pop(datacache.SWITCH, None)
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_reports_from_the_cache_are_the_same_bytes_and_user_files_are_never_kept(tmp_path: Path) -> None:
    first = _run(tmp_path, "report", str(DEMO), "-o", str(tmp_path / "a.html"))
    assert first.returncode == 0, first.stderr
    cache = tmp_path / f"readiness-cache-{os.getuid()}"
    kept = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert sorted(name.split("-", 1)[1] for name in kept) == [
        "catalogues-kr-smart-factory-2026.2.pickle",
        "questionnaire-kr-smart-factory-2026.2.yaml.pickle",
    ]
    second = _run(tmp_path, "report", str(DEMO), "-o", str(tmp_path / "b.html"))
    assert second.returncode == 0, second.stderr
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == kept  # read, not rewritten
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()

    own = tmp_path / "mine.yaml"  # a user's copy of the questionnaire: validated, never kept
    own.write_bytes((bundled("questionnaires") / "kr-smart-factory-2026.2.yaml").read_bytes())
    third = _run(tmp_path, "score", str(DEMO), "-q", str(own))
    assert third.returncode == 0, third.stderr
    assert {p.name for p in cache.iterdir()} == set(kept)
