"""The shipped action and programme catalogues, picked per questionnaire version and checked on load.

Each questionnaire version has its own action catalogue, `actions/<id>-<version>.yaml`; the legacy
`actions/<id>.yaml` (no version key, written for the first version) serves a version without one only
if every question it lifts exists there. On first use every bundled version's catalogue is checked
against its questionnaire and the programmes, so a broken pairing fails loudly, not in one report.
"""

from __future__ import annotations

from functools import cache

from readiness.domain.actions import ActionCatalogue, check_references, uncovered_questions
from readiness.domain.migrate import check_against
from readiness.domain.programmes import ProgrammeCatalogue
from readiness.domain.questionnaire import Questionnaire
from readiness.errors import Problem, QuestionnaireError
from readiness.files.loading import (
    available,
    find_questionnaire,
    load_action_file,
    load_programme_file,
    questionnaire_dir,
)


def bundled_programmes() -> ProgrammeCatalogue | None:
    """The shipped programme catalogue, or None if this install has none."""
    path = questionnaire_dir() / "programmes.yaml"
    return load_programme_file(path) if path.is_file() else None


def bundled_actions(questionnaire_id: str, version: str | None = None) -> ActionCatalogue | None:
    """The shipped action catalogue for a questionnaire version (newest when omitted), or None."""
    if version is None:
        version = find_questionnaire(questionnaire_id).questionnaire.version
    folder = questionnaire_dir() / "actions"
    own = folder / f"{questionnaire_id}-{version}.yaml"
    if own.is_file():
        q = find_questionnaire(questionnaire_id, version).questionnaire
        catalogue = load_action_file(own, frozenset(x.id for x in q.questions))
        if (catalogue.questionnaire, catalogue.questionnaire_version) != (questionnaire_id, version):
            found = f"{catalogue.questionnaire} {catalogue.questionnaire_version}"
            raise QuestionnaireError(
                [Problem(str(own), f"file name does not match its questionnaire ({found})")]
            )
        return catalogue
    legacy = folder / f"{questionnaire_id}.yaml"
    if not legacy.is_file():
        return None
    catalogue = load_action_file(legacy)
    if catalogue.questionnaire != questionnaire_id or catalogue.questionnaire_version not in (None, version):
        return None
    try:
        q = find_questionnaire(questionnaire_id, version).questionnaire
    except QuestionnaireError:
        return None  # not a bundled version: no way to know the legacy file fits it
    if not _fits(catalogue, q):
        return None
    return load_action_file(legacy, frozenset(x.id for x in q.questions))  # its requires, checked


def _fits(actions: ActionCatalogue, q: Questionnaire) -> bool:
    ids = {question.id for question in q.questions}
    top = q.levels[-1].rank
    return all(lift.question in ids for a in actions.actions for lift in a.lifts) and all(
        a.max_level <= top for a in actions.actions
    )


def pairing_problems(q: Questionnaire) -> list[str]:
    """Problems between one questionnaire version, its action catalogue and the programmes."""
    actions = bundled_actions(q.id, q.version)
    if actions is None:
        return []
    programmes = bundled_programmes()
    ids = {question.id for question in q.questions}
    where = f"{q.id} {q.version}"
    problems: list[str] = []
    if programmes is not None:
        problems += [f"{where}: {p}" for p in check_references(actions, programmes, ids, q.levels[-1].rank)]
    problems += [f"{where}: no action lifts {qid}" for qid in uncovered_questions(actions, ids)]
    return problems


@cache
def catalogue_problems() -> tuple[str, ...]:
    """Problems between bundled versions, their action catalogues, the programmes and the migrations.

    The whole check (`readiness questionnaire check`, and a test); a report checks only its own
    version's pairing, which is what it uses.
    """
    bundled_versions = [find_questionnaire(qid, v).questionnaire for qid, v, _ in available()]
    problems = [p for q in bundled_versions for p in pairing_problems(q)]
    for newer in bundled_versions:
        for older in bundled_versions:
            if older.id == newer.id and older.version != newer.version:
                problems += check_against(older, newer)
    return tuple(problems)


_checked: dict[tuple[str, str], tuple[str, ...]] = {}  # per process: a batch checks once


def _checked_pairing(q: Questionnaire) -> tuple[str, ...]:
    key = (q.id, q.version)
    if key not in _checked:
        _checked[key] = tuple(pairing_problems(q))
    return _checked[key]


def bundled_catalogues(q: Questionnaire) -> tuple[ProgrammeCatalogue | None, ActionCatalogue | None]:
    """The shipped programme and action catalogues a report on `q` uses.

    The programmes' level ranks refer to the ladder the bundled actions were written for, so a
    questionnaire without its own action catalogue gets neither. A broken pairing fails loudly.
    """
    hit = _for_questionnaire.get(id(q))
    if hit is not None and hit[0] is q:
        return hit[1]
    if _is_bundled(q):  # the shipped files only: validated once per install, not once per run
        from readiness.files.datacache import remembered

        found = remembered(questionnaire_dir(), f"catalogues-{q.id}-{q.version}", lambda: _catalogues(q))
    else:
        found = _catalogues(q)
    _for_questionnaire[id(q)] = (q, found)
    return found


def _is_bundled(q: Questionnaire) -> bool:
    try:
        return find_questionnaire(q.id, q.version).questionnaire is q
    except QuestionnaireError:
        return False


def _catalogues(q: Questionnaire) -> tuple[ProgrammeCatalogue | None, ActionCatalogue | None]:
    problems = _checked_pairing(q)
    if problems:
        path = str(questionnaire_dir() / "actions")
        raise QuestionnaireError([Problem(path, p) for p in problems[:20]])
    actions = bundled_actions(q.id, q.version)
    found = (
        (None, None)
        if actions is None or actions.questionnaire != q.id or not _fits(actions, q)
        else (
            bundled_programmes(),
            actions,
        )
    )
    return found


# Per process and questionnaire object (kept alive here, so its id is never reused): a batch
# with reports asks once per file, and the answer cannot change while the process runs.
_for_questionnaire: dict[
    int, tuple[Questionnaire, tuple[ProgrammeCatalogue | None, ActionCatalogue | None]]
] = {}
