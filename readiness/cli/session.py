"""`readiness assess` in the terminal (CLI layer): the session around the interview, saving after every answer."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from readiness.cli import console as terminal
from readiness.cli.asker import TerminalAsker, accept_any_bytes
from readiness.cli.console import shown
from readiness.cli.scorecard import scorecard
from readiness.domain.answers import AnswerFile
from readiness.domain.company_profile import PickLists, resume_at, run_profile
from readiness.domain.interview import Save, answered_count, first_unanswered, run_interview
from readiness.errors import EXIT_ABORTED, EXIT_INTERRUPTED, EXIT_OK, SaveError, UsageError
from readiness.files.answerfile import render
from readiness.files.catalogues import bundled_programmes
from readiness.files.loading import (
    LoadedQuestionnaire,
    bundled_sectors,
    find_questionnaire,
    load_answers,
    questionnaire_dir,
)
from readiness.files.output import remove_stale_temps, save_atomic
from readiness.words import YES_REPLIES, Lang, word

DEFAULT_FILE = Path("readiness-answers.yaml")
DEFAULT_QUESTIONNAIRE = "kr-smart-factory"
COMMAND_LINES = {"end.resume", "end.report", "end.unanswered"}


@dataclass(frozen=True)
class Session:
    """What `assess` was asked to do, checked: where to save, which questionnaire, and any answers."""

    path: Path
    loaded: LoadedQuestionnaire
    lang: Lang
    mode: str
    answers: AnswerFile | None  # None: a new file, starting with the profile
    source: Path | None = None  # the file being resumed

    @property
    def resume_command(self) -> str:
        """The command that continues this file (naming the questionnaire if it is not bundled)."""
        command = f"--resume {shlex.quote(str(self.path))}"
        if self.loaded.path.parent != questionnaire_dir().resolve():
            command += f" -q {shlex.quote(str(self.loaded.path))}"
        return command


def open_session(
    output: Path | None,
    resume: Path | None,
    force: bool,
    questionnaire: LoadedQuestionnaire | None,
    mode: str | None,
    lang: Lang | None,
) -> Session:
    """Check the options against the files on disk; raise UsageError before anything is asked."""
    say = lang or "ko"
    path = output or resume or DEFAULT_FILE
    if path != resume and path.exists() and not force:
        raise UsageError(word("error.exists", say, path=shlex.quote(str(path))))
    if not path.parent.is_dir():
        raise UsageError(word("error.no_dir", say, path=path.parent))
    if path.exists() and not os.path.isfile(path):
        raise UsageError(word("error.not_a_file", say, path=path))
    remove_stale_temps(path)  # left by a save that was killed
    if resume is None:
        loaded = questionnaire or find_questionnaire(DEFAULT_QUESTIONNAIRE)
        return Session(path, loaded, lang or "ko", mode or "self", None)
    if not resume.is_file():
        raise UsageError(word("error.no_file", say, path=resume))
    answers, loaded = load_answers(resume, questionnaire)
    ref = answers.questionnaire
    if (ref.id, ref.version) != (loaded.questionnaire.id, loaded.questionnaire.version):
        q = loaded.questionnaire
        raise UsageError(
            word(
                "error.questionnaire",
                say,
                path=resume,
                file_q=f"{ref.id} {ref.version}",
                given=f"{q.id} {q.version}",
            )
        )
    file_mode = answers.assessment.mode
    if mode is not None and mode != file_mode:
        raise UsageError(word("error.mode", say, path=resume, file_mode=file_mode, mode=mode))
    return Session(path, loaded, lang or answers.assessment.language, file_mode, answers, resume)


def say(console: Console, lang: Lang, key: str, style: str = "", **params: Any) -> None:
    """Print a catalogue message; commands get no inserted line breaks, so a terminal copies them whole."""
    console.print(shown(word(key, lang, **params)), style=style, soft_wrap=key in COMMAND_LINES)


def run(session: Session, console: Console | None = None) -> int:
    """Walk the profile and the questions, saving after every answer; returns the exit code."""
    if console is None:
        console = terminal.err()
        console.soft_wrap = False  # word-wrap the interview at the terminal width (errors stay one line)
    q, path, lang = session.loaded.questionnaire, session.path, session.lang
    scripted = not sys.stdin.isatty()
    accept_any_bytes()
    line_editing = not scripted and sys.stdout.isatty()  # when input() uses readline
    if line_editing:
        import readline  # noqa: F401  (editing that knows Korean characters take two columns)
    asker = TerminalAsker(console, lang, session.mode, echo=scripted, line_editing=line_editing)
    last: list[AnswerFile | None] = [session.answers]

    def save(af: AnswerFile) -> None:
        try:
            save_atomic(path, render(af, q, af.assessment.language))
        except OSError as exc:
            raise SaveError(word("error.save", lang, path=path, reason=exc.strerror or exc)) from None
        last[0] = af

    console.print(f"[bold]{shown(q.title(lang))}[/] ({shown(q.id)} {shown(q.version)})")
    console.print(shown(q.disclaimer(lang)), style="dim")
    say(console, lang, "intro.mode", mode=word(f"mode.{session.mode}", lang))
    say(console, lang, "intro.saving", path=path)
    if scripted:
        say(console, lang, "intro.scripted", "dim")
    console.print()
    try:
        status, af = _walk(session, asker, save, console)
    except KeyboardInterrupt:
        console.print()
        say(console, lang, "end.interrupted")
        _stopped(console, session, last[0])
        return EXIT_INTERRUPTED
    if status == "finished" and af is not None:
        summary(console, session, af, offer_report=not scripted)
        return EXIT_OK
    say(console, lang, "end.eof" if status == "eof" else "end.quit")
    _stopped(console, session, af)
    return EXIT_ABORTED if status == "eof" else EXIT_OK


def pick_lists() -> PickLists:
    """The profile's pick-lists from the shipped data: the KSIC table and the programme catalogue."""
    sectors, programmes = bundled_sectors(), bundled_programmes()
    return PickLists(
        sectors=sectors.choices() if sectors is not None else (),
        programmes=programmes.choices() if programmes is not None else (),
    )


