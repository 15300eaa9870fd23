"""The worker side of a batch: load, check and summarise one file into a Row; never raise for a bad file."""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness.batch.rows import Facts, Options, Row
from readiness.batch.stats import employee_band
from readiness.domain import normalise
from readiness.domain.answers import AnswerFile
from readiness.domain.ladder import gate_text
from readiness.domain.results import GateCheck
from readiness.domain.scoring import evaluate, score
from readiness.domain.sme import sme_class
from readiness.errors import AnswersError, Problem
from readiness.files.catalogues import bundled_catalogues
from readiness.files.loading import (
    LoadedQuestionnaire,
    bundled_sectors,
    bundled_sme_criteria,
    check_answers,
    load_questionnaire_file,
    read_answers,
    resolve_questionnaire,
)

_questionnaires: dict[tuple[str, str], LoadedQuestionnaire] = {}


def init_worker() -> None:
    """Worker start-up: move everything loaded so far (modules, models, the questionnaire when
    forked) out of the collector's sight. Parsing allocates thousands of short-lived objects per
    file, and each collection would otherwise rescan the long-lived ones (shared/yaml-and-speed.md:
    10-25% of the parse). Raising the thresholds as well was measured: no faster, and workers
    grew from 33 to 116 MB, so the defaults stay.
    """
    gc.freeze()
    _die_with_parent()


def _die_with_parent() -> None:
    """Linux: the kernel kills this worker when the main process dies (SIGKILL included), so no
    worker outlives a batch that a supervisor stopped."""
    if sys.platform != "linux":
        return
    import ctypes
    import signal

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


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
    return f"L{gate.level} " + gate_text(gate.alternatives, moving=current, joiner=" or ")


def score_one(index: int, path: str, options: Options) -> Row:
    """Load, check and summarise one file; never raises for a bad file."""
    row = Row(index, path)
    try:
        answers, doc = read_answers(Path(path))
        company = answers.company
        row.company_name, row.business_number = company.name, company.business_number
        row.sector, row.region, row.employees = company.sector, company.region, company.employees
        sectors = bundled_sectors()
        if company.sector and sectors is not None:
            row.sector_name = sectors.name(company.sector, options.lang)
        row.employee_band = employee_band(company.employees)
        province = normalise.province(company.region) if company.region else None
        row.region = province.short if province else company.region  # one group per 시도
        criteria = bundled_sme_criteria()
        if criteria is not None:
            verdict = sme_class(criteria, company.sector, company.annual_revenue_krw, company.employees)
            row.sme_class = verdict.klass
        row.assessment_date = answers.assessment.date.isoformat() if answers.assessment.date else None
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
    head = evaluate(q, answers)
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
    if options.history:
        row.facts = _facts(answers, loaded, path)
    if options.report_format and options.report_dir:
        from readiness.report.render import render_report  # jinja2 only when reports are asked for

        card = score(q, answers, loaded.sha256, head)
        lang = options.report_lang or answers.assessment.language
        programmes, actions = bundled_catalogues(q)
        data = render_report(
            card,
            options.report_format,
            lang,
            options.today,
            questionnaire=q,
            programmes=programmes,
            actions=actions,
            sme_criteria=bundled_sme_criteria(),
            sectors=bundled_sectors(),
        )
        if not _reports_frozen:
            _freeze_after_first_report()
        part = Path(options.report_dir) / _part_name(index, options.report_format)
        part.write_bytes(data)
        row.report = part.name
    return row


_reports_frozen = False


def _freeze_after_first_report() -> None:
    """After the first report, move what reports loaded (Jinja, the compiled template, the
    catalogues) out of the collector's sight, as `init_worker` did for the rest: loaded after that
    freeze, these ~180,000 objects were rescanned by every full collection (a fifth of the time
    of a batch with reports)."""
    global _reports_frozen
    gc.freeze()
    _reports_frozen = True


def _facts(answers: AnswerFile, loaded: LoadedQuestionnaire, path: str) -> Facts:
    """What the history store keeps besides the row: the answers, programmes, the file's hash."""
    with open(path, "rb") as handle:
        content = handle.read()
        mtime = os.fstat(handle.fileno()).st_mtime
    given = {qid: a.model_dump(mode="json", exclude_defaults=True) for qid, a in answers.answers.items()}
    compact = {qid: (a["value"] if a.keys() == {"value"} else a) for qid, a in given.items()}
    return Facts(
        mode=answers.assessment.mode,
        programmes=tuple(answers.company.programmes),
        answers_json=json.dumps(compact, ensure_ascii=False, separators=(",", ":"), sort_keys=True),
        questionnaire_sha256=loaded.sha256,
        source_path=os.path.abspath(path),
        source_sha256=hashlib.sha256(content).hexdigest(),
        source_mtime=mtime,
    )


def score_chunk(chunk: Sequence[tuple[int, str]], options: Options) -> list[Row]:
    """The worker task: one row per (index, path)."""
    return [score_one(index, path, options) for index, path in chunk]


def _part_name(index: int, fmt: str) -> str:
    return f".part-{index:08d}.{fmt}"
