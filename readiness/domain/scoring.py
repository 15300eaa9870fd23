"""Scoring: a pure function of (questionnaire, answers) that also explains itself.

`evaluate` computes the figures every caller needs (points, level, completeness, warnings,
what blocks the next rung); `score` adds the receipts and the lift plan for a report. Batch
scoring uses `evaluate` alone, so the two can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from readiness.domain.answers import Answer, AnswerFile
from readiness.domain.base import MAX_VALUE, Text
from readiness.domain.ladder import (
    POINTS_SCALE,
    Dims,
    Values,
    check_gate,
    dimension_scores,
    gate_met,
    holds,
    level_ref,
    overall_index,
    rank_of,
    to_points,
    values_of,
)
from readiness.domain.lift import plan_lift
from readiness.domain.questionnaire import Level, Questionnaire
from readiness.domain.results import (
    AnswerWarning,
    AuditDifference,
    Change,
    DimensionScore,
    GateCheck,
    NextLevel,
    QuestionnaireStamp,
    QuestionReceipt,
    Scorecard,
)
from readiness.words import LANGS, word

EVIDENCE_FROM = 4  # audit: a verified value this high needs evidence


@dataclass(frozen=True)
class Evaluation:
    """The figures of one answer file that every caller needs; `score` and batch both start here."""

    values: dict[str, int | None]
    dims: dict[str, float | None]
    index: float
    points: int
    level: Level
    answered: int
    total: int
    completeness: float
    warnings: list[AnswerWarning]
    blockers: list[GateCheck]  # the next rung's unmet gates (those below it all hold)

    @property
    def dimensions(self) -> dict[str, float | None]:
        """Dimension scores rounded as the scorecard rounds them."""
        return {d: None if v is None else round(v, 3) for d, v in self.dims.items()}


def evaluate(q: Questionnaire, answer_file: AnswerFile) -> Evaluation:
    """Points, level, completeness, warnings and blockers of `answer_file` under `q`."""
    answers = answer_file.answers
    values = values_of(q, answers)
    dims = dimension_scores(q, values)
    index = overall_index(q, dims)
    points = to_points(index)
    rank = rank_of(q, points, values, dims)
    upcoming = q.levels[rank + 1 : rank + 2]
    blockers = [
        check_gate(lv, g, values, dims) for lv in upcoming for g in lv.gates if not gate_met(g, values, dims)
    ]
    given = {qid for qid, answer in answers.items() if answer.answered}
    questions = q.questions
    answered = sum(1 for x in questions if x.id in given)
    return Evaluation(
        values=values,
        dims=dims,
        index=index,
        points=points,
        level=q.levels[rank],
        answered=answered,
        total=len(questions),
        completeness=round(answered / len(questions), 4),
        warnings=_warnings(q, answer_file, values, dims, given),
        blockers=blockers,
    )


def score(
    q: Questionnaire, answer_file: AnswerFile, sha256: str, evaluation: Evaluation | None = None
) -> Scorecard:
    """Score `answer_file` against `q`; `sha256` is the questionnaire file's content hash.

    `evaluation` is `evaluate(q, answer_file)` when the caller has it already (the batch worker
    writing a report); it is pure, so passing it changes nothing but the time.
    """
    ev = evaluation or evaluate(q, answer_file)
    answers, values, dims, rank = answer_file.answers, ev.values, ev.dims, ev.level.rank
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
    next_level = None
    if rank + 1 < len(q.levels):
        target = q.levels[rank + 1]
        lift = plan_lift(q, values, target.rank)
        next_level = NextLevel(
            level=level_ref(target),
            min_points=target.min_points,
            points_short=max(target.min_points - ev.points, 0),
            blockers=ev.blockers,
            lift=[Change(question=k, current=_given(answers.get(k)), to=v) for k, v in lift.changes.items()],
            lift_realistic=lift.realistic,
            lift_reason=lift.reason,
        )
    return Scorecard(
        questionnaire=QuestionnaireStamp(id=q.id, version=q.version, sha256=sha256),
        company=answer_file.company,
        assessment=answer_file.assessment,
        points=ev.points,
        index=round(ev.index, 4),
        level=level_ref(ev.level),
        next_level=next_level,
        dimensions=dimensions,
        answered=ev.answered,
        total=ev.total,
        not_applicable=sum(1 for v in values.values() if v is None),
        completeness=ev.completeness,
        gates=[check_gate(lv, g, values, dims) for lv in q.levels[1:] for g in lv.gates],
        warnings=ev.warnings,
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


def _text(key: str, **params: object) -> Text:
    return Text(**{lang: word(key, lang, **params) for lang in LANGS})


def _warnings(
    q: Questionnaire, af: AnswerFile, values: Values, dims: Dims, given: set[str]
) -> list[AnswerWarning]:
    answers = af.answers
    out = []
    missing = [x.id for x in q.questions if x.id not in given]
    if missing:
        out.append(
            AnswerWarning(
                kind="unanswered",
                id="unanswered",
                questions=missing,
                message=_text("score.unanswered", n=len(missing)),
            )
        )
    for rule in q.plausibility:
        involved = rule.questions
        if any(qid not in given or values[qid] is None for qid in involved):
            continue  # cannot judge a rule on unanswered or n/a questions
        if all(holds(c, values, dims) for c in rule.when) and not all(
            holds(c, values, dims) for c in rule.expect
        ):
            out.append(
                AnswerWarning(kind="plausibility", id=rule.id, questions=involved, message=rule.message)
            )
    if af.assessment.mode == "audit":
        bare = [
            x.id
            for x in q.questions
            if (a := answers.get(x.id)) is not None and (a.verified or 0) >= EVIDENCE_FROM and not a.evidence
        ]
        if bare:
            out.append(
                AnswerWarning(
                    kind="evidence",
                    id="verified-without-evidence",
                    questions=bare,
                    message=_text("score.no_evidence", n=len(bare)),
                )
            )
    return out
