"""The company profile asked before the questions: a pure step driven by the same `ask` callable.

In audit mode the assessor is asked first, so that the file is valid (and saved) from the
moment the company name is known; every later field is saved as soon as it is given.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from readiness.domain import normalise
from readiness.domain.answers import AnswerFile
from readiness.domain.interview import EndOfInput, Key, Notice, Reply, Response, Save, as_key
from readiness.domain.normalise import REGION_CHOICES, SECTOR_CHOICES, Choice
from readiness.domain.questionnaire import Questionnaire
from readiness.words import Lang


class BadValue(ValueError):
    """A field reply that cannot be used; `notice` names the hint to show."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(notice)
        self.notice = notice


def _text(limit: int) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if len(text) > limit:
            raise BadValue("too_long")
        return text

    return parse


def parse_business_number(text: str) -> str:
    """`1234567890` or `123-45-67890` → `123-45-67890`."""
    try:
        return normalise.business_number(text)
    except ValueError:
        raise BadValue("business_number") from None


def _pick(choices: tuple[Choice, ...], text: str) -> Choice | None:
    if text.isdigit() and 1 <= int(text) <= len(choices):
        return choices[int(text) - 1]
    folded = text.casefold().replace(" ", "")
    for choice in choices:
        if folded in (
            choice.code.casefold(),
            choice.ko.replace(" ", ""),
            choice.en.casefold().replace(" ", ""),
        ):
            return choice
    return None


def parse_sector(text: str) -> str:
    """A pick-list number, or a KSIC code (`C29`, `c2912`; bare manufacturing `29` → `C29`)."""
    choice = _pick(SECTOR_CHOICES, text)
    if choice is not None:
        return choice.code
    code = text.upper().replace(" ", "")
    if re.fullmatch(r"\d{2,5}", code) and 10 <= int(code[:2]) <= 34:
        code = "C" + code  # KSIC section C (manufacturing) covers divisions 10-34
    if not re.fullmatch(r"[A-Z]\d{2,5}", code):
        raise BadValue("sector")
    return code


def parse_region(text: str) -> str:
    """A region pick number or name (`9`, `경남`, `seoul`) → the official region name."""
    choice = _pick(REGION_CHOICES, text)
    if choice is None:
        raise BadValue("region")
    return choice.code


def parse_count(text: str) -> int:
    """`48`, `1,200` or `48명` → a whole number."""
    digits = text.replace(",", "").removesuffix(normalise.PEOPLE_SUFFIX).strip()
    if not re.fullmatch(r"[0-9]{1,8}", digits) or int(digits) > 10_000_000:  # never int() of 5,000 digits
        raise BadValue("whole_number")
    return int(digits)


def parse_krw(text: str) -> int:
    """`12,000,000,000`, `120억원`, `3억 5000만`, `85억 5천만` → won (`normalise.parse_won`)."""
    try:
        return normalise.parse_won(text)
    except ValueError:
        raise BadValue("revenue") from None


