"""One SVG per dashboard chart, written beside dashboard.html, so each can be lifted into a slide.

Built from the dashboard's own view (already suppressed), so a chart can never show more than
the page does. Every label is escaped; the same view gives the same bytes.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

FONT = '"Noto Sans KR", "Malgun Gothic", "Apple SD Gothic Neo", sans-serif'
BAR = "#1d4ed8"


def count_chart(title: str, items: list[tuple[str, int | str]]) -> str:
    """Horizontal bars of counts; a hidden cell ("<5", "-") is written, never drawn."""
    top = max((n for _, n in items if isinstance(n, int)), default=0) or 1
    label_w, bar_w, row = 220, 300, 24
    height = 40 + row * len(items)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 80}" height="{height}" '
        f'font-family="{escape(FONT)}" role="img"><title>{escape(title)}</title>',
        f'<text x="8" y="20" font-size="15" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, n) in enumerate(items):
        y = 34 + row * i
        out.append(
            f'<text x="{label_w - 8}" y="{y + 14}" font-size="12" text-anchor="end">{escape(label)}</text>'
        )
        if isinstance(n, int):
            out.append(
                f'<rect x="{label_w}" y="{y + 3}" width="{n / top * bar_w:.1f}" height="14" fill="{BAR}"/>'
            )
        out.append(f'<text x="{label_w + bar_w + 8}" y="{y + 14}" font-size="12">{escape(str(n))}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write(folder: Path, view: dict[str, Any]) -> list[Path]:
    """Write the dashboard's charts as SVG files into `folder`; returns their paths."""
    if not view["enough"]:
        return []
    t = view["t"]
    charts = {
        "levels": (t["levels"], [(f"L{lv['rank']} {lv['name']}", lv["count"]) for lv in view["levels"]]),
        "points": (t["points"], [(bar["label"], bar["count"]) for bar in view["histogram"]]),
    }
    for (title, rows), name in zip(
        view["breakdowns"], ("sector", "region", "size_band", "sme_class", "source"), strict=False
    ):
        charts[name] = (title, [(r["group"], r["n"]) for r in rows])
    folder.mkdir(exist_ok=True)
    paths = []
    for name, (title, items) in charts.items():
        path = folder / f"{name}.svg"
        path.write_text(count_chart(title, items), encoding="utf-8", newline="\n")
        paths.append(path)
    return paths
