"""Commands that write reports: report and demo (CLI layer)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from readiness.cli.app import Lang, QuestionnaireOption, _questionnaire, app, handle_errors
from readiness.report.formats import ReportFormat


@app.command()
@handle_errors
def demo(
    lang: Annotated[Lang, typer.Option(help="Language.")] = Lang.ko,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the example's HTML report.")
    ] = Path("readiness-demo.html"),
) -> None:
    """Score the bundled example factory and write its HTML report, to see the whole tool at once."""
    import datetime as dt

    from readiness import api
    from readiness.cli import console as terminal
    from readiness.cli.scorecard import scorecard
    from readiness.files.loading import find_questionnaire
    from readiness.resources import bundled

    example = bundled("examples") / "demo.yaml"
    card = api.score_file(example)
    q = find_questionnaire(card.questionnaire.id, card.questionnaire.version).questionnaire
    terminal.out().print(scorecard(card, q, lang.value))
    text, _ = api.report_file(example, "html", lang.value, dt.date.today())
    _write_report(text, output)
    typer.echo(f"wrote the HTML report to {output.resolve()} (open it in a browser)", err=True)


@app.command()
@handle_errors
def report(
    file: Annotated[Path, typer.Argument(help="Answer file (YAML).")],
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="HTML (one self-contained file), Markdown or JSON."),
    ] = ReportFormat.HTML,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")
    ] = None,
    lang: Annotated[Lang | None, typer.Option(help="Language of the report (default: the file's).")] = None,
    previous: Annotated[
        Path | None, typer.Option(help="An earlier answer file of the same firm, to show progress.")
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(help="Roadmap target level, e.g. L5 or ai-factory (default: the next level)."),
    ] = None,
    questionnaire: QuestionnaireOption = None,
    peers: Annotated[
        Path | None, typer.Option(help="peers.json from 'readiness batch': show where the firm stands.")
    ] = None,
) -> None:
    """Write a report: level, dimensions, blockers, upgrade roadmap, support programmes, appendix."""
    import datetime as dt

    from readiness import api

    text, card = api.report_file(
        file,
        format.value,
        lang.value if lang else None,
        dt.date.today(),
        previous=previous,
        target=target,
        questionnaire=_questionnaire(questionnaire),
        peers=peers,
    )
    _write_report(text, output)
    language = lang.value if lang else card.assessment.language
    where = f" -> {output}" if output else ""
    typer.echo(
        f"{card.company.name}: L{card.level.rank} {card.level.name(language)}, {card.points}/1000 points, "
        f"{card.answered}/{card.total} answered{where}",
        err=True,
    )


def _write_report(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from readiness.files.output import save_atomic

    try:
        save_atomic(output, data)
    except OSError as exc:
        from readiness.errors import UsageError

        raise UsageError(f"{output}: cannot write: {exc.strerror}") from None