def _walk(
    session: Session, asker: TerminalAsker, save: Save, console: Console
) -> tuple[str, AnswerFile | None]:
    """The profile (for a new file, or what is left of it) and then the questions; how it ended."""
    q, lang = session.loaded.questionnaire, session.lang
    af, lists, today = session.answers, pick_lists(), dt.date.today()
    if af is None:
        profile = run_profile(q, asker, save, mode=session.mode, lang=lang, today=today, lists=lists)
        if profile.status != "finished" or profile.answers is None:
            return profile.status, profile.answers
        af = profile.answers
    else:
        if session.path != session.source:
            save(af)  # resumed into another file (-o): the copy exists from the start
        if resume_at(af, lists) is not None:  # quit during the profile: the rest of it first
            say(console, lang, "intro.resume_profile", path=session.path)
            profile = run_profile(
                q, asker, save, mode=session.mode, lang=lang, today=today, lists=lists, resume=af
            )
            if profile.status != "finished" or profile.answers is None:
                return profile.status, profile.answers or af
            af = profile.answers
        start = first_unanswered(q, af)
        if start is None:
            say(console, lang, "intro.complete")
        else:
            say(console, lang, "intro.resume", path=session.path, n=start + 1, total=len(q.questions))
    outcome = run_interview(q, af, asker, save)
    return outcome.status, outcome.answers


def _stopped(console: Console, session: Session, af: AnswerFile | None) -> None:
    """Where the answers are and how to go on, after a stop before the end."""
    q, lang = session.loaded.questionnaire, session.lang
    if af is None:
        say(console, lang, "end.nothing")
        return
    total = len(q.questions)
    say(console, lang, "end.saved", "bold", path=session.path, answered=answered_count(q, af), total=total)
    say(console, lang, "end.resume", command=session.resume_command)


def summary(console: Console, session: Session, af: AnswerFile, *, offer_report: bool = False) -> None:
    """The scorecard at the end of the walk, where the file is, and an offer to write the report."""
    from readiness.api import score_answers

    q, lang, path = session.loaded.questionnaire, session.lang, session.path
    card = score_answers(af, session.loaded)
    console.print()
    console.rule(shown(word("end.done", lang)))
    console.print(scorecard(card, q, lang))
    console.print()
    say(console, lang, "end.saved", "bold", path=path, answered=card.answered, total=card.total)
    if card.answered < card.total:
        unanswered = card.total - card.answered
        say(console, lang, "end.unanswered", n=unanswered, command=session.resume_command)
    report = path.with_suffix(".html")
    if report.exists() or report.resolve() == path.resolve():
        say(console, lang, "end.report", path=shlex.quote(str(path)))  # never over an existing file
        return
    if offer_report and _offer_accepted(console, lang, report):
        from readiness.api import render_card

        try:
            save_atomic(report, render_card(card, session.loaded, "html", lang))
        except OSError as exc:  # a full disk, a read-only folder: the answers are safe already
            say(console, lang, "end.report_failed", "yellow", path=report, reason=exc.strerror or exc)
        else:
            say(console, lang, "end.report_written", "bold", path=report)
            return
    say(console, lang, "end.report", path=shlex.quote(str(path)))


def _offer_accepted(console: Console, lang: Lang, report: Path) -> bool:
    """Ask whether to write the report (Enter: yes); Ctrl-D or an unreadable reply is a no."""
    try:
        reply = console.input(shown(word("end.offer_report", lang, path=report)) + " ")
    except (EOFError, UnicodeDecodeError):
        console.print()
        return False
    return reply.strip().lower() in YES_REPLIES
