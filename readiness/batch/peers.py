"""A firm's peer group from a batch's peers.json, in the shape the report shows (report.view.Peers)."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise
from typing import Any

from readiness.batch.stats import MIN_GROUP, UNKNOWN, employee_band


def peer_figures(
    peers: Mapping[str, Any], sector: str | None, employees: int | None, points: int
) -> dict[str, Any] | None:
    """What a firm's report shows about its peers, from a batch's peers.json (reportview.Peers).

    The group is the most specific one that was published: same sector, else same size band,
    else everyone (no sector-by-size crossing is published: see stats.BREAKDOWNS). The firm's percentile is interpolated
    between the published percentiles (peers.json keeps no individual values). None when
    no group of at least MIN_GROUP firms exists.
    """
    band = employee_band(employees) or UNKNOWN
    sector = sector or UNKNOWN
    candidates = [
        ("sector", sector, sector),
        ("size_band", band, band),
    ]
    groups = [(peers.get(kind, {}).get(key), label) for kind, key, label in candidates]
    groups.append((peers.get("all"), "all"))
    for group, label in groups:
        if group and isinstance(group.get("n"), int) and group["n"] >= MIN_GROUP:
            dist = group["points"]
            marks = [(0.0, 0.0)] + [(float(dist[f"p{p}"]), float(p)) for p in peers["percentiles"]]
            marks.append((1000.0, 100.0))
            share = 100.0
            for (x0, y0), (x1, y1) in pairwise(marks):
                if points < x1:  # and points >= x0: ties count as "at or below"
                    share = y0 + (y1 - y0) * (points - x0) / (x1 - x0)
                    break
            return {
                "label": label,
                "count": group["n"],
                "points_median": dist["p50"],
                "points_percentile": round(share, 1),
                "dimensions": {
                    d: v["p50"] for d, v in group["dimensions"].items() if v.get("p50") is not None
                },
            }
    return None
