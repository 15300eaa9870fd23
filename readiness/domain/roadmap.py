"""The upgrade roadmap: phases from the current level to a target, each a list of catalogue actions.

Why not `plan_lift` alone: it meets the gates and then fills the points gap with the questions that
weigh most, which for a basic factory means "AI in production". The roadmap meets the same gates,
then fills the gap with actions written for the firm's level, best impact per effort first, and
only falls back to `lift.reach` for what no catalogue action covers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from readiness.domain.actions import ActionCatalogue, UpgradeAction
from readiness.domain.ladder import Values, check_gate, dimension_scores, level_reached, to_points
from readiness.domain.lift import reach
from readiness.domain.questionnaire import Condition, Gate, Level, Questionnaire
from readiness.domain.results import GateCheck

EFFORT_WEIGHT = {"low": 1, "medium": 2, "high": 3}


@dataclass(frozen=True)
class RoadmapStep:
    """One action in a phase and what it does to the answers, the points and the gates."""

    action: UpgradeAction
    raises: dict[str, tuple[int, int]]  # question -> (from, to)
    points: int  # points it adds on its own at the start of the phase
    gates: list[int]  # indexes into Phase.gates of the blocking gates it brings closer to holding


@dataclass(frozen=True)
class Phase:
    """Reaching one level from the one below: blockers at the start, the actions, the outcome."""

    level: Level
    points_before: int
    points_after: int  # with the actions, before `extra`
    gates: list[GateCheck]  # this level's gates not met at the start of the phase
    steps: list[RoadmapStep]
    extra: dict[str, tuple[int, int]] = field(default_factory=dict)  # raises no action covers
    reached: bool = True  # by the actions alone


def plan(
    q: Questionnaire, values: Mapping[str, int | None], target: int, actions: ActionCatalogue
) -> list[Phase]:
    """Phases from the level `values` reach up to rank `target` (none when already there)."""
    current = dict(values)
    phases = []
    for rank in range(level_reached(q, current) + 1, target + 1):
        phase = _phase(q, current, q.levels[rank], actions)
        for qid, (_, to) in [r for step in phase.steps for r in step.raises.items()] + [*phase.extra.items()]:
            current[qid] = max(current[qid] or 0, to)  # two actions may lift one answer
        phases.append(phase)
    return phases


def _phase(
    q: Questionnaire, values: dict[str, int | None], level: Level, catalogue: ActionCatalogue
) -> Phase:
    lin = _Linear(q, values)
    dims = dimension_scores(q, values)
    gates = [g for g in level.gates if not check_gate(level, g, values, dims).met]
    checks = [check_gate(level, g, values, dims) for g in gates]
    firm_rank = level.rank - 1
    usable = [a for a in catalogue.actions if _improves(a, values)]
    # Prefer actions meant for the firm's current level; others only when nothing else helps.
    usable.sort(key=lambda a: (_distance(a, firm_rank), a.id))

    trial = dict(values)
    chosen: list[UpgradeAction] = []
    for gate in gates:
        while lin.shortfall(gate, trial) > 0:
            best = _best_for_gate(q, lin, gate, trial, usable, chosen, firm_rank)
            if best is None:
                break
            chosen.append(best)
            _apply(trial, best)
    while lin.points(trial) < level.min_points:
        taken = {a.id for a in chosen}  # ids: comparing pydantic models field by field is slow
        candidates = [a for a in usable if a.id not in taken and a.ready(trial) and _improves(a, trial)]
        in_range = [a for a in candidates if _distance(a, firm_rank) == 0]
        pool = in_range or candidates
        if not pool:
            break
        base = lin.points(trial)
        best = max(
            pool, key=lambda a: (lin.gain(trial, a, base) / EFFORT_WEIGHT[a.effort], -_distance(a, firm_rank))
        )
        if lin.gain(trial, best, base) <= 0:
            break
        chosen.append(best)
        _apply(trial, best)

    short = level_reached(q, trial) < level.rank
    extra_raw = reach(q, trial, level.rank) if short else {}
    start = lin.points(values)
    steps = [_step(lin, values, a, gates, start) for a in chosen]
    steps.sort(key=lambda s: (-len(s.gates), -s.points / EFFORT_WEIGHT[s.action.effort], s.action.id))
    steps = _after_requirements(steps, values)
    return Phase(
        level=level,
        points_before=start,
        points_after=lin.points(trial),
        gates=checks,
        steps=steps,
        extra={qid: (trial[qid] or 0, to) for qid, to in extra_raw.items()},
        reached=not short,
    )


class _Linear:
    """The index and each dimension score as weighted sums of the answers.

    Both are linear while the set of n/a answers stays fixed, and raising answers never changes
    it, so a plan can price hundreds of candidate actions without re-running the scorer.
    """

    def __init__(self, q: Questionnaire, values: Values) -> None:
        self.dims: dict[str, dict[str, float]] = {}
        for dim in q.dimensions:
            counted = [x for x in dim.questions if values[x.id] is not None]
            total = sum(x.weight for x in counted)
            self.dims[dim.id] = {x.id: x.weight / total for x in counted} if total else {}
        active = sum(d.weight for d in q.dimensions if self.dims[d.id]) or 1.0
        self.alternatives: dict[int, list[Condition]] = {}
        self.moved: dict[int, frozenset[str]] = {}
        self.index = {
            qid: d.weight / active * share for d in q.dimensions for qid, share in self.dims[d.id].items()
        }

    def points(self, values: Values) -> int:
        return to_points(sum(c * (values[qid] or 0) for qid, c in self.index.items()))

    def gain(self, values: Values, action: UpgradeAction, base: int) -> int:
        trial = dict(values)
        _apply(trial, action)
        return self.points(trial) - base

    def alternatives_of(self, gate: Gate) -> list[Condition]:
        """`gate.alternatives`, built once (the property builds new models on every call)."""
        alternatives = self.alternatives.get(id(gate))
        if alternatives is None:
            alternatives = self.alternatives[id(gate)] = gate.alternatives
        return alternatives

    def moved_by(self, gate: Gate, q: Questionnaire) -> frozenset[str]:
        """The questions whose raise moves an alternative of `gate` (its question, or one in its dimension)."""
        moved = self.moved.get(id(gate))
        if moved is None:
            ids: set[str] = set()
            for cond in self.alternatives_of(gate):
                if cond.question is not None:
                    ids.add(cond.question)
                else:
                    ids.update(x.id for x in q.dimension(cond.dimension or "").questions)
            moved = self.moved[id(gate)] = frozenset(ids)
        return moved

    def shortfall(self, gate: Gate, values: Values) -> float:
        """How far the nearest alternative of `gate` is from holding (0 when it holds)."""
        gaps = []
        for cond in self.alternatives_of(gate):
            if cond.question is not None:
                current = float(values.get(cond.question) or 0)
            else:
                shares = self.dims.get(cond.dimension or "", {})
                # rounded as scoring.check rounds it, so a gate holds here exactly when it holds there
                current = round(sum(share * (values[qid] or 0) for qid, share in shares.items()), 3)
            gap = (cond.min or 0.0) - current
            gaps.append(gap if gap > 1e-9 else 0.0)  # the scorer's tolerance
        return min(gaps)


def _distance(action: UpgradeAction, rank: int) -> int:
    """How far the firm's level is from the levels the action is written for (0 = in range)."""
    return max(action.min_level - rank, rank - action.max_level, 0)


