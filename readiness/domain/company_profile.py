"""The company profile asked before the questions: a pure step driven by the same `ask` callable.

In audit mode the assessor is asked first, so that the file is valid (and saved) from the
moment the company name is known; every later field is saved as soon as it is given. The last
field is the programmes the firm already joined: once it is answered (`programmes_asked`) the
profile is finished, so a resumed file whose profile is not continues at its first empty field.
The pick-lists (KSIC sectors, programmes) are handed in (`PickLists`): the domain reads no files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal, Protocol

from readiness.domain import normalise
from readiness.domain.answers import AnswerFile
from readiness.domain.interview import EndOfInput, Key, Notice, Reply, Response, Save, as_key
from readiness.domain.normalise import REGION_CHOICES, Choice
from readiness.domain.questionnaire import Questionnaire
from readiness.words import Lang


class BadValue(ValueError):
    """A field reply that cannot be used; `notice` names the hint to show, `matches` what it found."""

    def __init__(self, notice: Notice, matches: tuple[Choice, ...] = ()) -> None:
        super().__init__(notice)
        self.notice = notice
        self.matches = matches


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


def find_sectors(text: str, sectors: tuple[Choice, ...]) -> tuple[Choice, ...]:
    """The sectors whose code starts with `text` (`C3`, `3`) or whose name holds it (`자동차`, `motor`)."""
    folded = normalise.fold(text)
    if not folded:
        return ()
    prefixes = (folded, "c" + folded) if folded[0].isdigit() else (folded,)
    named = len(folded) >= 2  # one letter is in half the names
    return tuple(
        s
        for s in sectors
        if s.code.casefold().startswith(prefixes)
        or (named and (folded in normalise.fold(s.ko) or folded in normalise.fold(s.en)))
    )


def parse_sector(text: str, sectors: tuple[Choice, ...] = ()) -> str:
    """A KSIC code (`C30`, `c303`; bare manufacturing `30` → `C30`), or a search of `sectors`.

    An exact code is taken, listed or not (any valid KSIC code); otherwise the one sector whose
    code or name matches; several matches are refused with them (`BadValue.matches`) to narrow.
    """
    code = normalise.ksic(text)
    if normalise.is_ksic(code):
        return code
    exact = [s for s in sectors if normalise.fold(text) in (normalise.fold(s.ko), normalise.fold(s.en))]
    found = tuple(exact) or find_sectors(text, sectors)
    if len(found) == 1:
        return found[0].code
    if found:
        raise BadValue("sector_matches", found)
    raise BadValue("sector")


def parse_programmes(text: str, programmes: tuple[Choice, ...] = ()) -> list[str]:
    """Programmes already joined: pick numbers or ids, `1,3` or `1 3`; empty or `-` = none."""
    picked: list[str] = []
    for token in re.split(r"[\s,]+", text.strip()):
        if token in ("", "-"):
            continue
        if token.isdigit() and len(token) <= 3 and 1 <= int(token) <= len(programmes):
            pid = programmes[int(token) - 1].code
        else:
            pid = next((p.code for p in programmes if p.code == token.casefold()), "")
            if not pid:
                raise BadValue("programmes")
        if pid not in picked:
            picked.append(pid)
    return picked


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
    """One profile question: `key` names its message and its place in the answer file.

    `blank_answers`: an empty reply is an answer (`parse("")`), not a skip: no programmes joined.
    """

    key: str
    parse: Callable[[str], Any]
    required: bool = False
    choices: tuple[Choice, ...] = ()
    numbered: bool = True  # the pick-list is picked by number (sectors: by code or name)
    blank_answers: bool = False


@dataclass(frozen=True)
class PickLists:
    """The lists the profile offers, from data the caller loaded: KSIC sectors and programmes.

    Without programmes the programmes question is not asked; without sectors a code is typed.
    """

    sectors: tuple[Choice, ...] = ()
    programmes: tuple[Choice, ...] = ()


AUDIT_HEAD = (
    ProfileField("assessor_name", _text(100), required=True),
    ProfileField("assessor_org", _text(200)),
)
COMPANY = (
    ProfileField("company_name", _text(200), required=True),
    ProfileField("business_number", parse_business_number),
    ProfileField("sector", parse_sector, numbered=False),
    ProfileField("employees", parse_count),
    ProfileField("revenue", parse_krw),
    ProfileField("region", parse_region, choices=REGION_CHOICES),
)
AUDIT_TAIL = (
    ProfileField("site_name", _text(200)),
    ProfileField("site_address", _text(300)),
    ProfileField("date", parse_date),
)


def fields(mode: str, lists: PickLists | None = None) -> tuple[ProfileField, ...]:
    """The profile fields asked in `mode`; audit mode adds the assessor first and the site and date
    after the company; the programmes joined come last (when `lists` has programmes)."""
    lists = lists or PickLists()
    company = tuple(
        ProfileField(
            f.key, partial(parse_sector, sectors=lists.sectors), choices=lists.sectors, numbered=False
        )
        if f.key == "sector"
        else f
        for f in COMPANY
    )
    tail: tuple[ProfileField, ...] = ()
    if lists.programmes:
        parse = partial(parse_programmes, programmes=lists.programmes)
        tail = (ProfileField("programmes", parse, choices=lists.programmes, blank_answers=True),)
    return (*AUDIT_HEAD, *company, *AUDIT_TAIL, *tail) if mode == "audit" else (*company, *tail)


@dataclass(frozen=True)
class FieldPrompt:
    """Ask for one profile field; `current` is the value Enter keeps (None: Enter skips)."""

    field: ProfileField
    n: int
    total: int
    current: Any
    notice: Notice | None = None
    matches: tuple[Choice, ...] = ()  # what a search reply found, to narrow it (sectors)

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
    q: Questionnaire,
    values: dict[str, Any],
    mode: str,
    lang: Lang,
    today: dt.date,
    base: AnswerFile | None = None,
) -> AnswerFile | None:
    """The answer file for the profile so far (with `base`'s answers), or None while it could not be valid yet."""
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
        "programmes": values.get("programmes", []),
        "programmes_asked": "programmes" in values,
    }
    af = AnswerFile.model_validate(
        {"questionnaire": {"id": q.id, "version": q.version}, "company": company, "assessment": assessment}
    )
    return af if base is None else af.model_copy(update={"answers": base.answers})


