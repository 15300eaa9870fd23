"""The upgrade-action catalogue model, and its cross-checks against a questionnaire and the programmes."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from readiness.domain.base import MAX_VALUE, Model, Text, nullable, unique
from readiness.domain.programmes import ID, Programme, ProgrammeCatalogue, Rank, ordered
from readiness.domain.questionnaire import QUESTION_ID

Effort = Literal["low", "medium", "high"]
CostBand = Literal["under-10m", "10m-50m", "50m-200m", "200m-500m", "over-500m"]


class Lift(Model):
    """An answer value an action makes achievable for one question."""

    question: Annotated[str, Field(pattern=QUESTION_ID)]
    to: Annotated[int, Field(ge=1, le=MAX_VALUE)]


class Requirement(Model):
    """What must already hold before an action makes sense: answer `question` at least `min`.

    Either the firm's answer meets it, or an earlier action in the roadmap makes it true (an
    ERP-MES interface needs an ERP and an MES; SPC needs measured data).
    """

    question: Annotated[str, Field(pattern=QUESTION_ID)]
    min: Annotated[int, Field(ge=1, le=MAX_VALUE)]


class Months(Model):
    """How long an action takes: a range of whole months, 1-60."""

    min: Annotated[int, Field(ge=1, le=60)]
    max: Annotated[int, Field(ge=1, le=60)]

    @model_validator(mode="after")
    def ordered(self) -> Months:
        """Refuse a range whose minimum is above its maximum."""
        ordered("months", self.min, self.max)
        return self


class UpgradeAction(Model):
    """A concrete upgrade step, the answers it lifts and the levels where it is the next step."""

    id: Annotated[str, Field(pattern=ID)]
    title: Text
    why: Text
    lifts: Annotated[list[Lift], Field(min_length=1)]
    min_level: Rank
    max_level: Rank
    effort: Effort
    cost_band: CostBand
    duration_months: Months
    programmes: list[Annotated[str, Field(pattern=ID)]] = []  # current programmes that fund it
    programmes_to_check: list[Annotated[str, Field(pattern=ID)]] = []  # unverified for this cycle
    requires: list[Requirement] = []  # conditions that must hold before it (see Requirement)

    @model_validator(mode="after")
    def _consistent(self) -> UpgradeAction:
        ordered("level", self.min_level, self.max_level)
        unique("lifted question", [lift.question for lift in self.lifts])
        unique("programme", [*self.programmes, *self.programmes_to_check])
        unique("required question", [r.question for r in self.requires])
        return self

    def ready(self, values: Mapping[str, int | None]) -> bool:
        """Whether every requirement holds in `values` (an n/a or unknown answer meets none)."""
        return all((values.get(r.question) or 0) >= r.min for r in self.requires)


class ActionCatalogue(Model):
    """Upgrade actions for one questionnaire, keyed to its question ids."""

    questionnaire: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    # the version whose question ids the lifts use; None: the legacy file, written for the first one
    questionnaire_version: Annotated[str | None, Field(max_length=40)] = None
    actions: Annotated[list[UpgradeAction], Field(min_length=1)]

    @field_validator("questionnaire_version", mode="before")
    @classmethod
    def _version_is_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else nullable(value)

    @model_validator(mode="after")
    def _unique_ids(self) -> ActionCatalogue:
        unique("action id", [a.id for a in self.actions])
        return self


def check_references(
    actions: ActionCatalogue, programmes: ProgrammeCatalogue, question_ids: set[str], max_rank: int
) -> list[str]:
    """Problems between the catalogues and a questionnaire: unknown ids, ranks beyond the ladder."""
    problems: list[str] = []
    known = {p.id: p for p in programmes.programmes}
    for p in programmes.programmes:
        for bound in ("min_level", "max_level"):
            rank = getattr(p.eligibility, bound)
            if rank is not None and rank > max_rank:
                problems.append(f"programme {p.id}: {bound} {rank} is above the top rank {max_rank}")
    for a in actions.actions:
        if a.max_level > max_rank:
            problems.append(f"action {a.id}: max_level {a.max_level} is above the top rank {max_rank}")
        for lift in a.lifts:
            if lift.question not in question_ids:
                problems.append(f"action {a.id}: lifts unknown question {lift.question!r}")
        for pid in [*a.programmes, *a.programmes_to_check]:
            programme = known.get(pid)
            if programme is None:
                problems.append(f"action {a.id}: unknown programme {pid!r}")
                continue
            problem = _link_problem(pid in a.programmes, programme)
            if problem:
                problems.append(f"action {a.id}: programme {pid} {problem}")
            low = programme.eligibility.min_level or 0
            high = programme.eligibility.max_level
            high = max_rank if high is None else high
            if a.max_level < low or a.min_level > high:
                problems.append(
                    f"action {a.id}: programme {pid} is for levels {low}-{high}, "
                    f"the action for {a.min_level}-{a.max_level}"
                )
    return problems


def _link_problem(funds: bool, p: Programme) -> str | None:
    """Why an action may not name `p` in `programmes` (funds) or `programmes_to_check`."""
    if p.eligibility.audience == "supplier":
        return "is for suppliers, not for the assessed firm"
    if funds and p.status != "current":
        return (
            f"is {p.status}; move it to programmes_to_check"
            if p.status == "unverified"
            else f"is {p.status}; drop it"
        )
    if not funds and p.status == "current":
        return "is current; move it to programmes"
    if not funds and p.status != "unverified":
        return f"is {p.status}; drop it"
    return None


def uncovered_questions(actions: ActionCatalogue, question_ids: set[str]) -> list[str]:
    """Question ids no action lifts, sorted."""
    lifted = {lift.question for a in actions.actions for lift in a.lifts}
    return sorted(question_ids - lifted)


Loc = tuple[str | int, ...]


def requires_problems(
    actions: ActionCatalogue, question_ids: set[str] | None = None
) -> list[tuple[Loc, str]]:
    """Problems with the actions' `requires`, each with the path of the field it is about.

    A requirement on a question the questionnaire lacks (when `question_ids` is given), and one no
    sequence of actions can bring about from a firm with every answer at 0: either no action lifts
    the question that high, or the actions that do need the requiring action first (a cycle).
    """
    problems: list[tuple[Loc, str]] = []
    if question_ids is not None:
        for i, a in enumerate(actions.actions):
            for j, r in enumerate(a.requires):
                if r.question not in question_ids:
                    problems.append(
                        (("actions", i, "requires", j, "question"), f"unknown question {r.question!r}")
                    )
    if problems:
        return problems
    values: dict[str, int | None] = {}
    done: set[str] = set()
    progress = True
    while progress:  # apply every action that is ready until none is left that can be
        progress = False
        for a in actions.actions:
            if a.id not in done and a.ready(values):
                done.add(a.id)
                progress = True
                for lift in a.lifts:
                    values[lift.question] = max(values.get(lift.question) or 0, lift.to)
    for i, a in enumerate(actions.actions):
        if a.id in done:
            continue
        for j, r in enumerate(a.requires):
            if (values.get(r.question) or 0) >= r.min:
                continue
            providers = [
                b.id
                for b in actions.actions
                if any(x.question == r.question and x.to >= r.min for x in b.lifts)
            ]
            why = (
                f"needs an action that is itself waiting on {a.id} (a requires cycle through {', '.join(providers)})"
                if providers
                else f"no action lifts {r.question} to {r.min}"
            )
            problems.append(
                (("actions", i, "requires", j), f"{a.id} requires {r.question} >= {r.min}, but {why}")
            )
    return problems
