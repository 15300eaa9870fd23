"""Batch progress and the end-of-batch summary on stderr (CLI layer)."""

from __future__ import annotations

import time

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text as RichText

from readiness.batch.rows import MAX_SHOWN, BatchResult
from readiness.cli.console import err, print_problems
from readiness.errors import printable


class BatchProgress:
    """Progress of a batch on stderr: a rich bar on a terminal, a plain line every few seconds
    otherwise (logs, CI). The bar is refreshed from the caller's thread only (auto_refresh off):
    the batch may fork worker processes, which is only safe while this process has one thread."""

    PLAIN_EVERY = 5.0  # seconds between plain lines
    BAR_EVERY = 0.1

    def __init__(self, console: Console | None = None) -> None:
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
        """Show that `done` of `total` files are scored: a live bar on a terminal, else a line now and then."""
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
            console.print(printable(f"  {number}: {', '.join(files)}"), markup=False, soft_wrap=True)
        if len(result.duplicates) > 10:
            console.print(
                f"  ... {len(result.duplicates) - 10} more: see duplicate_of in summary.csv", markup=False
            )
    skipped = f", {result.skipped} skipped" if result.skipped else ""
    console.print(
        f"{result.files} file(s): {result.ok} ok, {result.invalid} invalid{skipped}, {result.warned} with warnings",
        markup=False,
    )
    for note in result.notes:
        console.print(f"note: {note}", markup=False)
    for path in result.outputs:
        console.print(printable(f"wrote {path}"), markup=False, soft_wrap=True)
    if result.reports:
        console.print(f"wrote {result.reports} report(s) in {result.outdir / 'reports'}", markup=False)
