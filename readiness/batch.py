"""Batch scoring: a folder of answer files in, one row per file and aggregate outputs out (issue 5).

Design (measurements in shared/yaml-and-speed.md):
- the files are found and sorted first, then sent to a ProcessPoolExecutor in chunks, with a
  bounded number of chunks in flight and results consumed in order: memory stays flat however
  many files there are, and the output is the same whatever the parallelism;
- a worker returns a small `Row` per file, never a scorecard; rows are spooled to a temporary
  file and the aggregates (`stats.Stats`) keep only numbers, so the main process stays small too;
- a worker that dies (libyaml can segfault on hostile input) breaks the pool: the chunks in
  flight are re-run one file per task in a fresh single worker, which pins the crash on one
  file; `multiprocessing.Pool` would hang instead;
- one bad file never stops the run: every file gets a row and a status.
"""

from __future__ import annotations

import gc
import glob
import multiprocessing
import os
import re
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from readiness.errors import EXIT_BATCH_INVALID, EXIT_OK, AnswersError, Problem, UsageError
from readiness.loading import (
    LoadedQuestionnaire,
    check_answers,
    load_questionnaire_file,
    read_answers,
    resolve_questionnaire,
)
from readiness.models import AnswerFile, Lang
from readiness.scoring import GateCheck, headline, score
from readiness.stats import Stats, employee_band

SUFFIXES = (".yaml", ".yml")
REPORT_FORMATS = ("html", "md")
MAX_CHUNK = 64
CRASH_MESSAGE = (
    "the checker crashed on this file (its worker process died); the file is likely hostile or corrupt"
)


@dataclass(frozen=True)
class Options:
    """How each file is scored; sent to the workers with every chunk."""

    lang: Lang = "ko"  # level names in the summaries
    report_format: str | None = None  # "html" / "md": one report per valid file
    report_lang: Lang | None = None  # None: each file's own language
    report_dir: str | None = None
    questionnaire: str | None = None  # a questionnaire file to use instead of the one each file names
    today: date | None = None  # date shown in reports (None: no date; keeps outputs reproducible)


@dataclass(slots=True)
class Row:
    """The summary of one file: what the worker sends back instead of a scorecard."""

    index: int
    path: str
    status: str = "ok"  # ok / invalid
    problems: list[Problem] = field(default_factory=list)
    questionnaire: str | None = None  # "id version"
    company_name: str | None = None
    business_number: str | None = None
    sector: str | None = None
    region: str | None = None
    employees: int | None = None
    employee_band: str | None = None
    level_rank: int | None = None
    level_id: str | None = None
    level_name: str | None = None
    points: int | None = None
    dimensions: dict[str, float | None] = field(default_factory=dict)
    answered: int | None = None
    total: int | None = None
    completeness: float | None = None
    warnings: list[tuple[str, str, str]] = field(default_factory=list)  # kind, id, message
    blockers: list[str] = field(default_factory=list)  # "L2 quality.spc 2 → 3"
    blocker_keys: list[str] = field(default_factory=list)  # "L2 quality.spc ≥ 3", for counting
    report: str | None = None  # relative to OUTDIR
    duplicate_of: str | None = None  # the earlier file with the same business number

    @property
    def scored(self) -> bool:
        return self.points is not None


# --- finding the files -----------------------------------------------------------------------


def discover(inputs: Sequence[str | Path]) -> list[str]:
    """Answer files under `inputs` (folders searched recursively, files, globs), sorted, unique.

    Hidden files and folders (names starting with ".") inside a folder are skipped. Uses
    os.walk and plain strings: pathlib costs ~25 us a file, a quarter second per 10,000.
    """
    found: dict[str, str] = {}  # normalised absolute path -> path as the user will recognise it

    def add(path: str) -> None:
        found.setdefault(os.path.abspath(path), path)

    def walk(folder: str) -> None:
        for root, dirs, files in os.walk(folder):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith(".") and name.lower().endswith(SUFFIXES):
                    add(os.path.join(root, name))

    for item in map(str, inputs):
        if os.path.isdir(item):
            walk(item)
        elif os.path.isfile(item):
            add(item)
        elif glob.has_magic(item):
            matched = False
            for match in sorted(glob.glob(item, recursive=True)):
                if os.path.isdir(match):
                    before = len(found)
                    walk(match)
                    matched = matched or len(found) > before
                elif match.lower().endswith(SUFFIXES) and os.path.isfile(match):
                    add(match)
                    matched = True
            if not matched:
                raise UsageError(f"{item}: no answer files (*.yaml, *.yml) match this pattern")
        else:
            raise UsageError(f"{item}: no such file or folder")
    if not found:
        raise UsageError(f"no answer files (*.yaml, *.yml) found in {', '.join(map(str, inputs))}")
    return sorted(found.values())


