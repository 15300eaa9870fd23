"""Inline SVG charts drawn from the data: no scripts, no network, byte-identical for equal input.

Every piece of text is escaped here, so callers may embed the returned SVG as markup.
Coordinates are rounded to one decimal so the output does not drift with float noise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape

MAX_SCORE = 5
FONT = '"Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR", system-ui, sans-serif'
INK = "#1f2937"
MUTED = "#6b7280"
GRID = "#d1d5db"
CURRENT = "#1d4ed8"
PREVIOUS = "#9ca3af"
TARGET = "#b45309"


@dataclass(frozen=True)
class Series:
    """One value per axis, 0-5; None where a dimension does not apply."""

    label: str
    values: list[float | None]


def _n(x: float) -> str:
    """A coordinate with at most one decimal and no `-0`."""
    text = f"{round(x, 1):.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _svg_open(width: int, height: int, title: str, desc: str, ident: str, left: int = 0) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left} 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
        f'class="chart" font-family="{escape(FONT)}">',
        f'<title id="{ident}-t">{escape(title)}</title>',
        f'<desc id="{ident}-d">{escape(desc)}</desc>',
    ]


def _wrap(label: str, width: int = 16) -> list[str]:
    """Split a label into at most two lines at a space near the middle."""
    if len(label) <= width or " " not in label:
        return [label]
    spaces = [i for i, ch in enumerate(label) if ch == " "]
    cut = min(spaces, key=lambda i: abs(i - len(label) / 2))
    return [label[:cut], label[cut + 1 :]]


def _text_width(text: str, size: int = 12) -> int:
    """A rough rendered width: Hangul and other wide glyphs about one em, Latin about 0.56 em."""
    return round(sum(size if ord(ch) >= 0x1100 else size * 0.56 for ch in text))


def _describe(labels: list[str], series: list[Series]) -> str:
    parts = []
    for s in series:
        shown = ", ".join(
            f"{label} {'n/a' if v is None else f'{v:.1f}'}" for label, v in zip(labels, s.values, strict=True)
        )
        parts.append(f"{s.label}: {shown}.")
    return " ".join(parts)


@lru_cache(maxsize=64)
def _radar_grid(n: int, cx: float, cy: float, radius: int) -> tuple[str, ...]:
    """The rings, spokes and ring numbers of an `n`-axis radar: the same for every report."""

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * value / MAX_SCORE
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    out = [f'<g fill="none" stroke="{GRID}" stroke-width="1">']
    for ring in range(1, MAX_SCORE + 1):
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, ring) for i in range(n)))
        out.append(f'<polygon points="{pts}"/>')
    for i in range(n):
        x, y = point(i, MAX_SCORE)
        out.append(f'<line x1="{_n(cx)}" y1="{_n(cy)}" x2="{_n(x)}" y2="{_n(y)}"/>')
    out.append("</g>")
    out.append(f'<g font-size="10" fill="{MUTED}" text-anchor="middle">')
    for ring in range(1, MAX_SCORE + 1):
        _, y = point(0, ring)
        out.append(f'<text x="{_n(cx + 8)}" y="{_n(y + 3)}">{ring}</text>')
    out.append("</g>")
    return tuple(out)


def radar(labels: list[str], series: list[Series], title: str, ident: str = "radar") -> str:
    """A radar (spider) chart of 0-5 scores, one axis per label; the first series is drawn on top."""
    n = len(labels)
    width, height, radius = 580, 370, 128
    cx, cy = width / 2, height / 2
    out: list[str] = []

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * value / MAX_SCORE
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    out.extend(_radar_grid(n, cx, cy, radius))

    styles = [
        (CURRENT, "0.18", ""),
        (PREVIOUS, "0", ' stroke-dasharray="5 4"'),
        (TARGET, "0", ' stroke-dasharray="2 3"'),
    ]
    for s, (colour, opacity, dash) in reversed(list(zip(series, styles, strict=False))):
        pts = " ".join(f"{_n(x)},{_n(y)}" for x, y in (point(i, v or 0) for i, v in enumerate(s.values)))
        out.append(
            f'<polygon points="{pts}" fill="{colour}" fill-opacity="{opacity}" stroke="{colour}" '
            f'stroke-width="2"{dash}><title>{escape(s.label)}</title></polygon>'
        )
    first = series[0]
    out.append(f'<g fill="{CURRENT}">')
    for i, v in enumerate(first.values):
        if v is not None:
            x, y = point(i, v)
            out.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="3"/>')
    out.append("</g>")

    out.append(f'<g font-size="13" fill="{INK}">')
    left, right = 0.0, float(width)
    for i, label in enumerate(labels):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        x, y = cx + (radius + 16) * math.cos(angle), cy + (radius + 16) * math.sin(angle)
        cos = math.cos(angle)
        anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
        value = first.values[i]
        lines = _wrap(f"{label} ({'n/a' if value is None else f'{value:.1f}'})", 20)
        wide = max(_text_width(line, 13) for line in lines)
        start = {"start": x, "middle": x - wide / 2, "end": x - wide}[anchor]
        left, right = min(left, start - 6), max(right, start + wide + 6)
        sin = math.sin(angle)
        if sin < -0.9:  # top: grow upwards
            y0 = y - 4 - (len(lines) - 1) * 15
        elif sin > 0.9:  # bottom: grow downwards
            y0 = y + 10
        else:
            y0 = y + 4 - (len(lines) - 1) * 7.5
        spans = "".join(
            f'<tspan x="{_n(x)}" y="{_n(y0 + k * 15)}">{escape(line)}</tspan>' for k, line in enumerate(lines)
        )
        out.append(f'<text text-anchor="{anchor}">{spans}</text>')
    out.append("</g>")
    if len(series) > 1:
        out.extend(_legend(series, styles, math.floor(left) + 12, height - 14 - 16 * (len(series) - 1)))
    out.append("</svg>")
    # Long labels widen the canvas instead of being clipped at its edge.
    x0, x1 = math.floor(left), math.ceil(right)
    return "\n".join(_svg_open(x1 - x0, height, title, _describe(labels, series), ident, x0) + out)


def _legend(series: list[Series], styles: list[tuple[str, str, str]], x: int, y: int) -> list[str]:
    out = [f'<g font-size="11" fill="{INK}">']
    for k, (s, (colour, _, dash)) in enumerate(zip(series, styles, strict=False)):
        yy = y + 16 * k
        out.append(
            f'<line x1="{x}" y1="{yy - 4}" x2="{x + 22}" y2="{yy - 4}" stroke="{colour}" stroke-width="2"{dash}/>'
        )
        out.append(f'<text x="{x + 28}" y="{yy}">{escape(s.label)}</text>')
    out.append("</g>")
    return out


def bars(
    labels: list[str],
    values: list[float | None],
    title: str,
    *,
    previous: list[float | None] | None = None,
    marks: list[float | None] | None = None,
    ident: str = "bars",
    na: str = "n/a",
) -> str:
    """Horizontal bars of 0-5 scores; optional ticks for a previous score and a required minimum."""
    row, bar_w, top = 26, 330, 24
    label_w = min(max(max((_text_width(x) for x in labels), default=0) + 16, 120), 320)
    width = label_w + bar_w + 60
    height = top + row * len(labels) + 10
    desc = _describe(labels, [Series(title, values)])
    out = _svg_open(width, height, title, desc, ident)
    out.append(f'<g font-size="10" fill="{MUTED}" text-anchor="middle">')
    for tick in range(MAX_SCORE + 1):
        x = label_w + bar_w * tick / MAX_SCORE
        out.append(f'<text x="{_n(x)}" y="14">{tick}</text>')
        out.append(
            f'<line x1="{_n(x)}" y1="{top - 6}" x2="{_n(x)}" y2="{height - 10}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
    out.append("</g>")
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + row * i
        out.append(
            f'<text x="{label_w - 10}" y="{y + 16}" font-size="12" fill="{INK}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        out.append(f'<rect x="{label_w}" y="{y + 5}" width="{bar_w}" height="14" fill="#f3f4f6" rx="2"/>')
        if value is not None:
            w = bar_w * value / MAX_SCORE
            out.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{_n(w)}" height="14" fill="{CURRENT}" rx="2"/>'
            )
        if previous is not None and previous[i] is not None:
            x = label_w + bar_w * (previous[i] or 0) / MAX_SCORE
            out.append(
                f'<line x1="{_n(x)}" y1="{y + 2}" x2="{_n(x)}" y2="{y + 22}" stroke="{PREVIOUS}" '
                f'stroke-width="3"/>'
            )
        if marks is not None and marks[i] is not None:
            x = label_w + bar_w * (marks[i] or 0) / MAX_SCORE
            out.append(
                f'<path d="M{_n(x - 5)},{y + 1} L{_n(x + 5)},{y + 1} L{_n(x)},{y + 7} Z" fill="{TARGET}"/>'
            )
        shown = na if value is None else f"{value:.1f}"
        out.append(
            f'<text x="{label_w + bar_w + 8}" y="{y + 16}" font-size="12" fill="{INK}">{escape(shown)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def text_bar(value: float | None, width: int = 20) -> str:
    """A bar of block characters for plain text and Markdown tables."""
    if value is None:
        return "·" * width
    filled = round(value / MAX_SCORE * width)
    return "█" * filled + "░" * (width - filled)
