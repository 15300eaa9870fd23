"""Hostile environments: output paths, file modes, stale temp files, odd encodings, escape codes, bad side files."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from readiness.cli import app
from readiness.cli import session as prompts
from readiness.errors import AnswersError
from readiness.files.output import remove_stale_temps, save_atomic
from readiness.resources import bundled

runner = CliRunner()
DEMO = str(bundled("examples") / "demo.yaml")
EVIL = '"Evil \\e]52;c;aGFja2Vk\\a Co \\e[2J"'  # YAML escapes: an OSC 52 clipboard write, a screen clear


# --- output paths ------------------------------------------------------------------------------


def test_report_refuses_a_fifo_and_a_folder(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        result = runner.invoke(app, ["report", DEMO, "-o", str(target), "--force"])
        assert result.exit_code == 2, result.output
        assert "is not a regular file" in result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a FIFO, never replaced


def test_report_overwrites_only_with_force(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("mine")
    result = runner.invoke(app, ["report", DEMO, "-o", str(out)])
    assert result.exit_code == 2 and "use --force" in result.stderr
    assert out.read_text() == "mine"
    assert runner.invoke(app, ["report", DEMO, "-o", str(out), "--force"]).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_symlink_is_written_through_not_replaced(tmp_path: Path) -> None:
    real = tmp_path / "real.html"
    real.write_text("old")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    assert runner.invoke(app, ["report", DEMO, "-o", str(link), "--force"]).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_dash_means_standard_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", DEMO, "-o", "-", "-f", "md"])
    assert result.exit_code == 0 and result.stdout.startswith("# ")


def test_demo_replaces_its_own_report_but_nothing_else(tmp_path: Path) -> None:
    out = tmp_path / "demo.html"
    assert runner.invoke(app, ["demo", "-o", str(out)]).exit_code == 0
    assert runner.invoke(app, ["demo", "-o", str(out)]).exit_code == 0  # the README's command twice
    other = tmp_path / "notes.html"
    other.write_text("<html>my notes</html>")
    result = runner.invoke(app, ["demo", "-o", str(other)])
    assert result.exit_code == 2 and other.read_text() == "<html>my notes</html>"


def test_template_refuses_a_device_like_target(tmp_path: Path) -> None:
    fifo = tmp_path / "t.yaml"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["template", "-o", str(fifo), "--force"])
    assert result.exit_code == 2 and "is not a regular file" in result.stderr


def test_saves_keep_the_mode_of_an_existing_file_and_new_files_follow_the_umask(tmp_path: Path) -> None:
    old = tmp_path / "shared.yaml"
    old.write_text("a")
    old.chmod(0o664)
    save_atomic(old, "b")
    assert stat.S_IMODE(old.stat().st_mode) == 0o664
    mask = os.umask(0o027)
    try:
        save_atomic(tmp_path / "new.yaml", "c")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o640


def test_stale_temp_files_of_a_killed_save_are_removed(tmp_path: Path) -> None:
    answers = tmp_path / "mine.yaml"
    answers.write_text("x")
    for n in range(3):
        (tmp_path / f".mine.yaml.abc{n}.tmp").write_text("half")
    (tmp_path / ".other.yaml.abc.tmp").write_text("not ours")
    assert remove_stale_temps(answers) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.yaml.abc.tmp", "mine.yaml"]
    (tmp_path / ".mine.yaml.zz.tmp").write_text("half")
    result = runner.invoke(app, ["assess", "--resume", str(answers)], input="")
    assert not (tmp_path / ".mine.yaml.zz.tmp").exists(), result.output


def test_assess_refuses_a_folder_as_its_answer_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "-o", str(tmp_path), "--force", "--lang", "en"], input="")
    assert result.exit_code == 2 and "not a regular file" in result.stderr


def test_the_report_offer_never_writes_over_an_existing_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = tmp_path / "answers.html"  # `assess -o answers.html`: the report would land on it
    answers.write_text(Path(DEMO).read_text(encoding="utf-8"), encoding="utf-8")
    before = answers.read_bytes()
    session = prompts.open_session(None, answers, False, None, None, "en")
    assert session.answers is not None
    console = Console(file=io.StringIO(), width=100)
    monkeypatch.setattr(console, "input", lambda prompt="": "")  # Enter: the default is yes
    prompts.summary(console, session, session.answers, offer_report=True)
    assert answers.read_bytes() == before


# --- encodings and terminals -------------------------------------------------------------------


def _run(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "readiness", *args], capture_output=True, env=env, check=False
    )


@pytest.mark.parametrize("encoding", ["cp949", "latin-1", "ascii"])
def test_text_output_degrades_instead_of_crashing(encoding: str) -> None:
    for args in (["score", DEMO], ["questionnaire", "show"], ["report", DEMO, "-f", "md"]):
        done = _run(*args, encoding=encoding)
        assert done.returncode == 0, (args, done.stderr.decode(errors="replace")[-300:])
        assert b"Traceback" not in done.stderr


@pytest.mark.parametrize("encoding", ["cp949", "latin-1", "ascii"])
def test_json_output_stays_valid_json_whatever_the_terminal(encoding: str) -> None:
    done = _run("score", DEMO, "--format", "json", encoding=encoding)
    assert done.returncode == 0
    data = json.loads(done.stdout.decode(encoding))
    assert data["company"]["name"] == "한빛오토텍"


def _evil_file(tmp_path: Path) -> Path:
    text = Path(DEMO).read_text(encoding="utf-8")
    lines = [f"  name: {EVIL}" if line.startswith("  name:") else line for line in text.splitlines()]
    path = tmp_path / "evil.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_escape_codes_from_a_file_never_reach_the_terminal(tmp_path: Path) -> None:
    evil = _evil_file(tmp_path)
    for args in (["score", str(evil)], ["report", str(evil), "-o", str(tmp_path / "r.html")]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
        assert "\\x1b]52" in result.output  # shown, not obeyed


def test_escape_codes_in_answer_keys_are_not_echoed_raw(tmp_path: Path) -> None:
    text = Path(DEMO).read_text(encoding="utf-8") + '  "bad\\e[2Jkey.x": 3\n'
    path = tmp_path / "keys.yaml"
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 3 and "\x1b" not in result.stderr and "\\x1b" in result.stderr


# --- side files --------------------------------------------------------------------------------

BAD_PEERS = [
    "not json",
    "[]",
    '{"format": "readiness-peers/1"}',
    '{"format": "readiness-peers/1", "all": [1], "percentiles": [50]}',
    '{"format": "readiness-peers/1", "all": {"n": 9}, "percentiles": [50]}',
    '{"format": "readiness-peers/1", "all": {"n": 9, "points": {}}, "percentiles": [50]}',
    '{"format": "readiness-peers/1", "all": {"n": "x"}, "percentiles": [50]}',
    '{"format": "readiness-peers/1", "all": {"n": 0}, "percentiles": "50"}',
    '{"format": "readiness-peers/1", "all": {"n": 0}, "percentiles": [90, 10]}',
    '{"format": "readiness-peers/1", "all": {"n": 0}, "percentiles": [50], "sector": {"C29": 3}}',
    '{"format": "readiness-peers/1", "all": {"n": 6, "points": {"p50": 1}, "dimensions": {"x": 1}},'
    ' "percentiles": [50]}',
    "[" * 100_000,
]


@pytest.mark.parametrize("content", BAD_PEERS, ids=range(len(BAD_PEERS)))
def test_a_malformed_peers_file_is_one_clear_error(tmp_path: Path, content: str) -> None:
    from readiness import api

    bad = tmp_path / "peers.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(AnswersError) as caught:
        api.report_file(DEMO, "json", "en", peers=bad)
    assert str(bad) in str(caught.value)


def test_a_huge_peers_file_is_refused_before_reading(tmp_path: Path) -> None:
    from readiness import api

    big = tmp_path / "peers.json"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk
    with pytest.raises(AnswersError, match="larger than"):
        api.report_file(DEMO, "json", "en", peers=big)


def test_saving_an_answer_file_through_a_symlink_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    save_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
