"""Batch scoring in worker processes: chunks in flight, results in order, a crash pinned on one file.

Design (measurements in shared/yaml-and-speed.md):
- the workers start before the files are found (`Workers`): a forked worker copies the main
  process's memory, and must not copy the list of 100,000 paths;
- the files are found and sorted, then sent to the workers in chunks taken from an iterator,
  with a bounded number of chunks in flight and results consumed in order: memory stays flat
  however many files there are, and the output is the same whatever the parallelism;
- a worker returns a small `Row` per file, never a scorecard; rows are spooled to a temporary
  file and the aggregates (`stats.Stats`) keep only numbers, so the main process stays small too;
- a worker that dies (libyaml can segfault on hostile input) breaks the pool: the chunks in
  flight are re-run one file per task in a fresh single worker, which pins the crash on one
  file; `multiprocessing.Pool` would hang instead;
- one bad file never stops the run: every file gets a row and a status.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Collection, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from types import TracebackType
from typing import Any

from readiness.batch.rows import CRASH_MESSAGE, Options, Row
from readiness.batch.worker import init_worker, score_chunk
from readiness.errors import Problem

MAX_CHUNK = 64


def _context() -> Any:
    """How worker processes start.

    fork on Linux while this process has a single thread: workers start at once with the
    scoring code and questionnaires already loaded, and whatever script runs us is not imported
    again. The progress bar does not use a thread for this reason (terminal.BatchProgress).
    Otherwise forkserver (a clean server that has imported the scoring code once) or spawn: a
    fork with other threads running can deadlock the child.
    """
    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["readiness.batch.worker"])
        return ctx
    return multiprocessing.get_context("spawn")


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=_context(), initializer=init_worker)


def chunk_size(files: int, jobs: int) -> int:
    """Large enough to amortise inter-process overhead, small enough that every worker gets
    several chunks (so a small batch still uses every core and the tail is short)."""
    return max(1, min(MAX_CHUNK, files // (jobs * 8) or 1))


def _crashed(index: int, path: str) -> Row:
    return Row(index, path, status="invalid", problems=[Problem(path, CRASH_MESSAGE)])


def _isolate(chunk: Sequence[tuple[int, str]], options: Options) -> list[Row]:
    """Score `chunk` one file per task in a single worker, replaced after each crash."""
    rows: list[Row] = []
    pool: ProcessPoolExecutor | None = None
    try:
        for index, path in chunk:
            pool = pool or _pool(1)
            try:
                rows += pool.submit(score_chunk, [(index, path)], options).result()
            except BrokenProcessPool:
                rows.append(_crashed(index, path))
                pool.shutdown(wait=True)
                pool = None
    finally:
        if pool is not None:
            pool.shutdown(wait=True)
    return rows


def _ready() -> None:
    """A no-op task: the first one submitted starts the workers."""


class Workers:
    """`jobs` worker processes, started now: create this before finding the files, so that a
    forked worker copies only the loaded code and questionnaires, not the list of paths
    (tests/test_batch.py::test_workers_start_before_the_files_are_found)."""

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self.pool = _pool(jobs)
        # fork starts every worker on the first submit; forkserver and spawn start them as needed
        self.pool.submit(_ready).result()

    def restart(self) -> None:
        """A fresh pool after a crash broke this one (and `close` cleared it away)."""
        self.pool = _pool(self.jobs)

    def close(self) -> None:
        """Stop the workers (after the tasks in flight)."""
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def score_files(
    paths: Collection[str], options: Options, jobs: int, workers: Workers | None = None
) -> Iterator[Row]:
    """Rows for `paths`, in order, computed by `jobs` worker processes (`workers` if given,
    started earlier; else started now). The paths are read once, in order, chunk by chunk."""
    size = chunk_size(len(paths), jobs)
    names = iter(paths)
    start = 0
    window = jobs * 4
    pending: deque[tuple[list[tuple[int, str]], Future[list[Row]]]] = deque()
    own = workers is None
    pool = workers or Workers(jobs)
    try:
        while True:
            while len(pending) < window:
                work = [(start + k, p) for k, p in enumerate(islice(names, size))]
                if not work:
                    break
                start += len(work)
                pending.append((work, pool.pool.submit(score_chunk, work, options)))
            if not pending:
                break
            work, future = pending.popleft()
            try:
                rows = future.result()
            except BrokenProcessPool:
                # which chunk held the culprit is unknown: re-run all in flight, in order
                pool.close()
                redo = [work] + [w for w, _ in pending]
                pending.clear()
                for part in redo:
                    yield from _isolate(part, options)
                pool.restart()
                continue
            yield from rows
    finally:
        if own:
            pool.close()
