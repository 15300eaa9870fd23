"""Aggregate statistics for a batch, with small-group suppression (issue 5).

Numbers only: no file paths, names or business numbers ever enter these structures, so what
they produce (the dashboard, peers.json) is anonymous by construction. Values are kept as
compact integer arrays (points, dimension scores in thousandths), so memory grows by a few
dozen bytes per firm, and every result is exact and independent of the processing order.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

MIN_GROUP = 5  # groups of fewer firms are shown as "<5" so that no firm can be singled out
SUPPRESSED = "<5"
HIDDEN = "-"  # a larger group hidden so that the small ones cannot be recovered by subtraction
PERCENTILES = (10, 25, 50, 75, 90)
UNKNOWN = "?"
OTHER = "*"  # the small groups of a breakdown, folded together
BANDS: tuple[tuple[int, str], ...] = (
    (10, "1-9"),
    (50, "10-49"),
    (100, "50-99"),
    (300, "100-299"),
)
LARGE_BAND = "300+"
BAND_ORDER = (*(label for _, label in BANDS), LARGE_BAND)
HISTOGRAM_STEP = 100
# the group keys every firm is counted under
# No crossing (sector x size band) is published: its cells could be worked out from the exact
# sector and size margins beside it, which one-way suppression cannot prevent.
BREAKDOWNS = ("sector", "region", "size_band", "sme_class", "source")
SME_ORDER = ("micro", "small", "medium", "over_ceiling", "unknown")


def employee_band(employees: int | None) -> str | None:
    """Size band by head count, as in Korean SME statistics (300+ is no longer an SME)."""
    if employees is None:
        return None
    for upper, label in BANDS:
        if employees < upper:
            return label
    return LARGE_BAND


def quantile(sorted_values: list[int], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default, Excel's PERCENTILE.INC)."""
    position = (len(sorted_values) - 1) * q
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


