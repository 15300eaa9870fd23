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

from readiness.files.loading import LoadedQuestionnaire, find_questionnaire, load_answers

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


def bundled_replies() -> list[str]:
    """A reply for every question of the bundled questionnaire: a mix of values, n/a where allowed."""
    q = find_questionnaire("kr-smart-factory").questionnaire
    return ["n" if x.na_allowed else str((i * 7) % 6) for i, x in enumerate(q.questions)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([READINESS, *args], capture_output=True, text=True)


@pytest.mark.slow
def test_answer_interrupt_resume_finish_and_score_agree(tmp_path: Path) -> None:
    """Issue 3's "done means": assess -o mine.yaml, a few answers, Ctrl-C, resume, finish, score."""
    replies = bundled_replies()
    total = len(replies)
    child = spawn("assess", "-o", "mine.yaml", cwd=tmp_path)
    reply(child, "한빛부품", after="회사명")
    for field in ["123-45-67890", "C30", "48", "120억", "경기", ""]:
        reply(child, field)
    reply(child, replies[0], after=f"문항 1/{total}")
    reply(child, "x", after=f"문항 2/{total}")  # refused with a hint, not a crash
    reply(child, replies[1], after="알 수 없는 입력입니다")
    reply(child, replies[2], after=f"문항 3/{total}")
    child.expect_exact(f"문항 4/{total}")
    child.expect_exact(ARROW)
    child.sendintr()
    child.expect_exact("중단했습니다")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    path = tmp_path / "mine.yaml"
    assert run("validate", str(path)).returncode == 0
    assert len(load_answers(path)[0].answers) == 3

    child = spawn("assess", "--resume", "mine.yaml", cwd=tmp_path)
    reply(child, replies[3], after=f"문항 4/{total}")
    for value in replies[4:]:
        reply(child, value)
    child.expect(r"수준: (?:\x1b\[[0-9;]*m)*(L\d+) ")  # the level may be styled
    shown = child.match.group(1)
    child.expect(r"점수: (\d+) / 1000")
    points = int(child.match.group(1))
    child.expect_exact("HTML 보고서를")  # the walk ends by offering the report
    child.sendline("")
    child.expect_exact("보고서를 썼습니다")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    report = path.with_suffix(".html").read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in report[:200] or "<!doctype html>" in report[:200].lower()

    card = json.loads(run("score", str(path), "-f", "json").stdout)
    assert (f"L{card['level']['rank']}", card["points"]) == (shown, points)
    assert (card["answered"], card["total"]) == (total, total)
    checked = run("validate", str(path))
    assert checked.returncode == 0, checked.stderr


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_screen_fits_80_columns_and_brackets_survive(tmp_path: Path, lang: str) -> None:
    child = spawn("assess", "-o", str(tmp_path / "a.yaml"), "-q", MINI, "--lang", lang, cwd=tmp_path)
    child.logfile_read = transcript = io.StringIO()
    reply(child, "Acme [x]")
    for _ in range(6):
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


@pytest.mark.slow
def test_quit_at_the_business_number_then_resume_asks_the_rest_of_the_profile(
    tmp_path: Path, mini: LoadedQuestionnaire
) -> None:
    """Issue 16: resume used to go straight to question 1 and never ask sector, employees, revenue, region."""
    child = spawn("assess", "-o", "mine.yaml", "-q", MINI, cwd=tmp_path)
    reply(child, "한빛부품", after="회사명")
    reply(child, "q", after="사업자등록번호")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    child = spawn("assess", "--resume", "mine.yaml", "-q", MINI, cwd=tmp_path)
    child.expect_exact("기본 정보의 남은 항목부터")
    reply(child, "123-45-67890", after="사업자등록번호")
    reply(child, "motor", after="C34")  # the KSIC table is offered (C10 … C34)
    reply(child, "C303", after="여러 업종이 맞습니다")  # the search narrowed the list
    reply(child, "48", after="종업원 수")
    reply(child, "120억", after="연매출")
    reply(child, "경기", after="소재지")
    reply(child, "?", after="이미 참여한 지원사업")  # the interview keys work here too
    reply(child, "smart-factory-general", after="값을 입력하고 Enter")
    reply(child, "3", after="문항 1/6")
    reply(child, "q", after="문항 2/6")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    af, _ = load_answers(tmp_path / "mine.yaml", mini)
    c = af.company
    assert (c.name, c.business_number, c.sector, c.employees) == ("한빛부품", "123-45-67890", "C303", 48)
    assert (c.annual_revenue_krw, c.region) == (12_000_000_000, "경기도")
    assert (c.programmes, c.programmes_asked) == (["smart-factory-general"], True)
    assert {k: a.value for k, a in af.answers.items()} == {"make.results": 3}
