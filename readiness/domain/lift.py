"""The smallest realistic set of answer raises that reaches a rung (the scorecard's "lift").

A lift is advice to an owner, so it must read like a plan a firm could follow, not like arithmetic:

1. gates first: each unmet gate of the rungs up to the target is met by its cheapest alternative,
   raised exactly to the gate's minimum and no further;
2. then the points gap, one step at a time: every answer rises by one step before any rises by
   two, the questions (and dimensions) the target's gates name come first, then the others, each
   group by points per step, and no answer goes above `target + HEADROOM` unless that cannot
   reach the rung; a gate on a dimension raises the answers furthest behind first, and above the
   gate's minimum only when nothing else works;
3. steps that turn out not to be needed are taken back, so removing any one step misses the rung;
4. no answer ever rises by more than `MAX_JUMP` steps in one lift. If that cannot reach the rung,
   the lift is empty and says why (`realistic` false): the roadmap is then the way up.

`reach` is the same plan without the realism limits, for the roadmap's "what no action covers".
The plan keeps the dimension scores as it goes and rescores only the dimension a step touches, so
it costs a fraction of one full scoring per step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

from readiness.domain.base import MAX_VALUE
from readiness.domain.ladder import POINTS_SCALE, Values, dimension_scores, gate_met, rank_of, to_points
from readiness.domain.questionnaire import Condition, Gate, Questionnaire

MAX_JUMP = 2  # steps one answer may rise in one lift: 1 → 3 is a project, 0 → 5 is another firm
HEADROOM = 1  # answers raised for points stay at or below target + 1 (a basic plant needs no 5)
# How the points gap is filled, tried in order until one reaches the rung:
# (how far above the target an answer may go, how many steps one answer may rise).
FILL_TIERS: tuple[tuple[int, int], ...] = ((HEADROOM, 1), (HEADROOM, MAX_JUMP), (MAX_VALUE, MAX_JUMP))
UNLIMITED_TIERS: tuple[tuple[int, int], ...] = ((HEADROOM, MAX_VALUE), (MAX_VALUE, MAX_VALUE))

Reason = Literal["gate", "points"]


@dataclass(frozen=True)
class LiftPlan:
    """The raises (question -> new value) and whether they are a realistic plan.

    When not `realistic`, `changes` is empty and `reason` says what is out of reach: a gate needs
    an answer to jump more than `MAX_JUMP` steps (or is on n/a answers), or the points cannot be
    made up within the limits.
    """

    changes: dict[str, int] = field(default_factory=dict)
    realistic: bool = True
    reason: Reason | None = None


def plan_lift(q: Questionnaire, values: Values, target: int) -> LiftPlan:
    """The smallest realistic set of answer raises that reaches rung `target` (see the module doc)."""
    result = _plan(q, values, target, MAX_JUMP, FILL_TIERS)
    if isinstance(result, str):
        return LiftPlan(realistic=False, reason=result)
    return LiftPlan(changes=result)


def reach(q: Questionnaire, values: Values, target: int) -> dict[str, int]:
    """Raises that reach rung `target` without the realism limits (n/a answers still stay n/a).

    Empty when even that cannot reach it (a gate on n/a answers only).
    """
    result = _plan(q, values, target, MAX_VALUE, UNLIMITED_TIERS)
    return {} if isinstance(result, str) else result


class _Board:
    """Answers and dimension scores that follow each raise, rescoring only the touched dimension."""

    def __init__(self, q: Questionnaire, values: Values) -> None:
        self.q = q
        self.values: dict[str, int | None] = dict(values)
        self.dims = dimension_scores(q, values)
        self.dim_of = {x.id: d.id for d in q.dimensions for x in d.questions}
        self.members = {d.id: [(x.id, x.weight) for x in d.questions] for d in q.dimensions}
        self.dim_weights = [(d.id, d.weight) for d in q.dimensions]

    def copy(self) -> _Board:
        other = object.__new__(_Board)
        other.q, other.dim_of, other.members, other.dim_weights = (
            self.q,
            self.dim_of,
            self.members,
            self.dim_weights,
        )
        other.values, other.dims = dict(self.values), dict(self.dims)
        return other

    def set(self, qid: str, value: int) -> None:
        self.values[qid] = value
        did = self.dim_of[qid]
        self.dims[did] = self.dim_score(did)

    def dim_score(self, did: str) -> float | None:
        """As `ladder.dimension_scores` computes it, for one dimension."""
        counted = [(w, v) for x, w in self.members[did] if (v := self.values[x]) is not None]
        total = sum(w for w, _ in counted)
        return sum(w * v for w, v in counted) / total if total else None

    def points(self) -> int:
        """As `ladder.overall_index` and `to_points` compute them."""
        parts = [(w, s) for did, w in self.dim_weights if (s := self.dims[did]) is not None]
        total = sum(w for w, _ in parts)
        return to_points(sum(w * s for w, s in parts) / total if total else 0.0)

    def rank(self) -> int:
        return rank_of(self.q, self.points(), self.values, self.dims)


def _plan(
    q: Questionnaire, values: Values, target: int, jump: int, tiers: tuple[tuple[int, int], ...]
) -> dict[str, int] | Reason:
    start = dict(values)
    board = _Board(q, values)
    alternatives = {id(g): g.alternatives for lv in q.levels[1 : target + 1] for g in lv.gates}
    for level in q.levels[1 : target + 1]:
        for gate in level.gates:
            if gate_met(gate, board.values, board.dims):
                continue
            best = _cheapest(board, start, alternatives[id(gate)], jump)
            if best is None:
                return "gate"
            for qid, to in best.items():
                board.set(qid, to)
    goal = q.levels[target].min_points
    order = _fill_order(q, board, alternatives, q.levels[target].gates)
    for headroom, step_cap in tiers:
        trial = board.copy()
        ceiling = min(target + headroom, MAX_VALUE)
        for round_ in range(1, min(step_cap, jump) + 1):
            for qid in order:
                if trial.points() >= goal:
                    break
                now = trial.values[qid] or 0
                if now < ceiling and now - (start[qid] or 0) < round_:
                    trial.set(qid, now + 1)
        if trial.rank() >= target:
            _take_back(trial, start, target, order)
            return {k: v for k, v in trial.values.items() if v is not None and v != start[k]}
    return "points"


def _cheapest(
    board: _Board, start: dict[str, int | None], alternatives: list[Condition], jump: int
) -> dict[str, int] | None:
    """The raises of the alternative that needs fewest steps (None when none is within `jump`)."""
    best: dict[str, int] | None = None
    best_key: tuple[int, int] | None = None
    for cond in alternatives:
        raises = _raise_for(board, start, cond, jump)
        if raises is None:
            continue
        key = (sum(v - (board.values[k] or 0) for k, v in raises.items()), len(raises))
        if best_key is None or key < best_key:
            best, best_key = raises, key
    return best


def _raise_for(
    board: _Board, start: dict[str, int | None], cond: Condition, jump: int
) -> dict[str, int] | None:
    """The raises that make `cond` hold, each answer at most `jump` above its start; None if none do."""
    if cond.min is None:
        return None  # a maximum cannot be raised towards
    need = math.ceil(cond.min - 1e-9)
    if cond.question is not None:
        now = board.values[cond.question]
        if now is None or need - (start[cond.question] or 0) > jump or need > MAX_VALUE:
            return None
        return {cond.question: max(now, need)}
    did = cond.dimension or ""
    trial = board.copy()
    weight = dict(trial.members[did])
    # the answers furthest behind first (a dimension catches up), then the heaviest
    members = sorted(
        (x for x in weight if trial.values[x] is not None), key=lambda x: (trial.values[x], -weight[x])
    )
    # no answer above what the gate asks of the dimension unless that cannot do it; within that,
    # one step on each answer before two on any
    for ceiling in sorted({min(need, MAX_VALUE), MAX_VALUE}):
        for round_ in range(1, jump + 1):
            for x in members:
                if (trial.dims[did] or 0.0) >= cond.min - 1e-9:
                    break
                now = trial.values[x] or 0
                if now < ceiling and now - (start[x] or 0) < round_:
                    trial.set(x, now + 1)
    if (trial.dims[did] or 0.0) < cond.min - 1e-9:
        return None
    return {x: v for x in members if (v := trial.values[x]) is not None and v != board.values[x]}


def _fill_order(
    q: Questionnaire, board: _Board, alternatives: dict[int, list[Condition]], gates: list[Gate]
) -> list[str]:
    """Raisable questions, those the target's gates name (or whose dimension they name) first, by points per step."""
    named_questions = {c.question for g in gates for c in alternatives[id(g)] if c.question}
    named_dims = {c.dimension for g in gates for c in alternatives[id(g)] if c.dimension}
    gains = _point_gains(q, board.values)

    def priority(qid: str) -> tuple[int, float, int]:
        named = qid in named_questions or board.dim_of[qid] in named_dims
        return (0 if named else 1, -round(gains[qid], 6), board.values[qid] or 0)

    return sorted(gains, key=priority)  # sorted is stable: questionnaire order breaks ties


def _take_back(board: _Board, start: dict[str, int | None], target: int, order: list[str]) -> None:
    """Undo single steps the rung does not need, least valuable (last in `order`) first."""
    changed = True
    while changed:
        changed = False
        for qid in reversed(order):
            now = board.values[qid] or 0
            if now <= (start[qid] or 0):
                continue
            board.set(qid, now - 1)
            if board.rank() >= target:
                changed = True
            else:
                board.set(qid, now)


def _point_gains(q: Questionnaire, values: Values) -> dict[str, float]:
    """Points added by one step on each raisable question (constant per question)."""
    active = sum(d.weight for d in q.dimensions if any(values[x.id] is not None for x in d.questions))
    gains = {}
    for dim in q.dimensions:
        dim_total = sum(x.weight for x in dim.questions if values[x.id] is not None)
        for x in dim.questions:
            if values[x.id] is not None and (values[x.id] or 0) < MAX_VALUE:
                gains[x.id] = dim.weight / active * x.weight / dim_total * POINTS_SCALE
    return gains
