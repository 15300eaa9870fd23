"""dashboard.html: one self-contained page for a briefing (inline CSS and SVG; no script, no network).

The view is built here from `stats.Stats` (numbers only, small groups already suppressed) and
rendered with jinja2 from report_templates/dashboard.html.j2, autoescaped.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from readiness.resources import bundled
from readiness.stats import HIDDEN, HISTOGRAM_STEP, MIN_GROUP, SUPPRESSED, UNKNOWN, suppress_counts

if TYPE_CHECKING:
    import jinja2

    from readiness.batch import BatchResult
    from readiness.models import Lang, Questionnaire
    from readiness.stats import Stats

TEMPLATE = "dashboard.html.j2"
TOP = 10  # blockers and warnings listed

LABELS: dict[str, dict[str, str]] = {
    "title": {"ko": "스마트공장 수준 일괄 진단 결과", "en": "Smart-factory readiness: batch results"},
    "files": {"ko": "파일", "en": "Files"},
    "ok": {"ko": "채점됨", "en": "Scored"},
    "invalid": {"ko": "오류", "en": "Invalid"},
    "warned": {"ko": "확인 필요", "en": "With warnings"},
    "counted": {"ko": "통계에 포함된 기업", "en": "Firms in these statistics"},
    "duplicates": {"ko": "중복 제출(제외)", "en": "Resubmissions (not counted)"},
    "others": {"ko": "다른 설문 파일(제외)", "en": "Files for other questionnaires (not counted)"},
    "levels": {"ko": "수준별 기업 수", "en": "Firms per level"},
    "level": {"ko": "수준", "en": "Level"},
    "national": {"ko": "국가 수준 체계", "en": "National scheme"},
    "points": {"ko": "점수 분포 (1000점 만점)", "en": "Points (out of 1000)"},
    "dimensions": {
        "ko": "영역별 점수 (0-5): 평균과 사분위",
        "en": "Dimension scores (0-5): mean and quartiles",
    },
    "mean": {"ko": "평균", "en": "Mean"},
    "median": {"ko": "중앙값", "en": "Median"},
    "n": {"ko": "기업 수", "en": "Firms"},
    "sector": {"ko": "업종별 (KSIC)", "en": "By sector (KSIC)"},
    "region": {"ko": "지역별", "en": "By region"},
    "size_band": {"ko": "종업원 규모별", "en": "By number of employees"},
    "group": {"ko": "구분", "en": "Group"},
    "blockers": {"ko": "다음 수준을 막는 가장 흔한 요인", "en": "Most common blockers to the next level"},
    "warnings": {"ko": "가장 흔한 응답 일관성 경고", "en": "Most common plausibility warnings"},
    "none": {"ko": "없음", "en": "None"},
    "unknown": {"ko": "미기재", "en": "Not given"},
    "too_few": {
        "ko": f"통계에 포함된 기업이 {MIN_GROUP}곳 미만이라 수치를 표시하지 않습니다.",
        "en": f"Fewer than {MIN_GROUP} firms: no statistics are shown.",
    },
    "suppression": {
        "ko": f"{MIN_GROUP}곳 미만인 집단은 \u201c{SUPPRESSED}\u201d로 표시하고 수치를 숨깁니다. "
        f"\u201c{HIDDEN}\u201d는 작은 집단을 합계에서 역산할 수 없도록 함께 숨긴 집단입니다. "
        "같은 사업자등록번호의 중복 제출은 정렬 순서상 첫 파일만 셉니다.",
        "en": f"Groups of fewer than {MIN_GROUP} firms are shown as \u201c{SUPPRESSED}\u201d without figures; "
        f"\u201c{HIDDEN}\u201d marks a group hidden as well so that small groups cannot be worked out "
        "from the totals. A business number submitted twice counts once (the first file in sorted order).",
    },
}


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    # autoescape=True, not select_autoescape(["html"]): that does not match "*.html.j2" names
    # and would let a company or region name through as live HTML (shared/yaml-and-speed.md, 5)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(bundled("report_templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _num(value: float | None, digits: int = 2) -> str:
    return "" if value is None else f"{value:.{digits}f}"


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
    t = {key: text[lang] for key, text in LABELS.items()}
    enough = stats.n >= MIN_GROUP
    levels = suppress_counts({str(lv.rank): stats.levels.get(lv.rank, 0) for lv in q.levels})
    histogram = suppress_counts(
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
            label = t["unknown"] if entry["group"] == UNKNOWN else entry["group"]
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
    blockers = suppress_counts(dict(sorted(stats.blockers.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP]))
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
            (t["warned"], result.warned),
            (t["counted"], stats.n),
            (t["duplicates"], sum(len(files) - 1 for files in result.duplicates.values())),
            *([(t["others"], other_questionnaires)] if other_questionnaires else []),
        ],
        "levels": [
            {**bar, "rank": lv.rank, "name": lv.name(lang), "national": lv.national(lang)}
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
        "breakdowns": [(t[name], breakdown(name)) for name in ("sector", "region", "size_band")],
        "blockers": _bars(list(blockers.items()), 200) if enough else [],
        "warnings": [
            {**bar, "message": rules.get(bar["label"], bar["label"])}
            for bar in _bars(list(warnings.items()), 200)
        ]
        if enough
        else [],
    }


def render(
    stats: Stats, q: Questionnaire, result: BatchResult, lang: Lang, other_questionnaires: int = 0
) -> str:
    """The dashboard page as HTML text."""
    return _environment().get_template(TEMPLATE).render(view(stats, q, result, lang, other_questionnaires))
