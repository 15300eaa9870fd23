"""The answer-file model: which questionnaire, the company, how it was assessed, and the answers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, field_validator, model_validator

from readiness.domain import normalise, scalars
from readiness.domain.base import MAX_VALUE, Model, nullable
from readiness.words import Lang

_DIGITS = frozenset(str(n) for n in range(MAX_VALUE + 1))
MAX_EMPLOYEES = 10_000_000
MAX_WON = 10**16
Whole = BeforeValidator(scalars.whole)
Boolean = BeforeValidator(scalars.boolean)
Name = BeforeValidator(scalars.name)


class QuestionnaireRef(Model):  # noqa: D101 (a docstring would become a new description in `readiness schema`)
    id: Annotated[str, Field(min_length=1, max_length=100)]
    version: Annotated[str, Field(min_length=1, max_length=40)]


class Company(Model):
    """The assessed firm. Only the name is required."""

    name: Annotated[str, Name, Field(min_length=1, max_length=200)]
    business_number: Annotated[str | None, Field(max_length=12)] = None
    sector: Annotated[str | None, Field(pattern=scalars.SECTOR_PATTERN, max_length=6)] = None
    employees: Annotated[int, Whole, Field(ge=0, le=MAX_EMPLOYEES)] | None = None
    annual_revenue_krw: Annotated[int, Whole, Field(ge=0, le=MAX_WON)] | None = None
    region: Annotated[str | None, Field(max_length=40)] = None
    # default_factory, not `= []`: pydantic deep-copies a mutable default for every instance
    programmes: Annotated[list[Annotated[str, Field(max_length=80)]], Field(max_length=50)] = Field(
        default_factory=list
    )
    # True once someone was asked which programmes the firm joined (an empty list then means none)
    programmes_asked: Annotated[bool, Boolean] = False

    _nulls = field_validator(
        "business_number", "sector", "employees", "annual_revenue_krw", "region", mode="before"
    )(nullable)

    @field_validator("business_number")
    @classmethod
    def _business_number(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if re.fullmatch(scalars.BUSINESS_NUMBER_PATTERN, value) is None:  # the schema's pattern too
            raise ValueError(normalise.BUSINESS_NUMBER_RULE)
        return normalise.business_number(value)


class Person(Model):  # noqa: D101 (a docstring would become a new description in `readiness schema`)
    name: Annotated[str, Name, Field(min_length=1, max_length=100)]
    organisation: Annotated[str | None, Field(max_length=200)] = None


class Site(Model):  # noqa: D101 (a docstring would become a new description in `readiness schema`)
    name: Annotated[str, Name, Field(min_length=1, max_length=200)]
    address: Annotated[str | None, Field(max_length=300)] = None


class Assessment(Model):
    """How and when the answers were given. Audit mode adds assessor and site."""

    mode: Literal["self", "audit"] = "self"
    date: Annotated[dt.date | None, BeforeValidator(scalars.date)] = None
    language: Lang = "ko"
    assessor: Person | None = None
    site: Site | None = None

    _nulls = field_validator("date", mode="before")(nullable)

    @model_validator(mode="after")
    def _audit_needs_assessor(self) -> Assessment:
        if self.mode == "audit" and self.assessor is None:
            raise ValueError("audit mode needs an 'assessor' with a name")
        return self


AnswerValue = Annotated[int, Whole, Field(ge=0, le=MAX_VALUE, strict=False)]


class Answer(Model):
    """One answer. `value` in self mode; `claimed`/`verified` in audit mode. `na` = not applicable."""

    value: AnswerValue | None = None
    claimed: AnswerValue | None = None
    verified: AnswerValue | None = None
    na: Annotated[bool, Boolean] = False
    note: Annotated[str | None, Field(max_length=4000)] = None
    evidence: Annotated[list[Annotated[str, Field(max_length=500)]], Field(max_length=100)] = Field(
        default_factory=list  # not `= []`: that is deep-copied for every answer (batch scoring)
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        """Accept `3`, `n/a` and `{value: n/a}` as well as the full mapping."""
        if data.__class__ is str and data in _DIGITS:
            return {"value": data}  # the common case, fast (batch scoring validates 40 per file)
        if isinstance(data, bool):
            raise ValueError("answer must be a whole number 0-5 or n/a")
        if isinstance(data, (int, str)):
            data = {"value": data}
        if isinstance(data, dict):
            data = {k: nullable(v) for k, v in data.items()}
            for key in ("value", "claimed", "verified"):
                if scalars.is_na(data.get(key)):
                    data.pop(key)
                    data["na"] = True
            if isinstance(data.get("evidence"), str):
                data["evidence"] = [data["evidence"]]
        return data

    @model_validator(mode="after")
    def _not_both(self) -> Answer:
        if self.value is not None and (self.claimed is not None or self.verified is not None):
            raise ValueError("give either 'value' or 'claimed'/'verified', not both")
        if self.na and any(v is not None for v in (self.value, self.claimed, self.verified)):
            raise ValueError("an answer cannot be both n/a and a number")
        return self

    @property
    def effective(self) -> int | None:
        """The value that counts: verified, else value, else claimed; None if unanswered or n/a."""
        if self.verified is not None:
            return self.verified
        return self.value if self.value is not None else self.claimed

    @property
    def answered(self) -> bool:
        """Whether the question has an answer that counts or is marked n/a."""
        return self.na or self.effective is not None


# The answer most files give most often, a bare digit, validated once: an Answer is frozen and
# nothing mutates its evidence list, so every "3" in every file may share one (pydantic keeps a
# model instance as it is). tests/test_loading.py holds each shared answer equal to a fresh one.
_PLAIN = {digit: Answer.model_validate(digit) for digit in _DIGITS}


class AnswerFile(Model):
    """The answer file: which questionnaire, who, how, and the (possibly partial) answers."""

    questionnaire: QuestionnaireRef
    company: Company
    assessment: Assessment = Assessment()
    answers: Annotated[dict[str, Answer], Field(max_length=500)] = {}

    @field_validator("answers", mode="before")
    @classmethod
    def _empty_answers(cls, value: Any) -> Any:
        """Blank lines (`quality.spc:` with nothing after it) are unanswered: drop them."""
        if nullable(value) is None:
            return {}
        if isinstance(value, dict):
            plain = _PLAIN
            return {
                k: plain[v] if v.__class__ is str and v in plain else v
                for k, v in value.items()
                if nullable(v) is not None
            }
        return value

    @field_validator("assessment", mode="before")
    @classmethod
    def _empty_assessment(cls, value: Any) -> Any:
        return {} if nullable(value) is None else value