def parse_date(text: str) -> dt.date:
    """A `YYYY-MM-DD` date; anything else is refused with the date hint."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadValue("date") from None


@dataclass(frozen=True)
class ProfileField:
    """One profile question: `key` names its message and its place in the answer file."""

    key: str
    parse: Callable[[str], Any]
    required: bool = False
    choices: tuple[Choice, ...] = ()


AUDIT_HEAD = (
    ProfileField("assessor_name", _text(100), required=True),
    ProfileField("assessor_org", _text(200)),
)
COMPANY = (
    ProfileField("company_name", _text(200), required=True),
    ProfileField("business_number", parse_business_number),
    ProfileField("sector", parse_sector, choices=SECTOR_CHOICES),
    ProfileField("employees", parse_count),
    ProfileField("revenue", parse_krw),
    ProfileField("region", parse_region, choices=REGION_CHOICES),
)
AUDIT_TAIL = (
    ProfileField("site_name", _text(200)),
    ProfileField("site_address", _text(300)),
    ProfileField("date", parse_date),
)


def fields(mode: str) -> tuple[ProfileField, ...]:
    """The profile fields asked in `mode`; audit mode adds the assessor first and the site and date last."""
    return (*AUDIT_HEAD, *COMPANY, *AUDIT_TAIL) if mode == "audit" else COMPANY


@dataclass(frozen=True)
class FieldPrompt:
    """Ask for one profile field; `current` is the value Enter keeps (None: Enter skips)."""

    field: ProfileField
    n: int
    total: int
    current: Any
    notice: Notice | None = None

    def parse(self, text: str) -> Response:
        """Read a typed line: `b`, `q` and `?` are commands, as at a question; anything else is text."""
        text = text.strip()
        key = as_key(text)
        return key if key in (Key.BACK, Key.QUIT, Key.HELP) else Reply(text)


class AskField(Protocol):
    """Asks for one profile field and returns the reply (the terminal, or a script in tests)."""

    def __call__(self, prompt: FieldPrompt) -> Response:
        """Show the field prompt and return what came back."""


@dataclass(frozen=True)
class ProfileOutcome:
    """The answer file built so far (None before the company name), and how the step ended."""

    answers: AnswerFile | None
    status: Literal["finished", "quit", "eof"]


def build(
    q: Questionnaire, values: dict[str, Any], mode: str, lang: Lang, today: dt.date
) -> AnswerFile | None:
    """The answer file for the profile so far, or None while it could not be valid yet."""
    if not values.get("company_name") or (mode == "audit" and not values.get("assessor_name")):
        return None
    assessment: dict[str, Any] = {"mode": mode, "language": lang, "date": values.get("date", today)}
    if mode == "audit":
        assessment["assessor"] = {"name": values["assessor_name"], "organisation": values.get("assessor_org")}
        if values.get("site_name") or values.get("site_address"):
            name = values.get("site_name") or values["company_name"]
            assessment["site"] = {"name": name, "address": values.get("site_address")}
    company = {
        "name": values["company_name"],
        "business_number": values.get("business_number"),
        "sector": values.get("sector"),
        "employees": values.get("employees"),
        "annual_revenue_krw": values.get("revenue"),
        "region": values.get("region"),
    }
    return AnswerFile.model_validate(
        {"questionnaire": {"id": q.id, "version": q.version}, "company": company, "assessment": assessment}
    )


def run_profile(
    q: Questionnaire, ask: AskField, save: Save, *, mode: str, lang: Lang, today: dt.date
) -> ProfileOutcome:
    """Ask the profile fields in order; `b` goes back, `q` quits, Enter skips an optional field."""
    todo = fields(mode)
    values: dict[str, Any] = {"date": today} if mode == "audit" else {}
    i = 0
    notice: Notice | None = None
    while i < len(todo):
        field = todo[i]
        action = ask(FieldPrompt(field, i + 1, len(todo), values.get(field.key), notice))
        notice = None
        if isinstance(action, EndOfInput):
            return ProfileOutcome(build(q, values, mode, lang, today), "eof")
        if action is Key.QUIT:
            return ProfileOutcome(build(q, values, mode, lang, today), "quit")
        if action is Key.HELP:  # never saved as a value ("?" as the company name)
            notice = "field_help"
            continue
        if action is Key.BACK:
            if i == 0:
                notice = "at_start_profile"
            i = max(i - 1, 0)
            continue
        text = action.text if isinstance(action, Reply) else ""
        if not text:
            if field.required and not values.get(field.key):
                notice = "required"
            else:
                i += 1
            continue
        try:
            values[field.key] = field.parse(text)
        except BadValue as exc:
            notice = exc.notice
            continue
        answers = build(q, values, mode, lang, today)
        if answers is not None:
            save(answers)
        i += 1
    answers = build(q, values, mode, lang, today)
    assert answers is not None  # the required fields cannot be skipped
    return ProfileOutcome(answers, "finished")
