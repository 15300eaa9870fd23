"""What a batch run passes around: the options sent to workers, one row per file, the run's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from readiness.errors import EXIT_BATCH_INVALID, EXIT_OK, Problem
from readiness.words import Lang

CRASH_MESSAGE = (
    "the checker crashed on this file (its worker process died); the file is likely hostile or corrupt"
)
MAX_SHOWN = 50  # invalid files whose problems the result carries for printing


@dataclass(frozen=True)
class Options:
    """How each file is scored; sent to the workers with every chunk."""

    lang: Lang = "ko"  # level names in the summaries
    report_format: str | None = None  # "html" / "md": one report per valid file
    report_lang: Lang | None = None  # None: each file's own language
    report_dir: str | None = None
    questionnaire: str | None = None  # a questionnaire file to use instead of the one each file names
    today: date | None = None  # date shown in reports (None: no date; keeps outputs reproducible)
    history: bool = False  # also collect what the history store keeps (Row.facts)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the history store keeps of a scored file beyond its row (with Options.history only)."""

    mode: str  # self / audit
    programmes: tuple[str, ...]  # support programmes the firm had joined
    answers_json: str  # the answers themselves, compact JSON
    questionnaire_sha256: str
    source_path: str  # absolute
    source_sha256: str
    source_mtime: float


@dataclass(slots=True)
class Row:
    """The summary of one file: what the worker sends back instead of a scorecard."""

    index: int
    path: str
    status: str = "ok"  # ok / invalid / skipped
    problems: list[Problem] = field(default_factory=list)
    questionnaire: str | None = None  # "id version"
    company_name: str | None = None
    business_number: str | None = None
    sector: str | None = None
    sector_name: str | None = None  # KSIC name in the batch's language
    region: str | None = None
    employees: int | None = None
    employee_band: str | None = None
    sme_class: str | None = None  # micro / small / medium / over_ceiling / unknown (중소기업기본법)
    source: str | None = None  # the first-level subfolder under the input folder ("" at its top)
    assessment_date: str | None = None
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
    facts: Facts | None = None  # with Options.history: what the history store keeps besides

    @property
    def scored(self) -> bool:
        """Whether the file was scored, i.e. it has points."""
        return self.points is not None


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
    skipped: int = 0  # found but never opened: not regular files, hidden, unreadable, links out
    notes: list[str] = field(default_factory=list)  # said once at the end (e.g. --jobs capped)
    run_date: str | None = None  # shown on the dashboard (None: not shown, outputs reproducible)
    dates: tuple[str, str] | None = None  # first and last assessment date among counted firms

    @property
    def exit_code(self) -> int:
        """The CLI's exit code: EXIT_BATCH_INVALID if any file was invalid or skipped, else EXIT_OK."""
        return EXIT_BATCH_INVALID if self.invalid or self.skipped else EXIT_OK
