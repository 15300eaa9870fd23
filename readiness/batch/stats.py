"""Aggregate statistics for a batch, with small-group suppression (issue 5).

Numbers only: no file paths, names or business numbers ever enter these structures, so what
they produce (the dashboard, peers.json) is anonymous by construction. Values are kept as
compact integer arrays (points, dimension scores in thousandths), so memory grows by a few
dozen bytes per firm; a group's columns are gathered when its figures are asked for, one group
at a time, and read as counts of each value (never lists of Python ints), and every result is
exact and independent of the processing order.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, overload

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


def quantile(sorted_values: Sequence[int], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default, Excel's PERCENTILE.INC)."""
    position = (len(sorted_values) - 1) * q
    low = int(position)
    high = min(low + 1, len(sorted_values) - 1)
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (position - low)


class Tally(Sequence[int]):
    """Integer values as counts of each value, read like their sorted list (for `quantile`).

    A group of 100,000 firms costs as many entries as it has distinct values (points run 0-1000),
    never a list of 100,000 Python ints; the figures are the same as from the sorted list
    (tests/test_batch.py::test_a_tally_reads_like_the_sorted_values).
    """

    def __init__(self, counts: Mapping[int, int]) -> None:
        self.values = sorted(v for v, c in counts.items() if c)
        self.ends = list(accumulate(counts[v] for v in self.values))  # rank after each value
        self.total = sum(v * counts[v] for v in self.values)

    def __len__(self) -> int:
        return self.ends[-1] if self.ends else 0

    @overload
    def __getitem__(self, rank: int) -> int: ...
    @overload
    def __getitem__(self, rank: slice) -> Sequence[int]: ...
    def __getitem__(self, rank: int | slice) -> int | Sequence[int]:
        if isinstance(rank, slice):
            raise TypeError("a Tally reads one rank at a time")
        if not 0 <= rank < len(self):
            raise IndexError(rank)
        return self.values[bisect_right(self.ends, rank)]


@dataclass
class Group:
    """Points and dimension scores (thousandths; -1 for n/a) of every firm in a group, by column."""

    points: array[int]
    dimensions: dict[str, array[int]]

    @property
    def n(self) -> int:
        """The number of firms in the group."""
        return len(self.points)

    def summary(self, percentiles: Iterable[int] = (25, 50, 75)) -> dict[str, Any]:
        """n, mean and percentiles of points and of every dimension score (0-5, 2 decimals)."""
        return {
            "n": self.n,
            "points": _describe(Tally(Counter(self.points)), percentiles, 1),
            "dimensions": {
                did: _describe(_without_na(Counter(values)), percentiles, 1000)
                for did, values in self.dimensions.items()
            },
        }

    def subset(self, rows: array[int]) -> Group:
        """The group of the firms at the given row indexes."""
        return Group(
            array(self.points.typecode, map(self.points.__getitem__, rows)),
            {
                did: array(values.typecode, map(values.__getitem__, rows))
                for did, values in self.dimensions.items()
            },
        )


def _describe(values: Tally, percentiles: Iterable[int], scale: int) -> dict[str, float | int | None]:
    if not values:
        return {"n": 0, "mean": None, **{f"p{p}": None for p in percentiles}}
    out: dict[str, float | int | None] = {
        "n": len(values),
        "mean": round(values.total / len(values) / scale, 2),
    }
    for p in percentiles:
        out[f"p{p}"] = round(quantile(values, p / 100) / scale, 2)
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


def _append(column: array[int], value: int) -> array[int]:
    """`column` with `value` appended: two bytes a value (points run 0-1000, scores 0-5000,
    a few dozen group keys), widened to eight the first time a value does not fit
    (tests/test_batch.py::test_statistics_columns_widen_for_values_that_do_not_fit)."""
    try:
        column.append(value)
    except OverflowError:
        column = array("q", column)
        column.append(value)
    return column


def _without_na(counts: Counter[int]) -> Tally:
    counts.pop(-1, None)  # n/a is -1
    return Tally(counts)


@dataclass
class Stats:
    """Running aggregates for one questionnaire; `add` each scored firm once.

    Kept by column (one small integer per firm and value), with each firm's group keys as
    indexes; per-group statistics are worked out at the end."""

    dimension_ids: list[str]
    level_count: int
    points: array[int] = field(init=False)  # one per firm, in the order added
    dimensions: dict[str, array[int]] = field(init=False)  # thousandths; -1 for n/a
    levels: Counter[int] = field(default_factory=Counter)
    histogram: Counter[int] = field(default_factory=Counter)
    completeness_sum: float = 0.0
    keys: dict[str, dict[str, int]] = field(default_factory=lambda: {name: {} for name in BREAKDOWNS})
    codes: dict[str, array[int]] = field(default_factory=lambda: {name: array("H") for name in BREAKDOWNS})
    blockers: Counter[str] = field(default_factory=Counter)
    warnings: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self.points = array("h")
        self.dimensions = {did: array("h") for did in self.dimension_ids}

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
        self.points = _append(self.points, points)
        columns = self.dimensions
        for did, values in columns.items():
            score = dimensions.get(did)
            columns[did] = _append(values, -1 if score is None else round(score * 1000))
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
            self.codes[name] = _append(self.codes[name], code)
        if blockers:
            self.blockers.update(set(blockers))
        if plausibility:
            self.warnings.update(set(plausibility))

    @property
    def n(self) -> int:
        """The number of firms added so far."""
        return len(self.points)

    @property
    def overall(self) -> Group:
        """Every firm added, as one group."""
        return Group(self.points, self.dimensions)

    def _members(self, name: str) -> dict[str, array[int]]:
        """The row indexes of each group of a breakdown (4 bytes a firm, made when asked for).

        Groups of fewer than MIN_GROUP firms are folded into one OTHER group first: the label
        of a one-firm group (a free-text region, say) would itself point at the firm.
        """
        index = self.keys[name]
        members: dict[int, array[int]] = {code: array("I") for code in index.values()}
        for row, code in enumerate(self.codes[name]):
            members[code].append(row)
        rows = {key: members[code] for key, code in index.items()}
        small = {key for key, found in rows.items() if len(found) < MIN_GROUP}
        if small:
            rows = {key: found for key, found in rows.items() if key not in small}
            rows[OTHER] = other = array("I")
            for key in small:
                other.extend(members[index[key]])
        return rows

    def breakdown(self, name: str, percentiles: Iterable[int] = (25, 50, 75)) -> list[dict[str, Any]]:
        """One entry per group, sorted by key; statistics only where the group may be shown."""
        groups = self._members(name)
        status = visible_groups({key: len(rows) for key, rows in groups.items()})
        out = []
        for key in sorted(groups, key=lambda k: (k == OTHER, k == UNKNOWN, _rank(name, k), k)):
            if status[key]:
                out.append({"group": key, "n": status[key]})
            else:  # one group's columns at a time
                out.append({"group": key, **self.overall.subset(groups[key]).summary(percentiles)})
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