def _raises(action: UpgradeAction, values: Mapping[str, int | None]) -> dict[str, tuple[int, int]]:
    """question -> (now, to) for each answer the action would raise (n/a answers stay n/a)."""
    out = {}
    for lift in action.lifts:
        if lift.question in values and values[lift.question] is not None:
            now = values[lift.question] or 0
            if now < lift.to:
                out[lift.question] = (now, lift.to)
    return out


def _improves(action: UpgradeAction, values: Mapping[str, int | None]) -> bool:
    return bool(_raises(action, values))


def _apply(values: dict[str, int | None], action: UpgradeAction) -> None:
    values.update({qid: to for qid, (_, to) in _raises(action, values).items()})


def _best_for_gate(
    q: Questionnaire,
    lin: _Linear,
    gate: Gate,
    values: dict[str, int | None],
    usable: list[UpgradeAction],
    chosen: list[UpgradeAction],
    rank: int,
) -> UpgradeAction | None:
    """The action that closes most of the gate's shortfall per unit of effort.

    Only actions whose requirements hold count; when none of them helps, the action that meets a
    requirement of a blocked helper comes first (an MES before the ERP-MES interface).
    """
    before = lin.shortfall(gate, values)
    moved = lin.moved_by(gate, q)
    taken = {a.id for a in chosen}
    best, best_key = None, 0.0
    blocked: list[UpgradeAction] = []
    for action in usable:
        if action.id in taken or not any(x.question in moved for x in action.lifts):
            continue
        if not action.ready(values):
            blocked.append(action)
            continue
        trial = dict(values)
        _apply(trial, action)
        closed = before - lin.shortfall(gate, trial)
        if closed <= 1e-9:
            continue
        # Effort divides the impact; each level of distance from the action's range costs a step.
        key = closed / EFFORT_WEIGHT[action.effort] - _distance(action, rank)
        if best is None or key > best_key:
            best, best_key = action, key
    if best is None:
        for action in blocked:  # in `usable` order: nearest the firm's level first
            enabler = _enabler(action, values, usable, taken, rank)
            if enabler is not None:
                return enabler
    return best


