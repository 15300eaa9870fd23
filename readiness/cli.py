"""Command line: parses arguments, calls the library, maps errors to exit codes. Nothing else."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from readiness.errors import EXIT_INTERRUPTED, EXIT_INVALID, ReadinessError

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="readiness",
    help="Smart-factory readiness for Korean SME manufacturers: assess, score, report, batch-score.\n\n"
    "스마트공장 수준 자가진단: 설문, 채점, 보고서, 일괄 채점.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
questionnaire_app = typer.Typer(help="List and show the bundled questionnaires.", no_args_is_help=True)
app.add_typer(questionnaire_app, name="questionnaire")


class Lang(StrEnum):
    ko = "ko"
    en = "en"


class ScoreFormat(StrEnum):
    text = "text"
    json = "json"


QuestionnaireOption = Annotated[
    str | None,
    typer.Option(
        "--questionnaire",
        "-q",
        help="Questionnaire id (id@version) or YAML file to use instead of the one the file names.",
    ),
]


def _questionnaire(spec: str | None) -> Any:
    """The questionnaire named by `--questionnaire` (id, id@version or a file), or None."""
    if spec is None:
        return None
    from readiness.loading import find_questionnaire

    qid, _, version = spec.partition("@")
    return find_questionnaire(qid, version or None)


def handle_errors(func: F) -> F:
    """Turn a ReadinessError into `error: ...` lines on stderr and its exit code; Ctrl-C into 130."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from readiness import terminal
        from readiness.errors import InputError

        try:
            return func(*args, **kwargs)
        except InputError as exc:
            terminal.print_problems(exc.problems)
            raise typer.Exit(exc.exit_code) from None
        except ReadinessError as exc:
            terminal.err().print(f"error: {exc}", markup=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            terminal.err().print("interrupted", markup=False)
            raise typer.Exit(EXIT_INTERRUPTED) from None

    return wrapper  # type: ignore[return-value]


def _version(value: bool) -> None:
    if value:
        import readiness

        typer.echo(f"readiness {readiness.__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Smart-factory readiness for Korean SME manufacturers."""


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
    from readiness import api, terminal
    from readiness.loading import find_questionnaire

    loaded = _questionnaire(questionnaire)
    card = api.score_file(file, loaded)
    if format is ScoreFormat.json:
        sys.stdout.write(api.scorecard_json(card))
        return
    q = (loaded or find_questionnaire(card.questionnaire.id, card.questionnaire.version)).questionnaire
    terminal.out().print(terminal.scorecard(card, q, (lang.value if lang else card.assessment.language)))


@app.command()
@handle_errors
def validate(
    files: Annotated[list[Path], typer.Argument(help="Answer files to check.")],
    questionnaire: QuestionnaireOption = None,
) -> None:
    """Check answer files without scoring them; print every problem, exit 3 if any file is invalid."""
    from readiness import api, terminal

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
    from readiness.answerfile import save_atomic
    from readiness.errors import UsageError

    text = api.template(questionnaire, lang.value)
    if output is None:
        sys.stdout.write(text)
        return
    if output.exists() and not force:
        raise UsageError(f"{output} already exists; use --force to overwrite it")
    save_atomic(output, text)
    typer.echo(f"wrote {output}", err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the answer file."""
    from readiness import api

    sys.stdout.write(api.answer_schema_json())


@questionnaire_app.command("list")
@handle_errors
def questionnaire_list() -> None:
    """List the bundled questionnaires."""
    from readiness.loading import available, load_questionnaire_file

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
    from readiness import terminal
    from readiness.loading import find_questionnaire

    loaded = find_questionnaire(questionnaire, version)
    if format is ScoreFormat.json:
        sys.stdout.write(loaded.questionnaire.model_dump_json(indent=2) + "\n")
        return
    terminal.out().print(terminal.questionnaire(loaded.questionnaire, lang.value))


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

    from readiness import api, terminal
    from readiness.loading import find_questionnaire
    from readiness.resources import bundled

    example = bundled("examples") / "demo.yaml"
    card = api.score_file(example)
    q = find_questionnaire(card.questionnaire.id, card.questionnaire.version).questionnaire
    terminal.out().print(terminal.scorecard(card, q, lang.value))
    text, _ = api.report_file(example, "html", lang.value, dt.date.today())
    _write_report(text, output)
    typer.echo(f"wrote the HTML report to {output.resolve()} (open it in a browser)", err=True)


class ReportFormatOption(StrEnum):
    """Mirrors readiness.report.ReportFormat without importing jinja2 for every command."""

    html = "html"
    md = "md"
    json = "json"


@app.command()
@handle_errors
def report(
    file: Annotated[Path, typer.Argument(help="Answer file (YAML).")],
    format: Annotated[
        ReportFormatOption,
        typer.Option("--format", "-f", help="HTML (one self-contained file), Markdown or JSON."),
    ] = ReportFormatOption.html,
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


def _write_report(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from readiness.answerfile import save_atomic

    try:
        save_atomic(output, text)
    except OSError as exc:
        from readiness.errors import UsageError

        raise UsageError(f"{output}: cannot write: {exc.strerror}") from None


class Mode(StrEnum):
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
    from readiness import prompts

    session = prompts.open_session(
        output,
        resume,
        force,
        _questionnaire(questionnaire),
        mode.value if mode else None,
        lang.value if lang else None,
    )
    raise typer.Exit(prompts.run(session))


class ReportFormat(StrEnum):
    html = "html"
    md = "md"


@app.command()
@handle_errors
def batch(
    paths: Annotated[list[str], typer.Argument(help="Folders (searched for *.yaml, *.yml), files or globs.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the outputs.")] = Path(
        "readiness-batch"
    ),
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes (default: all cores).")
    ] = None,
    reports: Annotated[
        ReportFormat | None, typer.Option(help="Also write one report per valid file, in OUTDIR/reports.")
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
) -> None:
    """Score a folder of answer files: summary.csv/.xlsx/.json, errors.csv, dashboard.html, peers.json.

    Exit 0 when every file scored, 4 when some files are invalid, 2 for usage errors.
    """
    from readiness import batch as batch_module
    from readiness import terminal

    loaded = _questionnaire(questionnaire)
    options = batch_module.Options(
        lang=lang.value if lang else "ko",
        report_format=reports.value if reports else None,
        report_lang=lang.value if lang else None,
        questionnaire=str(loaded.path) if loaded else None,
    )
    with terminal.BatchProgress() as progress:
        result = batch_module.run(paths, output, options, jobs=jobs, strict=strict, progress=progress)
    terminal.print_batch(result)
    raise typer.Exit(result.exit_code)


def main() -> None:
    """Console-script entry point."""
    app()
