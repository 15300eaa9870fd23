"""`readiness migrate`: move an answer file to a newer questionnaire version (CLI layer)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from readiness.cli.app import app, handle_errors


@app.command()
@handle_errors
def migrate(
    file: Annotated[Path, typer.Argument(help="Answer file written for an older questionnaire version.")],
    to: Annotated[str | None, typer.Option("--to", help="Target version (default: the newest).")] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here (default: FILE itself, with --force); '-' for stdout."
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Rewrite an answer file (YAML or .xlsx) for a newer questionnaire version, using the mapping that version declares.

    Notes, evidence and audit claimed/verified values are kept; questions the old file cannot
    answer are left blank and listed. Prints what changed on stderr.
    """
    from readiness.files.loading import is_workbook
    from readiness.files.migrating import migrate_file
    from readiness.files.output import check_target, is_stream, save_atomic

    target = output if output is not None else file
    if not is_stream(target):
        check_target(target, force=force, what="migrated answer file")
    done = migrate_file(file, to)
    if is_stream(target):
        sys.stdout.write(done.text)
    else:  # a workbook stays a workbook (of the newer version); anything else is YAML
        save_atomic(target, done.workbook() if is_workbook(target) else done.text)
    err = typer.echo
    r = done.result
    err(f"{file}: {done.from_version} -> {done.to_version}", err=True)
    for change in r.changes:
        why = f": {change.step.why.en}" if change.step.why else ""
        to_ids = ", ".join(change.step.to) or f"(dropped; answer kept in {change.step.notes_to}'s note)"
        err(f"  {change.step.kind} {', '.join(change.old)} -> {to_ids}{why}", err=True)
    if r.left_unanswered:
        err(
            f"  left unanswered (old value has no equivalent, see the note): {', '.join(r.left_unanswered)}",
            err=True,
        )
    if r.new_questions:
        err(f"  new questions, not answered yet: {', '.join(r.new_questions)}", err=True)
    if not is_stream(target):
        err(f"wrote {target}", err=True)