# --- the worker side -------------------------------------------------------------------------

_questionnaires: dict[tuple[str, str], LoadedQuestionnaire] = {}


def _init_worker() -> None:
    """Worker start-up: move everything loaded so far (modules, models, the questionnaire when
    forked) out of the collector's sight. Parsing allocates thousands of short-lived objects per
    file, and each collection would otherwise rescan the long-lived ones (shared/yaml-and-speed.md:
    10-25% of the parse). Raising the thresholds as well was measured: no faster, and workers
    grew from 33 to 116 MB, so the defaults stay.
    """
    gc.freeze()


def _questionnaire_for(answers: AnswerFile, doc: Any, path: str, options: Options) -> LoadedQuestionnaire:
    if options.questionnaire is not None:
        loaded = load_questionnaire_file(Path(options.questionnaire))
        if loaded.questionnaire.id != answers.questionnaire.id:
            message = (
                f"this file is for questionnaire {answers.questionnaire.id!r}, "
                f"not {loaded.questionnaire.id!r}"
            )
            line = doc.line_of(("questionnaire", "id"))
            raise AnswersError([Problem(path, message, line, "questionnaire.id")])
        return loaded
    key = (answers.questionnaire.id, answers.questionnaire.version)
    if key not in _questionnaires:  # resolving globs the bundled folder: once per process
        _questionnaires[key] = resolve_questionnaire(answers, doc, path)
    return _questionnaires[key]


def _describe_gate(gate: GateCheck, current: bool) -> str:
    parts = []
    for alt in gate.alternatives:
        target = alt.question or alt.dimension
        parts.append(
            f"{target} {alt.current:g} → {alt.required:g}" if current else f"{target} ≥ {alt.required:g}"
        )
    return f"L{gate.level} " + " or ".join(parts)


def score_one(index: int, path: str, options: Options) -> Row:
    """Load, check and summarise one file; never raises for a bad file."""
    row = Row(index, path)
    try:
        answers, doc = read_answers(Path(path))
        company = answers.company
        row.company_name, row.business_number = company.name, company.business_number
        row.sector, row.region, row.employees = company.sector, company.region, company.employees
        row.employee_band = employee_band(company.employees)
        row.questionnaire = f"{answers.questionnaire.id} {answers.questionnaire.version}"
        loaded = _questionnaire_for(answers, doc, path, options)
        check_answers(answers, loaded.questionnaire, doc, path)
    except AnswersError as exc:
        row.status, row.problems = "invalid", list(exc.problems)
        return row
    except Exception as exc:
        message = f"internal error while scoring this file ({type(exc).__name__}: {str(exc)[:200]}); please report it"
        row.status, row.problems = "invalid", [Problem(path, message)]
        return row
    q = loaded.questionnaire
    head = headline(q, answers)
    row.questionnaire = f"{q.id} {q.version}"
    row.level_rank, row.level_id, row.level_name = (
        head.level.rank,
        head.level.id,
        head.level.name(options.lang),
    )
    row.points, row.dimensions = head.points, head.dimensions
    row.answered, row.total, row.completeness = head.answered, head.total, head.completeness
    row.warnings = [(w.kind, w.id, w.message(options.lang)) for w in head.warnings]
    row.blockers = [_describe_gate(g, current=True) for g in head.blockers]
    row.blocker_keys = [_describe_gate(g, current=False) for g in head.blockers]
    if options.report_format and options.report_dir:
        from readiness.report import render_report  # built separately; only needed with --reports

        card = score(q, answers, loaded.sha256)
        lang = options.report_lang or answers.assessment.language
        text = render_report(card, options.report_format, lang, options.today, questionnaire=loaded)
        part = Path(options.report_dir) / _part_name(index, options.report_format)
        part.write_text(text, encoding="utf-8", newline="\n")
        row.report = part.name
    return row


def score_chunk(chunk: Sequence[tuple[int, str]], options: Options) -> list[Row]:
    """The worker task: one row per (index, path)."""
    return [score_one(index, path, options) for index, path in chunk]


def _part_name(index: int, fmt: str) -> str:
    return f".part-{index:08d}.{fmt}"


# --- the pipeline ----------------------------------------------------------------------------


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
        ctx.set_forkserver_preload(["readiness.batch"])
        return ctx
    return multiprocessing.get_context("spawn")


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init_worker)


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


