"""Applying a declared migration to an answer file: pure, from one version's answers to the next's.

Nothing is lost: a value with no equivalent is written into the note, notes and evidence follow
every target, and a dropped question's answer goes to its `notes_to` question's note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from readiness.domain.answers import Answer, AnswerFile
from readiness.domain.migration import Migration, MigrationStep
from readiness.domain.questionnaire import Questionnaire

VALUES = ("value", "claimed", "verified")


@dataclass(frozen=True)
class Change:
    """One declared step that touched this file, for the printed summary."""

    step: MigrationStep
    old: tuple[str, ...]


@dataclass
class Migrated:
    """An answer file rewritten for a newer version, and what changed on the way."""

    answers: AnswerFile
    changes: list[Change] = field(default_factory=list)
    new_questions: list[str] = field(default_factory=list)  # no step reaches them: answer them fresh
    left_unanswered: list[str] = field(default_factory=list)  # reached, but the old value had no equivalent


def find_migration(newer: Questionnaire, old_version: str) -> Migration | None:
    """The mapping `newer` declares from `old_version`, if it has one."""
    return next((m for m in newer.migrations if m.from_ == old_version), None)


def _numbers(answer: Answer) -> str:
    parts = [f"{k} {getattr(answer, k)}" for k in VALUES if getattr(answer, k) is not None]
    return "n/a" if answer.na else (", ".join(parts) or "unanswered")


def _join(*notes: str | None) -> str | None:
    text = " ".join(n for n in notes if n)
    return text or None


def _carry(
    old_id: str, answer: Answer, target: str, step: MigrationStep | None, na_ok: bool, tag: str
) -> Answer:
    """The old answer as an answer to `target`, values mapped by the step's scale."""
    scale = step.scale_for(target) if step is not None else None
    values: dict[str, int | None] = {}
    lost = []
    for key in VALUES:
        old = getattr(answer, key)
        new = old if old is None or scale is None else scale[old]
        if old is not None and new is None:
            lost.append(f"{key} {old}")
        values[key] = new
    prefix = f"[from {tag} {old_id}]" if target != old_id else None
    suffix = None
    if lost:
        suffix = f"[{tag} {old_id}: {', '.join(lost)}; no equivalent here, answer again]"
    na = answer.na
    if na and not na_ok:
        na = False
        suffix = _join(suffix, f"[{tag} {old_id} was n/a, which this question does not allow; answer again]")
    note = _join(prefix, answer.note, suffix) if (answer.note or suffix) else None
    return Answer(**values, na=na, note=note, evidence=list(answer.evidence))


def _combine(answers: list[Answer], how: str, key: str) -> int | None:
    numbers: list[int] = [getattr(a, key) for a in answers if getattr(a, key) is not None]
    if not numbers:
        return None
    if how == "min":
        return min(numbers)
    if how == "max":
        return max(numbers)
    return int(sum(numbers) / len(numbers) + 0.5)  # mean, half up


def migrate(af: AnswerFile, older: Questionnaire, newer: Questionnaire) -> Migrated:
    """`af` (answers to `older`) as answers to `newer`, using the mapping `newer` declares."""
    migration = find_migration(newer, older.version)
    if migration is None:
        raise ValueError(f"{newer.id} {newer.version} declares no migration from {older.version}")
    tag = older.version
    na_ok = {q.id: q.na_allowed for q in newer.questions}
    out: dict[str, Answer] = {}
    notes: dict[str, list[tuple[str | None, list[str]]]] = {}  # drop: extra notes for notes_to
    changes: list[Change] = []
    seen: set[int] = set()
    for old_id, answer in af.answers.items():
        step = migration.step_for(old_id)
        if step is None:
            out[old_id] = answer
            continue
        if id(step) not in seen:
            seen.add(id(step))
            changes.append(Change(step, tuple(o for o in step.from_ if o in af.answers)))
        if step.kind == "drop":
            assert step.notes_to is not None
            text = f"[{tag} {old_id} ({_numbers(answer)}) is no longer asked]"
            notes.setdefault(step.notes_to, []).append((_join(text, answer.note), list(answer.evidence)))
        elif step.kind == "merge":
            continue  # below, once all its answers are known
        else:
            for target in step.to:
                out[target] = _carry(old_id, answer, target, step, na_ok[target], tag)
    for step in migration.questions:
        if step.kind != "merge" or id(step) not in seen:
            continue
        parts = [(o, af.answers[o]) for o in step.from_ if o in af.answers]
        target = step.to[0]
        assert step.combine is not None
        values = {k: _combine([a for _, a in parts], step.combine, k) for k in VALUES}
        na = all(a.na for _, a in parts) and na_ok[target]
        note = _join(*[_join(f"[from {tag} {o}]", a.note) for o, a in parts if a.note])
        evidence = [e for _, a in parts for e in a.evidence]
        out[target] = Answer(**values, na=na, note=note, evidence=evidence)
    for target, extra in notes.items():
        base = out.get(target, Answer())
        note = _join(base.note, *[n for n, _ in extra])
        evidence = [*base.evidence, *[e for _, ev in extra for e in ev]]
        out[target] = base.model_copy(update={"note": note, "evidence": evidence})
    carried = {q.id for q in older.questions if migration.step_for(q.id) is None}
    reached = {
        t for s in migration.questions for t in [*s.to, *([s.notes_to] if s.notes_to else [])]
    } | carried
    order = [q.id for q in newer.questions]
    answers = {qid: out[qid] for qid in order if qid in out}
    new_file = af.model_copy(
        update={
            "questionnaire": af.questionnaire.model_copy(update={"version": newer.version}),
            "answers": answers,
        }
    )
    return Migrated(
        answers=new_file,
        changes=changes,
        new_questions=[qid for qid in order if qid not in reached],
        left_unanswered=[
            qid for qid in order if qid in reached and qid in answers and not answers[qid].answered
        ],
    )


def check_against(older: Questionnaire, newer: Questionnaire) -> list[str]:
    """Problems in `newer`'s migration from `older` that need both questionnaires."""
    migration = find_migration(newer, older.version)
    if migration is None:
        return []
    where = f"{newer.id} {newer.version}: migration from {older.version}"
    old = {q.id: q for q in older.questions}
    new = {q.id: q for q in newer.questions}
    problems = [
        f"{where}: {oid!r} is not a {older.version} question"
        for step in migration.questions
        for oid in step.from_
        if oid not in old
    ]
    for oid, question in old.items():
        if migration.step_for(oid) is not None:
            continue
        if oid not in new:
            problems.append(f"{where}: {oid!r} is gone without a step")
        elif new[oid].options != question.options:
            problems.append(f"{where}: {oid!r} changed its options; it needs a reword or rescale step")
    return problems
