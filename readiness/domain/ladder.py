"""The arithmetic of the ladder: values, dimension scores, points, gates and the level reached.

Rules (also in the README):
- a dimension score is the weighted mean of its applicable answers (0-5); unanswered counts 0,
  n/a drops out;
- the overall index is the weighted mean of dimension scores; points = index x 200 (0-1000),
  rounded half up;
- the level is the highest rung N such that, for every rung 1..N, the points reach its minimum
  and all its gates hold (a ladder: one weak area cannot be averaged away).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from readiness.domain.answers import Answer
from readiness.domain.base import MAX_VALUE
from readiness.domain.questionnaire import Condition, Gate, Level, Questionnaire
from readiness.domain.results import ConditionCheck, GateCheck, LevelRef
from readiness.words import Lang

POINTS_SCALE = 1000 // MAX_VALUE
Values = Mapping[str, int | None]  # question id -> value; None = not applicable
Dims = Mapping[str, float | None]  # dimension id -> score; None = every question n/a


def values_of(q: Questionnaire, answers: Mapping[str, Answer]) -> dict[str, int | None]:
    """The value that counts per question: 0 when unanswered, None when n/a."""
    out: dict[str, int | None] = {}
    for question in q.questions:
        answer = answers.get(question.id)
        if answer is not None and answer.na:
            out[question.id] = None
        else:
            out[question.id] = (answer.effective if answer else None) or 0
    return out


def dimension_scores(q: Questionnaire, values: Values) -> dict[str, float | None]:
    """Weighted mean per dimension; None when every question is n/a."""
    scores: dict[str, float | None] = {}
    for dim in q.dimensions:
        counted = [(qq.weight, values[qq.id]) for qq in dim.questions if values[qq.id] is not None]
        total = sum(w for w, _ in counted)
        scores[dim.id] = sum(w * v for w, v in counted if v is not None) / total if total else None
    return scores


def overall_index(q: Questionnaire, dims: Dims) -> float:
    """The weighted mean of the scored dimensions, 0-5 (0.0 when none is scored)."""
    parts = [(d.weight, dims[d.id]) for d in q.dimensions if dims[d.id] is not None]
    total = sum(w for w, _ in parts)
    return sum(w * s for w, s in parts if s is not None) / total if total else 0.0


def to_points(index: float) -> int:
    """0-1000 points, rounded half up (1e-9 absorbs float noise such as 2.9999999)."""
    return math.floor(index * POINTS_SCALE + 0.5 + 1e-9)


def _current(question: str | None, dimension: str | None, values: Values, dims: Dims) -> float:
    return float((values.get(question) or 0) if question else (dims.get(dimension or "") or 0.0))


def holds(cond: Condition, values: Values, dims: Dims) -> bool:
    """Whether the condition's question or dimension is within its min and max (with float tolerance)."""
    current = _current(cond.question, cond.dimension, values, dims)
    return (cond.min is None or current >= cond.min - 1e-9) and (
        cond.max is None or current <= cond.max + 1e-9
    )


def gate_met(gate: Gate, values: Values, dims: Dims) -> bool:
    """`check_gate(...).met` without building the receipt (ranking calls this a lot)."""
    if gate.any_of is None:  # one condition with a minimum (the model guarantees it)
        return _current(gate.question, gate.dimension, values, dims) >= (gate.min or 0.0) - 1e-9
    return any(holds(c, values, dims) for c in gate.any_of)


def check(cond: Condition, values: Values, dims: Dims) -> ConditionCheck:
    """The condition checked: its current and required values and whether it holds."""
    current = _current(cond.question, cond.dimension, values, dims)
    required = cond.min if cond.min is not None else float(cond.max or 0)
    return ConditionCheck(
        question=cond.question,
        dimension=cond.dimension,
        current=round(current, 3),
        required=required,
        met=holds(cond, values, dims),
    )


def check_gate(level: Level, gate: Gate, values: Values, dims: Dims) -> GateCheck:
    """Every alternative of a level's gate checked, and whether the gate is met."""
    alts = [check(c, values, dims) for c in gate.alternatives]
    return GateCheck(level=level.rank, met=any(a.met for a in alts), why=gate.why, alternatives=alts)


def level_reached(q: Questionnaire, values: Values) -> int:
    """The rank of the highest rung whose points and gates, and those of every rung below, hold."""
    dims = dimension_scores(q, values)
    return rank_of(q, to_points(overall_index(q, dims)), values, dims)


def rank_of(q: Questionnaire, points: int, values: Values, dims: Dims) -> int:
    """The highest rank whose minimum these points reach, with its gates and every lower rung's met."""
    reached = 0
    for level in q.levels[1:]:
        if points < level.min_points:
            break
        if not all(gate_met(g, values, dims) for g in level.gates):
            break
        reached = level.rank
    return reached


def points_of(q: Questionnaire, values: Values) -> int:
    """The points `values` score."""
    return to_points(overall_index(q, dimension_scores(q, values)))


def level_ref(level: Level) -> LevelRef:
    """The reference to `level` a result carries."""
    return LevelRef(rank=level.rank, id=level.id, name=level.name, national=level.national)


def shown(value: float, *, current: bool = False) -> str:
    """A score for people: whole numbers as `3`, others to one decimal (`2.3`, never `2.333`).

    A current value is cut down, not rounded, so 2.96 against a minimum of 3 reads `2.9`, never
    a `3.0` that looks met.
    """
    if float(value).is_integer():
        return str(int(value))
    tenth = math.floor(value * 10 + 1e-9) / 10 if current else round(value, 1)
    return str(int(tenth)) if float(tenth).is_integer() else f"{tenth:g}"


def namer(q: Questionnaire, lang: Lang) -> Callable[[ConditionCheck | Condition], str]:
    """Names a condition's subject for owners: the question's short title, the dimension's name."""
    questions = {x.id: x for x in q.questions}
    dims = {d.id: d for d in q.dimensions}

    def name(cond: ConditionCheck | Condition) -> str:
        if cond.question is not None:
            question = questions.get(cond.question)
            return question.title(lang) if question else cond.question
        dim = dims.get(cond.dimension or "")
        return dim.name(lang) if dim else str(cond.dimension)

    return name


def gate_text(
    alternatives: Sequence[ConditionCheck | Condition],
    *,
    name: Callable[[ConditionCheck | Condition], str] | None = None,
    moving: bool = False,
    joiner: str = " / ",
) -> str:
    """A gate in words, one way for every output: `subject ≥ 3`, or with `moving` `subject 2 → 3`.

    `name` names a condition's subject (default: its question or dimension id, for consultants;
    owner-facing text passes `namer(q, lang)`); alternatives are joined with `joiner`.
    """
    parts = []
    for cond in alternatives:
        subject = name(cond) if name else str(cond.question or cond.dimension)
        required = cond.required if isinstance(cond, ConditionCheck) else (cond.min or 0.0)
        if moving and isinstance(cond, ConditionCheck):
            parts.append(f"{subject} {shown(cond.current, current=True)} → {shown(required)}")
        else:
            parts.append(f"{subject} ≥ {shown(required)}")
    return joiner.join(parts)
