"""Bad input gets one clear message naming file, line and field, quickly, and never a traceback."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from readiness.errors import AnswersError, QuestionnaireError
from readiness.files import safeyaml
from readiness.files.loading import LoadedQuestionnaire, load_answers, load_questionnaire_file

from .conftest import DATA, Write

BAD = DATA / "bad"

# file -> (expected line or None, text that must appear in the message)
CASES = {
    "empty.yaml": (1, "empty"),
    "only-comment.yaml": (1, "empty"),
    "list.yaml": (1, "expected a mapping"),
    "syntax.yaml": (2, "YAML syntax error"),
    "duplicate-key.yaml": (5, "duplicate key 'employees'"),
    "duplicate-answer.yaml": (3, "duplicate key 'make.results'"),
    "unknown-question.yaml": (5, "answers.make.nope: unknown question id"),
    "out-of-range.yaml": (4, "answers.make.results: answer must be a whole number from 0 to 5"),
    "not-integer.yaml": (4, "answer must be a whole number"),
    "yes-answer.yaml": (4, "answer must be a whole number"),
    "na-not-allowed.yaml": (4, "n/a is not allowed"),
    "unknown-questionnaire.yaml": (1, "unknown questionnaire nope 9; available:"),
    "missing-company-name.yaml": (2, "company.name: required field is missing"),
    "cp949.yaml": (2, "CP949"),
    "two-documents.yaml": (3, "more than one YAML document"),
    "python-tag.yaml": (2, "tags such as !!python/object/apply:os.system are not allowed"),
    "custom-tag.yaml": (2, "tags such as !include are not allowed"),
    "alias-bomb.yaml": (2, "anchors and aliases"),
    "self-alias.yaml": (2, "anchors and aliases"),
    "audit-without-assessor.yaml": (3, "audit mode needs an 'assessor'"),
    "bad-business-number.yaml": (2, "business number must be 10 digits"),
    "unknown-top-key.yaml": (3, "surprise: unknown field"),
}


def first_problem(path: Path, mini: LoadedQuestionnaire) -> tuple[str, int | str | None]:
    questionnaire = None if "unknown-questionnaire" in path.name else mini
    with pytest.raises(AnswersError) as info:
        load_answers(path, questionnaire)
    problem = info.value.problems[0]
    return str(problem), problem.line


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.name for p in BAD.iterdir()) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_file_gets_a_clear_message_with_file_and_line(name: str, mini: LoadedQuestionnaire) -> None:
    line, text = CASES[name]
    started = time.perf_counter()
    message, got_line = first_problem(BAD / name, mini)
    assert time.perf_counter() - started < 2
    assert message.startswith(str(BAD / name)), message
    assert text in message, message
    assert got_line == line, message
    assert "\n" not in message and len(message) < 400


def test_python_tag_never_runs(mini: LoadedQuestionnaire) -> None:
    first_problem(BAD / "python-tag.yaml", mini)
    assert not Path("/tmp/readiness-pwned").exists()


def test_bom_and_crlf_are_accepted(mini: LoadedQuestionnaire) -> None:
    answers, _ = load_answers(DATA / "answers" / "bom-crlf.yaml", mini)
    assert answers.company.name == "대한정밀 <b>"
    assert answers.answers["make.robots"].na


def test_oversized_file_is_refused_before_parsing(write: Write, mini: LoadedQuestionnaire) -> None:
    path = write(
        "big.yaml",
        "questionnaire: {id: mini, version: '1.0'}\n" + "# padding\n" * (safeyaml.MAX_BYTES // 10 + 1),
    )
    started = time.perf_counter()
    message, _ = first_problem(path, mini)
    assert time.perf_counter() - started < 0.5
    assert "larger than the limit" in message


@pytest.mark.parametrize(
    "text",
    [
        "company: " + "[" * 30_000 + "]" * 30_000,
        "company: " + "[" * 30_000,
        "company: " + "{a: " * 25_000,
        "- " * 26_000 + "x",
        "x:\n" + " " * 600 + "y: 1",
    ],
    ids=["flow", "unclosed", "mapping", "block-dashes", "indent"],
)
def test_deep_nesting_is_refused_not_a_segfault(write: Write, mini: LoadedQuestionnaire, text: str) -> None:
    message, _ = first_problem(write("deep.yaml", text), mini)
    assert "too deep" in message


def test_many_problems_are_all_reported_with_lines(write: Write, mini: LoadedQuestionnaire) -> None:
    path = write(
        "many.yaml",
        "questionnaire: {id: mini, version: '1.0'}\n"
        "company: {name: A, employees: lots, sector: car}\n"
        "assessment: {mode: selfie}\n"
        "answers:\n  make.results: 9\n  data.ai: -1\n",
    )
    with pytest.raises(AnswersError) as info:
        load_answers(path, mini)
    got = {(p.field, p.line) for p in info.value.problems}
    assert got == {
        ("company.employees", 2),
        ("company.sector", 2),
        ("assessment.mode", 3),
        ("answers.make.results", 5),
        ("answers.data.ai", 6),
    }


def test_yaml_type_guessing_does_not_apply(write: Write, mini: LoadedQuestionnaire) -> None:
    """`12:30` is not 750 and `010` is not 8: scalars are read as text and validated strictly."""
    path = write(
        "guess.yaml",
        "questionnaire: {id: mini, version: 1.0}\ncompany: {name: yes, employees: '12:30'}\n",
    )
    with pytest.raises(AnswersError) as info:
        load_answers(path, mini)
    assert [p.field for p in info.value.problems] == ["company.employees"]
    ok = write("ok.yaml", "questionnaire: {id: mini, version: 1.0}\ncompany: {name: yes, employees: 010}\n")
    answers, _ = load_answers(ok, mini)
    assert answers.company.name == "yes" and answers.company.employees == 10


@pytest.mark.parametrize(
    ("patch", "message"),
    [
        (
            lambda t: t.replace('"id": "make.trace"', '"id": "make.results"'),
            "duplicate question id 'make.results'",
        ),
        (lambda t: t.replace('"min_points": 500', '"min_points": 100'), "must be above 200"),
        (
            lambda t: t.replace(
                '"question": "make.results",\n     "min": 3', '"question": "make.gone",\n     "min": 3'
            ),
            "unknown question 'make.gone'",
        ),
        (lambda t: t.replace('"id": "mini",', '"id": "mini", "colour": "red",'), "unknown field"),
    ],
    ids=["duplicate-question", "thresholds-order", "unknown-gate-question", "unknown-key"],
)
def test_invalid_questionnaire_is_a_load_error_with_file_and_field(
    write: Write, patch: Callable[[str], str], message: str
) -> None:
    text = (DATA / "questionnaires" / "mini-1.0.yaml").read_text(encoding="utf-8")
    changed = patch(text)
    assert changed != text
    path = write("mini-1.0.yaml", changed)
    with pytest.raises(QuestionnaireError) as info:
        load_questionnaire_file(path)
    assert str(path) in str(info.value) and message in str(info.value), str(info.value)


def test_shared_plain_answers_equal_fresh_ones() -> None:
    from readiness.domain.answers import _PLAIN, Answer, AnswerFile

    for digit, shared in _PLAIN.items():
        fresh = Answer.model_validate({"value": int(digit)})
        assert shared == fresh and shared.model_dump() == fresh.model_dump()
    data = {
        "questionnaire": {"id": "kr-smart-factory", "version": "2026.2"},
        "company": {"name": "x"},
        "answers": {"a.b": "3", "a.c": "n/a", "a.d": {"value": "2", "note": "n"}, "a.e": "5"},
    }
    parsed = AnswerFile.model_validate(data)
    for qid, raw in data["answers"].items():  # type: ignore[attr-defined]
        assert parsed.answers[qid] == Answer.model_validate(raw)
    assert parsed.answers["a.b"] is _PLAIN["3"]  # the fast path was taken
