"""Terminal presentation (CLI layer): consoles, error printing, the scorecard as rich tables."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text as RichText

from readiness.messages import msg

if TYPE_CHECKING:
    from readiness.batch import BatchResult
    from readiness.errors import Problem
    from readiness.models import Lang, Questionnaire
    from readiness.scoring import Scorecard


def _console(stderr: bool) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    colour = stream.isatty() and "NO_COLOR" not in os.environ
    return Console(
        stderr=stderr,
        no_color=not colour,
        highlight=False,
        emoji=False,
        soft_wrap=stderr,  # one problem per line, whatever the width
        width=None if stream.isatty() else 100,
    )


def out() -> Console:
    return _console(stderr=False)


def err() -> Console:
    return _console(stderr=True)


def print_problems(problems: list[Problem], console: Console | None = None) -> None:
    console = console or err()
    for problem in problems:
        console.print(RichText("error: ", style="bold red") + RichText(str(problem)), soft_wrap=True)


def bar(score: float | None, width: int = 10) -> str:
    if score is None:
        return "n/a".ljust(width)
    filled = round(score / 5 * width)
    return "█" * filled + "·" * (width - filled)


CARD_LABELS = (
    "level",
    "points",
    "completeness",
    "dimension",
    "score",
    "next",
    "lift",
    "short",
    "warnings",
    "top",
    "unanswered",
)


def scorecard(card: Scorecard, q: Questionnaire, lang: Lang) -> Group:
    """The scorecard as rich renderables: headline, dimension table, blockers, warnings."""
    t = {k: msg(f"card.{k}", lang) for k in CARD_LABELS}
    head = RichText()
    head.append(f"{card.company.name}\n", style="bold")
    head.append(f"{t['level']}: ")
    head.append(f"L{card.level.rank} {card.level.name(lang)}", style="bold cyan")
    other: Lang = "en" if lang == "ko" else "ko"
    head.append(f" ({card.level.name(other)})\n")
    head.append(f"{t['points']}: {card.points} / 1000    ")
    head.append(f"{t['completeness']}: {card.answered}/{card.total}")
    ladder = "  ".join(
        f"[{'bold reverse' if lv.rank == card.level.rank else 'dim'}]L{lv.rank} {escape(lv.name(lang))}[/]"
        for lv in q.levels
    )

    table = Table(show_edge=False, pad_edge=False, expand=False)
    table.add_column(t["dimension"])
    table.add_column(t["score"], justify="right")
    table.add_column("", no_wrap=True)
    table.add_column(t["points"], justify="right")
    for dim in card.dimensions:
        shown = "n/a" if dim.score is None else f"{dim.score:.2f}"
        table.add_row(escape(dim.name(lang)), shown, bar(dim.score), f"{dim.points:.0f}/{dim.max_points:.0f}")

    parts: list[object] = [Panel(head, expand=False), ladder, table]
    nxt = card.next_level
    if nxt is None:
        parts.append(t["top"])
    else:
        lines = [f"[bold]{t['next']}: L{nxt.level.rank} {escape(nxt.level.name(lang))}[/]"]
        if nxt.points_short:
            lines.append(f"  • {card.points} → {nxt.min_points} ({nxt.points_short} {t['short']})")
        for gate in nxt.blockers:
            conds = " / ".join(
                f"{c.question or c.dimension} {c.current:g} → {c.required:g}" for c in gate.alternatives
            )
            why = f"  [dim]{escape(gate.why(lang))}[/]" if gate.why else ""
            lines.append(f"  • {escape(conds)}{why}")
        if nxt.lift:
            lines.append(f"[bold]{t['lift']}[/]")
            for change in nxt.lift:
                now = t["unanswered"] if change.current is None else str(change.current)
                text = q.question(change.question).text(lang)
                lines.append(f"  • {change.question}: {now} → {change.to}  [dim]{escape(text)}[/]")
        parts.append("\n".join(lines))
    if card.warnings:
        parts.append(f"[bold yellow]{t['warnings']}[/]")
        parts.extend(f"  ! {escape(w.message(lang))}" for w in card.warnings)
    parts.append(f"[dim]{escape(q.disclaimer(lang))}[/]")
    return Group(*parts)  # type: ignore[arg-type]


def questionnaire(q: Questionnaire, lang: Lang) -> Group:
    """A questionnaire for reading: ladder with gates, then every question and its options."""
    parts: list[object] = [
        f"[bold]{escape(q.title(lang))}[/] ({q.id} {escape(q.version)})",
        escape(q.description(lang)),
    ]
    ladder = Table(title=msg("card.level", lang), show_edge=False)
    ladder.add_column("")
    ladder.add_column(msg("card.level", lang))
    ladder.add_column(msg("card.points", lang), justify="right")
    ladder.add_column("gates")
    for lv in q.levels:
        gates = "; ".join(
            " or ".join(f"{c.question or c.dimension} ≥ {c.min:g}" for c in g.alternatives) for g in lv.gates
        )
        ladder.add_row(
            f"L{lv.rank}", escape(f"{lv.name(lang)} ({lv.national(lang)})"), str(lv.min_points), escape(gates)
        )
    parts.append(ladder)
    for n, dim in enumerate(q.dimensions, 1):
        parts.append(f"\n[bold]{n}. {escape(dim.name(lang))}[/] ({dim.id}, weight {dim.weight:g})")
        parts.append(f"[dim]{escape(dim.purpose(lang))}[/]")
        for question in dim.questions:
            na = " [n/a ok]" if question.na_allowed else ""
            parts.append(f"  [bold]{question.id}[/]{escape(na)}  {escape(question.text(lang))}")
            parts.extend(f"     {v} {escape(o(lang))}" for v, o in enumerate(question.options))
    parts.append(f"[dim]{escape(q.disclaimer(lang))}[/]")
    return Group(*parts)  # type: ignore[arg-type]


# --- batch -------------------------------------------------------------------------------------


class BatchProgress:
    """Progress of a batch on stderr: a rich bar on a terminal, a plain line every few seconds
    otherwise (logs, CI). The bar is refreshed from the caller's thread only (auto_refresh off):
    the batch may fork worker processes, which is only safe while this process has one thread."""

    PLAIN_EVERY = 5.0  # seconds between plain lines
    BAR_EVERY = 0.1

    def __init__(self, console: Console | None = None) -> None:
        import time

        self.console = console or err()
        self.clock = time.monotonic
        self.started = self.last = self.clock()
        self.bar: Progress | None = None
        if self.console.is_terminal:
            self.bar = Progress(
                TextColumn("scoring"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("files"),
                TaskProgressColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=self.console,
                auto_refresh=False,
                transient=False,
            )
            self.task = self.bar.add_task("batch", total=None, rate="")

    def __enter__(self) -> BatchProgress:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.refresh()
            self.bar.stop()

    def __call__(self, done: int, total: int) -> None:
        now = self.clock()
        final = done == total
        if done == 0:  # the start: the total is known now
            self.started = self.last = now
            if self.bar is not None:
                self.bar.update(self.task, total=total, completed=0)
                self.bar.refresh()
            return
        if self.bar is not None:
            if final or now - self.last >= self.BAR_EVERY:
                self.last = now
                rate = done / max(now - self.started, 1e-9)
                self.bar.update(self.task, completed=done, rate=f"{rate:,.0f} files/s")
                self.bar.refresh()
        elif final or now - self.last >= self.PLAIN_EVERY:
            self.last = now
            elapsed = max(now - self.started, 1e-9)
            rate = done / elapsed
            left = (total - done) / rate if rate else 0
            self.console.print(
                f"scored {done}/{total} files ({rate:,.0f} files/s, about {left:,.0f} s left)",
                markup=False,
                highlight=False,
            )


def print_batch(result: BatchResult, console: Console | None = None) -> None:
    """After a batch: every problem (grouped by file, one line each), duplicates, then totals."""
    from readiness.batch import MAX_SHOWN

    console = console or err()
    if result.problems:
        console.print(RichText(f"problems in invalid files (first {MAX_SHOWN} files):", style="bold"))
        print_problems(result.problems, console)
        if result.invalid > MAX_SHOWN:
            more = result.invalid - MAX_SHOWN
            console.print(f"... and {more} more invalid file(s): see errors.csv", markup=False)
    if result.duplicates:
        console.print(
            RichText(
                f"{len(result.duplicates)} business number(s) in more than one file "
                "(only the first file counts in the dashboard and peers.json):",
                style="bold yellow",
            )
        )
        for number, files in list(result.duplicates.items())[:10]:
            console.print(f"  {number}: {', '.join(files)}", markup=False, soft_wrap=True)
        if len(result.duplicates) > 10:
            console.print(
                f"  ... {len(result.duplicates) - 10} more: see duplicate_of in summary.csv", markup=False
            )
    console.print(
        f"{result.files} file(s): {result.ok} ok, {result.invalid} invalid, {result.warned} with warnings",
        markup=False,
    )
    for path in result.outputs:
        console.print(f"wrote {path}", markup=False, soft_wrap=True)
    if result.reports:
        console.print(f"wrote {result.reports} report(s) in {result.outdir / 'reports'}", markup=False)
