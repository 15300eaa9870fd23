"""Scoring: a pure function of (questionnaire, answers) that also explains itself.

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
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from readiness.models import (
    MAX_VALUE,
    Answer,
    AnswerFile,
    Assessment,
    Company,
    Condition,
    Gate,
    Level,
    Questionnaire,
    Text,
)

POINTS_SCALE = 1000 // MAX_VALUE
Values = Mapping[str, int | None]  # question id -> value; None = not applicable


class Result(BaseModel):
    """Base of computed results: frozen, serialisable, never read from files."""

    model_config = ConfigDict(frozen=True)


class QuestionnaireStamp(Result):
    id: str
    version: str
    sha256: str


class LevelRef(Result):
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
    question: str | None
    dimension: str | None
    current: float
    required: float
    met: bool


class GateCheck(Result):
    level: int
    met: bool
    why: Text | None
    alternatives: list[ConditionCheck]


class Change(Result):
    question: str
    current: int | None
    to: int


class NextLevel(Result):
    level: LevelRef
    min_points: int
    points_short: int
    blockers: list[GateCheck]
    lift: list[Change]


class Warning(Result):
    kind: Literal["plausibility", "unanswered", "evidence"]
    id: str
    questions: list[str]
    message: Text


class AuditDifference(Result):
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
    warnings: list[Warning]
    audit_differences: list[AuditDifference]


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


def overall_index(q: Questionnaire, dims: Mapping[str, float | None]) -> float:
    parts = [(d.weight, dims[d.id]) for d in q.dimensions if dims[d.id] is not None]
    total = sum(w for w, _ in parts)
    return sum(w * s for w, s in parts if s is not None) / total if total else 0.0


def to_points(index: float) -> int:
    """0-1000 points, rounded half up (1e-9 absorbs float noise such as 2.9999999)."""
    return math.floor(index * POINTS_SCALE + 0.5 + 1e-9)


def _current(
    question: str | None, dimension: str | None, values: Values, dims: Mapping[str, float | None]
) -> float:
    return float((values.get(question) or 0) if question else (dims.get(dimension or "") or 0.0))


def _holds(cond: Condition, values: Values, dims: Mapping[str, float | None]) -> bool:
    current = _current(cond.question, cond.dimension, values, dims)
    return (cond.min is None or current >= cond.min - 1e-9) and (
        cond.max is None or current <= cond.max + 1e-9
    )


def gate_met(gate: Gate, values: Values, dims: Mapping[str, float | None]) -> bool:
    """`check_gate(...).met` without building the receipt (ranking calls this a lot)."""
    if gate.any_of is None:  # one condition with a minimum (the model guarantees it)
        return _current(gate.question, gate.dimension, values, dims) >= (gate.min or 0.0) - 1e-9
    return any(_holds(c, values, dims) for c in gate.any_of)


def check(cond: Condition, values: Values, dims: Mapping[str, float | None]) -> ConditionCheck:
    current = _current(cond.question, cond.dimension, values, dims)
    required = cond.min if cond.min is not None else float(cond.max or 0)
    return ConditionCheck(
        question=cond.question,
        dimension=cond.dimension,
        current=round(current, 3),
        required=required,
        met=_holds(cond, values, dims),
    )


def check_gate(level: Level, gate: Gate, values: Values, dims: Mapping[str, float | None]) -> GateCheck:
    alts = [check(c, values, dims) for c in gate.alternatives]
    return GateCheck(level=level.rank, met=any(a.met for a in alts), why=gate.why, alternatives=alts)


def level_reached(q: Questionnaire, values: Values) -> int:
    """The rank of the highest rung whose points and gates, and those of every rung below, hold."""
    dims = dimension_scores(q, values)
    return _rank(q, to_points(overall_index(q, dims)), values, dims)


def _rank(q: Questionnaire, points: int, values: Values, dims: Mapping[str, float | None]) -> int:
    reached = 0
    for level in q.levels[1:]:
        if points < level.min_points:
            break
        if not all(gate_met(g, values, dims) for g in level.gates):
            break
        reached = level.rank
    return reached


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
            while _points(q, new) < goal and (new[qid] or 0) < cap:
                new[qid] = (new[qid] or 0) + 1
    return {k: v for k, v in new.items() if v is not None and v != values[k]}


def _points(q: Questionnaire, values: Values) -> int:
    return to_points(overall_index(q, dimension_scores(q, values)))


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


def _level_ref(level: Level) -> LevelRef:
    return LevelRef(rank=level.rank, id=level.id, name=level.name, national=level.national)


def score(q: Questionnaire, answer_file: AnswerFile, sha256: str) -> Scorecard:
    """Score `answer_file` against `q`; `sha256` is the questionnaire file's content hash."""
    answers = answer_file.answers
    values = values_of(q, answers)
    dims = dimension_scores(q, values)
    index = overall_index(q, dims)
    points = to_points(index)
    rank = level_reached(q, values)
    active_weight = sum(d.weight for d in q.dimensions if dims[d.id] is not None) or 1.0

    dimensions = []
    for dim in q.dimensions:
        receipts = [_receipt(x.id, x.weight, answers.get(x.id), values[x.id]) for x in dim.questions]
        share = dim.weight / active_weight * POINTS_SCALE
        dim_score = dims[dim.id]
        dimensions.append(
            DimensionScore(
                id=dim.id,
                name=dim.name,
                weight=dim.weight,
                score=None if dim_score is None else round(dim_score, 3),
                points=round(share * (dim_score or 0.0), 1),
                max_points=round(share * MAX_VALUE, 1) if dim_score is not None else 0.0,
                answered=sum(r.status != "unanswered" for r in receipts),
                total=len(receipts),
                questions=receipts,
            )
        )

    gates = [check_gate(lv, g, values, dims) for lv in q.levels[1:] for g in lv.gates]
    next_level = None
    if rank + 1 < len(q.levels):
        target = q.levels[rank + 1]
        lift = plan_lift(q, values, target.rank)
        next_level = NextLevel(
            level=_level_ref(target),
            min_points=target.min_points,
            points_short=max(target.min_points - points, 0),
            blockers=[g for g in gates if g.level <= target.rank and not g.met],
            lift=[Change(question=k, current=_given(answers.get(k)), to=v) for k, v in lift.items()],
        )

    answered = sum(1 for x in q.questions if x.id in answers and answers[x.id].answered)
    na = sum(1 for v in values.values() if v is None)
    return Scorecard(
        questionnaire=QuestionnaireStamp(id=q.id, version=q.version, sha256=sha256),
        company=answer_file.company,
        assessment=answer_file.assessment,
        points=points,
        index=round(index, 4),
        level=_level_ref(q.levels[rank]),
        next_level=next_level,
        dimensions=dimensions,
        answered=answered,
        total=len(q.questions),
        not_applicable=na,
        completeness=round(answered / len(q.questions), 4),
        gates=gates,
        warnings=_warnings(q, answer_file, values, dims),
        audit_differences=[
            AuditDifference(question=x.id, claimed=a.claimed, verified=a.verified)
            for x in q.questions
            if (a := answers.get(x.id)) is not None
            and a.claimed is not None
            and a.verified is not None
            and a.claimed != a.verified
        ],
    )


