"""The library's front door: everything the CLI does, callable from Python."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from readiness.domain.answers import AnswerFile, Company, QuestionnaireRef
from readiness.domain.results import Scorecard
from readiness.domain.scoring import score
from readiness.errors import AnswersError, InputError, Problem
from readiness.files import answerfile
from readiness.files.loading import (
    LoadedQuestionnaire,
    find_questionnaire,
    load_answers,
    newer_version,
)
from readiness.words import Lang


def score_file(path: Path | str, questionnaire: LoadedQuestionnaire | None = None) -> Scorecard:
    """Load, check and score one answer file; raises `AnswersError` with every problem."""
    answers, loaded = load_answers(Path(path), questionnaire)
    return score(loaded.questionnaire, answers, loaded.sha256)


def score_answers(answers: AnswerFile, loaded: LoadedQuestionnaire | None = None) -> Scorecard:
    """Score answers already in memory (e.g. from the interview)."""
    loaded = loaded or find_questionnaire(answers.questionnaire.id, answers.questionnaire.version)
    return score(loaded.questionnaire, answers, loaded.sha256)


def validate_file(path: Path | str, questionnaire: LoadedQuestionnaire | None = None) -> list[Problem]:
    """Every problem in one answer file (empty when it is valid)."""
    try:
        load_answers(Path(path), questionnaire)
    except InputError as exc:
        return list(exc.problems)
    return []


def validate_warnings(path: Path | str) -> list[Problem]:
    """Things worth a second look in a valid answer file; not errors (the examples trip some).

    A business number that fails the check digit; in audit mode, every answer verified at 4 or 5
    with no evidence listed (the report flags them too).
    """
    from readiness.domain.normalise import business_number_checks
    from readiness.domain.scoring import EVIDENCE_FROM
    from readiness.files.loading import read_answers

    answers, doc = read_answers(Path(path))
    out = []
    number = answers.company.business_number
    if number is not None and not business_number_checks(number):
        line = doc.line_of(("company", "business_number"))
        message = "fails the national check digit: mistyped, or fictional (as in the examples)"
        out.append(Problem(str(path), message, line, "company.business_number"))
    if answers.assessment.mode == "audit":
        for qid, answer in answers.answers.items():
            if (answer.verified or 0) >= EVIDENCE_FROM and not answer.evidence:
                line = doc.line_of(("answers", qid, "verified"))
                message = f"verified at {answer.verified} with no evidence listed"
                out.append(Problem(str(path), message, line, f"answers.{qid}.evidence"))
    return out


def scorecard_json(card: Scorecard) -> str:
    """Stable JSON for a scorecard: same input, byte-identical output."""
    return card.model_dump_json(indent=2) + "\n"


def template(questionnaire: str = "kr-smart-factory", lang: Lang = "ko", version: str | None = None) -> str:
    """A blank answer file listing every question and its six options as comments."""
    loaded = find_questionnaire(questionnaire, version)
    q = loaded.questionnaire
    blank = AnswerFile.model_construct(
        questionnaire={"id": q.id, "version": q.version},  # type: ignore[arg-type]
        company=Company.model_construct(name=""),
        assessment=AnswerFile.model_fields["assessment"].default.model_copy(update={"language": lang}),
        answers={},
    )
    return answerfile.render(blank, q, lang)


def template_workbook(
    questionnaire: str = "kr-smart-factory",
    lang: Lang = "ko",
    version: str | None = None,
    mode: str = "self",
) -> bytes:
    """A blank answer workbook (.xlsx): cover with the company profile, the questions, metadata."""
    from readiness.files.workbook_write import workbook_bytes  # xlsxwriter only when asked for

    loaded = find_questionnaire(questionnaire, version)
    q = loaded.questionnaire
    blank = AnswerFile.model_construct(
        questionnaire=QuestionnaireRef(id=q.id, version=q.version),
        company=Company.model_construct(name="", programmes=[], programmes_asked=False),
        assessment=AnswerFile.model_fields["assessment"].default.model_copy(
            update={"language": lang, "mode": mode}
        ),
        answers={},
    )
    return workbook_bytes(blank, q, loaded.sha256, lang)


def convert_file(path: Path | str, to: str) -> bytes:
    """An answer file in the other form: `to` is `xlsx` (a workbook) or `yaml`; nothing is lost.

    The file is checked against its questionnaire first; the output is in the file's language.
    """
    from readiness.files.workbook_write import workbook_bytes

    answers, loaded = load_answers(Path(path))
    lang = answers.assessment.language
    if to == "xlsx":
        return workbook_bytes(answers, loaded.questionnaire, loaded.sha256, lang)
    return answerfile.render(answers, loaded.questionnaire, lang).encode()


def report_file(
    path: Path | str,
    fmt: str = "html",
    lang: Lang | None = None,
    today: dt.date | None = None,
    *,
    previous: Path | str | None = None,
    target: str | None = None,
    questionnaire: LoadedQuestionnaire | None = None,
    peers: Path | str | None = None,
) -> tuple[bytes, Scorecard]:
    """Score one answer file and render its report; also returns the scorecard for a summary.

    `lang` defaults to the file's language; `target` is a level as `L5`, `5` or `ai-factory`;
    `previous` is an earlier answer file of the same firm, scored with its own questionnaire
    version unless `questionnaire` is given.
    """
    from readiness.report.build import target_rank

    card = score_file(path, questionnaire)
    loaded = questionnaire or find_questionnaire(card.questionnaire.id, card.questionnaire.version)
    old = score_file(previous, questionnaire) if previous is not None else None
    rank = target_rank(loaded.questionnaire, target) if target is not None else None
    peer = None
    if peers is not None:
        from readiness.batch.peers import peer_figures
        from readiness.files.peers import read_peers

        peer = peer_figures(read_peers(str(peers)), card.company.sector, card.company.employees, card.points)
    data = render_card(
        card, loaded, fmt, lang or card.assessment.language, today, previous=old, target=rank, peers=peer
    )
    return data, card


def render_card(
    card: Scorecard,
    loaded: LoadedQuestionnaire,
    fmt: str = "html",
    lang: str = "ko",
    today: dt.date | None = None,
    *,
    previous: Scorecard | None = None,
    target: int | None = None,
    peers: dict[str, Any] | None = None,
) -> bytes:
    """The report on a scorecard, with the bundled catalogues for its questionnaire."""
    from readiness.files.catalogues import bundled_catalogues  # catalogues only for reports
    from readiness.files.loading import bundled_sectors, bundled_sme_criteria
    from readiness.report.render import render_report  # jinja2 only when a report is asked for

    programmes, actions = bundled_catalogues(loaded.questionnaire)
    return render_report(
        card,
        fmt,
        lang,
        today,
        questionnaire=loaded.questionnaire,
        previous=previous,
        target=target,
        peers=peers,
        programmes=programmes,
        actions=actions,
        sme_criteria=bundled_sme_criteria(),
        sectors=bundled_sectors(),
        newer=newer_version(card.questionnaire.id, card.questionnaire.version),
    )


def answer_schema(questionnaires: list[LoadedQuestionnaire] | None = None) -> dict[str, Any]:
    """JSON Schema of the answer file: exactly what `validate` accepts, for the bundled questionnaires."""
    from readiness.domain.answer_schema import answer_file_schema
    from readiness.files.loading import available, load_questionnaire_file

    loaded = questionnaires or [load_questionnaire_file(path) for _, _, path in available()]
    return answer_file_schema([x.questionnaire for x in loaded])


def answer_schema_json() -> str:
    """The JSON Schema of the answer file as text."""
    return json.dumps(answer_schema(), ensure_ascii=False, indent=2) + "\n"


def history_import(paths: list[str | Path], db: str, jobs: int | None = None) -> Any:
    """Score answer files and record the valid ones in the history store `db` (issue 14)."""
    from readiness.history.importer import import_files

    return import_files(paths, db, jobs=jobs)


def history_show(db: str, business_number: str, lang: Lang = "ko") -> dict[str, Any] | None:
    """One firm's assessments over time, from the history store (holds its name: never publish)."""
    from readiness.history.queries import firm

    return firm(db, business_number, lang)


def history_trend(
    db: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by: str | None = None,
    lang: Lang = "ko",
) -> dict[str, Any]:
    """The published trend of firms assessed at least twice between `start` and `end`."""
    from readiness.history.queries import trend_view

    return trend_view(db, start, end, by, lang)


__all__ = [
    "AnswersError",
    "answer_schema",
    "answer_schema_json",
    "convert_file",
    "history_import",
    "history_show",
    "history_trend",
    "render_card",
    "report_file",
    "score_answers",
    "score_file",
    "scorecard_json",
    "template",
    "template_workbook",
    "validate_file",
    "validate_warnings",
]
