"""`readiness programmes`: the support-programme catalogue for consultants — list, show, and check
one answer file against every programme with its outcome and why."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from readiness.cli.app import Lang, ScoreFormat, app, handle_errors
from readiness.errors import UsageError
from readiness.words import Lang as LangCode
from readiness.words import word

programmes_app = typer.Typer(
    help="List, show and check the bundled support programmes.", no_args_is_help=True
)
app.add_typer(programmes_app, name="programmes")

StatusOption = Annotated[
    str | None,
    typer.Option("--status", help="Only this status: current, historical, discontinued, unverified."),
]
LangOption = Annotated[Lang, typer.Option(help="Language of the text output.")]


def _catalogue() -> Any:
    from readiness.files.catalogues import bundled_programmes

    catalogue = bundled_programmes()
    if catalogue is None:
        raise UsageError("no programme catalogue is bundled with this install")
    return catalogue


@programmes_app.command("list")
@handle_errors
def programmes_list(
    status: StatusOption = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f")] = ScoreFormat.text,
    lang: LangOption = Lang.ko,
) -> None:
    """List the programmes: id, status, year, what is known, name."""
    from readiness.domain.programme_labels import status_label

    catalogue = _catalogue()
    chosen = [p for p in catalogue.programmes if status is None or p.status == status]
    if status is not None and status not in {"current", "historical", "discontinued", "unverified"}:
        raise UsageError(f"unknown status {status!r}; choose current, historical, discontinued or unverified")
    if format is ScoreFormat.json:
        rows = [p.model_dump(mode="json", exclude={"to_check"}) for p in chosen]
        sys.stdout.write(json.dumps({"cycle": catalogue.cycle, "reviewed": catalogue.reviewed.isoformat(),
                                     "programmes": rows}, ensure_ascii=False, indent=2) + "\n")  # fmt: skip
        return
    for p in chosen:
        label = status_label(p, catalogue.cycle).text(lang.value)
        typer.echo(f"{p.id}\t{p.status}\t{p.year}\t{label}\t{p.name(lang.value)}")


@programmes_app.command("show")
@handle_errors
def programmes_show(
    programme_id: Annotated[str, typer.Argument(metavar="ID", help="Programme id.")],
    lang: LangOption = Lang.ko,
) -> None:
    """Show one programme with its sources, history and the unconfirmed claims to check."""
    from readiness.domain.programme_labels import labels, source_line

    catalogue = _catalogue()
    try:
        p = catalogue.programme(programme_id)
    except KeyError:
        raise UsageError(f"unknown programme {programme_id!r}; see 'readiness programmes list'") from None
    la: LangCode = "ko" if lang.value == "ko" else "en"

    def w(key: str) -> str:
        return word(key, la)

    lines = [
        f"{p.name(la)} ({p.id})",
        " · ".join(x.text(la) for x in labels(p, catalogue.cycle, dt.date.today())),
        f"{w('report.ministry')}: {p.ministry(la)}",
        f"{w('report.agency')}: {p.agency(la)}",
        f"{w('report.funds')}: {p.funds(la)}",
        f"{w('report.support')}: {p.support(la)}",
        f"{w('report.conditions')}: {p.conditions(la)}",
        f"{w('report.call_window')}: {p.window.note(la) if p.window.note else ''} "
        f"{p.window.opens or ''}~{p.window.closes or ''}",
        f"{w('report.sources')}:",
        *[
            f"  - {source_line(s)(la)} <{s.url}>" + ("" if s.read else f" [{w('cli.not_read')}]")
            for s in p.sources
        ],
    ]
    if p.status_note:
        lines.insert(2, p.status_note(la))
    if p.history:
        lines += [f"{w('report.history')}:", *[f"  - {h.year}: {h.text(la)} <{h.source}>" for h in p.history]]
    if p.to_check:
        lines += [f"{w('cli.to_check')}:", *[f"  - {c.claim(la)} <{c.source}>" for c in p.to_check]]
    typer.echo("\n".join(lines))


@programmes_app.command("check")
@handle_errors
def programmes_check(
    file: Annotated[Path, typer.Argument(help="Answer file (YAML).")],
    date: Annotated[str | None, typer.Option(help="Report date YYYY-MM-DD (default: today).")] = None,
    lang: LangOption = Lang.ko,
) -> None:
    """For one answer file, every programme: fits / near miss / excluded / not applicable, and why."""
    from readiness import api
    from readiness.domain.matching import Profile, match_programmes, sme_verdict
    from readiness.files.loading import bundled_sme_criteria, find_questionnaire

    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise UsageError(f"--date must be YYYY-MM-DD, not {date!r}") from None
    card = api.score_file(file)
    q = find_questionnaire(card.questionnaire.id, card.questionnaire.version).questionnaire
    catalogue, sme = _catalogue(), bundled_sme_criteria()
    profile = Profile.from_company(card.company, card.level.rank)
    la: LangCode = "ko" if lang.value == "ko" else "en"
    verdict = sme_verdict(sme, profile)
    if verdict is not None:
        typer.echo(verdict.reason(la))
    names = {lv.rank: lv.name for lv in q.levels}
    for m in match_programmes(catalogue, profile, names, day, sme):
        why = m.misses if not m.fits else m.reasons
        typer.echo(f"{word('cli.outcome_' + m.outcome, la)}\t{m.programme.id}\t{m.programme.name(la)}")
        for reason in why:
            typer.echo(f"    {reason(la)}")