def _given(answer: Answer | None) -> int | None:
    return answer.effective if answer is not None else None


def _receipt(qid: str, weight: float, answer: Answer | None, value: int | None) -> QuestionReceipt:
    status: Literal["answered", "unanswered", "na"]
    if value is None:
        status = "na"
    elif answer is None or answer.effective is None:
        status = "unanswered"
    else:
        status = "answered"
    return QuestionReceipt(
        id=qid,
        status=status,
        value=_given(answer),
        counted=value,
        weight=weight,
        claimed=answer.claimed if answer else None,
        verified=answer.verified if answer else None,
        note=answer.note if answer else None,
        evidence=list(answer.evidence) if answer else [],
    )


def _warnings(
    q: Questionnaire, af: AnswerFile, values: Values, dims: Mapping[str, float | None]
) -> list[Warning]:
    answers = af.answers
    out = []
    given = {qid for qid, answer in answers.items() if answer.answered}  # once, not per rule
    missing = [x.id for x in q.questions if x.id not in given]
    if missing:
        out.append(
            Warning(
                kind="unanswered",
                id="unanswered",
                questions=missing,
                message=Text(
                    ko=f"{len(missing)}개 문항에 답하지 않아 0점으로 계산했습니다.",
                    en=f"{len(missing)} question(s) unanswered; each was scored as 0.",
                ),
            )
        )
    for rule in q.plausibility:
        involved = [c.question for c in [*rule.when, *rule.expect] if c.question]
        if any(qid not in given or values[qid] is None for qid in involved):
            continue  # cannot judge a rule on unanswered or n/a questions
        if all(_holds(c, values, dims) for c in rule.when) and not all(
            _holds(c, values, dims) for c in rule.expect
        ):
            out.append(Warning(kind="plausibility", id=rule.id, questions=involved, message=rule.message))
    if af.assessment.mode == "audit":
        bare = [
            x.id
            for x in q.questions
            if (a := answers.get(x.id)) is not None and (a.verified or 0) >= 4 and not a.evidence
        ]
        if bare:
            out.append(
                Warning(
                    kind="evidence",
                    id="verified-without-evidence",
                    questions=bare,
                    message=Text(
                        ko=f"검증값 4 이상인 {len(bare)}개 문항에 증빙이 없습니다.",
                        en=f"{len(bare)} answer(s) verified at 4 or 5 have no evidence listed.",
                    ),
                )
            )
    return out


@dataclass(frozen=True)
class Headline:
    """What a batch summary needs from a scorecard, without the receipts and the lift plan.

    `score` spends 80% of its time planning the lift; a batch of thousands of files needs only
    this. Every field equals the scorecard's (tests/test_batch.py checks them file by file).
    """

    points: int
    level: Level
    dimensions: dict[str, float | None]  # rounded like DimensionScore.score
    answered: int
    total: int
    completeness: float
    warnings: list[Warning]
    blockers: list[GateCheck]  # the unmet gates up to the next level, as in NextLevel.blockers


def headline(q: Questionnaire, answer_file: AnswerFile) -> Headline:
    """The headline numbers of `score(q, answer_file, ...)`, computed without the extras."""
    answers = answer_file.answers
    values = values_of(q, answers)
    dims = dimension_scores(q, values)
    points = to_points(overall_index(q, dims))
    rank = _rank(q, points, values, dims)
    # every gate up to the reached rung holds, so the blockers are the next rung's unmet gates
    upcoming = q.levels[rank + 1 : rank + 2]
    blockers = [
        check_gate(lv, g, values, dims) for lv in upcoming for g in lv.gates if not gate_met(g, values, dims)
    ]
    questions = q.questions
    given = {qid for qid, answer in answers.items() if answer.answered}
    answered = sum(1 for x in questions if x.id in given)
    return Headline(
        points=points,
        level=q.levels[rank],
        dimensions={d: None if v is None else round(v, 3) for d, v in dims.items()},
        answered=answered,
        total=len(questions),
        completeness=round(answered / len(questions), 4),
        warnings=_warnings(q, answer_file, values, dims),
        blockers=blockers,
    )
