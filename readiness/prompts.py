"""`readiness assess` in the terminal (CLI layer): the rich asker on stderr, and the session around it.

Questionnaire text is always passed through `escape()`, so `[x]` prints as `[x]`.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from readiness import terminal
from readiness.answerfile import render, save_atomic
from readiness.errors import EXIT_ABORTED, EXIT_INTERRUPTED, EXIT_OK, SaveError, UsageError
from readiness.interview import (
    Action,
    EndOfInput,
    Key,
    QuestionPrompt,
    Save,
    TextPrompt,
    answered_count,
    first_unanswered,
    run_interview,
)
from readiness.loading import LoadedQuestionnaire, find_questionnaire, load_answers, questionnaire_dir
from readiness.messages import msg
from readiness.models import AnswerFile, Lang
from readiness.profile import Choice, FieldPrompt, run_profile

DEFAULT_FILE = Path("readiness-answers.yaml")
DEFAULT_QUESTIONNAIRE = "kr-smart-factory"
ARROW = " › "
CONFIRMATIONS = {"note_saved"}
COMMAND_LINES = {"end.resume", "end.report", "end.unanswered"}
_INVISIBLE = re.compile(r"\x1b\[[0-9;]*m")  # colour codes, marked for readline as taking no columns


class TerminalAsker:
    """Shows each prompt on a stderr console, reads one line, and turns it into an action."""

    def __init__(
        self, console: Console, lang: Lang, mode: str, *, echo: bool = False, line_editing: bool = False
    ) -> None:
        self.console = console
        self.lang = lang
        self.mode = mode
        self.echo = echo  # scripted input is not echoed by a terminal, so print it
        self.line_editing = line_editing
        self._dimension: str | None = None
        self._shown: tuple[str, str] | None = None  # (question id or field key, what was rendered)

    def __call__(self, prompt: QuestionPrompt | TextPrompt | FieldPrompt) -> Action:
        if isinstance(prompt, FieldPrompt):
            line = self._field(prompt)
        elif isinstance(prompt, QuestionPrompt):
            line = self._question(prompt)
        else:
            line = self._text(prompt)
        try:
            text = self._read(line)
        except EOFError:
            self.console.print()
            return EndOfInput()
        if self.echo:
            self.console.print(text, markup=False, highlight=False)
        return prompt.parse(text)

    def _read(self, markup: str) -> str:
        if not self.line_editing:
            return self.console.input(markup)
        # readline must draw the prompt itself: with a prompt printed beforehand it thinks the line
        # starts at column 0, so an empty reply echoes no newline and history recall overwrites the
        # prompt. input() gives it to readline only via stdout, which is then the same terminal.
        with self.console.capture() as captured:
            self.console.print(markup, end="")
        return input(_INVISIBLE.sub("\x01\\g<0>\x02", captured.get()))

    def t(self, key: str, **params: Any) -> str:
        """A catalogue message, escaped for rich markup."""
        return escape(msg(key, self.lang, **params))

    def _notice(self, notice: str | None, **params: Any) -> None:
        if notice in CONFIRMATIONS:
            self.console.print(f"[green]✓ {self.t('notice.' + notice, **params)}[/]")
        elif notice:
            self.console.print(f"[yellow]! {self.t('notice.' + notice, **params)}[/]")

    def _legend(self, keys: tuple[Key, ...]) -> None:
        def name(key: Key) -> str:
            audit = key is Key.NOTE and self.mode == "audit"
            return self.t(f"key.{key.value}.audit" if audit else f"key.{key.value}")

        self.console.print(" · ".join(f"[bold]{k.value}[/] {name(k)}" for k in keys), style="dim")

    # --- profile ---------------------------------------------------------------------------------

    def _field(self, p: FieldPrompt) -> str:
        field = p.field
        if self._shown is None:
            self.console.rule(f"[bold]{self.t('profile.title')}[/]")
            self._legend((Key.BACK, Key.QUIT))
        if self._shown != (field.key, "field"):
            self._shown = (field.key, "field")
            if field.choices:
                self._pick_list(field.choices, with_code=field.key == "sector")
                self.console.print(self.t(f"field.{field.key}.hint"), style="dim")
        self._notice(p.notice)
        if p.current is not None:
            shown = f"{p.current:,}" if isinstance(p.current, int) else str(p.current)
            default = self.t("profile.keep", value=shown)
        else:
            default = "" if p.field.required else self.t("profile.skip")
        progress = self.t("profile.progress", n=p.n, total=p.total)
        tail = f" [dim]({default})[/]" if default else ""
        return f"[dim]{progress}[/] [bold]{self.t('field.' + field.key)}[/]{tail}{ARROW}"

    def _pick_list(self, choices: tuple[Choice, ...], with_code: bool) -> None:
        """Numbered choices in as many columns as fit, numbered down each column."""
        cells = [
            (f"[bold]{n:>2}[/]", (f"{c.code} " if with_code else "") + c.label(self.lang))
            for n, c in enumerate(choices, 1)
        ]
        widest = max(cell_len(label) for _, label in cells) + 5
        cols = max(1, min(len(cells), (self.console.width - 2) // widest))
        rows = -(-len(cells) // cols)
        grid = Table.grid(padding=(0, 2, 0, 0))
        for _ in range(cols):
            grid.add_column(no_wrap=True)
        for r in range(rows):
            row = [cells[c * rows + r] for c in range(cols) if c * rows + r < len(cells)]
            grid.add_row(*(f"{n} {escape(label)}" for n, label in row))
        self.console.print(grid)

    # --- questions -------------------------------------------------------------------------------

    def _question(self, p: QuestionPrompt) -> str:
        question, lang = p.question, self.lang
        if self._shown != (question.id, "question"):
            self._shown = (question.id, "question")
            if p.dimension.id != self._dimension:
                self._dimension = p.dimension.id
                self.console.print()
                self.console.rule(f"[bold]{p.position.d}. {escape(p.dimension.name(lang))}[/]")
                self.console.print(escape(p.dimension.purpose(lang)), style="dim")
            pos = p.position
            progress = self.t("progress", d=pos.d, dims=pos.dims, n=pos.n, total=pos.total)
            self.console.print()
            self.console.print(f"[dim]{progress} · {escape(question.id)}[/]")
            self.console.print(f"[bold]{escape(question.text(lang))}[/]")
            options = Table.grid(padding=(0, 1))
            options.add_column(justify="right", no_wrap=True)
            options.add_column()
            for value, option in enumerate(question.options):
                options.add_row(f"  [bold cyan]{value}[/]", escape(option(lang)))
            if question.na_allowed:
                options.add_row("  [bold cyan]n[/]", self.t("key.n"))
            self.console.print(options)
            self._current(p)
            self._legend(p.keys)
        if p.notice == "help" and question.help is not None:
            self.console.print(f"[cyan]{self.t('notice.help')}: {escape(question.help(lang))}[/]")
        else:
            self._notice(p.notice)
            if p.notice == "invalid":
                self._legend(p.keys)
        asked = self.t(f"ask.{p.step}")
        kept = getattr(p.current, p.step) if p.current is not None else None
        if p.current is not None and p.current.na:
            kept = self.t("current.na")
        extra = f" [dim]({self.t('ask.keep', value=kept)})[/]" if kept is not None else ""
        return f"[bold]{asked}[/]{extra}{ARROW}"

    def _current(self, p: QuestionPrompt) -> None:
        a = p.current
        if a is None:
            return
        parts = []
        if a.na:
            parts.append(self.t("current.value", value=msg("current.na", self.lang)))
        elif self.mode == "audit" and (a.claimed is not None or a.verified is not None):
            none = msg("current.none", self.lang)
            claimed = none if a.claimed is None else a.claimed
            verified = none if a.verified is None else a.verified
            parts.append(self.t("current.audit", claimed=claimed, verified=verified))
        elif a.value is not None:
            parts.append(self.t("current.value", value=a.value))
        if a.note:
            parts.append(self.t("current.note", note=a.note))
        if a.evidence:
            parts.append(self.t("current.evidence", items="; ".join(a.evidence)))
        if parts:
            self.console.print(" · ".join(parts), style="green")

    def _text(self, p: TextPrompt) -> str:
        a = p.current
        if p.step == "note":
            if a is not None and a.note:
                self.console.print(self.t("current.note", note=a.note), style="green")
            return f"[bold]{self.t('ask.note')}[/]{ARROW}"
        if self._shown != (p.question.id, "evidence"):
            self._shown = (p.question.id, "evidence")
            self._notice(p.notice, value=p.notice_value)
            self.console.print(self.t("hint.evidence"), style="dim")
            if a is not None and a.evidence:
                self.console.print(self.t("current.evidence", items="; ".join(a.evidence)), style="green")
        elif p.notice:
            self._notice(p.notice, value=p.notice_value)
        return f"[bold]{self.t('ask.evidence')}[/]{ARROW}"


# --- the session -----------------------------------------------------------------------------------


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
        raise UsageError(msg("error.exists", say, path=shlex.quote(str(path))))
    if not path.parent.is_dir():
        raise UsageError(msg("error.no_dir", say, path=path.parent))
    if resume is None:
        loaded = questionnaire or find_questionnaire(DEFAULT_QUESTIONNAIRE)
        return Session(path, loaded, lang or "ko", mode or "self", None)
    if not resume.is_file():
        raise UsageError(msg("error.no_file", say, path=resume))
    answers, loaded = load_answers(resume, questionnaire)
    ref = answers.questionnaire
    if (ref.id, ref.version) != (loaded.questionnaire.id, loaded.questionnaire.version):
        q = loaded.questionnaire
        raise UsageError(
            msg(
                "error.questionnaire",
                say,
                path=resume,
                file_q=f"{ref.id} {ref.version}",
                given=f"{q.id} {q.version}",
            )
        )
    file_mode = answers.assessment.mode
    if mode is not None and mode != file_mode:
        raise UsageError(msg("error.mode", say, path=resume, file_mode=file_mode, mode=mode))
    return Session(path, loaded, lang or answers.assessment.language, file_mode, answers, resume)


def say(console: Console, lang: Lang, key: str, style: str = "", **params: Any) -> None:
    """Print a catalogue message; commands get no inserted line breaks, so a terminal copies them whole."""
    console.print(escape(msg(key, lang, **params)), style=style, soft_wrap=key in COMMAND_LINES)


def run(session: Session, console: Console | None = None) -> int:
    """Walk the profile and the questions, saving after every answer; returns the exit code."""
    if console is None:
        console = terminal.err()
        console.soft_wrap = False  # word-wrap the interview at the terminal width (errors stay one line)
    q, path, lang = session.loaded.questionnaire, session.path, session.lang
    scripted = not sys.stdin.isatty()
    line_editing = not scripted and sys.stdout.isatty()  # when input() uses readline
    if line_editing:
        import readline  # noqa: F401  (editing that knows Korean characters take two columns)
    asker = TerminalAsker(console, lang, session.mode, echo=scripted, line_editing=line_editing)
    last: list[AnswerFile | None] = [session.answers]

    def save(af: AnswerFile) -> None:
        try:
            save_atomic(path, render(af, q, af.assessment.language))
        except OSError as exc:
            raise SaveError(msg("error.save", lang, path=path, reason=exc.strerror or exc)) from None
        last[0] = af

    console.print(f"[bold]{escape(q.title(lang))}[/] ({escape(q.id)} {escape(q.version)})")
    console.print(escape(q.disclaimer(lang)), style="dim")
    say(console, lang, "intro.mode", mode=msg(f"mode.{session.mode}", lang))
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


def _walk(
    session: Session, asker: TerminalAsker, save: Save, console: Console
) -> tuple[str, AnswerFile | None]:
    """The profile (for a new file) and then the questions; how it ended and the answers saved."""
    q, lang = session.loaded.questionnaire, session.lang
    af = session.answers
    if af is None:
        profile = run_profile(q, asker, save, mode=session.mode, lang=lang, today=dt.date.today())
        if profile.status != "finished" or profile.answers is None:
            return profile.status, profile.answers
        af = profile.answers
    else:
        if session.path != session.source:
            save(af)  # resumed into another file (-o): the copy exists from the start
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
    console.rule(escape(msg("end.done", lang)))
    console.print(terminal.scorecard(card, q, lang))
    console.print()
    say(console, lang, "end.saved", "bold", path=path, answered=card.answered, total=card.total)
    if card.answered < card.total:
        unanswered = card.total - card.answered
        say(console, lang, "end.unanswered", n=unanswered, command=session.resume_command)
    report = path.with_suffix(".html")
    if offer_report:
        reply = console.input(escape(msg("end.offer_report", lang, path=report)) + " ").strip().lower()
        if reply in ("", "y", "yes", "ㅛ", "예", "네"):
            from readiness.report import render_report

            save_atomic(report, render_report(card, "html", lang))
            say(console, lang, "end.report_written", "bold", path=report)
            return
    say(console, lang, "end.report", path=shlex.quote(str(path)))
