"""One firm's assessments over time (`readiness history show`): for the desk, never for publication."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from readiness.domain.questionnaire import Questionnaire
from readiness.errors import InputError
from readiness.files.loading import find_questionnaire
from readiness.history.store import Stored
from readiness.history.trend import move
from readiness.history.versions import comparable
from readiness.words import Lang


@cache
def _questionnaire(qid: str, version: str) -> Questionnaire | None:
    try:
        return find_questionnaire(qid, version).questionnaire
    except InputError:
        return None


def level_name(a: Stored, lang: Lang) -> str:
    """The level's name in `lang` from the assessment's own questionnaire version (else its id)."""
    q = _questionnaire(a.questionnaire_id, a.questionnaire_version)
    if q is None or a.level_rank >= len(q.levels):
        return a.level_id
    return q.levels[a.level_rank].name(lang)


def dimension_names(
    versions: Mapping[tuple[str, str], Mapping[str, float | None]], lang: Lang
) -> dict[str, str]:
    """Every dimension id of these questionnaire versions, in questionnaire order, with its name
    (newest version's wording); a version not bundled gives the ids of its sample's scores."""
    names: dict[str, str] = {}
    for key in sorted(versions, reverse=True):
        q = _questionnaire(*key)
        for d in q.dimensions if q else ():
            names.setdefault(d.id, d.name(lang))
        if q is None:  # not bundled: the ids it stored
            for did in versions[key]:
                names.setdefault(did, did)
    return names


def versions_of(assessments: Sequence[Stored]) -> dict[tuple[str, str], Mapping[str, float | None]]:
    """Each questionnaire version among `assessments`, with its last assessment's dimension scores."""
    return {(a.questionnaire_id, a.questionnaire_version): a.dimensions for a in assessments}


def firm_view(history: Sequence[Stored], business_number: str, lang: Lang) -> dict[str, Any]:
    """Level and points per date, and between consecutive assessments: dimension changes, blockers."""
    names = dimension_names(versions_of(history), lang)
    entries = [
        {
            "date": a.date.isoformat(),
            "company": a.company_name,
            "questionnaire": f"{a.questionnaire_id} {a.questionnaire_version}",
            "mode": a.mode,
            "level": {"rank": a.level_rank, "id": a.level_id, "name": level_name(a, lang)},
            "points": a.points,
            "file": a.source_path,
        }
        for a in history
    ]
    steps = []
    for old, new in itertools.pairwise(history):
        m = move(old, new)
        change = None
        if m.version_change:
            same = comparable(old.questionnaire_id, old.questionnaire_version, new.questionnaire_version)
            change = {
                "from": m.version_change[0],
                "to": m.version_change[1],
                "not_compared": [names[d] for d in names if same is not None and d not in same],
            }
        steps.append(
            {
                "from": old.date.isoformat(),
                "to": new.date.isoformat(),
                "levels": m.levels,
                "points": m.points,
                "dimensions": [
                    {
                        "id": did,
                        "name": names.get(did, did),
                        "before": old.dimensions[did],
                        "after": new.dimensions[did],
                        "change": m.dimensions[did],
                    }
                    for did in names
                    if did in m.dimensions
                ],
                "version_change": change,
                "blockers_cleared": [b for b in old.blockers if b not in new.blockers],
                "blockers_new": [b for b in new.blockers if b not in old.blockers],
            }
        )
    return {"business_number": business_number, "assessments": entries, "changes": steps}
