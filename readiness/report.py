"""Rendering a Scorecard as a report: a format is a template plus an enum member (jinja2 lives here)."""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterable
from enum import StrEnum
from functools import cache
from typing import Any, assert_never

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from readiness import __version__, charts
from readiness.catalogue import ActionCatalogue, ProgrammeCatalogue
from readiness.errors import UsageError
from readiness.labels import labels
from readiness.loading import LoadedQuestionnaire, bundled_actions, bundled_programmes, find_questionnaire
from readiness.models import LANGS, Lang, Questionnaire
from readiness.reportbuild import build_report
from readiness.reportview import Report
from readiness.resources import bundled
from readiness.scoring import Scorecard


class ReportFormat(StrEnum):
    """Report formats; HTML and Markdown are templates, JSON is the report's data."""

    HTML = "html"
    MARKDOWN = "md"
    JSON = "json"

    @property
    def template(self) -> str:
        return f"report.{self.value}.j2"


@cache
def environment(fmt: ReportFormat) -> Environment:
    """The Jinja environment for one report format; autoescape is on for every template.

    `autoescape=True` rather than select_autoescape(), which only matches names ending in `.html`
    and would leave `report.html.j2` unescaped (yaml-and-speed.md §5).
    Markdown: HTML entities would read badly as plain text, so `finalize` escapes each value for
    Markdown instead (`\\<script\\>` is text to any CommonMark renderer, never HTML), flattens it
    to one line so it cannot break a table, and marks the result safe so it is not escaped again.
    """
    markdown = fmt is ReportFormat.MARKDOWN
    env = Environment(
        loader=FileSystemLoader(bundled("report_templates")),
        autoescape=True,
        finalize=_markdown_text if markdown else None,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["bar"] = charts.text_bar
    env.filters["num"] = _num
    env.filters["signed"] = _signed
    env.filters["url"] = _url_markdown if markdown else _url
    if markdown:
        env.filters["code"] = _code
        env.filters["join"] = _markdown_join  # the built-in join would HTML-escape the items
    return env


def render_report(
    card: Scorecard,
    fmt: str | ReportFormat,
    lang: str,
    today: dt.date | None = None,
    *,
    previous: Scorecard | None = None,
    target: int | None = None,
    peers: dict[str, Any] | None = None,
    questionnaire: Questionnaire | LoadedQuestionnaire | None = None,
    programmes: ProgrammeCatalogue | None = None,
    actions: ActionCatalogue | None = None,
) -> str:
    """The report on `card` as text; pure: same arguments, same bytes.

    `today` is the report date (default: the assessment date). `target` is a level rank for the
    roadmap (default: the next level). `peers` holds peer-group figures (see reportview.Peers).
    The questionnaire and catalogues default to the bundled ones the card names.
    """
    report_format = ReportFormat(fmt)
    if lang not in LANGS:
        raise UsageError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    language: Lang = "ko" if lang == "ko" else "en"
    if isinstance(questionnaire, LoadedQuestionnaire):
        q = questionnaire.questionnaire
    elif questionnaire is None:
        q = find_questionnaire(card.questionnaire.id, card.questionnaire.version).questionnaire
    else:
        q = questionnaire
    if actions is None:
        actions = bundled_actions(q.id)
    # The catalogue's level ranks refer to the ladder the bundled actions were written for.
    if programmes is None and actions is not None and actions.questionnaire == q.id:
        programmes = bundled_programmes()
    report = build_report(
        card,
        q,
        language,
        today,
        previous=previous,
        target=target,
        peers=peers,
        programmes=programmes,
        actions=actions,
    )
    match report_format:
        case ReportFormat.JSON:
            return report.model_dump_json(indent=2) + "\n"
        case ReportFormat.HTML | ReportFormat.MARKDOWN:
            template = environment(report_format).get_template(report_format.template)
            text = template.render(
                r=report,
                t=labels(language),
                charts=_charts(report) if report_format is ReportFormat.HTML else None,
                version=__version__,
            )
            # Optional sections leave runs of blank lines; one is all Markdown needs.
            return re.sub(r"\n{3,}", "\n\n", text) if report_format is ReportFormat.MARKDOWN else text
        case _:
            assert_never(report_format)


def _charts(report: Report) -> dict[str, Markup]:
    """The SVG charts, as markup: charts.py escapes every label itself."""
    t = labels(report.lang)
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


def _num(value: float | None, digits: int = 1) -> str:
    """A number with fixed decimals, or an en dash for none."""
    return "–" if value is None else f"{value:.{digits}f}"


def _signed(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "–"
    text = f"{value:+.{digits}f}"
    return "±0" if text.lstrip("+-").strip("0.") == "" else text


# Characters that could start markup (emphasis, links, raw HTML, code) or end a table cell.
_MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*[]<>|"})
# An underscore inside a word (`data.ai_production`) never starts emphasis on GitHub; others might.
_NEEDS_WORK = re.compile(r"[\\`*\[\]<>|_]|\s\s|[^\S ]|^\s|\s$")
_LOOSE_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")


def _markdown_text(value: object) -> Markup:
    """Every value printed into Markdown: one line, special characters backslash-escaped."""
    if isinstance(value, Markup):  # a macro's output or a filter's below: already safe
        return value
    text = str(value)
    if not _NEEDS_WORK.search(text):  # most values: plain words and numbers
        return Markup(text)
    text = " ".join(text.split()).translate(_MARKDOWN_SPECIAL)
    return Markup(_LOOSE_UNDERSCORE.sub(r"\\_", text))


def _markdown_join(values: Iterable[object], separator: str = "") -> str:
    """Plain text; the finalize step escapes it once."""
    return separator.join(str(v) for v in values)


def _url(value: str) -> str:
    """An http(s) URL, percent-encoded where it could break out of an attribute or an autolink."""
    if not value.lower().startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {value!r}")  # callers pass only checked links
    return urllib.parse.quote(value, safe="/:?&=#%+,;@!$'~.-_()*[]")


def _code(value: object) -> Markup:
    """A Markdown code span; backslash escapes do not work inside one, so none are added."""
    return Markup("`" + " ".join(str(value).split()).replace("`", "'") + "`")


def _url_markdown(value: str) -> Markup:
    """A URL for a Markdown autolink `<...>`, which takes no backslash escapes."""
    return Markup(_url(value))
