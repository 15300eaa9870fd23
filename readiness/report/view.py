"""The report as plain data: every fact a template shows, in one language.

Templates only lay this out; what blocks, which actions and which programmes is decided in
`reportbuild`, so the HTML, Markdown and JSON reports state the same facts.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from readiness.words import Lang


class View(BaseModel):
    """Base of the report's view models: frozen and serialisable (the JSON format dumps them)."""

    model_config = ConfigDict(frozen=True)


class Link(View):
    text: str
    href: str | None  # only http(s) links become clickable


class LevelTag(View):
    rank: int
    id: str
    name: str

    @property
    def label(self) -> str:
        return f"L{self.rank} {self.name}"


class Rung(View):
    rank: int
    id: str
    name_ko: str
    name_en: str
    national: str
    summary: str
    min_points: int
    reached: bool
    current: bool
    next: bool
    target: bool


class Cover(View):
    company: str
    business_number: str | None
    sector: str | None
    employees: int | None
    revenue: str | None
    region: str | None
    prior_programmes: list[str]
    mode: Literal["self", "audit"]
    mode_name: str
    assessment_date: str | None
    report_date: str | None
    assessor: str | None
    site: str | None
    questionnaire_title: str
    questionnaire_id: str
    questionnaire_version: str
    sha256: str
    disclaimer: str
    newer_version: str | None = None  # a newer bundled version of the questionnaire, if any


class Headline(View):
    level: LevelTag
    name_ko: str
    name_en: str
    national: str
    summary: str
    points: int
    points_label: str  # this tool's index, not the official 1,000-point score
    index: float
    completeness: int  # percent
    answered: int
    total: int
    not_applicable: int
    ladder: list[Rung]


class QuestionRow(View):
    id: str
    text: str
    weight: float
    status: Literal["answered", "unanswered", "na"]
    answer: str  # as given: "3", "n/a", "unanswered", "claimed 4 / verified 3"
    counted: int | None
    descriptor: str | None
    note: str | None
    evidence: list[Link]


class DimensionRow(View):
    id: str
    number: int
    name: str
    purpose: str
    weight: float  # percent of the overall score
    score: float | None
    points: float
    max_points: float
    answered: int
    total: int
    required: float | None  # minimum a next-level gate asks of this dimension
    previous: float | None
    peer: float | None
    questions: list[QuestionRow]


class ConditionView(View):
    ref: str
    subject: str
    kind: Literal["question", "dimension"]
    current: float
    required: float
    met: bool


class GateView(View):
    level: LevelTag
    why: str | None
    met: bool
    alternatives: list[ConditionView]


class ChangeView(View):
    question: str
    text: str
    current: str
    to: int
    to_descriptor: str


class Blockers(View):
    level: LevelTag
    min_points: int
    points: int
    points_short: int
    gates: list[GateView]
    lift: list[ChangeView]


class Funding(View):
    id: str
    name: str
    fits: bool


class ActionView(View):
    id: str
    title: str
    why: str
    lifts: list[ChangeView]
    effort: str
    cost_band: str
    months_min: int
    months_max: int
    points: int
    unblocks: list[str]
    programmes: list[Funding]


class PhaseView(View):
    level: LevelTag
    points_before: int
    points_after: int
    min_points: int
    reached: bool
    gates: list[GateView]
    actions: list[ActionView]
    extra: list[ChangeView]


class Roadmap(View):
    available: bool
    current: LevelTag
    target: LevelTag | None
    phases: list[PhaseView]


class ProgrammeView(View):
    id: str
    name: str
    name_other: str
    operator: str
    funds: str
    support: str
    conditions: str
    call_window: str
    source: str
    last_verified: str
    confidence: str
    reasons: list[str]
    misses: list[str]
    for_actions: list[str]  # first-phase roadmap actions it can fund


class Programmes(View):
    available: bool
    version: str
    last_reviewed: str
    notice: str
    fits: list[ProgrammeView]
    near: list[ProgrammeView]
    unknown_ids: list[str]


class QuestionRef(View):
    id: str
    text: str


class WarningView(View):
    kind: str
    message: str
    questions: list[QuestionRef]


class AuditRow(View):
    question: str
    text: str
    claimed: int
    verified: int
    claimed_descriptor: str
    verified_descriptor: str


class DimensionDelta(View):
    name: str
    before: float | None
    after: float | None
    delta: float | None


class Progress(View):
    previous_date: str | None
    level_before: LevelTag
    level_after: LevelTag
    points_before: int
    points_after: int
    points_delta: int
    dimensions: list[DimensionDelta]
    cleared: list[str]
    new: list[str]
    notes: list[str]


class Peers(View):
    """Figures about a peer group the batch engine may pass in (all optional but `count`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str = ""
    count: int
    points_median: float | None = None
    points_percentile: float | None = None  # share of the group at or below this firm, 0-100
    dimensions: dict[str, float] = {}


class Report(View):
    lang: Lang
    cover: Cover
    headline: Headline
    dimensions: list[DimensionRow]
    blockers: Blockers | None
    roadmap: Roadmap
    programmes: Programmes
    warnings: list[WarningView]
    audit: list[AuditRow] | None  # None in self mode
    progress: Progress | None
    peers: Peers | None
