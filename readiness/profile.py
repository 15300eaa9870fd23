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

from readiness.interview import Action, EndOfInput, Key, Notice, Reply, Save, as_key
from readiness.models import AnswerFile, Lang, Questionnaire


@dataclass(frozen=True)
class Choice:
    """One entry of a pick-list: the value stored and its label in both languages."""

    code: str
    ko: str
    en: str

    def label(self, lang: Lang) -> str:
        return self.ko if lang == "ko" else self.en


# Common KSIC divisions of parts makers (issue 3); any other KSIC code can be typed.
SECTORS = (
    Choice("C22", "고무·플라스틱제품", "Rubber and plastic products"),
    Choice("C24", "1차 금속", "Basic metals"),
    Choice("C25", "금속가공제품", "Fabricated metal products"),
    Choice("C26", "전자부품·컴퓨터·통신장비", "Electronic components"),
    Choice("C27", "의료·정밀·광학기기", "Precision instruments"),
    Choice("C28", "전기장비", "Electrical equipment"),
    Choice("C29", "기타 기계·장비", "Other machinery"),
    Choice("C30", "자동차·트레일러 (부품)", "Motor vehicles and parts"),
)

# The 17 first-level administrative divisions (시·도); the Korean official name is stored.
REGIONS = (
    Choice("서울특별시", "서울", "Seoul"),
    Choice("부산광역시", "부산", "Busan"),
    Choice("대구광역시", "대구", "Daegu"),
    Choice("인천광역시", "인천", "Incheon"),
    Choice("광주광역시", "광주", "Gwangju"),
    Choice("대전광역시", "대전", "Daejeon"),
    Choice("울산광역시", "울산", "Ulsan"),
    Choice("세종특별자치시", "세종", "Sejong"),
    Choice("경기도", "경기", "Gyeonggi"),
    Choice("강원특별자치도", "강원", "Gangwon"),
    Choice("충청북도", "충북", "Chungbuk"),
    Choice("충청남도", "충남", "Chungnam"),
    Choice("전북특별자치도", "전북", "Jeonbuk"),
    Choice("전라남도", "전남", "Jeonnam"),
    Choice("경상북도", "경북", "Gyeongbuk"),
    Choice("경상남도", "경남", "Gyeongnam"),
    Choice("제주특별자치도", "제주", "Jeju"),
)


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
    digits = re.sub(r"[\s-]", "", text)
    if not (digits.isdigit() and len(digits) == 10):
        raise BadValue("business_number")
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


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
    choice = _pick(SECTORS, text)
    if choice is not None:
        return choice.code
    code = text.upper().replace(" ", "")
    if re.fullmatch(r"\d{2,5}", code) and 10 <= int(code[:2]) <= 34:
        code = "C" + code  # KSIC section C (manufacturing) covers divisions 10-34
    if not re.fullmatch(r"[A-Z]\d{2,5}", code):
        raise BadValue("sector")
    return code


def parse_region(text: str) -> str:
    choice = _pick(REGIONS, text)
    if choice is None:
        raise BadValue("region")
    return choice.code


def parse_count(text: str) -> int:
    """`48`, `1,200` or `48명` → a whole number."""
    digits = text.replace(",", "").removesuffix("명").strip()
    if not digits.isdigit() or int(digits) > 10_000_000:
        raise BadValue("whole_number")
    return int(digits)


_UNITS = {"조": 10**12, "억": 10**8, "만": 10**4, "": 1}
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(조|억|만|)\s*")


def parse_krw(text: str) -> int:
    """`12000000000`, `12,000,000,000`, `120억`, `120억원`, `3억 5000만` → won."""
    rest = text.replace(",", "").strip().removesuffix("원").strip()
    parts = _AMOUNT.findall(rest)
    if not rest or not re.fullmatch(f"(?:{_AMOUNT.pattern})+", rest):
        raise BadValue("revenue")
    units = [u for _, u in parts]
    if "" in units[:-1] or len(set(units)) != len(units):  # a bare number only last, no repeats
        raise BadValue("revenue")
    won = round(sum(float(n) * _UNITS[u] for n, u in parts))
    if won > 10**16:
        raise BadValue("revenue")
    return won


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise BadValue("date") from None


@dataclass(frozen=True)
class Field:
    """One profile question: `key` names its message and its place in the answer file."""

    key: str
    parse: Callable[[str], Any]
    required: bool = False
    choices: tuple[Choice, ...] = ()


AUDIT_HEAD = (Field("assessor_name", _text(100), required=True), Field("assessor_org", _text(200)))
COMPANY = (
    Field("company_name", _text(200), required=True),
    Field("business_number", parse_business_number),
    Field("sector", parse_sector, choices=SECTORS),
    Field("employees", parse_count),
    Field("revenue", parse_krw),
    Field("region", parse_region, choices=REGIONS),
)
AUDIT_TAIL = (Field("site_name", _text(200)), Field("site_address", _text(300)), Field("date", parse_date))


def fields(mode: str) -> tuple[Field, ...]:
    return (*AUDIT_HEAD, *COMPANY, *AUDIT_TAIL) if mode == "audit" else COMPANY


@dataclass(frozen=True)
class FieldPrompt:
    """Ask for one profile field; `current` is the value Enter keeps (None: Enter skips)."""

    field: Field
    n: int
    total: int
    current: Any
    notice: Notice | None = None

    def parse(self, text: str) -> Action:
        text = text.strip()
        key = as_key(text)
        return key if key in (Key.BACK, Key.QUIT) else Reply(text)


class AskField(Protocol):
    def __call__(self, prompt: FieldPrompt) -> Action: ...


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
