"""The typer app, its shared options and the one place where errors become exit codes (CLI layer)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, ParamSpec, TypeVar

import typer

from readiness.errors import EXIT_INTERRUPTED, ReadinessError
from readiness.words import word

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="readiness",
    help=word("cli.about", "en") + "\n\n" + word("cli.about", "ko"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
questionnaire_app = typer.Typer(help="List and show the bundled questionnaires.", no_args_is_help=True)
app.add_typer(questionnaire_app, name="questionnaire")


class Lang(StrEnum):
    """The `--lang` choices: Korean or English."""

    ko = "ko"
    en = "en"


class ScoreFormat(StrEnum):
    """The `readiness score --format` choices: a rich text card or JSON."""

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
    from readiness.files.loading import find_questionnaire

    qid, _, version = spec.partition("@")
    return find_questionnaire(qid, version or None)


def handle_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a ReadinessError into `error: ...` lines on stderr and its exit code; Ctrl-C into 130."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from readiness.cli import console as terminal
        from readiness.errors import InputError

        try:
            return func(*args, **kwargs)
        except InputError as exc:
            terminal.print_problems(exc.problems)
            raise typer.Exit(exc.exit_code) from None
        except ReadinessError as exc:
            terminal.err().print(f"error: {exc}", markup=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:
            terminal.err().print("interrupted", markup=False)
            raise typer.Exit(getattr(exc, "exit_code", EXIT_INTERRUPTED)) from None

    return wrapper


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
    from readiness.cli.console import prepare_streams

    prepare_streams()


def main() -> None:
    """Console-script entry point."""
    app()
