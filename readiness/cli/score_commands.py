"""Commands on answer files and questionnaires: score, validate, template, schema, questionnaire (CLI layer)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from readiness.cli.app import (
    Lang,
    QuestionnaireOption,
    ScoreFormat,
    _questionnaire,
    app,
    handle_errors,
    questionnaire_app,
)
from readiness.errors import EXIT_INVALID


@app.command()
@handle_errors
def score(
    file: Annotated[Path, typer.Argument(help="Answer file (YAML or .xlsx workbook).")],
    format: Annotated[
        ScoreFormat, typer.Option("--format", "-f", help="text table or JSON.")
    ] = ScoreFormat.text,
    lang: Annotated[
        Lang | None, typer.Option(help="Language of the text output (default: the file's).")
    ] = None,
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Score one answer file: level, points out of 1000, dimensions, what blocks the next level."""
    from readiness import api
    from readiness.cli import console as terminal
    from readiness.cli.scorecard import scorecard
    from readiness.files.loading import find_questionnaire

    loaded = _questionnaire(questionnaire)
    card = api.score_file(file, loaded)
    if format is ScoreFormat.json:
        terminal.write_json(api.scorecard_json(card))
        return
    q = (loaded or find_questionnaire(card.questionnaire.id, card.questionnaire.version)).questionnaire
    language = lang.value if lang else card.assessment.language
    terminal.out().print(scorecard(card, q, language))
    _newer_notice(card.questionnaire.id, card.questionnaire.version, file, language)


def _newer_notice(qid: str, version: str, file: Path, lang: str) -> None:
    """On stderr: a newer bundled version exists, and the command that moves the file to it."""
    from readiness.cli import console as terminal
    from readiness.files.loading import newer_version
    from readiness.words import word

    newer = newer_version(qid, version)
    if newer is not None:
        text = word(
            "card.newer_version",
            "ko" if lang == "ko" else "en",
            qid=qid,
            version=version,
            newer=newer,
            file=file,
        )
        terminal.err().print(f"note: {text}", markup=False)


@app.command()
@handle_errors
def validate(
    files: Annotated[list[Path], typer.Argument(help="Answer files to check.")],
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Check answer files without scoring them; print every problem, exit 3 if any file is invalid."""
    from readiness import api
    from readiness.cli import console as terminal

    loaded = _questionnaire(questionnaire)
    bad = 0
    for file in files:
        problems = api.validate_file(file, loaded)
        if problems:
            bad += 1
            terminal.print_problems(problems)
        else:
            for warning in api.validate_warnings(file):
                terminal.err().print(f"warning: {warning}", markup=False)
            terminal.err().print(f"ok: {file}", markup=False)
    if bad:
        terminal.err().print(f"{bad} of {len(files)} file(s) invalid", markup=False)
        raise typer.Exit(EXIT_INVALID)


class TemplateFormat(StrEnum):
    """The `readiness template --format` choices: a commented YAML file or an Excel workbook."""

    yaml = "yaml"
    xlsx = "xlsx"


class Mode(StrEnum):
    """The `readiness template --mode` choices."""

    self_ = "self"
    audit = "audit"


@app.command()
@handle_errors
def template(
    lang: Annotated[Lang, typer.Option(help="Language of the comments or the workbook.")] = Lang.ko,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    questionnaire: Annotated[
        str, typer.Option(help="Questionnaire id, id@version or file (id alone: the newest version).")
    ] = "kr-smart-factory",
    format: Annotated[
        TemplateFormat, typer.Option("--format", "-f", help="yaml, or xlsx for an Excel answer workbook.")
    ] = TemplateFormat.yaml,
    mode: Annotated[
        Mode,
        typer.Option(help="Workbook only: self, or audit (claimed and verified columns, assessor, site)."),
    ] = Mode.self_,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a blank answer file (or, with --format xlsx, an answer workbook to send out)."""
    from readiness import api
    from readiness.errors import UsageError
    from readiness.files.output import check_target, is_stream, save_atomic

    qid, _, version = questionnaire.partition("@")
    data: str | bytes
    if format is TemplateFormat.xlsx:
        data = api.template_workbook(qid, lang.value, version or None, mode.value)
        if is_stream(output) and sys.stdout.isatty():
            raise UsageError("a workbook is not text: give a file with -o, e.g. -o answers.xlsx")
    else:
        data = api.template(qid, lang.value, version or None)
    if output is None or is_stream(output):
        if isinstance(data, bytes):
            sys.stdout.buffer.write(data)
        else:
            sys.stdout.write(data)
        return
    save_atomic(check_target(output, force=force, what="answer file"), data)
    typer.echo(f"wrote {output}", err=True)


@app.command()
@handle_errors
def convert(
    file: Annotated[Path, typer.Argument(help="Answer file: YAML or .xlsx workbook.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write; .xlsx for a workbook, .yaml for YAML (default: FILE with the other suffix).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Convert an answer file between YAML and Excel workbook, losing nothing (checked first)."""
    from readiness import api
    from readiness.files.loading import is_workbook
    from readiness.files.output import check_target, is_stream, save_atomic

    if output is None:
        output = file.with_suffix(".yaml" if is_workbook(file) else ".xlsx")
    to = "xlsx" if is_workbook(output) else "yaml"
    if is_stream(output):
        if to == "xlsx" or is_workbook(file) is False:
            from readiness.errors import UsageError

            raise UsageError("give -o FILE.xlsx or -o FILE.yaml; only YAML from a workbook goes to stdout")
        sys.stdout.write(api.convert_file(file, "yaml").decode())
        return
    target = check_target(output, force=force, what="converted answer file")
    save_atomic(target, api.convert_file(file, to))
    typer.echo(f"wrote {output}", err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the answer file."""
    from readiness import api
    from readiness.cli import console as terminal

    terminal.write_json(api.answer_schema_json())


@questionnaire_app.command("list")
@handle_errors
def questionnaire_list() -> None:
    """List the bundled questionnaires."""
    from readiness.files.catalogues import catalogue_problems
    from readiness.files.loading import available, load_questionnaire_file, newer_version

    for _qid, _version, path in available():
        loaded = load_questionnaire_file(path)
        q = loaded.questionnaire
        status = (
            "newest"
            if newer_version(q.id, q.version) is None
            else f"superseded by {newer_version(q.id, q.version)}"
        )
        typer.echo(
            f"{q.id}@{q.version}\t{len(q.dimensions)} dimensions, {len(q.questions)} questions\t"
            f"{status}\t{q.title.en}"
        )
    for problem in catalogue_problems():
        typer.echo(f"warning: {problem}", err=True)


@questionnaire_app.command("show")
@handle_errors
def questionnaire_show(
    questionnaire: Annotated[
        str, typer.Argument(help="Questionnaire id, id@version, or a file (id alone: the newest version).")
    ] = "kr-smart-factory",
    version: Annotated[str | None, typer.Option(help="Version (default: newest).")] = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f")] = ScoreFormat.text,
    lang: Annotated[Lang, typer.Option()] = Lang.ko,
) -> None:
    """Show a questionnaire: levels with their gates, dimensions and questions."""
    from readiness.cli import console as terminal
    from readiness.cli.scorecard import questionnaire as questionnaire_view
    from readiness.files.loading import find_questionnaire

    qid, _, at = questionnaire.partition("@")
    loaded = find_questionnaire(qid, version or at or None)
    if format is ScoreFormat.json:
        terminal.write_json(loaded.questionnaire.model_dump_json(indent=2) + "\n")
        return
    terminal.out().print(questionnaire_view(loaded.questionnaire, lang.value))
