"""`readiness history`: import scored files into the history store, show a firm, the trend (CLI layer)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from readiness.cli.app import Lang, QuestionnaireOption, _questionnaire, app, handle_errors
from readiness.errors import EXIT_BATCH_INVALID, EXIT_OK, UsageError, printable
from readiness.words import Lang as Language
from readiness.words import word

history_app = typer.Typer(
    help="Keep every assessment across years in a history store; show a firm; the trend of many.",
    no_args_is_help=True,
)
app.add_typer(history_app, name="history")

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        help="The history store: a SQLite file (created owner-only) or postgresql://USER@HOST/DB.",
    ),
]
WaitOption = Annotated[
    float,
    typer.Option("--wait", min=0, help="Seconds to wait while another import holds the store."),
]
SHOWN = 20  # replaced/kept/not-recorded lines printed before "... and N more"


def print_import(result: object, console: object | None = None) -> None:
    """What an import did, on standard error: replacements, files not recorded, then the totals."""
    from readiness.cli.console import err
    from readiness.history.store import ImportResult

    assert isinstance(result, ImportResult)
    out = err()
    for label, items in (
        ("replaced (a newer file for the same firm and date)", result.replaced),
        ("kept the stored file (it is newer than the one given)", result.kept),
    ):
        for r in items[:SHOWN]:
            out.print(
                printable(f"{label}: {r.business_number} {r.date}: {r.stored_path} -> {r.new_path}"),
                markup=False,
                soft_wrap=True,
            )
        if len(items) > SHOWN:
            out.print(f"... and {len(items) - SHOWN} more", markup=False, soft_wrap=True)
    for path, reason in result.not_recorded[:SHOWN]:
        out.print(printable(f"not recorded: {path}: {reason}"), markup=False, soft_wrap=True)
    if len(result.not_recorded) > SHOWN:
        out.print(f"... and {len(result.not_recorded) - SHOWN} more not recorded", markup=False)
    out.print(
        f"history: {result.added} added, {len(result.replaced)} replaced, {result.unchanged} already stored,"
        f" {len(result.kept)} older than stored, {len(result.not_recorded)} not recorded,"
        f" {result.invalid} invalid (import run {result.run_id})",
        markup=False,
        soft_wrap=True,
    )


@history_app.command("import")
@handle_errors
def import_(
    paths: Annotated[
        list[str], typer.Argument(help="Folders (searched for *.yaml, *.yml, *.xlsx), files or globs.")
    ],
    db: DbOption,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")
    ] = None,
    wait: WaitOption = 30.0,
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Score answer files and record every valid assessment in the history store, in one transaction.

    A file already stored adds nothing; a newer file for the same firm and date replaces the
    stored one (and says so). Exit 0 when every file is recorded or already stored, 4 when some
    are invalid or could not be recorded, 5 when the store is locked, read-only or unreachable.
    """
    from readiness.cli.console import print_problems
    from readiness.cli.progress import BatchProgress
    from readiness.history.importer import import_files

    loaded = _questionnaire(questionnaire)
    with BatchProgress() as progress:
        done = import_files(
            paths,
            db,
            jobs=jobs,
            questionnaire=str(loaded.path) if loaded else None,
            wait=wait,
            progress=progress,
        )
    from readiness.cli.console import err

    print_problems(done.problems)
    for path, reason in done.skipped:
        err().print(printable(f"skipped: {path}: {reason}"), markup=False, soft_wrap=True)
    print_import(done.result)
    raise typer.Exit(EXIT_OK if done.complete else EXIT_BATCH_INVALID)


class ShowFormat(StrEnum):
    """The `history show --format` choices."""

    text = "text"
    json = "json"


class TrendFormat(StrEnum):
    """The `history trend --format` choices."""

    text = "text"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class By(StrEnum):
    """The `history trend --by` choices."""

    sector = "sector"
    region = "region"
    size = "size"
    programme = "programme"
    source = "source"


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} takes a date as YYYY-MM-DD") from None


