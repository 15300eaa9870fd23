"""`readiness history`: import scored files into the history store, show a firm, the trend (CLI layer)."""

from __future__ import annotations

from typing import Annotated

import typer

from readiness.cli.app import QuestionnaireOption, _questionnaire, app, handle_errors
from readiness.errors import EXIT_BATCH_INVALID, EXIT_OK, printable

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