def score_files(paths: Sequence[str], options: Options, jobs: int) -> Iterator[Row]:
    """Rows for `paths`, in order, computed by `jobs` worker processes."""
    size = chunk_size(len(paths), jobs)
    chunks = deque((i, paths[i : i + size]) for i in range(0, len(paths), size))
    window = jobs * 4
    pending: deque[tuple[list[tuple[int, str]], Future[list[Row]]]] = deque()
    pool = _pool(jobs)
    try:
        while chunks or pending:
            while chunks and len(pending) < window:
                start, names = chunks.popleft()
                work = [(start + k, p) for k, p in enumerate(names)]
                pending.append((work, pool.submit(score_chunk, work, options)))
            work, future = pending.popleft()
            try:
                rows = future.result()
            except BrokenProcessPool:
                # which chunk held the culprit is unknown: re-run all in flight, in order
                pool.shutdown(wait=True, cancel_futures=True)
                redo = [work] + [w for w, _ in pending]
                pending.clear()
                for part in redo:
                    yield from _isolate(part, options)
                pool = _pool(jobs)
                continue
            yield from rows
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --- the main-process side -------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w.-]+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_name(text: str, fallback: str = "report") -> str:
    """A file name from untrusted text: letters (Hangul too), digits, '.', '-', '_' only; never
    empty, hidden, '..', or a Windows device name; at most 80 characters."""
    name = _UNSAFE.sub("_", text).strip("._-")[:80].strip("._-")
    if not name:
        return fallback
    return f"_{name}" if name.split(".")[0].upper() in _RESERVED else name


MAX_SHOWN = 50  # invalid files whose problems the result carries for printing


@dataclass
class BatchResult:
    """What the run did, for the CLI to report: counts, outputs, the first problems."""

    outdir: Path
    files: int = 0
    ok: int = 0
    invalid: int = 0
    warned: int = 0  # scored files with at least one warning
    crashed: int = 0
    counted: int = 0  # firms in the dashboard and peers.json
    reports: int = 0
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # business number -> its files
    problems: list[Problem] = field(default_factory=list)  # of the first MAX_SHOWN invalid files
    outputs: list[Path] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        return EXIT_BATCH_INVALID if self.invalid else EXIT_OK


class _Run:
    """The main process's part, row by row in file order: duplicates, report names, --strict,
    counts, aggregates, and the tables."""

    def __init__(self, outdir: Path, options: Options, strict: bool, result: BatchResult) -> None:
        from readiness.summary import Tables

        self.outdir, self.options, self.strict, self.result = outdir, options, strict, result
        self.first_file: dict[str, str] = {}  # business number -> first file with it
        self.report_names: set[str] = set()
        self.known = _known_questionnaires(options)
        self.dimension_ids = list(
            dict.fromkeys(d.id for lq in self.known.values() for d in lq.questionnaire.dimensions)
        )
        self.stats: dict[str, Stats] = {}
        self.tables = Tables(outdir, self.dimension_ids)

    def add(self, row: Row) -> None:
        result = self.result
        if row.business_number:
            first = self.first_file.setdefault(row.business_number, row.path)
            if first != row.path:
                row.duplicate_of = first
                result.duplicates.setdefault(row.business_number, [first]).append(row.path)
        if row.warnings:
            result.warned += 1
        if self.strict and row.status == "ok":
            _apply_strict(row)
        if row.report:
            if row.status == "ok":
                self._name_report(row)
            else:  # --strict turned it invalid: no report for an invalid file
                (Path(self.options.report_dir or self.outdir) / row.report).unlink()
                row.report = None
        if row.status == "ok":
            result.ok += 1
            result.reports += row.report is not None
            if row.duplicate_of is None and row.questionnaire:
                # a repeated business number is a resubmission: only the first file counts
                result.counted += 1
                self._stats(row.questionnaire).add(
                    points=row.points or 0,
                    level=row.level_rank or 0,
                    dimensions=row.dimensions,
                    completeness=row.completeness or 0.0,
                    sector=row.sector,
                    region=row.region,
                    size_band=row.employee_band,
                    blockers=row.blocker_keys,
                    plausibility=[wid for kind, wid, _ in row.warnings if kind == "plausibility"],
                )
        else:
            result.invalid += 1
            result.crashed += any(p.message == CRASH_MESSAGE for p in row.problems)
            if result.invalid <= MAX_SHOWN:
                result.problems += row.problems
        self.tables.write(row)

    def _stats(self, key: str) -> Stats:
        if key not in self.stats:
            q = self.known[key].questionnaire
            self.stats[key] = Stats([d.id for d in q.dimensions], len(q.levels))
        return self.stats[key]

    def _name_report(self, row: Row) -> None:
        """Rename the worker's numbered file after the business number or the file name; the
        first free name in file order wins, so names do not depend on the parallelism."""
        fmt = self.options.report_format or "html"
        base = safe_name(row.business_number or Path(row.path).stem)
        name, n = base, 1
        while name.lower() in self.report_names:  # case-insensitive file systems too
            n += 1
            name = f"{base}-{n}"
        self.report_names.add(name.lower())
        folder = Path(self.options.report_dir or self.outdir)
        final = folder / f"{name}.{fmt}"
        if final.resolve().parent != folder.resolve():  # cannot happen after safe_name; never trust it
            raise UsageError(f"refusing to write a report outside {folder}: {final}")
        os.replace(folder / (row.report or ""), final)
        row.report = final.relative_to(self.outdir).as_posix()

    def finish(self) -> list[Path]:
        """Close the tables; write the dashboard and peers.json for the main questionnaire."""
        from readiness import dashboard
        from readiness.summary import write_json

        main = max(self.stats, key=lambda k: (self.stats[k].n, k), default=None)
        others = sum(s.n for k, s in self.stats.items() if k != main)
        extra = {
            "totals": {
                "files": self.result.files,
                "ok": self.result.ok,
                "invalid": self.result.invalid,
                "with_warnings": self.result.warned,
                "counted_in_statistics": self.result.counted,
            },
            "questionnaires": {
                key: {"sha256": lq.sha256, "files_counted": self.stats[key].n if key in self.stats else 0}
                for key, lq in sorted(self.known.items())
            },
            "duplicates": self.result.duplicates,
        }
        outputs = self.tables.close(extra)
        loaded = self.known[main] if main else next(iter(self.known.values()), None)
        stats = self.stats.get(main or "") or (
            Stats([d.id for d in loaded.questionnaire.dimensions], len(loaded.questionnaire.levels))
            if loaded
            else None
        )
        if loaded is not None and stats is not None:
            q = loaded.questionnaire
            peers = {
                "format": "readiness-peers/1",
                "questionnaire": {"id": q.id, "version": q.version, "sha256": loaded.sha256},
                **stats.peers(),
            }
            outputs.append(write_json(self.outdir / "peers.json", peers))
            html = dashboard.render(stats, q, self.result, self.options.lang, other_questionnaires=others)
            path = self.outdir / "dashboard.html"
            path.write_text(html, encoding="utf-8", newline="\n")
            outputs.append(path)
        return outputs