@history_app.command("show")
@handle_errors
def show_(
    business_number: Annotated[str, typer.Argument(help="The firm's business number, 123-45-67890.")],
    db: DbOption,
    lang: Annotated[Lang, typer.Option(help="Language of level and dimension names.")] = Lang.ko,
    fmt: Annotated[ShowFormat, typer.Option("--format", help="text or json.")] = ShowFormat.text,
) -> None:
    """One firm's assessments over time: level and points per date, dimension changes, blockers cleared.

    The output holds the firm's name and business number: keep it out of published material.
    Exit 4 when the store has no assessment of that number, 5 when the store cannot be read
    (missing, unreachable, not a readiness store, or of a newer schema).
    """
    from readiness.cli.console import err, out, shown, write_json
    from readiness.history.queries import firm

    view = firm(db, business_number, lang.value)
    if view is None:
        err().print(word("show.none", lang.value), markup=False)
        raise typer.Exit(EXIT_BATCH_INVALID)
    if fmt is ShowFormat.json:
        write_json(json.dumps(view, ensure_ascii=False, indent=1) + "\n")
        return
    console = out()
    w: Language = lang.value
    console.print(
        f"{word('show.title', w)}: {shown(view['assessments'][-1]['company'])} ({view['business_number']})"
    )
    from rich.table import Table  # here, not at the top: every command's start-up paid for it

    table = Table(box=None, pad_edge=False)
    for key in ("show.date", "show.version", "show.mode", "show.level", "show.points"):
        table.add_column(word(key, w), justify="right" if key == "show.points" else "left")
    for a in view["assessments"]:
        level = a["level"]
        table.add_row(
            a["date"],
            shown(a["questionnaire"]),
            a["mode"],
            f"L{level['rank']} {shown(level['name'])}",
            str(a["points"]),
        )
    console.print(table)
    for step in view["changes"]:
        console.print()
        console.print(
            f"{word('show.changes', w, old=step['from'], new=step['to'])}: "
            f"{word('show.level', w)} {step['levels']:+d}, {word('show.points', w)} {step['points']:+d}"
        )
        for d in step["dimensions"]:
            if d["change"]:
                console.print(
                    f"  {shown(d['name'])}: {d['before']:.2f} → {d['after']:.2f} ({d['change']:+.2f})"
                )
        if step["version_change"]:
            v = step["version_change"]
            names = ", ".join(v["not_compared"]) or "-"
            console.print(
                "  " + shown(word("show.version_changed", w, old=v["from"], new=v["to"], dimensions=names))
            )
        for key, items in (("show.cleared", step["blockers_cleared"]), ("show.new", step["blockers_new"])):
            if items:
                console.print(f"  {word(key, w)}: " + shown("; ".join(items)))
    err().print(word("show.private", w), markup=False)


@history_app.command("trend")
@handle_errors
def trend_(
    db: DbOption,
    start: Annotated[
        str | None, typer.Option("--from", help="First assessment date counted (YYYY-MM-DD).")
    ] = None,
    end: Annotated[
        str | None, typer.Option("--to", help="Last assessment date counted (YYYY-MM-DD).")
    ] = None,
    by: Annotated[By | None, typer.Option(help="Break the trend down by group.")] = None,
    fmt: Annotated[
        TrendFormat | None,
        typer.Option(
            "--format", help="text, json, csv or xlsx (default: the -o file's extension, else text)."
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write to this file (.html: the trend dashboard); default: stdout."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing output file.")] = False,
    lang: Annotated[Lang, typer.Option(help="Language of the output.")] = Lang.ko,
) -> None:
    """For firms assessed at least twice in the period: how many moved up, stayed, moved down, by how
    many levels, the mean change per dimension; with --by programme, participants before and after
    against non-participants. Groups of fewer than 5 firms are suppressed as on the batch dashboard.
    Exit 2 for usage errors, 5 when the store cannot be read (missing, unreachable, not a
    readiness store, or of a newer schema). A store you may only read can be read.
    """
    from readiness.cli.console import out, write_json
    from readiness.files.output import check_target, is_stream, save_atomic
    from readiness.history import outputs
    from readiness.history.queries import trend_view

    if output is not None and not is_stream(output):
        from readiness.history.engine import keep_private

        keep_private(db, output, folder=False)
        check_target(output, force=force)
    html = output is not None and output.suffix.lower() in (".html", ".htm")
    if html and fmt is not None:
        raise UsageError("-o FILE.html writes the trend dashboard; leave out --format")
    if fmt is None:  # -o trend.csv writes CSV, not text
        suffix = output.suffix.lower().lstrip(".") if output is not None else ""
        fmt = TrendFormat(suffix) if suffix in ("json", "csv", "xlsx") else TrendFormat.text
    if fmt is TrendFormat.xlsx and output is None:  # said before the store is read, not after
        raise UsageError("--format xlsx needs -o FILE.xlsx")
    view = trend_view(db, _date(start, "--from"), _date(end, "--to"), by.value if by else None, lang.value)
    if html:
        data = outputs.html(view, lang.value).encode()
    elif fmt is TrendFormat.json:
        data = outputs.json_text(view).encode()
    elif fmt is TrendFormat.csv:
        data = outputs.csv_bytes(view, lang.value)
    elif fmt is TrendFormat.xlsx:
        data = outputs.xlsx_bytes(view, lang.value)
    else:
        data = outputs.text(view, lang.value).encode()
    if output is None or is_stream(output):
        if fmt is TrendFormat.json:
            write_json(data.decode())
        elif fmt is TrendFormat.text:
            out().print(data.decode().rstrip("\n"), markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stdout.buffer.write(data)
        return
    save_atomic(output, data)
    from readiness.cli.console import err

    err().print(printable(f"wrote {output}"), markup=False, soft_wrap=True)
