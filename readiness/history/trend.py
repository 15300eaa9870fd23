"""The trend of many firms between their first and last assessment in a period, as figures fit to publish.

Only firms assessed at least twice in the period count. Every count is published with the batch
dashboard's small-group suppression (`batch.stats`): a partition whose total is shown goes
through `publish_counts`/`visible_groups`, and a sum of cells (moved up = up by 1 + up by 2 ...;
a column total over groups) is shown only when every cell in it is shown. Each published table
is then one partition on its own, which is what the property test attacks. Means are shown for
groups of at least MIN_GROUP firms, as on the batch dashboard. No name, business number or
file path ever enters the view.

Programmes: a participant is a firm with an assessment that does not list the programme followed
by one that does; its change runs from the last assessment before joining to its last in the
period. Firms that never list it in the period are the comparison group (first to last
assessment in the same period); firms listing it from their first assessment have no "before".
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from readiness.batch.dashboard import group_label
from readiness.batch.stats import (
    HIDDEN,
    MIN_GROUP,
    OTHER,
    SUPPRESSED,
    UNKNOWN,
    publish_counts,
    visible_groups,
)
from readiness.history.store import Assessed, Span, Stored
from readiness.history.versions import comparable
from readiness.words import Lang, word

BY = ("sector", "region", "size", "programme", "source")
_BREAKDOWN = {"sector": "sector", "region": "region", "size": "size_band", "source": "source"}
MAX_STEP = 5  # levels run L0-L5


class Move(NamedTuple):
    """One firm between two of its assessments."""

    first: Assessed
    last: Assessed
    dimensions: dict[str, float]  # change per dimension, only where the versions compare it
    levels: int  # levels moved (negative: down)
    points: int  # points gained (negative: lost)

    @property
    def years(self) -> float:
        """Years between the two assessments."""
        return (self.last.date - self.first.date).days / 365.25

    @property
    def version_change(self) -> tuple[str, str] | None:
        """The questionnaire versions, when they differ."""
        a, b = self.first, self.last
        if (a.questionnaire_id, a.questionnaire_version) == (b.questionnaire_id, b.questionnaire_version):
            return None
        return (
            f"{a.questionnaire_id} {a.questionnaire_version}",
            f"{b.questionnaire_id} {b.questionnaire_version}",
        )


def move(first: Assessed, last: Assessed) -> Move:
    """The change from `first` to `last`, dimensions only where the mapping compares them."""
    if first.questionnaire_id != last.questionnaire_id:
        same: frozenset[str] | None = frozenset()
    elif first.questionnaire_version == last.questionnaire_version:
        same = None  # what `comparable` says of one version: every dimension
    else:
        same = comparable(first.questionnaire_id, first.questionnaire_version, last.questionnaire_version)
    after = last.dimensions
    changes = {
        did: round(a - before, 3)
        for did, before in first.dimensions.items()
        if before is not None and (a := after.get(did)) is not None and (same is None or did in same)
    }
    return Move(first, last, changes, last.level_rank - first.level_rank, last.points - first.points)


def by_firm(assessments: Sequence[Stored]) -> list[list[Stored]]:
    """Assessments grouped per firm, each oldest first; only firms assessed at least twice."""
    firms: dict[int, list[Stored]] = {}
    for a in assessments:
        firms.setdefault(a.firm_id, []).append(a)
    return [sorted(v, key=lambda a: a.date) for v in firms.values() if len(v) >= 2]


def spans(assessments: Sequence[Stored]) -> list[Span]:
    """Each firm's first and last assessment, and for each programme it lists, the assessment
    before the first that lists it (None: the first does): what `Store.trend` reads in SQL."""
    out = []
    for history in by_firm(assessments):
        joined: dict[str, Assessed | None] = {}
        for k, a in enumerate(history):
            for p in a.programmes:
                if p not in joined:
                    joined[p] = history[k - 1] if k else None
        out.append(Span(history[0], history[-1], joined))
    return out


@dataclass
class Programme:
    """Participants' change before and after joining one programme, and everyone else's."""

    participants: list[Move] = field(default_factory=list)
    others: list[Move] = field(default_factory=list)
    already: int = 0  # listed it from their first assessment in the period: no "before"


def programme_moves(firms: Sequence[Span], programme: str, moves: Sequence[Move] | None = None) -> Programme:
    """Split the firms by when (if ever) they joined `programme` (`moves`: each firm's first to last)."""
    out = Programme()
    for k, span in enumerate(firms):
        if programme not in span.joined:
            out.others.append(moves[k] if moves is not None else move(span.first, span.last))
            continue
        before = span.joined[programme]
        if before is None:
            out.already += 1
        else:
            out.participants.append(move(before, span.last))
    return out


def _mean(values: Sequence[float], digits: int = 2) -> float | None:
    return round(sum(values) / len(values), digits) if values else None


def _shown_mean(values: Sequence[float], digits: int = 2) -> float | str | None:
    """A mean of at least MIN_GROUP values, else the suppression mark (or None for none)."""
    if not values:
        return None
    return _mean(values, digits) if len(values) >= MIN_GROUP else SUPPRESSED


def _count(n: int) -> int | str:
    return SUPPRESSED if 0 < n < MIN_GROUP else n


def _sum_if_shown(cells: Sequence[int | str]) -> int | str:
    """A sum of published cells: exact only when every cell is."""
    if any(isinstance(c, str) for c in cells):
        return HIDDEN
    return sum(c for c in cells if isinstance(c, int))


def _summary(moves: Sequence[Move]) -> dict[str, Any]:
    """Means of a group's changes (suppressed under MIN_GROUP)."""
    return {
        "levels": _shown_mean([m.levels for m in moves]),
        "points": _shown_mean([m.points for m in moves], 1),
        "years": _shown_mean([m.years for m in moves], 1),
    }


def _dimension_rows(moves: Sequence[Move], names: dict[str, str]) -> list[dict[str, Any]]:
    values: dict[str, list[float]] = {did: [] for did in names}
    for m in moves:  # one pass; each list in the order of the moves, as a list per dimension would be
        for did, change in m.dimensions.items():
            if did in values:
                values[did].append(change)
    return [
        {"id": did, "name": name, "n": _count(len(values[did])), "change": _shown_mean(values[did])}
        for did, name in names.items()
    ]


def _versions(moves: Sequence[Move], names: dict[str, str]) -> list[dict[str, Any]]:
    changes: dict[tuple[str, str], int] = {}
    for m in moves:
        if m.version_change:
            changes[m.version_change] = changes.get(m.version_change, 0) + 1
    out = []
    for (old, new), n in sorted(changes.items()):
        qid, _, first = old.partition(" ")
        second = new.partition(" ")[2]
        same = comparable(qid, first, second) if qid == new.partition(" ")[0] else frozenset()
        not_compared = [names.get(d, d) for d in names if same is not None and d not in same]
        out.append({"from": old, "to": new, "firms": _count(n), "not_compared": not_compared})
    return out


def view(
    assessments: Sequence[Stored],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by: str | None = None,
    lang: Lang = "ko",
    dimension_names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The trend of these assessments (every one of each firm's, in the period) as published figures."""
    return view_of(
        spans(assessments), start=start, end=end, by=by, lang=lang, dimension_names=dimension_names
    )


def view_of(
    firms: Sequence[Span],
    *,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by: str | None = None,
    lang: Lang = "ko",
    dimension_names: dict[str, str] | None = None,
) -> dict[str, Any]:
    """The trend as published figures (see the module docstring); the same for every format."""
    moves = [move(f.first, f.last) for f in firms]
    names = dimension_names or {d: d for m in moves for d in m.first.dimensions}
    n = len(moves)
    out: dict[str, Any] = {
        "format": "readiness-trend/1",
        "period": {"from": start.isoformat() if start else None, "to": end.isoformat() if end else None},
        "dates": [
            min(f.first.date for f in firms).isoformat(),
            max(f.last.date for f in firms).isoformat(),
        ]
        if firms
        else None,
        "min_group": MIN_GROUP,
        "firms": _count(n),
        "by": by,
    }
    if n < MIN_GROUP:  # nothing but "fewer than 5" can be said
        out.update(
            movement=None, steps=None, points=None, dimensions=[], versions=[], groups=[], programmes=[]
        )
        return out
    moved = Counter(m.levels for m in moves)
    steps = publish_counts({f"{k:+d}" if k else "0": moved[k] for k in range(-MAX_STEP, MAX_STEP + 1)})
    up = [v for k, v in steps.items() if k.startswith("+")]
    down = [v for k, v in steps.items() if k.startswith("-")]
    out["steps"] = steps
    out["movement"] = {"up": _sum_if_shown(up), "same": steps["0"], "down": _sum_if_shown(down)}
    out["points"] = _summary(moves)
    out["dimensions"] = _dimension_rows(moves, names)
    out["versions"] = _versions(moves, names)
    out["groups"] = _groups(moves, by, lang, names) if by in _BREAKDOWN else []
    out["programmes"] = _programmes(firms, moves, names) if by == "programme" else []
    return out


def _group_dimensions(moves: Sequence[Move], names: dict[str, str]) -> list[dict[str, Any]]:
    """A group's mean change per dimension: the means only (each of at least MIN_GROUP values,
    else suppressed), not how many firms each was compared for, so no new count is published."""
    return [{"id": r["id"], "name": r["name"], "change": r["change"]} for r in _dimension_rows(moves, names)]


def _groups(moves: Sequence[Move], by: str, lang: Lang, names: dict[str, str]) -> list[dict[str, Any]]:
    """One row per group (small groups folded into Other): size, up/same/down, mean changes
    (levels, points, years and per dimension)."""
    field_name = _BREAKDOWN[by]
    members: dict[str, list[Move]] = {}
    for m in moves:
        key = getattr(m.last, field_name if field_name != "size_band" else "size_band")
        members.setdefault(UNKNOWN if key is None else str(key), []).append(m)
    small = [k for k, v in members.items() if len(v) < MIN_GROUP]
    if small:
        folded = [m for k in small for m in members.pop(k)]
        members[OTHER] = folded
    status = visible_groups({k: len(v) for k, v in members.items()})
    rows: list[dict[str, Any]] = []
    columns: dict[str, list[int | str]] = {"up": [], "same": [], "down": []}
    for key in sorted(members, key=lambda k: (k == OTHER, k == UNKNOWN, k)):
        group = members[key]
        label = group_label(field_name, key, lang)
        if status[key]:
            rows.append({"group": label, "n": status[key], "up": HIDDEN, "same": HIDDEN, "down": HIDDEN})
            for c in columns.values():
                c.append(HIDDEN)
            continue
        cells = publish_counts(
            {
                "up": sum(m.levels > 0 for m in group),
                "same": sum(m.levels == 0 for m in group),
                "down": sum(m.levels < 0 for m in group),
            }
        )
        for name, c in columns.items():
            c.append(cells[name])
        rows.append(
            {
                "group": label,
                "n": len(group),
                **cells,
                **_summary(group),
                "dimensions": _group_dimensions(group, names),
            }
        )
    rows.append(
        {"group": word("trend.all", lang), "total": True, **{k: _sum_if_shown(v) for k, v in columns.items()}}
    )
    return rows


def _programmes(firms: Sequence[Span], moves: Sequence[Move], names: dict[str, str]) -> list[dict[str, Any]]:
    """Per programme: participants before/after against non-participants over the same period."""
    ids = sorted({p for f in firms for p in f.joined})
    out = []
    for pid in ids:
        split = programme_moves(firms, pid, moves)
        counts = publish_counts(
            {"participants": len(split.participants), "others": len(split.others), "already": split.already}
        )
        entry: dict[str, Any] = {"programme": pid, **counts}
        for side in ("participants", "others"):
            side_moves: list[Move] = getattr(split, side)
            shown = isinstance(counts[side], int) and len(side_moves) >= MIN_GROUP
            entry[f"{side}_change"] = _summary(side_moves) if shown else None
            entry[f"{side}_dimensions"] = _dimension_rows(side_moves, names) if shown else []
        a, b = entry["participants_change"], entry["others_change"]
        entry["difference"] = (
            {
                "levels": round(a["levels"] - b["levels"], 2),
                "points": round(a["points"] - b["points"], 1),
            }
            if a and b
            else None
        )
        out.append(entry)
    return out
