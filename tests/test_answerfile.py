"""Written answer files load back to the same answers; saves are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readiness.domain.answers import AnswerFile
from readiness.files import answerfile, output
from readiness.files.loading import LoadedQuestionnaire, load_answers
from readiness.words import Lang

from .conftest import Write


def sample(mode: str = "audit") -> AnswerFile:
    return AnswerFile.model_validate(
        {
            "questionnaire": {"id": "mini", "version": "1.0"},
            "company": {"name": '한빛 "정밀" #1: <b>', "business_number": "1234567890", "employees": 48},
            "assessment": {
                "mode": mode,
                "date": "2026-11-20",
                "language": "ko",
                **(
                    {"assessor": {"name": "김진단"}, "site": {"name": "화성: 1공장"}}
                    if mode == "audit"
                    else {}
                ),
            },
            "answers": {
                "make.results": {"claimed": 4, "verified": 3, "evidence": ["a.png", "b: c.xlsx"]},
                "make.trace": {"value": 2, "note": "line one\nline two 'quoted' [x] # not a comment"},
                "make.robots": "n/a",
                "data.ai": 0,
            },
        }
    )


@pytest.mark.parametrize("comments", [True, False])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_rendered_file_loads_back_to_the_same_answers(
    mini: LoadedQuestionnaire, write: Write, comments: bool, lang: Lang
) -> None:
    original = sample()
    path = write("roundtrip.yaml", answerfile.render(original, mini.questionnaire, lang, comments))
    loaded, _ = load_answers(path, mini)
    assert loaded == original


def test_template_lists_every_question_with_six_options(mini: LoadedQuestionnaire) -> None:
    blank = AnswerFile.model_construct(
        questionnaire=sample().questionnaire,
        company=sample().company,
        assessment=sample("self").assessment,
        answers={},
    )
    text = answerfile.render(blank, mini.questionnaire, "en")
    for question in mini.questionnaire.questions:
        assert f"  {question.id}:\n" in text
        assert f"#   5 = {question.options[5].en}" in text
    assert "n/a (not applicable)" in text


def test_save_atomic_replaces_and_leaves_no_temp_files(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    output.save_atomic(path, "one\n")
    output.save_atomic(path, "two\n")
    assert path.read_text() == "two\n"
    assert os.listdir(tmp_path) == ["a.yaml"]
