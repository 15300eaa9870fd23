"""Pydantic models for everything read from YAML: questionnaires and answer files."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")
MAX_VALUE = 5
QUESTION_ID = r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"
DIMENSION_ID = r"^[a-z][a-z0-9_]*$"
NA_SPELLINGS = frozenset({"n/a", "na", "N/A", "NA", "n.a.", "해당없음", "해당 없음"})
NULL_SPELLINGS = frozenset({"", "~", "null", "Null", "NULL"})
_DIGITS = frozenset(str(n) for n in range(MAX_VALUE + 1))


class Model(BaseModel):
    """Base for every model read from a file: unknown keys are errors, values are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def _nullable(value: Any) -> Any:
    """Answer files are read without YAML type guessing, so `~` and empty values arrive as text."""
    return None if isinstance(value, str) and value.strip() in NULL_SPELLINGS else value


class Text(Model):
    """A user-facing string in both languages."""

    ko: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def __call__(self, lang: Lang) -> str:
        return self.ko if lang == "ko" else self.en


# --- questionnaire -----------------------------------------------------------------------------


class Question(Model):
    """One question with a 0-5 answer scale; `options[n]` describes answer n."""

    id: Annotated[str, Field(pattern=QUESTION_ID)]
    text: Text
    help: Text | None = None
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    na_allowed: bool = False
    options: Annotated[list[Text], Field(min_length=MAX_VALUE + 1, max_length=MAX_VALUE + 1)]


class Dimension(Model):
    """A group of questions scored together; `weight` is its share of the overall score."""

    id: Annotated[str, Field(pattern=DIMENSION_ID)]
    name: Text
    purpose: Text
    weight: Annotated[float, Field(gt=0, le=1000)]
    questions: Annotated[list[Question], Field(min_length=1)]

    @model_validator(mode="after")
    def _questions_belong_here(self) -> Dimension:
        for question in self.questions:
            if question.id.split(".", 1)[0] != self.id:
                raise ValueError(f"question id {question.id!r} must start with {self.id + '.'!r}")
        return self


class Condition(Model):
    """`question` or `dimension` compared with `min` (and/or `max`); used by gates and rules."""

    question: str | None = None
    dimension: str | None = None
    min: Annotated[float | None, Field(ge=0, le=MAX_VALUE)] = None
    max: Annotated[float | None, Field(ge=0, le=MAX_VALUE)] = None

    @model_validator(mode="after")
    def _one_target_one_bound(self) -> Condition:
        if (self.question is None) == (self.dimension is None):
            raise ValueError("give exactly one of 'question' or 'dimension'")
        if self.min is None and self.max is None:
            raise ValueError("give 'min' or 'max'")
        return self

    @property
    def target(self) -> str:
        return self.question if self.question is not None else str(self.dimension)


class Gate(Model):
    """A level requirement: one condition, or `any_of` several (one of them is enough)."""

    question: str | None = None
    dimension: str | None = None
    min: Annotated[float | None, Field(ge=0, le=MAX_VALUE)] = None
    any_of: Annotated[list[Condition] | None, Field(min_length=2)] = None
    why: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> Gate:
        if self.any_of is not None:
            if self.question or self.dimension or self.min is not None:
                raise ValueError("'any_of' cannot be combined with question/dimension/min")
        elif (self.question is None) == (self.dimension is None) or self.min is None:
            raise ValueError("a gate needs 'question' or 'dimension' with 'min', or 'any_of'")
        return self

    @property
    def alternatives(self) -> list[Condition]:
        """The conditions of which at least one must hold."""
        if self.any_of is not None:
            return list(self.any_of)
        return [Condition(question=self.question, dimension=self.dimension, min=self.min)]


class Level(Model):
    """One rung of the ladder: a minimum of points plus gates that cannot be averaged away."""

    rank: Annotated[int, Field(ge=0, le=10)]
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    name: Text
    national: Text
    summary: Text
    min_points: Annotated[int, Field(ge=0, le=1000)]
    gates: list[Gate] = []


