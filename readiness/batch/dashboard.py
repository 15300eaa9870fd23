"""dashboard.html: one self-contained page for a briefing (inline CSS and SVG; no script, no network).

The view is built here from `stats.Stats` (numbers only, small groups already suppressed) and
rendered with the report's Jinja environment from report_templates/dashboard.html.j2, autoescaped.
"""

from __future__ import annotations

import contextlib
from typing import Any

from readiness.batch.rows import BatchResult
from readiness.batch.stats import (
    HIDDEN,
    HISTOGRAM_STEP,
    MIN_GROUP,
    OTHER,
    SUPPRESSED,
    UNKNOWN,
    Stats,
    publish_counts,
    suppress_counts,
)
from readiness.domain import normalise
from readiness.domain.questionnaire import Questionnaire
from readiness.files.loading import bundled_sectors
from readiness.report.templates import render_page
from readiness.words import Lang, section, word

TEMPLATE = "dashboard.html.j2"
TOP = 10  # blockers and warnings listed


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def blocker_words(key: str, q: Questionnaire, lang: Lang) -> str:
    """A counted blocker (`L2 quality.spc ≥ 3 or equipment ≥ 2`) in words for the briefing page.

    The keys keep ids so that counts add up across languages; people read short titles and names.
    """
    questions = {x.id: x for x in q.questions}
    dims = {d.id: d for d in q.dimensions}

    def name(subject: str) -> str:
        if subject in questions:
            return questions[subject].title(lang)
        return dims[subject].name(lang) if subject in dims else subject

    level, _, rest = key.partition(" ")
    parts = []
    for part in rest.split(" or "):
        subject, sep, need = part.partition(" ≥ ")
        parts.append(f"{name(subject)}{sep}{need}")
    return f"{level} " + word("report.or", lang).join(parts)


def _bars(items: list[tuple[str, int | str]], width: float) -> list[dict[str, Any]]:
    """Horizontal bar lengths (as fixed-precision text, for byte-identical output)."""
    top = max((n for _, n in items if isinstance(n, int)), default=0) or 1
    return [
        {"label": label, "count": n, "length": f"{(n / top * width) if isinstance(n, int) else 0:.1f}"}
        for label, n in items
    ]


