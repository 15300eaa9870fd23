"""The interview's asker in the terminal (CLI layer): each prompt on a stderr console, one line read back.

Questionnaire text is always passed through `shown()`, so `[x]` prints as `[x]`.
"""

from __future__ import annotations

import contextlib
import re
import sys
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table

from readiness.cli.console import shown
from readiness.domain.company_profile import FieldPrompt
from readiness.domain.interview import EndOfInput, Key, QuestionPrompt, Response, TextPrompt
from readiness.domain.normalise import Choice
from readiness.words import Lang, word

ARROW = " › "
MAX_LINE = 8192  # characters: a note is at most 4,000; longer replies are refused without reading them whole
CONFIRMATIONS = {"note_saved"}
_INVISIBLE = re.compile(r"\x1b\[[0-9;]*m")  # colour codes, marked for readline as taking no columns


class LineTooLong(ValueError):
    """A reply longer than the interview reads; the rest of it was skipped."""


def read_line(limit: int) -> str:
    """One line of standard input without its newline, read at most `limit` characters at a time.

    A longer line is skipped to its end in chunks (a 10 MB reply costs milliseconds, not a
    minute) and refused with LineTooLong; EOFError at the end of input.
    """
    line = sys.stdin.readline(limit + 1)
    if not line:
        raise EOFError
    if len(line) > limit and not line.endswith("\n"):
        while (rest := sys.stdin.readline(65536)) and not rest.endswith("\n"):
            pass
        raise LineTooLong
    return line.removesuffix("\n").removesuffix("\r")


