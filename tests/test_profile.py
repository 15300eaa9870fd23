"""The profile step with a scripted `ask`, and the parsers behind its fields."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.domain.answers import Answer, AnswerFile
from readiness.domain.company_profile import (
    BadValue,
    FieldPrompt,
    PickLists,
    ProfileOutcome,
    parse_business_number,
    parse_count,
    parse_krw,
    parse_programmes,
    parse_region,
    parse_sector,
    resume_at,
    run_profile,
)
from readiness.domain.interview import EndOfInput, Response
from readiness.domain.normalise import REGION_CHOICES as REGIONS
from readiness.domain.normalise import Choice
from readiness.files.catalogues import bundled_programmes
from readiness.files.loading import LoadedQuestionnaire, bundled_sectors

TODAY = dt.date(2026, 3, 15)
_table, _catalogue = bundled_sectors(), bundled_programmes()
assert _table is not None and _catalogue is not None
SECTORS = _table.choices()
PROGRAMMES = _catalogue.choices()
LISTS = PickLists(sectors=SECTORS, programmes=PROGRAMMES)


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
    mini: LoadedQuestionnaire,
    *lines: str,
    mode: str = "self",
    lists: PickLists | None = None,
    resume: AnswerFile | None = None,
) -> tuple[ProfileOutcome, Script, list[AnswerFile]]:
    script = Script(*lines)
    saves: list[AnswerFile] = []
    outcome = run_profile(
        mini.questionnaire,
        script,
        saves.append,
        mode=mode,
        lang="ko",
        today=TODAY,
        lists=lists,
        resume=resume,
    )
    return outcome, script, saves


def test_self_profile_fills_the_company_and_saves_after_each_field(mini: LoadedQuestionnaire) -> None:
    outcome, script, saves = profile(mini, "한빛정밀 [주]", "1234567890", "C29", "48명", "120억", "경기")
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
    [
        ("C30", "C30"),  # an exact code is taken
        ("30", "C30"),  # a manufacturing code without its letter
        ("c303", "C303"),
        ("C2912", "C2912"),  # a valid KSIC code that is not listed
        ("G46", "G46"),
        ("자동차 및 트레일러 제조업", "C30"),  # a whole name, though C303 holds it too
        ("트레일러", "C30"),  # the one name that holds it
        ("trailers", "C30"),
        ("Casting", "C243"),
    ],
)
def test_sector_is_a_ksic_code_or_found_in_the_table(text: str, code: str) -> None:
    assert parse_sector(text, SECTORS) == code


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("자동차", ["C30", "C303"]),
        ("motor", ["C30", "C303"]),
        ("C3", ["C30", "C303", "C31", "C32", "C33", "C34"]),
    ],
)
def test_a_sector_search_with_several_matches_narrows_the_list(text: str, codes: list[str]) -> None:
    with pytest.raises(BadValue) as info:
        parse_sector(text, SECTORS)
    assert info.value.notice == "sector_matches"
    assert [c.code for c in info.value.matches] == codes


@pytest.mark.parametrize("text", ["X", "C05", "Z10", "우주선", "7"])
def test_a_sector_that_is_no_code_and_matches_nothing_is_refused(text: str) -> None:
    with pytest.raises(BadValue) as info:
        parse_sector(text, SECTORS)
    assert (info.value.notice, info.value.matches) == ("sector", ())


def test_the_sector_prompt_offers_the_ksic_table_and_shows_what_a_search_found(
    mini: LoadedQuestionnaire,
) -> None:
    outcome, script, _ = profile(mini, "Acme", "", "motor", "C303", "q", lists=LISTS)
    sector = script.prompts[2]
    assert sector.field.key == "sector" and sector.field.choices == SECTORS and not sector.field.numbered
    assert len(SECTORS) > 30  # every manufacturing division and the classes parts makers use
    narrowed = script.prompts[3]
    assert narrowed.notice == "sector_matches" and [c.code for c in narrowed.matches] == ["C30", "C303"]
    assert outcome.answers is not None and outcome.answers.company.sector == "C303"


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("", []),
        ("-", []),
        ("1,3", [PROGRAMMES[0].code, PROGRAMMES[2].code]),
        ("3 1 3", [PROGRAMMES[2].code, PROGRAMMES[0].code]),
        ("smart-factory-general, 1", ["smart-factory-general", PROGRAMMES[0].code]),
    ],
)
def test_programmes_are_picked_by_number_or_id(text: str, ids: list[str]) -> None:
    assert parse_programmes(text, PROGRAMMES) == ids


@pytest.mark.parametrize("text", ["0", "99", "1,x", "no-such-programme", "1;3"])
def test_programmes_that_are_not_in_the_list_are_refused(text: str) -> None:
    with pytest.raises(BadValue) as info:
        parse_programmes(text, PROGRAMMES)
    assert info.value.notice == "programmes"


def test_the_programmes_question_comes_last_and_enter_records_none_joined(mini: LoadedQuestionnaire) -> None:
    outcome, script, saves = profile(mini, "Acme", "", "", "", "", "", "", lists=LISTS)
    assert script.prompts[-1].field.key == "programmes" and script.prompts[-1].field.choices == PROGRAMMES
    assert outcome.status == "finished" and outcome.answers is not None
    company = outcome.answers.company
    assert (company.programmes, company.programmes_asked) == ([], True)  # asked, none joined
    assert saves[-1] == outcome.answers


@pytest.mark.parametrize(("key", "notice"), [("?", "field_help"), ("b", None), ("q", None)])
def test_interview_keys_work_at_the_programmes_prompt(
    mini: LoadedQuestionnaire, key: str, notice: str
) -> None:
    outcome, script, _ = profile(mini, "Acme", "", "", "", "", "", key, "2", lists=LISTS)
    after = script.prompts[7] if len(script.prompts) > 7 else None
    if key == "?":
        assert after is not None and (after.field.key, after.notice) == ("programmes", notice)
        assert outcome.answers is not None and outcome.answers.company.programmes == [PROGRAMMES[1].code]
    elif key == "b":
        assert after is not None and after.field.key == "region"
    else:
        assert outcome.status == "quit" and outcome.answers is not None
        assert not outcome.answers.company.programmes_asked  # quit is not an answer


def test_audit_mode_asks_the_programmes_after_the_site_and_date(mini: LoadedQuestionnaire) -> None:
    lines = ["Park", "", "Acme", "", "", "", "", "", "", "", "", "1"]
    outcome, script, _ = profile(mini, *lines, mode="audit", lists=LISTS)
    assert [p.field.key for p in script.prompts][-2:] == ["date", "programmes"]
    assert outcome.answers is not None and outcome.answers.company.programmes == [PROGRAMMES[0].code]


# --- resume: an unfinished profile continues at its first empty field -----------------------------


def test_resume_after_quitting_at_the_business_number_asks_the_rest_of_the_profile(
    mini: LoadedQuestionnaire,
) -> None:
    quit_early, _, _ = profile(mini, "Acme", "q", lists=LISTS)
    assert quit_early.answers is not None and resume_at(quit_early.answers, LISTS) == 1
    lines = ["123-45-67890", "C30", "48", "120억", "경기", "1,3"]
    outcome, script, saves = profile(mini, *lines, lists=LISTS, resume=quit_early.answers)
    keys = ["business_number", "sector", "employees", "revenue", "region", "programmes"]
    assert [p.field.key for p in script.prompts] == keys
    assert outcome.status == "finished" and outcome.answers is not None
    c = outcome.answers.company
    assert (c.name, c.business_number, c.sector, c.employees) == ("Acme", "123-45-67890", "C30", 48)
    assert (c.annual_revenue_krw, c.region, c.programmes_asked) == (12_000_000_000, "경기도", True)
    assert len(saves) == 6 and resume_at(outcome.answers, LISTS) is None


def test_resume_keeps_the_answers_and_the_files_language(mini: LoadedQuestionnaire) -> None:
    started, _, _ = profile(mini, "Acme", "", "C30", "q", lists=LISTS)
    assert started.answers is not None
    af = started.answers.model_copy(
        update={
            "answers": {"make.results": Answer(value=3)},
            "assessment": started.answers.assessment.model_copy(update={"language": "en"}),
        }
    )
    assert resume_at(af, LISTS) == 1  # the business number was skipped: Enter again moves on
    outcome, script, _ = profile(mini, "b", "", "", "", "", "", "", "", lists=LISTS, resume=af)
    assert [p.field.key for p in script.prompts][:2] == ["business_number", "company_name"]
    assert script.prompts[3].current == "C30"  # Enter keeps what the file holds
    assert outcome.answers is not None and outcome.answers.answers == af.answers
    assert outcome.answers.assessment.language == "en" and outcome.answers.company.sector == "C30"


def test_a_finished_profile_is_not_asked_again(mini: LoadedQuestionnaire) -> None:
    done, _, _ = profile(mini, "Acme", "", "", "", "", "", "", lists=LISTS)
    assert done.answers is not None and resume_at(done.answers, LISTS) is None
    outcome, script, _ = profile(mini, lists=LISTS, resume=done.answers)
    assert (outcome.status, script.prompts) == ("finished", [])


@pytest.mark.parametrize(
    ("text", "name"), [("9", "경기도"), ("경남", "경상남도"), ("seoul", "서울특별시"), ("경기도", "경기도")]
)
def test_region_is_a_pick_or_a_name(text: str, name: str) -> None:
    assert parse_region(text) == name


def test_pick_lists_are_complete() -> None:
    assert len(REGIONS) == 17 and len({r.code for r in REGIONS}) == 17
    assert _table is not None
    assert tuple(Choice(s.code, s.ko, s.en) for s in _table.sectors) == SECTORS
    assert [p.code for p in PROGRAMMES] == [p.id for p in _catalogue.programmes] if _catalogue else False


def test_counts_accept_separators_and_a_unit() -> None:
    assert (parse_count("1,200"), parse_count("48명")) == (1200, 48)
    with pytest.raises(BadValue):
        parse_count("-3")


def test_business_number_is_normalised() -> None:
    assert parse_business_number("123 45 67890") == "123-45-67890"