def _apply_strict(row: Row) -> None:
    """--strict: any warning, or a business number already seen, makes the file invalid."""
    problems = [
        Problem(row.path, f"warning: {message}", None, f"warnings.{wid}") for _, wid, message in row.warnings
    ]
    if row.duplicate_of:
        problems.append(
            Problem(row.path, f"same business number as {row.duplicate_of}", None, "company.business_number")
        )
    if problems:
        row.status, row.problems = "invalid", problems


def _known_questionnaires(options: Options) -> dict[str, LoadedQuestionnaire]:
    """Every questionnaire a row can be scored against ("id version" -> it), known before the
    first row so the table's columns are fixed: the forced one, or every bundled one."""
    from readiness.loading import available, find_questionnaire

    if options.questionnaire:
        loaded = [load_questionnaire_file(Path(options.questionnaire))]
    else:
        loaded = [find_questionnaire(qid, version) for qid, version, _ in available()]
    return {f"{lq.questionnaire.id} {lq.questionnaire.version}": lq for lq in loaded}


def run(
    inputs: Sequence[str | Path],
    outdir: Path,
    options: Options | None = None,
    jobs: int | None = None,
    strict: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> BatchResult:
    """Score every answer file under `inputs` and write the outputs into `outdir`.

    `progress(done, total)` is called with 0 once the files are found, then as they complete.
    With `strict`, a file with any warning,
    or a later file with an already-seen business number, counts as invalid.
    """
    options = options or Options()
    paths = discover(inputs)
    jobs = max(1, jobs or os.cpu_count() or 1)
    if outdir.exists() and not outdir.is_dir():
        raise UsageError(f"{outdir} is a file; give a folder for the outputs with -o")
    outdir.mkdir(parents=True, exist_ok=True)
    if options.report_format:
        if options.report_format not in REPORT_FORMATS:
            raise UsageError(f"--reports must be one of {', '.join(REPORT_FORMATS)}")
        report_dir = outdir / "reports"
        report_dir.mkdir(exist_ok=True)
        for stale in report_dir.glob(".part-*"):
            stale.unlink()
        options = replace(options, report_dir=str(report_dir))

    result = BatchResult(outdir=outdir, files=len(paths))
    state = _Run(outdir, options, strict, result)
    if progress is not None:
        progress(0, len(paths))
    try:
        for done, row in enumerate(score_files(paths, options, jobs), 1):
            state.add(row)
            if progress is not None:
                progress(done, len(paths))
    except BaseException:
        state.tables.abort()
        raise
    result.outputs = state.finish()
    return result
