"""`readiness assess` as a person uses it: a real program in a pseudo-terminal, Ctrl-C, resume."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from rich.cells import cell_len

from .conftest import DATA

READINESS = str(Path(sys.executable).parent / "readiness")
MINI = str(DATA / "questionnaires" / "mini-1.0.yaml")
ARROW = "› "


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    child = pexpect.spawn(
        READINESS, list(args), cwd=str(cwd), dimensions=(24, 80), encoding="utf-8", timeout=15
    )
    child.delaybeforesend = None
    return child


def reply(child: pexpect.spawn, text: str, after: str | None = None) -> None:
    """Wait for `after` (if given) and then the input prompt, and type `text`."""
    if after is not None:
        child.expect_exact(after)
    child.expect_exact(ARROW)
    child.sendline(text)


@pytest.mark.slow
def test_answer_interrupt_resume_finish_and_score_agree(tmp_path):
    path = tmp_path / "mine.yaml"
    child = spawn("assess", "-o", str(path), "-q", MINI, cwd=tmp_path)
    reply(child, "한빛부품", after="회사명")
    for field in ["123-45-67890", "8", "48", "120억", "경기"]:
        reply(child, field)
    reply(child, "3", after="문항 1/6")
    reply(child, "x", after="문항 2/6")  # refused with a hint, not a crash
    reply(child, "4", after="알 수 없는 입력입니다")
    child.expect_exact("문항 3/6")
    child.expect_exact(ARROW)
    child.sendintr()
    child.expect_exact("중단했습니다")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "make.trace: 4" in path.read_text(encoding="utf-8")

    child = spawn("assess", "--resume", str(path), "-q", MINI, cwd=tmp_path)
    reply(child, "n", after="문항 3/6")
    for value in ["2", "5", "1"]:
        reply(child, value)
    child.expect(r"수준: (?:\x1b\[[0-9;]*m)*(L\d+) ")  # the level may be styled
    shown = child.match.group(1)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    scored = subprocess.run(
        [READINESS, "score", str(path), "-q", MINI, "-f", "json"], capture_output=True, text=True, check=True
    )
    card = json.loads(scored.stdout)
    assert f"L{card['level']['rank']}" == shown
    assert (card["answered"], card["total"]) == (6, 6)
    checked = subprocess.run([READINESS, "validate", str(path), "-q", MINI], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_screen_fits_80_columns_and_brackets_survive(tmp_path, lang):
    child = spawn("assess", "-o", str(tmp_path / "a.yaml"), "-q", MINI, "--lang", lang, cwd=tmp_path)
    child.logfile_read = transcript = io.StringIO()
    reply(child, "Acme [x]")
    for _ in range(5):
        reply(child, "")  # Enter on an empty line must still move to a new line
    reply(child, "?")
    reply(child, "m")
    reply(child, "")
    reply(child, "q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    walk = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|[\x01\x02]", "", transcript.getvalue())
    walk = walk[: walk.index("q\r\n")]  # the end has commands that are left to the terminal to wrap
    assert "question make.results [x]" in walk and "Acme [x]" in walk
    lines = walk.split("\r\n")
    assert max(cell_len(line) for line in lines) <= 80
    assert not [line for line in lines if line.count(ARROW) > 1]