@dataclass
class Group:
    """Points and dimension scores (thousandths; -1 for n/a) of every firm in a group, by column."""

    points: array[int] = field(default_factory=lambda: array("i"))
    dimensions: dict[str, array[int]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        """The number of firms in the group."""
        return len(self.points)

    def summary(self, percentiles: Iterable[int] = (25, 50, 75)) -> dict[str, Any]:
        """n, mean and percentiles of points and of every dimension score (0-5, 2 decimals)."""
        return {
            "n": self.n,
            "points": _describe(self.points, percentiles, 1),
            "dimensions": {
                did: _describe(array("i", filter((-1).__lt__, values)), percentiles, 1000)  # n/a is -1
                for did, values in self.dimensions.items()
            },
        }

    def subset(self, rows: Iterable[int]) -> Group:
        """The group of the firms at the given row indexes, in that order."""
        rows = list(rows)
        return Group(
            array("i", (self.points[i] for i in rows)),
            {did: array("i", (values[i] for i in rows)) for did, values in self.dimensions.items()},
        )


def _describe(values: array[int], percentiles: Iterable[int], scale: int) -> dict[str, float | int | None]:
    if not values:
        return {"n": 0, "mean": None, **{f"p{p}": None for p in percentiles}}
    ordered = sorted(values)
    out: dict[str, float | int | None] = {
        "n": len(ordered),
        "mean": round(sum(ordered) / len(ordered) / scale, 2),
    }
    for p in percentiles:
        out[f"p{p}"] = round(quantile(ordered, p / 100) / scale, 2)
    return out


def suppress_counts(counts: Mapping[str, int]) -> dict[str, int | str]:
    """Counts as they may be shown: 1-4 become "<5" (zero reveals no one and stays 0)."""
    return {key: (SUPPRESSED if 0 < n < MIN_GROUP else n) for key, n in counts.items()}


def visible_groups(sizes: Mapping[str, int]) -> dict[str, str | None]:
    """Which groups of a partition may show figures: None if shown, else why not.

    The total of the partition is published, so hiding the small groups is not enough: groups
    under MIN_GROUP are suppressed ("<5"), and further groups, smallest first, are hidden ("-")
    until no hidden group's size follows from the total and the shown groups (each hidden size
    is only known to lie in its range: 1-4 for "<5", 5 or more for "-"). Empty groups reveal
    no one and stay shown as 0.
    """
    status: dict[str, str | None] = {
        key: (SUPPRESSED if 0 < n < MIN_GROUP else None) for key, n in sizes.items()
    }
    while _derivable(sizes, status):
        shown = sorted((k for k in sizes if status[k] is None and sizes[k] > 0), key=lambda k: (sizes[k], k))
        if not shown:  # nothing but the total can be published
            return dict.fromkeys(sizes, HIDDEN)
        status[shown[0]] = HIDDEN
    return status


def _derivable(sizes: Mapping[str, int], status: Mapping[str, str | None]) -> bool:
    """Whether some hidden group's size is pinned down by the published total (interval bounds)."""
    hidden = [k for k, why in status.items() if why]
    if not hidden:
        return False
    total = sum(sizes[k] for k in hidden)  # = published total minus the shown groups
    low = {k: 1 if status[k] == SUPPRESSED else MIN_GROUP for k in hidden}
    high = {k: MIN_GROUP - 1 if status[k] == SUPPRESSED else total for k in hidden}
    for k in hidden:
        others_low = sum(low[j] for j in hidden if j != k)
        others_high = sum(high[j] for j in hidden if j != k)
        if max(low[k], total - others_high) == min(high[k], total - others_low):
            return True
    return False


def publish_counts(counts: Mapping[str, int]) -> dict[str, int | str]:
    """Counts of a partition whose total is published, with small cells and their complements hidden."""
    status = visible_groups(counts)
    return {key: status[key] or n for key, n in counts.items()}  # zeros stay 0 unless all is hidden


@dataclass
class Stats:
    """Running aggregates for one questionnaire; `add` each scored firm once.

    Kept by column (one small integer per firm and value), with each firm's group keys as
    indexes; per-group statistics are worked out at the end."""

    dimension_ids: list[str]
    level_count: int
    overall: Group = field(init=False)
    levels: Counter[int] = field(default_factory=Counter)
    histogram: Counter[int] = field(default_factory=Counter)
    completeness_sum: float = 0.0
    keys: dict[str, dict[str, int]] = field(default_factory=lambda: {name: {} for name in BREAKDOWNS})
    codes: dict[str, array[int]] = field(default_factory=lambda: {name: array("I") for name in BREAKDOWNS})
    blockers: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)
    _groups: dict[str, dict[str, Group]] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.overall = Group(array("i"), {did: array("i") for did in self.dimension_ids})

    def add(
        self,
        *,
        points: int,
        level: int,
        dimensions: Mapping[str, float | None],
        completeness: float,
        sector: str | None,
        region: str | None,
        size_band: str | None,
        blockers: Iterable[str],
        plausibility: Iterable[str],
        sme_class: str | None = None,
        source: str | None = None,
    ) -> None:
        """Record one scored firm: its points, level, dimension scores, group keys, blockers and warnings."""
        self._groups = None
        self.overall.points.append(points)
        for did, values in self.overall.dimensions.items():
            score = dimensions.get(did)
            values.append(-1 if score is None else round(score * 1000))
        self.levels[level] += 1
        self.histogram[min(points // HISTOGRAM_STEP, 1000 // HISTOGRAM_STEP - 1)] += 1
        self.completeness_sum += completeness
        sector, region, size_band = sector or UNKNOWN, region or UNKNOWN, size_band or UNKNOWN
        for name, key in (
            ("sector", sector),
            ("region", region),
            ("size_band", size_band),
            ("sme_class", sme_class or UNKNOWN),
            ("source", source if source is not None else UNKNOWN),
        ):
            index = self.keys[name]
            code = index.get(key)
            if code is None:
                code = index[key] = len(index)
            self.codes[name].append(code)
        if blockers:
            self.blockers.update(set(blockers))
        if plausibility:
            self.warnings.update(set(plausibility))

    @property
    def n(self) -> int:
        """The number of firms added so far."""
        return self.overall.n

    def _by(self) -> dict[str, dict[str, Group]]:
        """Every breakdown's groups, built from the columns (once).

        Groups of fewer than MIN_GROUP firms are folded into one OTHER group first: the label
        of a one-firm group (a free-text region, say) would itself point at the firm.
        """
        if self._groups is not None:
            return self._groups
        out: dict[str, dict[str, Group]] = {}
        for name, index in self.keys.items():
            members: dict[int, list[int]] = {code: [] for code in index.values()}
            for row, code in enumerate(self.codes[name]):
                members[code].append(row)
            rows = {key: members[code] for key, code in index.items()}
            small = [key for key, found in rows.items() if len(found) < MIN_GROUP]
            if small:
                rows = {key: found for key, found in rows.items() if key not in small}
                rows[OTHER] = sorted(r for key in small for r in members[index[key]])
            out[name] = {key: self.overall.subset(found) for key, found in rows.items()}
        self._groups = out
        return out

    def breakdown(self, name: str, percentiles: Iterable[int] = (25, 50, 75)) -> list[dict[str, Any]]:
        """One entry per group, sorted by key; statistics only where the group may be shown."""
        groups = self._by()[name]
        status = visible_groups({key: g.n for key, g in groups.items()})
        out = []
        for key in sorted(groups, key=lambda k: (k == OTHER, k == UNKNOWN, _rank(name, k), k)):
            if status[key]:
                out.append({"group": key, "n": status[key]})
            else:
                out.append({"group": key, **groups[key].summary(percentiles)})
        return out

    def peers(self) -> dict[str, Any]:
        """Anonymous percentiles of points and each dimension: overall and per peer group."""
        overall = (
            self.overall.summary(PERCENTILES) if self.n >= MIN_GROUP else {"n": SUPPRESSED if self.n else 0}
        )
        return {
            "min_group": MIN_GROUP,
            "percentiles": list(PERCENTILES),
            "all": overall,
            **{
                name: {entry.pop("group"): entry for entry in self.breakdown(name, PERCENTILES)}
                for name in ("sector", "size_band")
            },
        }


def _rank(breakdown: str, key: str) -> int:
    """The natural order of a breakdown's keys where they have one (size bands, SME classes)."""
    if breakdown == "size_band":
        return _band_rank(key)
    if breakdown == "sme_class":
        return SME_ORDER.index(key) if key in SME_ORDER else len(SME_ORDER)
    return 0


def _band_rank(label: str) -> int:
    return BAND_ORDER.index(label) if label in BAND_ORDER else len(BAND_ORDER)
