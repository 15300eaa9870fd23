"""No suppressed cell of a published table can be worked out from the totals and the other cells.

The attacker here knows the rule ("<5" is 1-4 firms, "-" a group of 5 or more hidden beside it,
every "-" when nothing but the total could be published) and solves the one linear equation a
partition gives, the published total, exactly: for each hidden cell it lists every value that
some assignment of the other hidden cells makes consistent. A cell with one possible value leaks.
"""

from __future__ import annotations

from collections.abc import Mapping

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.batch.stats import HIDDEN, MIN_GROUP, SUPPRESSED, Stats, publish_counts

Published = Mapping[str, int | str]


def possible_values(published: Published, total: int) -> dict[str, set[int]]:
    """Every value each hidden cell can take, given the published cells and total."""
    hidden = [k for k, v in published.items() if isinstance(v, str)]
    everything_hidden = len(hidden) == len(published)
    rest = total - sum(v for v in published.values() if isinstance(v, int))

    def values(k: str) -> range:
        if published[k] == SUPPRESSED:
            return range(1, MIN_GROUP)
        return range(0 if everything_hidden else MIN_GROUP, rest + 1)

    out: dict[str, set[int]] = {}
    for k in hidden:
        others = [values(j) for j in hidden if j != k]
        reachable = {0}
        for r in others:  # subset-sum over the other cells' ranges
            reachable = {a + b for a in reachable for b in r if a + b <= rest}
        out[k] = {v for v in values(k) if rest - v in reachable}
    return out


def leaks(published: Published, total: int) -> list[str]:
    return [k for k, vs in possible_values(published, total).items() if len(vs) <= 1]


# totals under MIN_GROUP are never published (the dashboard and peers.json show nothing then)
sizes = st.dictionaries(st.sampled_from("ABCDEFG"), st.integers(0, 14), min_size=1, max_size=7).filter(
    lambda c: sum(c.values()) >= MIN_GROUP
)


@settings(max_examples=400, deadline=None)
@given(sizes)
def test_published_counts_never_reveal_a_suppressed_cell(counts: dict[str, int]) -> None:
    published = publish_counts(counts)
    assert leaks(published, sum(counts.values())) == []
    for key, value in published.items():  # and what is shown is the truth
        assert value == counts[key] or isinstance(value, str)


@settings(max_examples=200, deadline=None)
@given(sizes.filter(lambda c: all(v > 0 for v in c.values())))
def test_breakdowns_never_reveal_a_suppressed_group(counts: dict[str, int]) -> None:
    stats = Stats(["x"], 2)
    for sector, n in counts.items():
        for _ in range(n):
            stats.add(points=100, level=1, dimensions={"x": 1.0}, completeness=1.0, sector=sector,
                      region=None, size_band=None, blockers=[], plausibility=[])  # fmt: skip
    published = {e["group"]: e["n"] for e in stats.breakdown("sector")}
    assert leaks(published, stats.n) == []
    assert all(not (isinstance(n, int) and 0 < n < MIN_GROUP) for n in published.values())


def test_the_attacker_finds_the_leak_that_plain_suppression_leaves() -> None:
    # the v0.1 rule: L3 "<5", every other level exact, the total shown -> L3 by subtraction
    naive: dict[str, int | str] = {"L1": 120, "L2": 80, "L3": SUPPRESSED, "L4": 96}
    assert leaks(naive, 298) == ["L3"]
    assert leaks({"a": SUPPRESSED, "b": HIDDEN, "c": 5}, 11) == ["a", "b"]  # 1 + 5: pinned
    assert leaks({"a": SUPPRESSED, "b": HIDDEN, "c": 5}, 15) == []


firms = st.lists(st.tuples(st.sampled_from("ABCD"), st.sampled_from("wxyz")), min_size=MIN_GROUP, max_size=60)


@settings(max_examples=200, deadline=None)
@given(firms)
def test_peers_publishes_each_margin_safely_and_no_crossing(pairs: list[tuple[str, str]]) -> None:
    # A crossing (sector x size) beside exact margins can be solved cell by cell; peers.json
    # publishes the two margins only, each a partition of the same total with no shared cell.
    stats = Stats(["x"], 2)
    for sector, band in pairs:
        stats.add(points=100, level=1, dimensions={"x": 1.0}, completeness=1.0, sector=sector,
                  region=None, size_band=band, blockers=[], plausibility=[])  # fmt: skip
    peers = stats.peers()
    assert "sector_size_band" not in peers
    for name in ("sector", "size_band"):
        published = {key: entry["n"] for key, entry in peers[name].items()}
        assert leaks(published, len(pairs)) == []
