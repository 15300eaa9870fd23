"""Inline SVG charts: deterministic, accessible, escaped, no scripts."""

from __future__ import annotations

import re

from readiness.report import charts

LABELS = ["전략·리더십", "Shop-floor execution and traceability", "<script>x</script>", "Data & AI"]
VALUES: list[float | None] = [2.0, 3.333333, None, 0.9166666]


def test_radar_is_deterministic_and_rounded() -> None:
    first = charts.radar(LABELS, [charts.Series("now", VALUES)], "Scores")
    assert first == charts.radar(LABELS, [charts.Series("now", VALUES)], "Scores")
    numbers = re.findall(r' (?:points|cx|cy|x|y|x1|x2|y1|y2)="([^"]+)"', first)
    assert numbers
    for value in " ".join(numbers).replace(",", " ").split():
        assert re.fullmatch(r"-?\d+(\.\d)?", value), value


def test_charts_are_accessible_and_escape_text() -> None:
    for svg in (
        charts.radar(LABELS, [charts.Series("now", VALUES), charts.Series("<b>before</b>", VALUES)], "T & D"),
        charts.bars(LABELS, VALUES, "T & D", previous=VALUES, marks=[3.0, None, None, None]),
    ):
        assert svg.startswith("<svg") and svg.endswith("</svg>")
        assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
        assert "T &amp; D" in svg and "&lt;script&gt;" in svg
        assert "<script" not in svg and "<b>" not in svg and "href" not in svg
        assert "전략·리더십" in svg  # labels are real text, readable and selectable


def test_description_lists_every_value() -> None:
    svg = charts.bars(LABELS, VALUES, "T", na="없음")
    desc = re.search(r"<desc[^>]*>(.*)</desc>", svg)
    assert desc is not None
    assert "전략·리더십 2.0" in desc.group(1) and "n/a" in desc.group(1)
    assert ">없음</text>" in svg


def test_bar_width_follows_the_score() -> None:
    svg = charts.bars(["a", "b"], [5.0, 2.5], "T")
    widths = re.findall(r'<rect x="\d+" y="\d+" width="([\d.]+)" height="14" fill="#1d4ed8"', svg)
    assert [float(w) for w in widths] == [330.0, 165.0]


def test_text_bar() -> None:
    assert charts.text_bar(5.0, 10) == "█" * 10
    assert charts.text_bar(2.5, 10) == "█" * 5 + "░" * 5
    assert charts.text_bar(None, 4) == "····"