def values_of(af: AnswerFile) -> dict[str, Any]:
    """The profile values a saved file holds, keyed like the fields (`programmes` only once asked)."""
    c, a = af.company, af.assessment
    values: dict[str, Any] = {
        "company_name": c.name,
        "business_number": c.business_number,
        "sector": c.sector,
        "employees": c.employees,
        "revenue": c.annual_revenue_krw,
        "region": c.region,
        "date": a.date,
    }
    if a.assessor is not None:
        values.update(assessor_name=a.assessor.name, assessor_org=a.assessor.organisation)
    if a.site is not None:
        values.update(site_name=a.site.name, site_address=a.site.address)
    if c.programmes_asked or c.programmes:
        values["programmes"] = list(c.programmes)
    return {k: v for k, v in values.items() if v is not None}


def resume_at(af: AnswerFile, lists: PickLists | None = None) -> int | None:
    """Where a saved file's profile continues: the first field without a value; None when finished.

    The profile is finished once its last field, the programmes joined, was answered; a file
    from before that question (or written by hand) continues at its first empty field.
    """
    values = values_of(af)
    if "programmes" in values:
        return None
    todo = fields(af.assessment.mode, lists)
    return next((i for i, f in enumerate(todo) if f.key not in values), None)


def run_profile(
    q: Questionnaire,
    ask: AskField,
    save: Save,
    *,
    mode: str,
    lang: Lang,
    today: dt.date,
    lists: PickLists | None = None,
    resume: AnswerFile | None = None,
) -> ProfileOutcome:
    """Ask the profile fields in order; `b` goes back, `q` quits, Enter skips an optional field.

    With `resume` (a saved file) the walk starts at `resume_at` with the file's values and keeps
    its answers and language; a finished profile is returned as it is.
    """
    todo = fields(mode, lists)
    i = 0
    values: dict[str, Any] = {"date": today} if mode == "audit" else {}
    if resume is not None:
        start = resume_at(resume, lists)
        if start is None:
            return ProfileOutcome(resume, "finished")
        i, values, lang = start, values_of(resume), resume.assessment.language

    def built() -> AnswerFile | None:
        return build(q, values, mode, lang, today, resume)

    notice: Notice | None = None
    matches: tuple[Choice, ...] = ()
    while i < len(todo):
        field = todo[i]
        action = ask(FieldPrompt(field, i + 1, len(todo), values.get(field.key), notice, matches))
        notice, matches = None, ()
        if isinstance(action, EndOfInput):
            return ProfileOutcome(built(), "eof")
        if action is Key.QUIT:
            return ProfileOutcome(built(), "quit")
        if action is Key.HELP:  # never saved as a value ("?" as the company name)
            notice = "field_help"
            continue
        if action is Key.BACK:
            if i == 0:
                notice = "at_start_profile"
            i = max(i - 1, 0)
            continue
        text = action.text if isinstance(action, Reply) else ""
        if not text and not (field.blank_answers and field.key not in values):
            if field.required and not values.get(field.key):
                notice = "required"
            else:
                i += 1
            continue
        try:
            values[field.key] = field.parse(text)
        except BadValue as exc:
            notice, matches = exc.notice, exc.matches
            continue
        answers = built()
        if answers is not None:
            save(answers)
        i += 1
    answers = built()
    assert answers is not None  # the required fields cannot be skipped
    return ProfileOutcome(answers, "finished")
