"""`readiness assess` through CliRunner: scripted input, saving, resume, refusals, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from readiness.cli import app
from readiness.cli import session as prompts
from readiness.cli.asker import TerminalAsker
from readiness.domain.company_profile import FieldPrompt
from readiness.domain.interview import QuestionPrompt, Response, TextPrompt
from readiness.errors import EXIT_ABORTED, EXIT_INTERRUPTED, EXIT_USAGE
from readiness.files.loading import LoadedQuestionnaire, load_answers
from readiness.files.output import save_atomic

from .conftest import DATA

runner = CliRunner()
Prompt = QuestionPrompt | TextPrompt | FieldPrompt
MINI = str(DATA / "questionnaires" / "mini-1.0.yaml")
PROFILE = ["한빛부품 [x]", "123-45-67890", "C30", "48", "120억", "9", ""]  # self mode: seven fields
ANSWERS = ["3", "4", "n", "2", "5", "1"]


def assess(tmp_path: Path, lines: list[str], *args: str, name: str = "mine.yaml") -> tuple[Result, Path]:
    path = tmp_path / name
    text = "".join(line + "\n" for line in lines)
    result = runner.invoke(app, ["assess", "-o", str(path), "-q", MINI, *args], input=text)
    return result, path


def answered(path: Path, mini: LoadedQuestionnaire) -> dict[str, object]:
    af, _ = load_answers(path, mini)
    return {k: ("n/a" if a.na else a.value) for k, a in af.answers.items()}


def test_a_scripted_walk_writes_a_valid_complete_file_and_shows_the_level(
    tmp_path: Path, mini: LoadedQuestionnaire
) -> None:
    result, path = assess(tmp_path, PROFILE + ANSWERS)
    assert result.exit_code == 0, result.output
    af, _ = load_answers(path, mini)
    assert af.company.name == "한빛부품 [x]" and af.company.sector == "C30"
    assert answered(path, mini) == {
        "make.results": 3,
        "make.trace": 4,
        "make.robots": "n/a",
        "data.base": 2,
        "data.ai": 5,
        "people.skills": 1,
    }
    runner_score = runner.invoke(app, ["score", str(path), "-q", MINI, "-f", "json"])
    level = json.loads(runner_score.stdout)["level"]
    assert f"L{level['rank']} {level['name']['ko']}" in result.stderr
    assert f"readiness report {path}" in result.stderr
    assert result.stdout == ""  # prompts and summary go to stderr


def test_questionnaire_text_keeps_its_brackets_and_has_no_colour_codes(tmp_path: Path) -> None:
    result, _ = assess(tmp_path, PROFILE + ANSWERS)
    assert "question make.results [x] (ko)" in result.stderr
    assert "한빛부품 [x]" in result.stderr
    assert "\x1b[" not in result.stderr


def test_the_file_is_saved_after_every_answer(
    tmp_path: Path, mini: LoadedQuestionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[str] = []
    real = save_atomic

    def spy(path: Path, text: str) -> None:
        real(path, text)
        saved.append(text)
        assert load_answers(path, mini)  # every intermediate file is a valid answer file

    monkeypatch.setattr(prompts, "save_atomic", spy)
    result, path = assess(tmp_path, PROFILE + ANSWERS)
    assert result.exit_code == 0, result.output
    assert len(saved) == len(PROFILE) + len(ANSWERS)
    assert path.read_text(encoding="utf-8") == saved[-1]


@pytest.mark.parametrize("given", [1, 3, 5])
def test_input_that_ends_early_keeps_every_answer_and_exits_1(
    tmp_path: Path, mini: LoadedQuestionnaire, given: int
) -> None:
    result, path = assess(tmp_path, PROFILE + ANSWERS[:given])
    assert result.exit_code == EXIT_ABORTED, result.output
    assert len(answered(path, mini)) == given
    assert "입력이 끝났습니다" in result.stderr
    assert f"readiness assess --resume {path}" in result.stderr


def test_empty_input_saves_nothing_and_never_hangs(tmp_path: Path) -> None:
    result, path = assess(tmp_path, [])
    assert result.exit_code == EXIT_ABORTED
    assert not path.exists()
    assert "저장된 내용이 없습니다" in result.stderr


def test_q_saves_and_exits_0(tmp_path: Path, mini: LoadedQuestionnaire) -> None:
    result, path = assess(tmp_path, [*PROFILE, "3", "q"])
    assert result.exit_code == 0, result.output
    assert answered(path, mini) == {"make.results": 3}


def test_ctrl_c_keeps_the_answers_and_exits_130(
    tmp_path: Path, mini: LoadedQuestionnaire, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = TerminalAsker.__call__
    calls: list[Prompt] = []

    def interrupt_on_the_ninth_prompt(self: TerminalAsker, prompt: Prompt) -> Response:
        calls.append(prompt)
        if len(calls) == len(PROFILE) + 3:
            raise KeyboardInterrupt
        return real(self, prompt)

    monkeypatch.setattr(TerminalAsker, "__call__", interrupt_on_the_ninth_prompt)
    result, path = assess(tmp_path, PROFILE + ANSWERS)
    assert result.exit_code == EXIT_INTERRUPTED
    assert answered(path, mini) == {"make.results": 3, "make.trace": 4}
    assert "중단했습니다" in result.stderr and "--resume" in result.stderr


def test_an_existing_file_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("precious", encoding="utf-8")
    result, _ = assess(tmp_path, PROFILE + ANSWERS)
    assert result.exit_code == EXIT_USAGE
    assert path.read_text(encoding="utf-8") == "precious"
    assert "--resume" in result.stderr and "--force" in result.stderr


def test_force_starts_over(tmp_path: Path, mini: LoadedQuestionnaire) -> None:
    (tmp_path / "mine.yaml").write_text("old", encoding="utf-8")
    result, path = assess(tmp_path, PROFILE + ANSWERS, "--force")
    assert result.exit_code == 0, result.output
    assert len(answered(path, mini)) == 6


def test_resume_skips_the_profile_and_continues_at_the_first_unanswered_question(
    tmp_path: Path, mini: LoadedQuestionnaire
) -> None:
    assess(tmp_path, [*PROFILE, "3", "s", "q"])
    path = tmp_path / "mine.yaml"
    args = ["assess", "--resume", str(path), "-q", MINI]
    result = runner.invoke(app, args, input="2\n1\n0\n5\n4\n")
    assert result.exit_code == 0, result.output
    assert "회사명" not in result.stderr
    assert "문항 2/6" in result.stderr and "문항 1/6" not in result.stderr
    assert answered(path, mini) == {
        "make.results": 3,
        "make.trace": 2,
        "make.robots": 1,
        "data.base": 0,
        "data.ai": 5,
        "people.skills": 4,
    }
    assert load_answers(path, mini)[0].company.name == "한빛부품 [x]"


def test_resume_after_quitting_at_the_business_number_asks_the_rest_of_the_profile_first(
    tmp_path: Path, mini: LoadedQuestionnaire
) -> None:
    """Issue 16: `q` at the business number, then --resume: the profile goes on before question 1."""
    assess(tmp_path, ["Acme", "q"])
    path = tmp_path / "mine.yaml"
    replies = ["123-45-67890", "자동차", "C30", "48", "120억", "경기", "1,3", "3", "q"]
    args = ["assess", "--resume", str(path), "-q", MINI]
    result = runner.invoke(app, args, input="".join(r + "\n" for r in replies))
    assert result.exit_code == 0, result.output
    walk = " ".join(result.stderr.split())  # long paths wrap
    assert "기본 정보의 남은 항목부터" in walk and "회사명" not in walk
    order = [
        "사업자등록번호",
        "업종",
        "여러 업종이 맞습니다",
        "종업원 수",
        "연매출",
        "소재지",
        "이미 참여한 지원사업",
        "문항 1/6",
    ]
    at = [walk.index(x) for x in order]
    assert at == sorted(at)
    af, _ = load_answers(path, mini)
    c = af.company
    assert (c.name, c.business_number, c.sector, c.employees) == ("Acme", "123-45-67890", "C30", 48)
    assert (c.annual_revenue_krw, c.region, c.programmes_asked) == (12_000_000_000, "경기도", True)
    assert len(c.programmes) == 2 and answered(path, mini) == {"make.results": 3}


def test_the_programmes_question_enter_means_none_joined(tmp_path: Path, mini: LoadedQuestionnaire) -> None:
    result, path = assess(tmp_path, [*PROFILE, "q"], "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Support programmes already joined" in result.stderr and "(Enter: none)" in result.stderr
    company = load_answers(path, mini)[0].company
    assert (company.programmes, company.programmes_asked) == ([], True)
    assert "programmes: []" in path.read_text(encoding="utf-8")


def test_resume_into_another_file_copies_it_at_once_and_leaves_the_original(
    tmp_path: Path, mini: LoadedQuestionnaire
) -> None:
    assess(tmp_path, [*PROFILE, "3", "q"])
    original = (tmp_path / "mine.yaml").read_text(encoding="utf-8")
    copy = tmp_path / "copy.yaml"
    args = ["assess", "--resume", str(tmp_path / "mine.yaml"), "-o", str(copy), "-q", MINI]
    result = runner.invoke(app, [*args, "--lang", "en"], input="4\nq\n")
    assert result.exit_code == 0, result.output
    assert answered(copy, mini) == {"make.results": 3, "make.trace": 4}
    assert (tmp_path / "mine.yaml").read_text(encoding="utf-8") == original
    assert f"--resume {copy}" in result.stderr


def test_resume_that_changes_nothing_leaves_the_file_as_it_was(tmp_path: Path) -> None:
    assess(tmp_path, [*PROFILE, "3", "q"])
    path = tmp_path / "mine.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# my own comment\n", encoding="utf-8")
    result = runner.invoke(app, ["assess", "--resume", str(path), "-q", MINI], input="q\n")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").endswith("# my own comment\n")


def test_resume_of_a_missing_file_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "--resume", str(tmp_path / "nope.yaml"), "-q", MINI])
    assert result.exit_code == EXIT_USAGE
    assert "nope.yaml" in result.stderr


def test_resume_in_another_mode_is_refused(tmp_path: Path) -> None:
    assess(tmp_path, [*PROFILE, "q"])
    args = ["assess", "--resume", str(tmp_path / "mine.yaml"), "-q", MINI, "--mode", "audit"]
    result = runner.invoke(app, args, input="")
    assert result.exit_code == EXIT_USAGE
    assert "self" in result.stderr


def test_output_in_a_missing_folder_is_refused_before_asking(tmp_path: Path) -> None:
    result, _ = assess(tmp_path, PROFILE, name="no/such/dir.yaml")
    assert result.exit_code == EXIT_USAGE
    assert "회사명" not in result.stderr


def test_a_failed_save_is_reported_without_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(path: Path, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(prompts, "save_atomic", fail)
    result, _ = assess(tmp_path, PROFILE + ANSWERS)
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert "Traceback" not in result.output


def test_english_on_request(tmp_path: Path) -> None:
    result, _ = assess(tmp_path, PROFILE + ANSWERS, "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "Company name" in result.stderr and "dimension 1 of 3 · question 1 of 6" in result.stderr
    assert "Write the report: readiness report" in result.stderr
    assert "회사명" not in result.stderr


def test_audit_walk_records_claimed_verified_and_evidence(tmp_path: Path, mini: LoadedQuestionnaire) -> None:
    profile = ["Park", "KPC", "Acme", "", "", "", "", "", "Plant 2", "", "", ""]
    walk = ["3", "4", "MES screen [1]", "", "2", "2", "q"]
    result, path = assess(tmp_path, profile + walk, "--mode", "audit")
    assert result.exit_code == 0, result.output
    af, _ = load_answers(path, mini)
    assert af.assessment.mode == "audit" and af.assessment.assessor is not None
    assert af.assessment.assessor.name == "Park"
    first = af.answers["make.results"]
    assert (first.claimed, first.verified, first.evidence) == (3, 4, ["MES screen [1]"])
    assert (af.answers["make.trace"].claimed, af.answers["make.trace"].verified) == (2, 2)
