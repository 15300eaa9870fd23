"""Comparing assessments made under different questionnaire versions, through the migration mappings.

Levels are always comparable: every version's ladder is the national one. A dimension score is
compared across versions only where the mapping says the dimension asks the same things: each of
its old questions is carried over unchanged, renamed or reworded (never rescaled, split, merged
or dropped), and together they give exactly the new version's questions of that dimension. Over
several versions, each step must say so.
"""

from __future__ import annotations

import itertools
from functools import cache

from readiness.domain.migrate import find_migration
from readiness.domain.questionnaire import Questionnaire
from readiness.errors import InputError
from readiness.files.loading import available, find_questionnaire

UNCHANGED = ("rename", "reword")


def same_dimensions(older: Questionnaire, newer: Questionnaire) -> frozenset[str]:
    """The dimensions whose scores `newer`'s mapping from `older` keeps comparable."""
    migration = find_migration(newer, older.version)
    if migration is None:
        return frozenset()
    new = {d.id: {q.id for q in d.questions} for d in newer.dimensions}
    out = set()
    for dim in older.dimensions:
        if dim.id not in new:
            continue
        reached: set[str] = set()
        for question in dim.questions:
            step = migration.step_for(question.id)
            if step is None:
                reached.add(question.id)
            elif step.kind in UNCHANGED:
                reached.update(step.to)
            else:
                break
        else:
            if reached == new[dim.id]:
                out.add(dim.id)
    return frozenset(out)


@cache
def comparable(qid: str, first: str, second: str) -> frozenset[str] | None:
    """Dimensions comparable between two versions of questionnaire `qid` (None: all, same version).

    Unknown versions (not bundled) compare no dimension.
    """
    if first == second:
        return None
    versions = [v for q, v, _ in available() if q == qid]
    if first not in versions or second not in versions:
        return frozenset()
    low, high = sorted((first, second), key=versions.index)
    try:
        chain = [
            find_questionnaire(qid, v).questionnaire
            for v in versions[versions.index(low) : versions.index(high) + 1]
        ]
    except InputError:
        return frozenset()
    direct = find_migration(chain[-1], low)
    if direct is not None:
        return same_dimensions(chain[0], chain[-1])
    kept = {d.id for d in chain[0].dimensions}
    for older, newer in itertools.pairwise(chain):
        kept &= same_dimensions(older, newer)
    return frozenset(kept)
