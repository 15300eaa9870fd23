"""Commands that run the interview and batch scoring: assess and batch (CLI layer)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from readiness.cli.app import Lang, QuestionnaireOption, _questionnaire, app, handle_errors
from readiness.report.formats import BatchReportFormat


class Mode(StrEnum):
    """The `readiness assess --mode` choices: the firm's self-assessment or a consultant's audit."""

    self = "self"
    audit = "audit"


@app.command()
@handle_errors
def assess(
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Answer file to write (default: readiness-answers.yaml)."),
    ] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language (default: ko, or the resumed file's).")] = None,
    mode: Annotated[
        Mode | None, typer.Option(help="self: one value per question; audit: claimed and verified.")
    ] = None,
    questionnaire: Annotated[
        str | None,
        typer.Option(
            "--questionnaire",
            "-q",
            help="Questionnaire id (id@version) or YAML file (default: kr-smart-factory).",
        ),
    ] = None,
    resume: Annotated[
        Path | None, typer.Option(help="Continue this answer file at its first unanswered question.")
    ] = None,
    force: Annotated[bool, typer.Option(help="Start over even if the output file exists.")] = False,
) -> None:
    """Answer the questionnaire in the terminal; the file is saved after every answer.

    Keys at each question: 0-5 answer, b back, s skip, n not applicable, ? help, m note, q save
    and quit. Ctrl-C keeps everything answered. Standard input that is not a terminal is read as
    one reply per line; at its end the answers are saved and the exit code is 1.
    """
    from readiness.cli import session as prompts

    session = prompts.open_session(
        output,
        resume,
        force,
        _questionnaire(questionnaire),
        mode.value if mode else None,
        lang.value if lang else None,
    )
    raise typer.Exit(prompts.run(session))


@app.command()
@handle_errors
def batch(
    paths: Annotated[
        list[str], typer.Argument(help="Folders (searched for *.yaml, *.yml, *.xlsx), files or globs.")
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the outputs.")] = Path(
        "readiness-batch"
    ),
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")
    ] = None,
    reports: Annotated[
        BatchReportFormat | None,
        typer.Option(help="Also write one report per valid file, in OUTDIR/reports."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            help="Language of level names and the dashboard (ko), and of reports (default: each file's)."
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option(help="Count a file with any warning, or a repeated business number, as invalid.")
    ] = False,
    questionnaire: QuestionnaireOption = None,
    history: Annotated[
        str | None,
        typer.Option(
            "--history",
            help="Also record every valid assessment in this history store (SQLite file or postgresql://).",
        ),
    ] = None,
) -> None:
    """Score a folder of answer files: summary.csv/.xlsx/.json, errors.csv, dashboard.html, peers.json.

    Exit 0 when every file scored, 4 when some files are invalid, 2 for usage errors, 5 when the
    --history store is locked, read-only or unreachable.
    """
    from readiness.batch import rows
    from readiness.batch import run as batch_run
    from readiness.cli.progress import BatchProgress, print_batch

    loaded = _questionnaire(questionnaire)
    options = rows.Options(
        lang=lang.value if lang else "ko",
        report_format=reports.value if reports else None,
        report_lang=lang.value if lang else None,
        questionnaire=str(loaded.path) if loaded else None,
        today=dt.date.today(),  # the run date on the dashboard and in reports
        history=history is not None,
    )
    kept: list[rows.Row] = []  # only --history needs the rows after the run (3-4 KB each)
    if history is not None:
        from readiness.history.engine import keep_private
        from readiness.history.importer import check_writable

        keep_private(history, output, folder=True)
        check_writable(history)
    with BatchProgress() as progress:
        result = batch_run.run(
            paths,
            output,
            options,
            jobs=jobs,
            strict=strict,
            progress=progress,
            each=kept.append if history is not None else None,
        )
    print_batch(result)
    if history is not None:
        from readiness.cli.history_commands import print_import
        from readiness.history.importer import record_rows

        print_import(record_rows(kept, history, "batch", paths))
    raise typer.Exit(result.exit_code)