def is_text(text: str) -> bool:
    """Whether a reply is real text (bytes that were not UTF-8 arrive as lone surrogates)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def accept_any_bytes() -> None:
    """Read standard input with surrogateescape, so a non-UTF-8 reply is refused, not a crash."""
    reconfigure = getattr(sys.stdin, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a stream that cannot change stays as it is
            reconfigure(errors="surrogateescape")


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

    def __call__(self, prompt: QuestionPrompt | TextPrompt | FieldPrompt) -> Response:
        """Show the prompt, read one line and parse it; Ctrl-D gives EndOfInput."""
        if isinstance(prompt, FieldPrompt):
            line = self._field(prompt)
        elif isinstance(prompt, QuestionPrompt):
            line = self._question(prompt)
        else:
            line = self._text(prompt)
        while True:
            try:
                text = self._read(line)
            except EOFError:
                self.console.print()
                return EndOfInput()
            except LineTooLong:
                self._refused("line_too_long", limit=MAX_LINE)
                continue
            except UnicodeDecodeError:
                self._refused("bad_encoding")
                continue
            if is_text(text):
                break
            self._refused("bad_encoding")  # bytes that were not UTF-8, kept as surrogates: never saved
        if self.echo:
            self.console.print(text, markup=False, highlight=False)
        return prompt.parse(text)

    def _read(self, markup: str) -> str:
        if not self.line_editing:
            self.console.print(markup, end="")
            return read_line(MAX_LINE)
        # readline must draw the prompt itself: with a prompt printed beforehand it thinks the line
        # starts at column 0, so an empty reply echoes no newline and history recall overwrites the
        # prompt. input() gives it to readline only via stdout, which is then the same terminal.
        with self.console.capture() as captured:
            self.console.print(markup, end="")
        return input(_INVISIBLE.sub("\x01\\g<0>\x02", captured.get()))

    def _refused(self, notice: str, **params: Any) -> None:
        """A reply the asker itself cannot take: say why; the same prompt is shown again."""
        if self.echo:
            self.console.print()  # the reply is not echoed, so end the prompt's line
        self._notice(notice, **params)

    def t(self, key: str, **params: Any) -> str:
        """A catalogue message, escaped for rich markup."""
        return shown(word(key, self.lang, **params))

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
            self._legend((Key.BACK, Key.HELP, Key.QUIT))
        if self._shown != (field.key, "field"):
            self._shown = (field.key, "field")
            if field.choices:
                self._pick_list(field.choices, numbered=field.numbered)
            if field.choices or field.key == "sector":
                self.console.print(self.t(f"field.{field.key}.hint"), style="dim")
        self._notice(p.notice)
        if p.matches:  # a search that found several: the matches in full, to type one code
            for choice in p.matches:
                self.console.print(f"  [bold]{shown(choice.code)}[/] {shown(choice.label(self.lang))}")
        if p.current is not None:
            default = self.t("profile.keep", value=self._value(p.current))
        elif field.blank_answers:
            default = self.t("profile.blank_none")
        else:
            default = "" if p.field.required else self.t("profile.skip")
        progress = self.t("profile.progress", n=p.n, total=p.total)
        tail = f" [dim]({default})[/]" if default else ""
        return f"[dim]{progress}[/] [bold]{self.t('field.' + field.key)}[/]{tail}{ARROW}"

    def _value(self, value: object) -> str:
        """A field's current value as Enter would keep it: `12,000,000,000`, `a, b`, `none`."""
        if isinstance(value, int):
            return f"{value:,}"
        if isinstance(value, list):
            return ", ".join(str(v) for v in value) or word("profile.none", self.lang)
        return str(value)

    def _pick_list(self, choices: tuple[Choice, ...], numbered: bool) -> None:
        """The choices in as many columns as fit, down each column: numbered, or by code.

        A long list of long names (the KSIC table) gets two columns with the names cut short;
        a search shows the matches in full.
        """
        cells = [
            (f"[bold]{n:>2}[/]" if numbered else f"[bold]{shown(c.code):<5}[/]", c.label(self.lang))
            for n, c in enumerate(choices, 1)
        ]
        room = self.console.width - 2
        widest = max(cell_len(label) for _, label in cells) + 6
        cols = max(1, min(len(cells), room // widest))
        cap = None
        if cols == 1 and len(cells) > 12 and room >= 60:
            cols, cap = 2, room // 2 - 2
        rows = -(-len(cells) // cols)
        grid = Table.grid(padding=(0, 2, 0, 0))
        for _ in range(cols):
            grid.add_column(no_wrap=True, max_width=cap, overflow="ellipsis")
        for r in range(rows):
            row = [cells[c * rows + r] for c in range(cols) if c * rows + r < len(cells)]
            grid.add_row(*(f"{n} {shown(label)}" for n, label in row))
        self.console.print(grid)

    # --- questions -------------------------------------------------------------------------------

    def _question(self, p: QuestionPrompt) -> str:
        question, lang = p.question, self.lang
        if self._shown != (question.id, "question"):
            self._shown = (question.id, "question")
            if p.dimension.id != self._dimension:
                self._dimension = p.dimension.id
                self.console.print()
                self.console.rule(f"[bold]{p.position.d}. {shown(p.dimension.name(lang))}[/]")
                self.console.print(shown(p.dimension.purpose(lang)), style="dim")
            pos = p.position
            progress = self.t("progress", d=pos.d, dims=pos.dims, n=pos.n, total=pos.total)
            self.console.print()
            self.console.print(f"[dim]{progress} · {shown(question.id)}[/]")
            self.console.print(f"[bold]{shown(question.text(lang))}[/]")
            options = Table.grid(padding=(0, 1))
            options.add_column(justify="right", no_wrap=True)
            options.add_column()
            for value, option in enumerate(question.options):
                options.add_row(f"  [bold cyan]{value}[/]", shown(option(lang)))
            if question.na_allowed:
                options.add_row("  [bold cyan]n[/]", self.t("key.n"))
            self.console.print(options)
            self._current(p)
            self._legend(p.keys)
        if p.notice == "help" and question.help is not None:
            self.console.print(f"[cyan]{self.t('notice.help')}: {shown(question.help(lang))}[/]")
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
            parts.append(self.t("current.value", value=word("current.na", self.lang)))
        elif self.mode == "audit" and (a.claimed is not None or a.verified is not None):
            none = word("current.none", self.lang)
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