class Rule(Model):
    """A plausibility rule: when every `when` condition holds, every `expect` should too."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    when: Annotated[list[Condition], Field(min_length=1)]
    expect: Annotated[list[Condition], Field(min_length=1)]
    message: Text


class ChangelogEntry(Model):
    version: str
    date: dt.date
    changes: Text


class Questionnaire(Model):
    """A versioned, bilingual maturity questionnaire with its level ladder."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    version: Annotated[str, Field(min_length=1, max_length=40)]
    title: Text
    description: Text
    disclaimer: Text
    scale: Annotated[list[Text], Field(min_length=MAX_VALUE + 1, max_length=MAX_VALUE + 1)]
    changelog: Annotated[list[ChangelogEntry], Field(min_length=1)]
    levels: Annotated[list[Level], Field(min_length=2)]
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    plausibility: list[Rule] = []

    @field_validator("version", mode="before")
    @classmethod
    def _version_is_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value

    @model_validator(mode="after")
    def _consistent(self) -> Questionnaire:
        dims = [d.id for d in self.dimensions]
        unique("dimension id", dims)
        questions = {q.id: q for d in self.dimensions for q in d.questions}
        unique("question id", [q.id for d in self.dimensions for q in d.questions])
        ranks = [lv.rank for lv in self.levels]
        if ranks != list(range(len(ranks))):
            raise ValueError(f"levels must be ranked 0, 1, 2, ... in order; got {ranks}")
        unique("level id", [lv.id for lv in self.levels])
        if self.levels[0].min_points != 0 or self.levels[0].gates:
            raise ValueError("the first level must have min_points 0 and no gates")
        for lower, upper in zip(self.levels, self.levels[1:], strict=False):
            if upper.min_points <= lower.min_points:
                raise ValueError(
                    f"levels.{upper.rank}.min_points: {upper.min_points} must be above "
                    f"{lower.min_points} (level {lower.id})"
                )
        for level in self.levels:
            for i, gate in enumerate(level.gates):
                for cond in gate.alternatives:
                    where = f"levels.{level.rank}.gates.{i}"
                    _check_condition(cond, questions, dims, where)
                    if cond.question and questions[cond.question].na_allowed:
                        raise ValueError(
                            f"{where}: gate on {cond.question!r}, which allows n/a; "
                            "gates must name questions that always apply"
                        )
        for rule in self.plausibility:
            for cond in [*rule.when, *rule.expect]:
                _check_condition(cond, questions, dims, f"plausibility.{rule.id}")
        unique("plausibility rule id", [r.id for r in self.plausibility])
        return self

    @property
    def questions(self) -> list[Question]:
        return [q for d in self.dimensions for q in d.questions]

    def question(self, qid: str) -> Question:
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(qid)

    def dimension(self, did: str) -> Dimension:
        for d in self.dimensions:
            if d.id == did:
                return d
        raise KeyError(did)

    def level(self, key: str | int) -> Level:
        """A level by rank, id, or rank written as `L3`."""
        for lv in self.levels:
            if key in (lv.rank, lv.id, f"L{lv.rank}", f"l{lv.rank}", str(lv.rank)):
                return lv
        raise KeyError(key)


def unique(what: str, values: Iterable[str]) -> None:
    """Raise ValueError naming the first value that repeats."""
    seen: set[str] = set()
    for value in values:
        if value in seen:
            raise ValueError(f"duplicate {what} {value!r}")
        seen.add(value)


def _check_condition(cond: Condition, questions: dict[str, Question], dims: list[str], where: str) -> None:
    if cond.question is not None and cond.question not in questions:
        raise ValueError(f"{where}: unknown question {cond.question!r}")
    if cond.dimension is not None and cond.dimension not in dims:
        raise ValueError(f"{where}: unknown dimension {cond.dimension!r}")


# --- answer file -------------------------------------------------------------------------------

BUSINESS_NUMBER = re.compile(r"^\d{3}-\d{2}-\d{5}$")


class QuestionnaireRef(Model):
    id: Annotated[str, Field(min_length=1, max_length=100)]
    version: Annotated[str, Field(min_length=1, max_length=40)]


class Company(Model):
    """The assessed firm. Only the name is required."""

    name: Annotated[str, Field(min_length=1, max_length=200)]
    business_number: Annotated[str | None, Field(max_length=12)] = None
    sector: Annotated[str | None, Field(pattern=r"^[A-Z]?\d{2,5}$", max_length=6)] = None
    employees: Annotated[int | None, Field(ge=0, le=10_000_000)] = None
    annual_revenue_krw: Annotated[int | None, Field(ge=0, le=10**16)] = None
    region: Annotated[str | None, Field(max_length=40)] = None
    # default_factory, not `= []`: pydantic deep-copies a mutable default for every instance
    programmes: Annotated[list[Annotated[str, Field(max_length=80)]], Field(max_length=50)] = Field(
        default_factory=list
    )

    _nulls = field_validator(
        "business_number", "sector", "employees", "annual_revenue_krw", "region", mode="before"
    )(_nullable)

    @field_validator("name", mode="before")
    @classmethod
    def _strip_name(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value

    @field_validator("business_number")
    @classmethod
    def _business_number(cls, value: str | None) -> str | None:
        if value is None:
            return None
        digits = value.replace("-", "")
        if not digits.isdigit() or len(digits) != 10:
            raise ValueError("business number must be 10 digits written as 123-45-67890")
        return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


class Person(Model):
    name: Annotated[str, Field(min_length=1, max_length=100)]
    organisation: Annotated[str | None, Field(max_length=200)] = None


class Site(Model):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    address: Annotated[str | None, Field(max_length=300)] = None


class Assessment(Model):
    """How and when the answers were given. Audit mode adds assessor and site."""

    mode: Literal["self", "audit"] = "self"
    date: dt.date | None = None
    language: Lang = "ko"
    assessor: Person | None = None
    site: Site | None = None

    _nulls = field_validator("date", mode="before")(_nullable)

    @model_validator(mode="after")
    def _audit_needs_assessor(self) -> Assessment:
        if self.mode == "audit" and self.assessor is None:
            raise ValueError("audit mode needs an 'assessor' with a name")
        return self


AnswerValue = Annotated[int, Field(ge=0, le=MAX_VALUE, strict=False)]


class Answer(Model):
    """One answer. `value` in self mode; `claimed`/`verified` in audit mode. `na` = not applicable."""

    value: AnswerValue | None = None
    claimed: AnswerValue | None = None
    verified: AnswerValue | None = None
    na: bool = False
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
            data = {k: _nullable(v) for k, v in data.items()}
            for key in ("value", "claimed", "verified"):
                if isinstance(data.get(key), str) and data[key].strip() in NA_SPELLINGS:
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
        return self.na or self.effective is not None


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
        if _nullable(value) is None:
            return {}
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if _nullable(v) is not None}
        return value

    @field_validator("assessment", mode="before")
    @classmethod
    def _empty_assessment(cls, value: Any) -> Any:
        return {} if _nullable(value) is None else value