def _enabler(
    action: UpgradeAction,
    values: Mapping[str, int | None],
    usable: list[UpgradeAction],
    taken: set[str],
    rank: int,
    depth: int = 4,
) -> UpgradeAction | None:
    """A ready action that meets one of `action`'s unmet requirements, through a chain of at most `depth`."""
    if depth == 0:
        return None
    for req in action.requires:
        if (values.get(req.question) or 0) >= req.min or values.get(req.question, 0) is None:
            continue  # met, or on an n/a answer no action can meet
        providers = [
            a
            for a in usable
            if a.id not in taken
            and a.id != action.id
            and any(x.question == req.question and x.to >= req.min for x in a.lifts)
        ]
        providers.sort(key=lambda a: (_distance(a, rank), EFFORT_WEIGHT[a.effort], a.id))
        for provider in providers:
            if provider.ready(values):
                return provider
        for provider in providers:
            deeper = _enabler(provider, values, usable, taken | {action.id}, rank, depth - 1)
            if deeper is not None:
                return deeper
    return None


def _after_requirements(steps: list[RoadmapStep], values: Mapping[str, int | None]) -> list[RoadmapStep]:
    """`steps` reordered so each comes after the steps that meet its requirements, otherwise kept in order.

    Kahn's algorithm taking the earliest ready step each time; a step whose requirements nothing
    meets (cannot happen: the phase only chooses ready actions) keeps its place at the end.
    """
    have = dict(values)
    left = list(steps)
    out: list[RoadmapStep] = []
    while left:
        step = next((s for s in left if s.action.ready(have)), left[0])
        left.remove(step)
        out.append(step)
        for qid, (_, to) in step.raises.items():
            have[qid] = max(have.get(qid) or 0, to)
    return out


def _step(
    lin: _Linear, values: dict[str, int | None], action: UpgradeAction, gates: list[Gate], start: int
) -> RoadmapStep:
    """The action on its own at the start of the phase: its raises, points and the gates it moves."""
    trial = dict(values)
    _apply(trial, action)
    helped = [i for i, g in enumerate(gates) if lin.shortfall(g, trial) < lin.shortfall(g, values) - 1e-9]
    return RoadmapStep(
        action=action, raises=_raises(action, values), points=lin.gain(values, action, start), gates=helped
    )
