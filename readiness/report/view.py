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
    """A link's text and address (None when it is not an http(s) address)."""

    text: str
    href: str | None  # only http(s) links become clickable


class LevelTag(View):
    """A level as shown: rank, id and name in the report's language."""

    rank: int
    id: str
    name: str

    @property
    def label(self) -> str:
        """`L<rank> <name>`, e.g. `L2 Intermediate 1`."""
        return f"L{self.rank} {self.name}"


class Rung(View):
    """One rung of the ladder figure, in both languages, and whether the firm has reached it."""

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
    """The cover: company profile, assessment mode, assessor, site, dates and the questionnaire used."""

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
    lead: str  # the not-official-verification sentence, worded for the mode
    newer_version: str | None = None  # a newer bundled version of the questionnaire, if any


class SectionRef(View):
    """A numbered section: the table of contents and every heading read their number from here."""

    id: str
    number: int
    title: str


class Blocked(View):
    """When the points reach the next rung but a gate holds the firm below it: the one sentence."""

    level: LevelTag
    min_points: int
    sentence: str


class Headline(View):
    """The headline: the level reached with its names and summary, points, index and completeness."""

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
    blocked: Blocked | None = None


class QuestionRow(View):
    """One question in a dimension table: the answer as given, what counted, note and evidence."""

    id: str
    title: str
    text: str
    weight: float
    status: Literal["answered", "unanswered", "na"]
    answer: str  # as given: "3", "n/a", "unanswered", "claimed 4 / verified 3"
    counted: int | None
    descriptor: str | None
    note: str | None
    evidence: list[Link]


class DimensionRow(View):
    """One dimension's score, weight and points, with its question rows."""

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
    """A gate condition as shown: subject (a short title), current and required value, whether met.

    `ref` is the question or dimension id, for the appendix and JSON; `now` and `need` are the
    values as people read them (`2.3`, `3`); `descriptor` is the current answer's option text.
    """

    ref: str
    subject: str
    now: str
    need: str
    descriptor: str | None = None
    kind: Literal["question", "dimension"]
    current: float
    required: float
    met: bool


class GateView(View):
    """A level's gate as shown: why it exists, whether met, and its alternatives."""

    level: LevelTag
    why: str | None
    met: bool
    alternatives: list[ConditionView]


class ChangeView(View):
    """An answer change as shown: the question (id, short title, text), its value now and to reach."""

    question: str
    title: str
    text: str
    current: str
    to: int
    to_descriptor: str


class Blockers(View):
    """What blocks the next level: the points short, the unmet gates, the changes that lift it."""

    level: LevelTag
    min_points: int
    points: int
    points_short: int
    gates: list[GateView]
    lift: list[ChangeView]
    lift_none: str | None = None  # why no realistic lift exists, when none does (then `lift` is empty)


class Funding(View):
    """A programme named next to an action, and whether the firm fits it."""

    id: str
    name: str
    fits: bool
    reason: str | None = None  # why it is not for this firm, when it does not fit


class ActionView(View):
    """An upgrade action in a roadmap phase: what it lifts, effort, cost band, months, funding."""

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
    to_check: list[str] = []  # programmes not confirmed for this year's notice


class PhaseView(View):
    """One roadmap phase: the level it reaches, points before and after, gates, actions, extra changes."""

    level: LevelTag
    points_before: int
    points_after: int
    min_points: int
    reached: bool
    gates: list[GateView]
    actions: list[ActionView]
    extra: list[ChangeView]


class Roadmap(View):
    """The upgrade roadmap from the current level to the target, phase by phase."""

    available: bool
    current: LevelTag
    target: LevelTag | None
    phases: list[PhaseView]


class LabelView(View):
    """A label about a programme and its style (ok, warn or muted)."""

    text: str
    style: str  # ok / warn / muted


class SourceView(View):
    """A cited source: what it is and where."""

    text: str
    url: str


class ProgrammeView(View):
    """A support programme as shown: operator, funding, support, conditions, call window, links."""

    id: str
    name: str
    name_other: str
    ministry: str
    agency: str
    funds: str
    support: str
    conditions: str
    window: str
    labels: list[LabelView]
    sources: list[SourceView]
    history: list[str]
    reasons: list[str]
    misses: list[str]
    for_actions: list[str]  # first-phase roadmap actions it can fund


class Programmes(View):
    """The support programmes section: those that fit, those near, and catalogue ids not recognised."""

    available: bool
    cycle: str
    reviewed: str
    intro: str  # review date, and that amounts change and the year's notice decides
    notice: str
    sme: str | None  # the firm's SME status as far as the answer file tells
    sme_caveat: str | None
    region_note: str | None
    fits: list[ProgrammeView]
    near: list[ProgrammeView]
    excluded: list[ProgrammeView]  # shown collapsed, with the first reason
    unknown_ids: list[str]


class QuestionRef(View):
    """A question named in a warning: id, short title and text."""

    id: str
    title: str
    text: str


class WarningView(View):
    """A scoring warning as shown, with the questions it is about."""

    kind: str
    message: str
    questions: list[QuestionRef]


class AuditRow(View):
    """An audited question where the verified value differs from the claimed one."""

    question: str
    title: str
    text: str
    claimed: int
    verified: int
    claimed_descriptor: str
    verified_descriptor: str


class DimensionDelta(View):
    """One dimension's score before and after, and the change."""

    name: str
    before: float | None
    after: float | None
    delta: float | None


class Progress(View):
    """Progress since the previous assessment: level, points and dimensions before and after."""

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


class SummaryAction(View):
    """A first action as the summary page shows it: title, cost band and duration in words."""

    title: str
    cost: str
    months: str


class Summary(View):
    """Page one: the top blockers, the first actions and the best-fitting programmes."""

    blockers: list[str]
    actions: list[SummaryAction]
    programmes: list[str]


class Report(View):
    """The whole report in one language, as the templates and the JSON format get it."""

    lang: Lang
    title: str  # self-assessment or site-audit report
    sections: list[SectionRef]
    cover: Cover
    headline: Headline
    summary: Summary
    dimensions: list[DimensionRow]
    blockers: Blockers | None
    roadmap: Roadmap
    programmes: Programmes
    warnings: list[WarningView]
    audit: list[AuditRow] | None  # None in self mode
    progress: Progress | None
    peers: Peers | None

    def number(self, section_id: str) -> int:
        """The number of the section `section_id` (the one source for headings and contents)."""
        for ref in self.sections:
            if ref.id == section_id:
                return ref.number
        raise KeyError(section_id)
