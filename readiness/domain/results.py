"""The scorecard and its parts: computed results, frozen and serialisable, never read from files."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from readiness.domain.answers import Assessment, Company
from readiness.domain.base import Text


class Result(BaseModel):
    """Base of computed results: frozen, serialisable, never read from files."""

    model_config = ConfigDict(frozen=True)


class QuestionnaireStamp(Result):
    """Which questionnaire scored the answers: id, version and the SHA-256 of its file."""

    id: str
    version: str
    sha256: str


class LevelRef(Result):
    """A rung of the ladder: rank, id, name and the national level it stands for."""

    rank: int
    id: str
    name: Text
    national: Text


class QuestionReceipt(Result):
    """How one answer counted."""

    id: str
    status: Literal["answered", "unanswered", "na"]
    value: int | None
    counted: int | None
    weight: float
    claimed: int | None = None
    verified: int | None = None
    note: str | None = None
    evidence: list[str] = []


class DimensionScore(Result):
    """One dimension's 0-5 score (None if nothing counted), its weight and its share of the points."""

    id: str
    name: Text
    weight: float
    score: float | None
    points: float
    max_points: float
    answered: int
    total: int
    questions: list[QuestionReceipt]


class ConditionCheck(Result):
    """A gate condition checked: the question or dimension, its current and required value, whether met."""

    question: str | None
    dimension: str | None
    current: float
    required: float
    met: bool


class GateCheck(Result):
    """A level's gate checked: met if any of its alternatives is."""

    level: int
    met: bool
    why: Text | None
    alternatives: list[ConditionCheck]


class Change(Result):
    """Raise answer `question` from `current` to `to`."""

    question: str
    current: int | None
    to: int


class NextLevel(Result):
    """The next rung: the points still short, the gates that block it, the answer changes that reach it.

    `lift` is empty with `lift_realistic` false when no realistic set of changes reaches the rung;
    `lift_reason` then says what is out of reach: a `gate` or the `points`.
    """

    level: LevelRef
    min_points: int
    points_short: int
    blockers: list[GateCheck]
    lift: list[Change]
    lift_realistic: bool = True
    lift_reason: Literal["gate", "points"] | None = None


class AnswerWarning(Result):
    """Something in the answers to check: unanswered questions, a contradiction, missing evidence."""

    kind: Literal["plausibility", "unanswered", "evidence"]
    id: str
    questions: list[str]
    message: Text


class AuditDifference(Result):
    """An audited question whose verified value differs from the value the firm claimed."""

    question: str
    claimed: int
    verified: int


class Scorecard(Result):
    """Everything a report needs, reproducible from the questionnaire stamp and the answers."""

    questionnaire: QuestionnaireStamp
    company: Company
    assessment: Assessment
    points: int
    index: float
    level: LevelRef
    next_level: NextLevel | None
    dimensions: list[DimensionScore]
    answered: int
    total: int
    not_applicable: int
    completeness: float
    gates: list[GateCheck]
    warnings: list[AnswerWarning]
    audit_differences: list[AuditDifference]
