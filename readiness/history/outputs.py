"""The trend in every format: text for the terminal, JSON, CSV, an Excel sheet, and trend.html.

All of them are drawn from the one published view (`trend.view`): suppressed cells stay
suppressed whatever the format, and no format holds a name, business number or file path.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from readiness.batch.stats import HIDDEN, MIN_GROUP, SUPPRESSED
from readiness.report.templates import render_page
from readiness.words import Lang, section, word

TEMPLATE = "trend.html.j2"


def _t(lang: Lang) -> dict[str, str]:
    return {
        k: v.format(min_group=MIN_GROUP, suppressed=SUPPRESSED, hidden=HIDDEN) if "{min_group}" in v else v
        for k, v in section("trend", lang).items()
    }


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:+.2f}" if abs(value) < 100 else f"{value:+.1f}"
    return str(value)


def version_lines(view: dict[str, Any], lang: Lang) -> list[str]:
    """One sentence per questionnaire version change among the firms."""
    return [
        word(
            "trend.version_line",
            lang,
            old=v["from"],
            new=v["to"],
            firms=v["firms"],
            dimensions=", ".join(v["not_compared"]) or "-",
        )
        for v in view["versions"]
    ]


def rows(view: dict[str, Any], lang: Lang) -> Iterator[list[str]]:
    """The view as (section, item, measure, value) rows: the CSV and the workbook."""
    t = _t(lang)
    yield ["section", "item", "measure", "value"]
    yield ["period", "", "from", view["period"]["from"] or ""]
    yield ["period", "", "to", view["period"]["to"] or ""]
    yield ["firms", "", "n", _cell(view["firms"])]
    if view["movement"] is None:
        return
    for key in ("up", "same", "down"):
        yield ["movement", t[key], "n", _cell(view["movement"][key])]
    for step, n in view["steps"].items():
        yield ["levels_moved", step, "n", _cell(n)]
    for key in ("levels", "points", "years"):
        yield ["change", t[key], "mean", _cell(view["points"][key])]
    for d in view["dimensions"]:
        yield ["dimension", d["id"], "n", _cell(d["n"])]
        yield ["dimension", d["id"], "mean_change", _cell(d["change"])]
    for line in version_lines(view, lang):
        yield ["version_change", "", "note", line]
    yield from _group_rows(view)
    for p in view["programmes"]:
        for key in ("participants", "others", "already"):
            yield ["programme", p["programme"], key, _cell(p[key])]
        for side in ("participants", "others"):
            for key, value in (p[f"{side}_change"] or {}).items():
                yield ["programme", p["programme"], f"{side}_{key}", _cell(value)]
        for key, value in (p["difference"] or {}).items():
            yield ["programme", p["programme"], f"difference_{key}", _cell(value)]


def _group_rows(view: dict[str, Any]) -> Iterator[list[str]]:
    """The --by rows: each group's size, movement and mean changes, overall and per dimension."""
    for g in view["groups"]:
        for key in ("n", "up", "same", "down", "levels", "points"):
            if key in g:
                yield [f"by_{view['by']}", g["group"], key, _cell(g[key])]
        for d in g.get("dimensions", []):
            yield [f"by_{view['by']}", g["group"], f"dimension_{d['id']}", _cell(d["change"])]


def csv_bytes(view: dict[str, Any], lang: Lang) -> bytes:
    """The trend as CSV (UTF-8 with a BOM, for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows(view, lang):
        writer.writerow([("'" + c) if c[:1] in ("=", "@", "\t", "\r") else c for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(view: dict[str, Any], lang: Lang) -> bytes:
    """The trend as one sheet of an Excel workbook."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = book.add_worksheet("trend")
    bold = book.add_format({"bold": True})
    for r, row in enumerate(rows(view, lang)):
        for c, value in enumerate(row):
            sheet.write_string(r, c, value, bold if r == 0 else None)
    sheet.set_column(0, 1, 22)
    sheet.set_column(2, 2, 18)
    sheet.set_column(3, 3, 14)
    sheet.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def json_text(view: dict[str, Any]) -> str:
    """The published view as JSON."""
    return json.dumps(view, ensure_ascii=False, indent=1) + "\n"


def text(view: dict[str, Any], lang: Lang) -> str:
    """The trend for the terminal."""
    t = _t(lang)
    period = f"{view['period']['from'] or '…'} – {view['period']['to'] or '…'}"
    lines = [t["title"], f"{t['period']}: {period}", f"{t['firms']}: {view['firms']}"]
    if view["movement"] is None:
        return "\n".join([*lines, t["too_few"]]) + "\n"
    m = view["movement"]
    lines.append(f"{t['up']} {m['up']} · {t['same']} {m['same']} · {t['down']} {m['down']}")
    lines.append(f"{t['steps']}: " + ", ".join(f"{k} {v}" for k, v in view["steps"].items() if v != 0))
    p = view["points"]
    lines.append(
        f"{t['levels']} {_cell(p['levels'])} · {t['points']} {_cell(p['points'])} · {t['years']} {_cell(p['years']).lstrip('+')}"
    )
    lines += ["", t["dimensions"]]
    lines += [f"  {d['name']:<24} {_cell(d['change']):>7}  ({t['n']} {d['n']})" for d in view["dimensions"]]
    lines += version_lines(view, lang)
    if view["groups"]:
        lines += ["", t.get(view["by"], t["groups"])]
        for g in view["groups"]:
            extra = (
                f"  {t['levels']} {_cell(g.get('levels'))}  {t['points']} {_cell(g.get('points'))}"
                if "levels" in g
                else ""
            )
            n = f"{t['n']} {g['n']}  " if "n" in g else ""
            lines.append(
                f"  {g['group']}: {n}{t['up']} {g['up']} · {t['same']} {g['same']} · {t['down']} {g['down']}{extra}"
            )
            if g.get("dimensions"):
                changes = " · ".join(f"{d['name']} {_cell(d['change'])}" for d in g["dimensions"])
                lines.append(f"    {t['dimensions']}: {changes}")
    for prog in view["programmes"]:
        lines += ["", f"{t['programme']} {prog['programme']}"]
        for side in ("participants", "others"):
            change = prog[f"{side}_change"] or {}
            figures = "  ".join(f"{t[k]} {_cell(v)}" for k, v in change.items())
            lines.append(f"  {t[side]}: {t['n']} {prog[side]}  {figures}")
        lines.append(f"  {t['already']}: {prog['already']}")
        if prog["difference"]:
            d = prog["difference"]
            lines.append(
                f"  {t['difference']}: {t['levels']} {_cell(d['levels'])}  {t['points']} {_cell(d['points'])}"
            )
    lines += ["", t["suppression"]]
    return "\n".join(lines) + "\n"


def html(view: dict[str, Any], lang: Lang) -> str:
    """trend.html: one self-contained page (inline CSS, no script, no network)."""
    return render_page(
        TEMPLATE, lang=lang, t=_t(lang), v=view, versions=version_lines(view, lang), cell=_cell
    )