def view(
    stats: Stats, q: Questionnaire, result: BatchResult, lang: Lang, other_questionnaires: int = 0
) -> dict[str, Any]:
    """Everything the template shows, as plain values."""
    t = {
        key: text.format(min_group=MIN_GROUP, suppressed=SUPPRESSED, hidden=HIDDEN)
        for key, text in section("dashboard", lang).items()
    }
    enough = stats.n >= MIN_GROUP
    levels = publish_counts({str(lv.rank): stats.levels.get(lv.rank, 0) for lv in q.levels})
    histogram = publish_counts(
        {
            f"{lo * HISTOGRAM_STEP}–{lo * HISTOGRAM_STEP + HISTOGRAM_STEP - 1 if lo < 9 else 1000}": stats.histogram.get(
                lo, 0
            )
            for lo in range(1000 // HISTOGRAM_STEP)
        }
    )
    hist_top = max((n for n in histogram.values() if isinstance(n, int)), default=0) or 1
    overall = stats.overall.summary() if enough else None
    dimensions = []
    for dim in q.dimensions:
        d = overall["dimensions"].get(dim.id) if overall else None
        entry: dict[str, Any] = {"id": dim.id, "name": dim.name(lang), "n": d["n"] if d else 0}
        if d and d["n"] >= MIN_GROUP:
            entry.update(
                mean=_num(d["mean"]),
                p25=_num(d["p25"]),
                p50=_num(d["p50"]),
                p75=_num(d["p75"]),
                # a 0-5 axis 300 px wide, 5 px in from the left
                x25=_num(5 + d["p25"] * 60, 1),
                x50=_num(5 + d["p50"] * 60, 1),
                xmean=_num(5 + d["mean"] * 60, 1),
                w=_num((d["p75"] - d["p25"]) * 60, 1),
            )
        else:
            entry["n"] = SUPPRESSED if d and d["n"] else 0
        dimensions.append(entry)

    def breakdown(name: str) -> list[dict[str, Any]]:
        rows = []
        for entry in stats.breakdown(name):
            label = group_label(name, entry["group"], lang)
            if isinstance(entry["n"], str):
                rows.append({"group": label, "n": entry["n"], "shown": False})
            else:
                p = entry["points"]
                rows.append(
                    {
                        "group": label,
                        "n": entry["n"],
                        "shown": True,
                        "mean": _num(p["mean"], 0),
                        "p25": _num(p["p25"], 0),
                        "p50": _num(p["p50"], 0),
                        "p75": _num(p["p75"], 0),
                    }
                )
        return rows if enough else []

    rules = {rule.id: rule.message(lang) for rule in q.plausibility}
    counted = suppress_counts(dict(sorted(stats.blockers.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]))
    blockers = {blocker_words(key, q, lang): n for key, n in counted.items()}
    warnings = suppress_counts(dict(sorted(stats.warnings.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]))
    return {
        "lang": lang,
        "t": t,
        "questionnaire": {"title": q.title(lang), "id": q.id, "version": q.version},
        "disclaimer": q.disclaimer(lang),
        "enough": enough,
        "totals": [
            (t["files"], result.files),
            (t["ok"], result.ok),
            (t["invalid"], result.invalid),
            *([(t["skipped"], result.skipped)] if result.skipped else []),
            (t["warned"], result.warned),
            (t["counted"], stats.n),
            (t["duplicates"], sum(len(files) - 1 for files in result.duplicates.values())),
            *([(t["others"], other_questionnaires)] if other_questionnaires else []),
        ],
        "levels": [
            {
                **bar,
                "rank": lv.rank,
                "name": lv.name(lang),
                "national": lv.national(lang),
                "percent": percent(bar["count"], stats.n),
            }
            for lv, bar in zip(q.levels, _bars(list(levels.items()), 300), strict=True)
        ]
        if enough
        else [],
        "histogram": [
            {
                "label": label,
                "count": n,
                "x": f"{k * 56 + 40}",
                "h": f"{(n / hist_top * 150) if isinstance(n, int) else 0:.1f}",
                "y": f"{170 - ((n / hist_top * 150) if isinstance(n, int) else 0):.1f}",
            }
            for k, (label, n) in enumerate(histogram.items())
        ]
        if enough
        else [],
        "points": {k: _num(v, 0) for k, v in overall["points"].items() if k != "n"} if overall else {},
        "dimensions": dimensions if enough else [],
        "breakdowns": [(t[name], breakdown(name)) for name in BREAKDOWN_TABLES],
        "run_date": result.run_date or "",
        "dates": result.dates,
        "blockers": _bars(list(blockers.items()), 200) if enough else [],
        "warnings": [
            {**bar, "message": rules.get(bar["label"], bar["label"])}
            for bar in _bars(list(warnings.items()), 200)
        ]
        if enough
        else [],
    }


BREAKDOWN_TABLES = ("sector", "region", "size_band", "sme_class", "source")


def group_label(breakdown: str, key: str, lang: Lang) -> str:
    """A group's name for people: 시도 and KSIC sectors in the report's language, SME classes and folders in words."""
    if key in (UNKNOWN, OTHER):
        return word("dashboard.unknown" if key == UNKNOWN else "dashboard.other", lang)
    if breakdown == "region":
        with contextlib.suppress(KeyError):
            province = normalise.province_by_short(key)
            return province.short if lang == "ko" else province.en
    if breakdown == "sector":
        sectors = bundled_sectors()
        return sectors.label(key, lang) if sectors is not None else key
    if breakdown == "sme_class":
        return word(f"dashboard.sme_{key}", lang)
    if breakdown == "source" and key == "":
        return word("dashboard.top_folder", lang)
    return key


def percent(n: int | str, total: int) -> str:
    """`n` as a share of `total` ("34%"), or nothing for a hidden cell."""
    return f"{round(100 * n / total)}%" if isinstance(n, int) and total else ""


def render(
    stats: Stats, q: Questionnaire, result: BatchResult, lang: Lang, other_questionnaires: int = 0
) -> str:
    """The dashboard page as HTML text."""
    return render_page(TEMPLATE, **view(stats, q, result, lang, other_questionnaires))
