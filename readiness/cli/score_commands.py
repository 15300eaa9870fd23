"""Commands on answer files and questionnaires: score, validate, template, schema, questionnaire (CLI layer)."""

from __future__ import annotations

import sys
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
    file: Annotated[Path, typer.Argument(help="Answer file (YAML).")],
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
    terminal.out().print(scorecard(card, q, (lang.value if lang else card.assessment.language)))


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
            terminal.err().print(f"ok: {file}", markup=False)
    if bad:
        terminal.err().print(f"{bad} of {len(files)} file(s) invalid", markup=False)
        raise typer.Exit(EXIT_INVALID)


@app.command()
@handle_errors
def template(
    lang: Annotated[Lang, typer.Option(help="Language of the comments.")] = Lang.ko,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    questionnaire: Annotated[str, typer.Option(help="Questionnaire id or file.")] = "kr-smart-factory",
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
) -> None:
    """Write a blank answer file with every question and its six options as comments."""
    from readiness import api
    from readiness.files.output import save_atomic

    text = api.template(questionnaire, lang.value)
    if output is None:
        sys.stdout.write(text)
        return
    from readiness.files.output import check_target, is_stream

    if is_stream(output):
        sys.stdout.write(text)
        return
    save_atomic(check_target(output, force=force, what="answer file"), text)
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
    from readiness.files.loading import available, load_questionnaire_file

    for _qid, _version, path in available():
        loaded = load_questionnaire_file(path)
        q = loaded.questionnaire
        typer.echo(
            f"{q.id}\t{q.version}\t{len(q.dimensions)} dimensions, {len(q.questions)} questions\t{q.title.en}"
        )


@questionnaire_app.command("show")
@handle_errors
def questionnaire_show(
    questionnaire: Annotated[str, typer.Argument(help="Questionnaire id (or a file).")] = "kr-smart-factory",
    version: Annotated[str | None, typer.Option(help="Version (default: newest).")] = None,
    format: Annotated[ScoreFormat, typer.Option("--format", "-f")] = ScoreFormat.text,
    lang: Annotated[Lang, typer.Option()] = Lang.ko,
) -> None:
    """Show a questionnaire: levels with their gates, dimensions and questions."""
    from readiness.cli import console as terminal
    from readiness.cli.scorecard import questionnaire as questionnaire_view
    from readiness.files.loading import find_questionnaire

    loaded = find_questionnaire(questionnaire, version)
    if format is ScoreFormat.json:
        terminal.write_json(loaded.questionnaire.model_dump_json(indent=2) + "\n")
        return
    terminal.out().print(questionnaire_view(loaded.questionnaire, lang.value))
