"""The smallest realistic set of answer raises that reaches a rung (the scorecard's "lift")."""

from __future__ import annotations

import math

from readiness.domain.base import MAX_VALUE
from readiness.domain.ladder import POINTS_SCALE, Values, dimension_scores, gate_met, points_of
from readiness.domain.questionnaire import Condition, Questionnaire


def plan_lift(q: Questionnaire, values: Values, target: int) -> dict[str, int]:
    """A small, realistic set of answer raises that reaches rung `target`: gates first, then points.

    Each gate is met by its cheapest alternative. Remaining points come from the questions that
    add most points per step; no answer is raised beyond `target + 1` (a Basic plant does not
    need a 5 anywhere) unless that cap cannot reach the goal. Within the cap the plan uses the
    fewest answer steps, touching as few questions as it can.
    """
    new = dict(values)
    for level in q.levels[1 : target + 1]:
        for gate in level.gates:
            dims = dimension_scores(q, new)
            if gate_met(gate, new, dims):
                continue
            options = [_raise_for(q, c, new) for c in gate.alternatives]
            best = min(options, key=lambda o: sum(o[k] - (new[k] or 0) for k in o))
            new.update(best)
    goal = q.levels[target].min_points
    gains = _point_gains(q, new)
    order = sorted(gains, key=lambda k: -gains[k])
    for cap in sorted({min(target + 1, MAX_VALUE), MAX_VALUE}):
        for qid in order:
            while points_of(q, new) < goal and (new[qid] or 0) < cap:
                new[qid] = (new[qid] or 0) + 1
    return {k: v for k, v in new.items() if v is not None and v != values[k]}


def _raise_for(q: Questionnaire, cond: Condition, values: Values) -> dict[str, int]:
    """The raises that make `cond` hold (only `min` conditions can be raised towards)."""
    need = cond.min or 0.0
    if cond.question:
        return {cond.question: max(values[cond.question] or 0, math.ceil(need - 1e-9))}
    dim = q.dimension(cond.dimension or "")
    trial = dict(values)
    by_weight = sorted((qq for qq in dim.questions if trial[qq.id] is not None), key=lambda x: -x.weight)
    for cap in range(math.ceil(need - 1e-9), MAX_VALUE + 1):  # spread the raises before going higher
        for qq in by_weight:
            while (dimension_scores(q, trial)[dim.id] or 0) < need - 1e-9 and (trial[qq.id] or 0) < cap:
                trial[qq.id] = (trial[qq.id] or 0) + 1
    return {k: v for k, v in trial.items() if v is not None and v != values[k]}


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
