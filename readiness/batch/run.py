"""A batch run in the main process: rows in file order, duplicates, report names, --strict, the outputs."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import signal
import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from readiness.batch import dashboard, slides
from readiness.batch.discover import discover, shown_path
from readiness.batch.outdir import OutputFolder
from readiness.batch.pool import Workers, score_files
from readiness.batch.rows import CRASH_MESSAGE, MAX_SHOWN, BatchResult, Options, Row
from readiness.batch.stats import Stats
from readiness.batch.tables import Tables, write_json
from readiness.errors import Problem, UsageError
from readiness.files.loading import (
    LoadedQuestionnaire,
    available,
    find_questionnaire,
    load_questionnaire_file,
)
from readiness.report.formats import BATCH_FORMATS, ReportFormat

_UNSAFE = re.compile(r"[^\w.-]+")
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}


def safe_name(text: str, fallback: str = "report") -> str:
    """A file name from untrusted text: letters (Hangul too), digits, '.', '-', '_' only; never
    empty, hidden, '..', or a Windows device name; at most 80 characters."""
    name = _UNSAFE.sub("_", text).strip("._-")[:80].strip("._-")
    if not name:
        return fallback
    return f"_{name}" if name.split(".")[0].upper() in _RESERVED else name


class FirstFiles:
    """Business number -> the index of the first file with it, for 100,000 firms in ~2 MB.

    A dict of number strings to path strings cost ~250 bytes a firm. Numbers are stored as
    integers packed with the index into one int64 slot of an open-addressing table (half full at
    most); the path is looked up by index only when a number repeats. A number in another form
    (none pass validation today) goes to a plain dict. tests/test_batch.py::
    test_first_files_finds_every_repeat_like_a_dict compares it with a dict.
    """

    INDEX_BITS = 29  # up to 536 million files

    def __init__(self) -> None:
        self._slots = array("q", bytes(8 * 1024))
        self._used = 0
        self._other: dict[str, int] = {}

    @staticmethod
    def _key(number: str) -> int | None:
        digits = number.replace("-", "")
        return int(digits) + 1 if len(digits) == 10 and digits.isdigit() and digits.isascii() else None

    def first(self, number: str, index: int) -> int:
        """The index of the first file with `number`; `index` if this is the first."""
        key = self._key(number)
        if key is None or index >> self.INDEX_BITS:
            return self._other.setdefault(number, index)
        slots, mask = self._slots, len(self._slots) - 1
        slot = (key * 0x9E3779B97F4A7C15 >> 20) & mask
        while True:
            packed = slots[slot]
            if packed == 0:
                break
            if packed >> self.INDEX_BITS == key:
                return packed & ((1 << self.INDEX_BITS) - 1)
            slot = (slot + 1) & mask
        slots[slot] = key << self.INDEX_BITS | index
        self._used += 1
        if self._used * 2 > len(slots):
            self._grow()
        return index

    def _grow(self) -> None:
        old = self._slots
        self._slots = array("q", bytes(16 * len(old)))
        slots, mask = self._slots, len(self._slots) - 1
        for packed in old:
            if packed:
                slot = ((packed >> self.INDEX_BITS) * 0x9E3779B97F4A7C15 >> 20) & mask
                while slots[slot]:
                    slot = (slot + 1) & mask
                slots[slot] = packed


class _Run:
    """The main process's part, row by row in file order: duplicates, report names, --strict,
    counts, aggregates, and the tables."""

    def __init__(
        self,
        outdir: Path,
        options: Options,
        strict: bool,
        result: BatchResult,
        known: dict[str, LoadedQuestionnaire],
    ) -> None:
        self.outdir, self.options, self.strict, self.result = outdir, options, strict, result
        self.first_files = FirstFiles()  # business number -> index of the first file with it
        self.paths: Sequence[str] = ()  # the files, by index
        self.roots: list[str] = []  # input folders, longest first
        self.report_names: set[str] = set()
        self.known = known
        self.dimension_ids = list(
            dict.fromkeys(d.id for lq in self.known.values() for d in lq.questionnaire.dimensions)
        )
        self.stats: dict[str, Stats] = {}
        names = {
            d.id: d.name(options.lang) for lq in self.known.values() for d in lq.questionnaire.dimensions
        }
        self.tables = Tables(outdir, self.dimension_ids, options.lang, names)

    def add(self, row: Row) -> None:
        result = self.result
        row.path, row.source = self._relative(shown_path(row.path))  # only shown from here on
        row.problems = [dataclasses.replace(p, path=row.path) for p in row.problems]
        if row.business_number:
            first_index = self.first_files.first(row.business_number, row.index)
            if first_index != row.index:
                earlier = result.duplicates.get(row.business_number)
                row.duplicate_of = (
                    earlier[0] if earlier else self._relative(shown_path(self.paths[first_index]))[0]
                )
                result.duplicates.setdefault(row.business_number, [row.duplicate_of]).append(row.path)
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
                if row.assessment_date:
                    first, last = result.dates or (row.assessment_date, row.assessment_date)
                    result.dates = (min(first, row.assessment_date), max(last, row.assessment_date))
                self._stats(row.questionnaire).add(
                    points=row.points or 0,
                    level=row.level_rank or 0,
                    dimensions=row.dimensions,
                    completeness=row.completeness or 0.0,
                    sector=row.sector,
                    region=row.region,
                    size_band=row.employee_band,
                    sme_class=row.sme_class,
                    source=row.source,
                    blockers=row.blocker_keys,
                    plausibility=[wid for kind, wid, _ in row.warnings if kind == "plausibility"],
                )
        elif row.status == "skipped":
            result.skipped += 1
            if result.invalid + result.skipped <= MAX_SHOWN:
                result.problems += row.problems
        else:
            result.invalid += 1
            result.crashed += any(p.message == CRASH_MESSAGE for p in row.problems)
            if result.invalid <= MAX_SHOWN:
                result.problems += row.problems
        self.tables.write(row)

    def _relative(self, path: str) -> tuple[str, str | None]:
        """The path relative to the input folder it was found in, and its first-level subfolder."""
        for root in self.roots:
            prefix = root.rstrip(os.sep) + os.sep
            if path.startswith(prefix):
                rest = path[len(prefix) :]
                head, sep, _ = rest.partition(os.sep)
                return rest, head if sep else ""
        return path, None

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
        # cannot happen after safe_name; never trust it. Lexical, not resolve(): two realpath walks
        # a report were a tenth of the main process's time, and os.replace never follows a link.
        # A separator, `..` or an absolute path in the name all give another parent.
        if final.parent != folder:
            raise UsageError(f"refusing to write a report outside {folder}: {final}")
        os.replace(folder / (row.report or ""), final)
        row.report = final.relative_to(self.outdir).as_posix()

    def finish(self) -> list[Path]:
        """Close the tables; write the dashboard and peers.json for the main questionnaire."""
        main = max(self.stats, key=lambda k: (self.stats[k].n, k), default=None)
        others = sum(s.n for k, s in self.stats.items() if k != main)
        extra = {
            "totals": {
                "files": self.result.files,
                "ok": self.result.ok,
                "invalid": self.result.invalid,
                "skipped": self.result.skipped,
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
            outputs += slides.write(
                self.outdir / "charts", dashboard.view(stats, q, self.result, self.options.lang)
            )
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
    each: Callable[[Row], None] | None = None,
) -> BatchResult:
    """Score every answer file under `inputs` and write the outputs into `outdir`.

    `progress(done, total)` is called with 0 once the files are found, then as they complete.
    With `strict`, a file with any warning, or a later file with an already-seen business
    number, counts as invalid. The outputs replace the previous run's only when all are written.
    """
    options = options or Options()
    if options.report_format and options.report_format not in BATCH_FORMATS:
        raise UsageError(f"--reports must be one of {', '.join(BATCH_FORMATS)}")
    if options.report_format == ReportFormat.PDF:  # once, before any file: not one error per file
        from readiness.report.pdf import check_available

        check_available()
    cpus = os.cpu_count() or 1
    wanted = max(1, jobs or cpus)
    jobs = min(wanted, cpus)
    known = _known_questionnaires(options)  # before the workers start, so that they share it
    with Workers(jobs) as workers:  # before the files are found: workers must not copy the list
        found = discover(inputs)
        paths = found.files
        result = BatchResult(outdir=outdir, files=len(paths) + len(found.skipped))
        result.run_date = options.today.isoformat() if options.today else None
        if wanted > cpus:
            result.notes.append(f"--jobs {wanted} is more than the {cpus} CPU(s) here; using {cpus}")
        with OutputFolder(outdir) as folder, _terminate_as_interrupt():
            if options.report_format:
                report_dir = folder.staging / "reports"
                report_dir.mkdir()
                options = replace(options, report_dir=str(report_dir))
            try:
                state = _Run(folder.staging, options, strict, result, known)
                state.paths = paths
                state.roots = sorted(
                    (shown_path(str(p)) for p in inputs if os.path.isdir(p)), key=len, reverse=True
                )
                if progress is not None:
                    progress(0, len(paths))
                try:
                    for done, row in enumerate(score_files(paths, options, jobs, workers), 1):
                        state.add(row)
                        if each is not None:
                            each(row)
                        if progress is not None:
                            progress(done, len(paths))
                    for k, (path, reason) in enumerate(found.skipped):
                        state.add(
                            Row(len(paths) + k, path, status="skipped", problems=[Problem(path, reason)])
                        )
                except BaseException:
                    state.tables.abort()
                    raise
                staged = state.finish()
                folder.commit()
            except OSError as exc:
                raise UsageError(f"cannot write the outputs in {outdir}: {exc.strerror or exc}") from None
    result.outputs = [outdir / p.relative_to(folder.staging) for p in staged]
    return result


class Terminated(KeyboardInterrupt):
    """SIGTERM: stop like Ctrl-C (outputs untouched), with the conventional exit code."""

    exit_code = 143


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Turn SIGTERM into `Terminated` while the run lasts, so the staging folder is cleaned up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
