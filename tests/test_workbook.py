"""Answer workbooks: the template a person fills, scored like YAML, with errors naming sheet and cell."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from readiness import api
from readiness.batch.discover import discover
from readiness.cli import app
from readiness.errors import AnswersError
from readiness.files.loading import bundled_sectors, find_questionnaire, load_answers, read_answers

from .conftest import ROOT
from .workbooks import answer_row, fill, rezip, template

runner = CliRunner()
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
PROFILE = {
    "company.name": "한빛오토텍",
    "company.sector": "C30 자동차 및 트레일러 제조업",
    "company.employees": 48,
}


def _card(path: Path) -> str:
    card = api.score_file(path)
    return api.scorecard_json(card).replace(card.questionnaire.sha256, "")


def test_template_has_cover_answers_lists_and_a_very_hidden_metadata_sheet(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template(tmp_path / "t.xlsx"))
    assert wb.sheetnames == ["표지", "답변", "목록", "_readiness"]
    assert [ws.sheet_state for ws in wb.worksheets] == ["visible", "visible", "hidden", "veryHidden"]
    assert all(ws.protection.sheet and not ws.protection.password for ws in wb.worksheets)
    meta = {r[0].value: r[1].value for r in wb["_readiness"].iter_rows()}
    assert meta["questionnaire.id"] == "kr-smart-factory" and len(meta["questionnaire.sha256"]) == 64
    answers = wb["답변"]
    assert answers.page_setup.paperSize == 9  # A4
    row = answer_row(tmp_path / "t.xlsx", "strategy.roadmap")
    assert answers[f"D{row}"].protection.locked is False
    assert answers[f"B{row}"].protection.locked is True
    assert answers[f"C{row}"].value.count("\n") >= 5  # the six options are visible
    lists = {str(v.sqref): v for v in answers.data_validations.dataValidation}
    assert lists[f"D{row}"].formula1 == '"0,1,2,3,4,5"'
    na_rows = [q.id for q in find_questionnaire("kr-smart-factory").questionnaire.questions if q.na_allowed]
    assert lists[f"D{answer_row(tmp_path / 't.xlsx', na_rows[0])}"].formula1 == '"0,1,2,3,4,5,n/a"'
    cover = {str(v.sqref): v.type for v in wb["표지"].data_validations.dataValidation}
    assert sorted(cover.values()) == ["custom", "date", "decimal", "list", "list", "whole"]
    assert str(answers["D2"].value).startswith("=COUNTA(")


def test_the_sector_drop_down_is_the_ksic_table_the_interview_offers(tmp_path: Path) -> None:
    """One source: questionnaires/ksic.yaml feeds the workbook's sector list and the interview's."""
    table = bundled_sectors()
    assert table is not None
    wb = openpyxl.load_workbook(template(tmp_path / "t.xlsx"))
    listed = [row[0] for row in wb["목록"].iter_rows(min_col=1, max_col=1, values_only=True) if row[0]]
    assert listed == [f"{s.code} {s.ko}" for s in table.sectors]
    cover = wb["표지"]
    sector_rule = [v for v in cover.data_validations.dataValidation if "$A$1" in str(v.formula1)]
    assert sector_rule and sector_rule[0].formula1.endswith(f"$A${len(table.sectors)}")


def test_english_and_audit_template(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template(tmp_path / "t.xlsx", lang="en", mode="audit"))
    assert wb.sheetnames[:2] == ["Cover", "Answers"]
    assert [c.value for c in wb["Answers"][4]][3:7] == [
        "Claimed",
        "Verified",
        "Note",
        "Evidence (one per line)",
    ]
    keys = [r[0].value for r in wb["Cover"].iter_rows(max_col=1)]
    assert "assessment.assessor.name" in keys and "assessment.site.address" in keys


def test_blank_template_says_which_cell_is_missing(tmp_path: Path) -> None:
    with pytest.raises(AnswersError) as info:
        load_answers(template(tmp_path / "t.xlsx"))
    assert str(info.value) == f"{tmp_path / 't.xlsx'}:표지!C13: company.name: required field is missing"


def test_filled_workbook_scores_the_same_as_the_yaml_file(tmp_path: Path) -> None:
    path = fill(
        template(tmp_path / "t.xlsx"),
        PROFILE,
        {
            "strategy.roadmap": {"D": 3, "E": "계획서 있음", "F": "로드맵.pdf\n예산표.xlsx"},
            "quality.spc": {"D": "３"},
        },
    )
    yaml_file = tmp_path / "same.yaml"
    yaml_file.write_text(
        "questionnaire: {id: kr-smart-factory, version: '2026.2'}\n"
        "company: {name: 한빛오토텍, sector: C30, employees: 48}\n"
        "answers:\n"
        "  strategy.roadmap: {value: 3, note: 계획서 있음, evidence: [로드맵.pdf, 예산표.xlsx]}\n"
        "  quality.spc: 3\n",
        encoding="utf-8",
    )
    assert read_answers(path)[0] == read_answers(yaml_file)[0]
    assert _card(path) == _card(yaml_file)


@pytest.mark.parametrize(
    ("typed", "ok"),
    [
        ("3", True),
        (" 3 ", True),
        ("３", True),
        (3.0, True),
        ("n/a", False),
        ("3점", False),
        (7, False),
        (2.5, False),
        ("²", False),
    ],
)
def test_answer_cells_read_like_the_terminal(tmp_path: Path, typed: object, ok: bool) -> None:
    path = fill(template(tmp_path / "t.xlsx"), PROFILE, {"quality.spc": {"D": typed}})
    row = answer_row(path, "quality.spc")
    if ok:
        assert load_answers(path)[0].answers["quality.spc"].value == 3
        return
    with pytest.raises(AnswersError) as info:
        load_answers(path)
    problem = str(info.value)
    assert problem.startswith(f"{path}:답변!D{row}: quality.spc: ")
    assert "answer must be a whole number from 0 to 5" in problem or "n/a is not allowed" in problem


def test_every_cell_error_is_listed_with_its_cell(tmp_path: Path) -> None:
    path = fill(
        template(tmp_path / "t.xlsx"),
        {"company.name": "x", "company.employees": "마흔", "company.business_number": "12345"},
        {"strategy.roadmap": {"D": "많음"}, "quality.spc": {"D": "=1+2"}},
    )
    with pytest.raises(AnswersError) as info:
        load_answers(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 2  # cells first; the profile is judged once the answer cells are readable
    assert "답변!D" in lines[0] and "strategy.roadmap: answer must be a whole number" in lines[0]
    assert "quality.spc: is a formula; type the value itself" in lines[1]
    fill(path, {}, {"strategy.roadmap": {"D": 1}, "quality.spc": {"D": 2}})
    with pytest.raises(AnswersError) as info:
        load_answers(path)
    text = str(info.value)
    assert "표지!C16: company.employees: must be a whole number of people" in text
    assert "표지!C14: company.business_number: business number must be 10 digits" in text


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_convert_yaml_to_workbook_and_back_loses_nothing(tmp_path: Path, example: Path) -> None:
    book, back = tmp_path / "a.xlsx", tmp_path / "a.yaml"
    assert runner.invoke(app, ["convert", str(example), "-o", str(book)]).exit_code == 0
    assert runner.invoke(app, ["convert", str(book), "-o", str(back)]).exit_code == 0
    original = read_answers(example)[0]
    assert read_answers(book)[0] == original
    assert read_answers(back)[0] == original


def test_convert_refuses_to_overwrite_and_keeps_audit_values(tmp_path: Path) -> None:
    audit = next(p for p in EXAMPLES if read_answers(p)[0].assessment.mode == "audit")
    book = tmp_path / "a.xlsx"
    assert runner.invoke(app, ["convert", str(audit), "-o", str(book)]).exit_code == 0
    result = runner.invoke(app, ["convert", str(audit), "-o", str(book)])
    assert result.exit_code == 2 and "already exists" in result.output
    wb = openpyxl.load_workbook(book)
    assert wb.worksheets[1]["D4"].value == "자체 평가"  # claimed column
    assert any(a.verified is not None for a in read_answers(book)[0].answers.values())


def test_cli_score_validate_report_accept_workbooks(tmp_path: Path) -> None:
    book = tmp_path / "demo.xlsx"
    assert (
        runner.invoke(app, ["convert", str(ROOT / "examples" / "demo.yaml"), "-o", str(book)]).exit_code == 0
    )
    assert runner.invoke(app, ["score", str(book)]).exit_code == 0
    assert runner.invoke(app, ["validate", str(book)]).exit_code == 0
    result = runner.invoke(app, ["report", str(book), "-f", "md", "-o", str(tmp_path / "r.md")])
    assert result.exit_code == 0, result.output
    blank = template(tmp_path / "blank.xlsx")
    result = runner.invoke(app, ["validate", str(blank)])
    assert result.exit_code == 3 and "blank.xlsx:표지!C13: company.name" in result.output


def test_template_command_writes_a_workbook_and_refuses_a_terminal(tmp_path: Path) -> None:
    out = tmp_path / "send.xlsx"
    result = runner.invoke(app, ["template", "--format", "xlsx", "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(out) and openpyxl.load_workbook(out).sheetnames[0] == "Cover"
    old = tmp_path / "old.xlsx"
    args = ["template", "-f", "xlsx", "--questionnaire", "kr-smart-factory@2026.1", "-o", str(old)]
    assert runner.invoke(app, args).exit_code == 0
    assert openpyxl.load_workbook(old)["_readiness"]["B4"].value == "2026.1"


def test_workbook_is_scored_under_the_version_it_was_sent_out_with(tmp_path: Path) -> None:
    path = fill(template(tmp_path / "t.xlsx", version="2026.1"), PROFILE, {})
    assert api.score_file(path).questionnaire.version == "2026.1"


def test_another_copy_of_the_questionnaire_is_refused(tmp_path: Path) -> None:
    path = fill(template(tmp_path / "t.xlsx"), PROFILE, {})
    wb = openpyxl.load_workbook(path)
    wb["_readiness"]["B5"] = "0" * 64
    wb.save(path)
    with pytest.raises(
        AnswersError, match=r"_readiness!B5: questionnaire.sha256: this workbook was made from another copy"
    ):
        load_answers(path)


def test_migrate_keeps_a_workbook_a_workbook(tmp_path: Path) -> None:
    book = tmp_path / "old.xlsx"
    legacy = ROOT / "examples" / "legacy-2026.1-demo.yaml"
    assert runner.invoke(app, ["convert", str(legacy), "-o", str(book)]).exit_code == 0
    result = runner.invoke(app, ["migrate", str(book), "--force"])
    assert result.exit_code == 0, result.output
    assert read_answers(book)[0].questionnaire.version == "2026.2"


def test_batch_scores_a_folder_mixing_yaml_and_workbooks(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "demo.yaml", folder / "a.yaml")
    assert (
        runner.invoke(
            app, ["convert", str(ROOT / "examples" / "demo.yaml"), "-o", str(folder / "b.xlsx")]
        ).exit_code
        == 0
    )
    fill(template(folder / "c.xlsx"), PROFILE, {"quality.spc": {"D": "3점"}})
    (folder / "~$b.xlsx").write_bytes(b"lock")
    found = discover([folder])
    assert [Path(f).name for f in found.files] == ["a.yaml", "b.xlsx", "c.xlsx"]
    assert [Path(p).name for p, _ in found.skipped] == ["~$b.xlsx"]
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 4, result.output
    errors = (out / "errors.csv").read_text(encoding="utf-8")
    assert (
        f'답변!D{answer_row(folder / "c.xlsx", "quality.spc")},quality.spc,"answer must be a whole number'
        in errors
    )
    summary = (out / "summary.csv").read_text(encoding="utf-8").splitlines()
    assert (
        summary[1].split(",")[1:3] == summary[2].split(",")[1:3]
    )  # a.yaml and b.xlsx: the same firm, same result


def test_rezip_helper_keeps_a_workbook_readable(tmp_path: Path) -> None:
    path = fill(template(tmp_path / "t.xlsx"), PROFILE, {})
    assert read_answers(rezip(path, tmp_path / "copy.xlsx"))[0].company.name == "한빛오토텍"
