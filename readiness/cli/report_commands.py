"""Commands that write reports: report and demo (CLI layer)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from readiness.cli.app import Lang, QuestionnaireOption, _questionnaire, app, handle_errors
from readiness.report.formats import DemoFormat, ReportFormat


@app.command()
@handle_errors
def demo(
    lang: Annotated[Lang, typer.Option(help="Language.")] = Lang.ko,
    format: Annotated[
        DemoFormat,
        typer.Option("--format", "-f", help="HTML, or PDF (needs the extra readiness[pdf])."),
    ] = DemoFormat.HTML,  # type: ignore[attr-defined]
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the example's report [default: readiness-demo.html or .pdf].",
        ),
    ] = None,
) -> None:
    """Score the bundled example factory and write its report, to see the whole tool at once."""
    import datetime as dt

    from readiness import api
    from readiness.cli import console as terminal
    from readiness.cli.scorecard import scorecard
    from readiness.files.loading import find_questionnaire
    from readiness.resources import bundled

    fmt = ReportFormat(format.value)
    output = output or Path(f"readiness-demo{fmt.suffix}")
    example = bundled("examples") / "demo.yaml"
    destination = _destination(output, force=_written_by_demo(output))
    _check_renderable(fmt, destination)
    card = api.score_file(example)
    q = find_questionnaire(card.questionnaire.id, card.questionnaire.version).questionnaire
    terminal.out().print(scorecard(card, q, lang.value))
    text, _ = api.report_file(example, fmt.value, lang.value, dt.date.today())
    _write_report(text, destination)
    how = "open it in a PDF viewer" if fmt is ReportFormat.PDF else "open it in a browser"
    typer.echo(f"wrote the {fmt.name} report to {output.resolve()} ({how})", err=True)


@app.command()
@handle_errors
def report(
    file: Annotated[Path, typer.Argument(help="Answer file (YAML).")],
    format: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="HTML (one self-contained file), Markdown, JSON, or PDF (needs the extra readiness[pdf]).",
        ),
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
    force: Annotated[bool, typer.Option(help="Overwrite an existing report file.")] = False,
) -> None:
    """Write a report: level, dimensions, blockers, upgrade roadmap, support programmes, appendix."""
    import datetime as dt

    from readiness import api
    from readiness.errors import printable

    destination = _destination(output, force=force)
    _check_renderable(format, destination)
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
    _write_report(text, destination)
    language = lang.value if lang else card.assessment.language
    where = f" -> {output}" if destination is not None else ""
    typer.echo(
        f"{printable(card.company.name)}: L{card.level.rank} {card.level.name(language)}, {card.points}/1000 points, "
        f"{card.answered}/{card.total} answered{where}",
        err=True,
    )


GENERATOR = b'<meta name="generator" content="readiness '


def _written_by_demo(path: Path) -> bool:
    """Whether `path` is a report readiness wrote (so `demo` may replace it); never follows a non-file."""
    from readiness.report.pdf import written_by_readiness

    try:
        if not path.is_file():
            return False
        with path.open("rb") as handle:
            if GENERATOR in handle.read(4096):
                return True
            handle.seek(max(0, path.stat().st_size - 16384))
            return written_by_readiness(handle.read())
    except OSError:
        return False


def _check_renderable(fmt: ReportFormat, destination: Path | None) -> None:
    """Refuse before any work: a PDF for a terminal, or a PDF where WeasyPrint cannot run."""
    from readiness.errors import UsageError

    if not fmt.binary:
        return
    if destination is None and sys.stdout.isatty():
        raise UsageError(f"a {fmt.name} report is not for a terminal; give -o FILE{fmt.suffix}")
    from readiness.report.pdf import check_available

    check_available()


def _destination(output: Path | None, *, force: bool) -> Path | None:
    """Where the report goes: None for standard output, else the checked file (before any work is done)."""
    from readiness.files.output import check_target, is_stream

    return None if is_stream(output) else check_target(Path(str(output)), force=force, what="report")


def _write_report(data: bytes, target: Path | None) -> None:
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from readiness.errors import UsageError
    from readiness.files.output import save_atomic

    try:
        save_atomic(target, data)
    except OSError as exc:
        raise UsageError(f"{target}: cannot write: {exc.strerror}") from None
