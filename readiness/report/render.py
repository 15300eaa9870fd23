"""Rendering a report: one renderer per format, each returning bytes; pure (same input, same bytes)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, assert_never

from markupsafe import Markup

from readiness import __version__
from readiness.domain.actions import ActionCatalogue
from readiness.domain.programmes import ProgrammeCatalogue
from readiness.domain.questionnaire import Questionnaire
from readiness.domain.results import Scorecard
from readiness.domain.sectors import SectorTable
from readiness.domain.sme import SmeCriteria
from readiness.errors import UsageError
from readiness.report import charts
from readiness.report.build import build_report
from readiness.report.formats import ReportFormat
from readiness.report.templates import render_page
from readiness.report.view import Report
from readiness.words import LANGS, Lang, section

Renderer = Callable[[Report], bytes]


def render_report(
    card: Scorecard,
    fmt: str | ReportFormat,
    lang: str,
    today: dt.date | None = None,
    *,
    questionnaire: Questionnaire,
    previous: Scorecard | None = None,
    target: int | None = None,
    peers: dict[str, Any] | None = None,
    programmes: ProgrammeCatalogue | None = None,
    actions: ActionCatalogue | None = None,
    sme_criteria: SmeCriteria | None = None,
    sectors: SectorTable | None = None,
    newer: str | None = None,
) -> bytes:
    """The report on `card` in format `fmt`; pure: it reads no files, same arguments give same bytes.

    `today` is the report date (default: the assessment date). `target` is a level rank for the
    roadmap (default: the next level). `peers` holds peer-group figures (see view.Peers). Without
    `actions` there is no roadmap; without `programmes`, no programme section; without
    `sme_criteria`, SME status is left for the firm to check; without `sectors`, sectors show as codes.
    """
    report_format = ReportFormat(fmt)
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    language: Lang = "ko" if lang == "ko" else "en"
    report = build_report(
        card,
        questionnaire,
        language,
        today,
        previous=previous,
        target=target,
        peers=peers,
        programmes=programmes,
        actions=actions,
        sme_criteria=sme_criteria,
        sectors=sectors,
        newer=newer,
    )
    return renderer(report_format)(report)


def renderer(fmt: ReportFormat) -> Renderer:
    """The renderer of `fmt` (exhaustive: a new format without a renderer fails type checks and tests)."""
    match fmt:
        case ReportFormat.HTML:
            return render_html
        case ReportFormat.MARKDOWN:
            return render_markdown
        case ReportFormat.JSON:
            return render_json
        case ReportFormat.PDF:
            return render_pdf
        case _:
            assert_never(fmt)


def render_json(report: Report) -> bytes:
    """The report's facts as JSON."""
    return (report.model_dump_json(indent=2) + "\n").encode()


def render_html(report: Report) -> bytes:
    """One self-contained HTML page (inline CSS and SVG)."""
    return render_page("report.html.j2", **html_context(report)).encode()


def html_context(report: Report) -> dict[str, Any]:
    """What the HTML template is given: the report, its words, its charts and the tool version
    (benchmarks/report_stages.py times this and the template separately)."""
    return {
        "r": report,
        "t": section("report", report.lang),
        "charts": _charts(report),
        "version": __version__,
    }


def render_pdf(report: Report) -> bytes:
    """The HTML report as an A4 PDF (WeasyPrint, imported only here and only now)."""
    from readiness.report.pdf import html_to_pdf

    return html_to_pdf(render_html(report))


def render_markdown(report: Report) -> bytes:
    """GitHub-flavoured Markdown with text-bar charts."""
    text = render_page(
        "report.md.j2",
        "markdown",
        r=report,
        t=section("report", report.lang),
        charts=None,
        version=__version__,
    )
    # Optional sections leave runs of blank lines; one is all Markdown needs.
    return re.sub(r"\n{3,}", "\n\n", text).encode()


def _charts(report: Report) -> dict[str, Markup]:
    """The SVG charts, as markup: charts.py escapes every label itself."""
    t = section("report", report.lang)
    names = [d.name for d in report.dimensions]
    series = [charts.Series(t["current"], [d.score for d in report.dimensions])]
    if report.progress is not None:
        series.append(charts.Series(t["previous"], [d.previous for d in report.dimensions]))
    if report.peers is not None and report.peers.dimensions:
        series.append(charts.Series(t["peer_median"], [d.peer for d in report.dimensions]))
    has_previous = report.progress is not None
    return {
        "radar": Markup(charts.radar(names, series, t["radar_title"])),
        "bars": Markup(
            charts.bars(
                names,
                [d.score for d in report.dimensions],
                t["bars_title"],
                previous=[d.previous for d in report.dimensions] if has_previous else None,
                marks=[d.required for d in report.dimensions],
                na=t["na"],
            )
        ),
    }
