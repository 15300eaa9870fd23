"""`readiness assess` against hostile input: bad bytes, huge numbers, huge lines, a full disk."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner, Result

from readiness.cli import app
from readiness.cli import session as prompts
from readiness.domain.company_profile import BadValue, parse_count, parse_krw
from readiness.domain.interview import Invalid, QuestionPrompt
from readiness.domain.normalise import parse_won
from readiness.files.loading import LoadedQuestionnaire, load_answers
from readiness.files.output import save_atomic

from .conftest import DATA

runner = CliRunner()
MINI = str(DATA / "questionnaires" / "mini-1.0.yaml")
DIGITS = "9" * 4301  # one digit past Python's int() limit


def assess(tmp_path: Path, data: bytes, *args: str) -> tuple[Result, Path]:
    path = tmp_path / "mine.yaml"
    result = runner.invoke(app, ["assess", "-o", str(path), "-q", MINI, "--lang", "en", *args], input=data)
    return result, path


def lines(*parts: str | bytes) -> bytes:
    return b"".join((p.encode() if isinstance(p, str) else p) + b"\n" for p in parts)


def test_non_utf8_bytes_in_the_company_name_are_refused_and_asked_again(
    tmp_path: Path, mini: LoadedQuestionnaire
) -> None:
    result, path = assess(tmp_path, lines(b"Acme\xff\xfe", "Acme", "", "", "", "", "", "q"))
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "not valid UTF-8" in result.stderr
    assert load_answers(path, mini)[0].company.name == "Acme"


def test_non_utf8_bytes_in_a_note_are_refused_and_asked_again(
    tmp_path: Path, mini: LoadedQuestionnaire
) -> None:
    data = lines("Acme", "", "", "", "", "", "", "3", "m", b"broken \xc3(", "fine", "q")
    result, path = assess(tmp_path, data)
    assert result.exit_code == 0, result.output
    assert "not valid UTF-8" in result.stderr
    assert load_answers(path, mini)[0].answers["make.trace"].note == "fine"


@pytest.mark.parametrize("at", ["employees", "revenue", "question"])
def test_a_reply_of_4301_digits_is_refused_not_a_traceback(
    tmp_path: Path, mini: LoadedQuestionnaire, at: str
) -> None:
    profile = ["Acme", "", "", "", "", "", ""]  # self mode: seven fields
    if at == "employees":
        profile[3] = DIGITS
        profile.insert(4, "48")
    elif at == "revenue":
        profile[4] = DIGITS
        profile.insert(5, "120억")
    result, path = assess(tmp_path, lines(*profile, *([DIGITS] if at == "question" else []), "2", "q"))
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    af = load_answers(path, mini)[0]
    assert af.answers["make.results"].value == 2
    if at != "question":
        assert (af.company.employees, af.company.annual_revenue_krw) == (
            (48, None) if at == "employees" else (None, 12_000_000_000)
        )


def test_an_enormous_revenue_is_refused_and_asked_again(tmp_path: Path, mini: LoadedQuestionnaire) -> None:
    data = lines("Acme", "", "", "", "9" * 30 + "억", "85억 5천만", "", "q")
    result, path = assess(tmp_path, data)
    assert result.exit_code == 0, result.output
    assert "Type an amount in won" in result.stderr
    assert load_answers(path, mini)[0].company.annual_revenue_krw == 8_550_000_000


def test_a_10_mb_piped_reply_is_refused_fast(tmp_path: Path, mini: LoadedQuestionnaire) -> None:
    data = lines("Acme", "", "", "", "", "", "", "x" * 10_000_000, "4", "q")
    started = time.monotonic()
    result, path = assess(tmp_path, data)
    assert time.monotonic() - started < 5
    assert result.exit_code == 0, result.output
    assert "too long" in result.stderr
    assert load_answers(path, mini)[0].answers["make.results"].value == 4


def test_the_report_offer_on_a_full_disk_says_so_and_the_answers_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = DATA / "examples-2026.1"
    source = next(p for p in sorted(demo.glob("*.yaml")))
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(source.read_bytes())
    session = prompts.open_session(None, answers, False, None, None, "en")
    assert session.answers is not None
    real = save_atomic

    def full(path: Path, data: str | bytes) -> None:
        if Path(path).suffix == ".html":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(prompts, "save_atomic", full)
    out = io.StringIO()
    console = Console(file=out, width=200)
    monkeypatch.setattr(console, "input", lambda prompt="": "")  # Enter: yes
    prompts.summary(console, session, session.answers, offer_report=True)
    assert "could not write the report" in out.getvalue() and "No space left on device" in out.getvalue()
    assert "readiness report" in out.getvalue()
    assert not answers.with_suffix(".html").exists() and answers.read_bytes() == source.read_bytes()


def test_ctrl_d_at_the_report_offer_is_a_no(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = next(p for p in sorted((DATA / "examples-2026.1").glob("*.yaml")))
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(source.read_bytes())
    session = prompts.open_session(None, answers, False, None, None, "en")
    assert session.answers is not None
    console = Console(file=io.StringIO(), width=200)

    def eof(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(console, "input", eof)
    prompts.summary(console, session, session.answers, offer_report=True)
    assert not answers.with_suffix(".html").exists()


# --- the one won parser -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("85억 5천만", 8_550_000_000),
        ("85억5천만원", 8_550_000_000),
        ("3억 5000만", 350_000_000),
        ("1조 2000억", 1_200_000_000_000),
        ("12,000,000,000원", 12_000_000_000),
        ("5천만", 50_000_000),
        ("1.23456789억", 123_456_789),
        ("３억", 300_000_000),
        ("120 억 원", 12_000_000_000),
    ],
)
def test_won_is_read_the_usual_korean_ways(text: str, won: int) -> None:
    assert parse_won(text) == won == parse_krw(text)


@pytest.mark.parametrize(
    "text", ["9" * 5000, "9" * 17 + "억", "1억 5천", "5천만 3억", "5만 3천만", "0.5원", "천만", "1.5", "1e3"]
)
def test_won_that_is_ambiguous_too_large_or_not_whole_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_won(text)


def test_counts_and_question_replies_never_convert_thousands_of_digits(mini: LoadedQuestionnaire) -> None:
    with pytest.raises(BadValue):
        parse_count(DIGITS)
    q = mini.questionnaire
    prompt = QuestionPrompt("value", q.questions[0], q.dimensions[0], None, None, ())  # type: ignore[arg-type]
    assert isinstance(prompt.parse(DIGITS), Invalid) and isinstance(prompt.parse("²"), Invalid)
    assert prompt.parse("05") == 5


def test_a_question_mark_at_a_profile_prompt_is_help_never_the_company_name(
    tmp_path: Path, mini: LoadedQuestionnaire
) -> None:
    result, path = assess(tmp_path, lines("?", "Acme", "", "?", "", "", "", "", "q"))
    assert result.exit_code == 0, result.output
    assert "Enter alone skips an optional field" in result.stderr
    af = load_answers(path, mini)[0]
    assert af.company.name == "Acme" and af.company.business_number is None
