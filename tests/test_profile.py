"""The profile step with a scripted `ask`, and the parsers behind its fields."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.domain.answers import AnswerFile
from readiness.domain.company_profile import (
    BadValue,
    FieldPrompt,
    ProfileOutcome,
    parse_business_number,
    parse_count,
    parse_krw,
    parse_region,
    parse_sector,
    run_profile,
)
from readiness.domain.interview import EndOfInput, Response
from readiness.domain.normalise import REGION_CHOICES as REGIONS
from readiness.domain.normalise import SECTOR_CHOICES as SECTORS
from readiness.files.loading import LoadedQuestionnaire

TODAY = dt.date(2026, 3, 15)


class Script:
    def __init__(self, *lines: str) -> None:
        self.lines = list(lines)
        self.prompts: list[FieldPrompt] = []

    def __call__(self, prompt: FieldPrompt) -> Response:
        self.prompts.append(prompt)
        return prompt.parse(self.lines.pop(0)) if self.lines else EndOfInput()

    @property
    def asked(self) -> list[tuple[str, str | None]]:
        return [(p.field.key, p.notice) for p in self.prompts]


def profile(
    mini: LoadedQuestionnaire, *lines: str, mode: str = "self"
) -> tuple[ProfileOutcome, Script, list[AnswerFile]]:
    script = Script(*lines)
    saves: list[AnswerFile] = []
    outcome = run_profile(mini.questionnaire, script, saves.append, mode=mode, lang="ko", today=TODAY)
    return outcome, script, saves


def test_self_profile_fills_the_company_and_saves_after_each_field(mini: LoadedQuestionnaire) -> None:
    outcome, script, saves = profile(mini, "한빛정밀 [주]", "1234567890", "7", "48명", "120억", "경기")
    assert outcome.status == "finished" and outcome.answers is not None
    company = outcome.answers.company
    assert company.name == "한빛정밀 [주]"
    assert company.business_number == "123-45-67890"
    assert (company.sector, company.employees) == ("C29", 48)
    assert (company.annual_revenue_krw, company.region) == (12_000_000_000, "경기도")
    assert outcome.answers.assessment.mode == "self"
    assert outcome.answers.assessment.date == TODAY
    assert outcome.answers.questionnaire.id == "mini"
    assert [p.field.key for p in script.prompts] == [
        "company_name",
        "business_number",
        "sector",
        "employees",
        "revenue",
        "region",
    ]
    assert len(saves) == 6 and saves[-1] == outcome.answers


def test_optional_fields_are_skipped_with_enter_but_the_name_is_required(mini: LoadedQuestionnaire) -> None:
    outcome, script, _ = profile(mini, "", "Acme", "", "", "", "", "")
    assert script.asked[:2] == [("company_name", None), ("company_name", "required")]
    assert outcome.answers is not None
    assert outcome.answers.company.model_dump(exclude_none=True) == {
        "name": "Acme",
        "programmes": [],
        "programmes_asked": False,
    }


def test_business_number_format_is_checked(mini: LoadedQuestionnaire) -> None:
    _, script, _ = profile(mini, "Acme", "123-45-678", "12a-45-67890", "123 45 67890")
    assert [n for _, n in script.asked[1:4]] == [None, "business_number", "business_number"]
    assert script.prompts[4].field.key == "sector"


@pytest.mark.parametrize(("field", "bad", "notice"), [(2, "X", "sector"), (3, "many", "whole_number")])
def test_bad_values_are_refused_with_the_fields_hint(
    mini: LoadedQuestionnaire, field: int, bad: str, notice: str
) -> None:
    lines = ["Acme", "", "", ""][: field + 1]
    lines[field] = bad
    _, script, _ = profile(mini, *lines)
    assert script.asked[field + 1] == (script.prompts[field].field.key, notice)


def test_back_returns_to_the_previous_field_with_its_value_as_default(mini: LoadedQuestionnaire) -> None:
    outcome, script, _ = profile(mini, "Acme", "b", "", "123-45-67890", "q")
    assert [p.field.key for p in script.prompts[:4]] == [
        "company_name",
        "business_number",
        "company_name",
        "business_number",
    ]
    assert script.prompts[2].current == "Acme"
    assert outcome.status == "quit" and outcome.answers is not None
    assert outcome.answers.company.business_number == "123-45-67890"


def test_quitting_before_the_name_leaves_nothing_to_save(mini: LoadedQuestionnaire) -> None:
    outcome, _, saves = profile(mini, "q")
    assert (outcome.status, outcome.answers, saves) == ("quit", None, [])


def test_end_of_input_keeps_what_was_given(mini: LoadedQuestionnaire) -> None:
    outcome, _, _ = profile(mini, "Acme", "")
    assert outcome.status == "eof" and outcome.answers is not None
    assert outcome.answers.company.name == "Acme"


def test_audit_profile_asks_the_assessor_first_and_site_and_date_last(mini: LoadedQuestionnaire) -> None:
    lines = ["Park", "KPC", "Acme", "", "C30", "", "", "", "2공장", "", "2026-02-30", "2026-03-02"]
    outcome, script, saves = profile(mini, *lines, mode="audit")
    keys = [p.field.key for p in script.prompts]
    assert keys[:3] == ["assessor_name", "assessor_org", "company_name"]
    assert keys[-4:] == ["site_name", "site_address", "date", "date"]
    assert script.asked[-1] == ("date", "date")
    assert len(saves) == 4  # from the company name on: name, sector, site, date
    assert outcome.answers is not None
    a = outcome.answers.assessment
    assert a.assessor is not None and a.site is not None
    assert (a.mode, a.assessor.name, a.assessor.organisation) == ("audit", "Park", "KPC")
    assert (a.site.name, a.date) == ("2공장", dt.date(2026, 3, 2))


def test_audit_date_defaults_to_today(mini: LoadedQuestionnaire) -> None:
    lines = ["Park", "", "Acme", "", "", "", "", "", "", "", ""]
    outcome, script, _ = profile(mini, *lines, mode="audit")
    assert script.prompts[-1].current == TODAY
    assert outcome.answers is not None
    assert outcome.answers.assessment.date == TODAY and outcome.answers.assessment.site is None


# --- parsers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "won"),
    [
        ("12000000000", 12_000_000_000),
        ("12,000,000,000", 12_000_000_000),
        ("120억", 12_000_000_000),
        ("120억원", 12_000_000_000),
        ("3억 5000만", 350_000_000),
        ("1조 2000억", 1_200_000_000_000),
        ("12.5억", 1_250_000_000),
        ("5000만원", 50_000_000),
    ],
)
def test_revenue_is_read_in_won_or_korean_units(text: str, won: int) -> None:
    assert parse_krw(text) == won


@pytest.mark.parametrize("text", ["abc", "억", "12 bn", "3억 2억", "5 3억", "-5", "1e9"])
def test_revenue_that_is_not_an_amount_is_refused(text: str) -> None:
    with pytest.raises(BadValue):
        parse_krw(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [("1", "C22"), ("8", "C30"), ("c29", "C29"), ("29", "C29"), ("C2912", "C2912"), ("C20", "C20")],
)
def test_sector_is_a_pick_or_a_ksic_code(text: str, code: str) -> None:
    assert parse_sector(text) == code


@pytest.mark.parametrize(
    ("text", "name"), [("9", "경기도"), ("경남", "경상남도"), ("seoul", "서울특별시"), ("경기도", "경기도")]
)
def test_region_is_a_pick_or_a_name(text: str, name: str) -> None:
    assert parse_region(text) == name


def test_pick_lists_are_complete() -> None:
    assert len(REGIONS) == 17 and len({r.code for r in REGIONS}) == 17
    assert [s.code for s in SECTORS] == ["C22", "C24", "C25", "C26", "C27", "C28", "C29", "C30"]


def test_counts_accept_separators_and_a_unit() -> None:
    assert (parse_count("1,200"), parse_count("48명")) == (1200, 48)
    with pytest.raises(BadValue):
        parse_count("-3")


def test_business_number_is_normalised() -> None:
    assert parse_business_number("123 45 67890") == "123-45-67890"
