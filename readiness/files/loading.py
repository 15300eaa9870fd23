"""From files to validated models: questionnaires, answer files, and people-friendly errors."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from pydantic import BaseModel, ValidationError

from readiness.domain.answers import AnswerFile
from readiness.domain.base import nullable
from readiness.domain.questionnaire import Questionnaire, QuestionTitles
from readiness.errors import AnswersError, InputError, Problem, QuestionnaireError
from readiness.files import safeyaml, workbook_layout
from readiness.files.messages import SPECIFIC, message_for, unknown_id_message
from readiness.resources import bundled

if TYPE_CHECKING:  # the catalogue models are imported where they are loaded: `score` needs none
    from readiness.domain.actions import ActionCatalogue
    from readiness.domain.programmes import ProgrammeCatalogue
    from readiness.domain.sectors import SectorTable
    from readiness.domain.sme import SmeCriteria

MAX_PROBLEMS = 20
M = TypeVar("M", bound=BaseModel)
_QUESTIONNAIRE_FILE = re.compile(r"^(?P<id>[a-z][a-z0-9-]*?)-(?P<version>\d[\w.]*)\.ya?ml$")


class Located(Protocol):
    """Where fields sit in a file: YAML lines (safeyaml.Document) or workbook cells (WorkbookDocument)."""

    def line_of(self, loc: tuple[str | int, ...]) -> int | str | None:
        """The line (or `sheet!cell`) of the field on path `loc`."""

    def trim(self, loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
        """`loc` cut to what the file actually holds."""

    def field(self, loc: tuple[str | int, ...]) -> str:
        """The field name shown in an error."""


def is_workbook(path: Path | str) -> bool:
    """Whether `path` names an answer workbook (.xlsx, or a macro workbook, which is refused)."""
    return str(path).lower().endswith((workbook_layout.SUFFIX, *workbook_layout.MACRO_SUFFIXES))


@dataclass(frozen=True)
class LoadedQuestionnaire:
    """A questionnaire with the facts needed to reproduce a result: where it came from, its hash."""

    questionnaire: Questionnaire
    path: Path
    sha256: str


def validation_problems(
    exc: ValidationError, doc: Located, path: str, field_hints: dict[str, str]
) -> list[Problem]:
    """One problem per pydantic error, with line numbers, never echoing the input value."""
    problems = []
    for err in exc.errors(include_input=False, include_url=False):
        loc = doc.trim(tuple(err["loc"]))
        field = ".".join(str(p) for p in loc) or None
        message = message_for(err["type"], str(err["msg"]), err.get("ctx") or {})
        for prefix, hint in field_hints.items():
            specific = err["type"] in SPECIFIC or (err["type"] == "value_error" and "whole" not in message)
            if field and re.fullmatch(prefix, field) and not specific:
                message = hint
        problems.append(Problem(path, message, doc.line_of(loc), doc.field(loc) or None))
        if len(problems) >= MAX_PROBLEMS:
            problems.append(Problem(path, f"... more than {MAX_PROBLEMS} problems; fix these first"))
            break
    return problems


def _document(path: Path, error: type[InputError], max_bytes: int) -> safeyaml.Document:
    try:
        doc = safeyaml.load(path, max_bytes)
    except safeyaml.YamlProblem as exc:
        raise error([Problem(str(path), exc.message, exc.line)]) from None
    if not isinstance(doc.data, dict):
        kind = "a list" if isinstance(doc.data, list) else "a single value"
        raise error([Problem(str(path), f"expected a mapping of keys and values, found {kind}", 1)])
    return doc


def parse_model(
    model: type[M],
    path: Path,
    error: type[InputError],
    hints: dict[str, str] | None = None,
    max_bytes: int = safeyaml.MAX_BYTES,
) -> tuple[M, safeyaml.Document]:
    """Read `path` safely and validate it as `model`; raise `error` with every problem."""
    doc = _document(path, error, max_bytes)
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        raise error(validation_problems(exc, doc, str(path), hints or {})) from None


# --- questionnaires ----------------------------------------------------------------------------


def questionnaire_dir() -> Path:
    """The folder of the bundled questionnaires."""
    return bundled("questionnaires")


def available() -> list[tuple[str, str, Path]]:
    """(id, version, path) of every bundled questionnaire, sorted."""
    found = []
    for path in sorted(questionnaire_dir().glob("*.y*ml")):
        match = _QUESTIONNAIRE_FILE.match(path.name)
        if match:
            found.append((match["id"], match["version"], path))
    return found


def available_text() -> str:
    """The bundled questionnaires as `id version, ...` for messages (`none` if there are none)."""
    return ", ".join(f"{qid} {version}" for qid, version, _ in available()) or "none"


@cache
def load_questionnaire_file(path: Path) -> LoadedQuestionnaire:
    """Load and validate one questionnaire file (cached per path; a bundled one across runs too)."""
    shipped = questionnaire_dir()
    if path.parent == shipped:
        from readiness.files.datacache import remembered

        return remembered(shipped, f"questionnaire-{path.name}", lambda: _load_questionnaire(path))
    return _load_questionnaire(path)


def _load_questionnaire(path: Path) -> LoadedQuestionnaire:
    q, doc = parse_model(Questionnaire, path, QuestionnaireError, max_bytes=4 * 1024 * 1024)
    titles = questionnaire_dir() / "titles" / f"{q.id}.yaml"
    if titles.is_file():  # words beside the frozen file: the hash stays the file's own
        q = q.with_titles(parse_model(QuestionTitles, titles, QuestionnaireError)[0])
    return LoadedQuestionnaire(q, path, hashlib.sha256(doc.raw).hexdigest())


def find_questionnaire(qid: str, version: str | None = None) -> LoadedQuestionnaire:
    """A bundled questionnaire by id (and version; newest when omitted), or a path to a file."""
    if qid.endswith((".yaml", ".yml")) or "/" in qid:
        return load_questionnaire_file(Path(qid).resolve())
    matches = [(v, p) for i, v, p in available() if i == qid and (version is None or v == version)]
    if not matches:
        wanted = f"{qid} {version}" if version else qid
        raise QuestionnaireError(
            [Problem(qid, f"unknown questionnaire {wanted!r}; available: {available_text()}")]
        )
    _, path = max(matches, key=lambda m: _version_key(m[0]))
    loaded = load_questionnaire_file(path)
    q = loaded.questionnaire
    if q.id != qid or (version is not None and q.version != version):
        raise QuestionnaireError(
            [Problem(str(path), f"file name does not match its id/version ({q.id} {q.version})")]
        )
    return loaded


def newer_version(qid: str, version: str) -> str | None:
    """The newest bundled version of `qid` if it is newer than `version`, else None."""
    versions = [v for i, v, _ in available() if i == qid]
    if not versions:
        return None
    newest = max(versions, key=_version_key)
    return newest if _version_key(newest) > _version_key(version) else None


def _version_key(version: str) -> tuple[int | str, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"[.-]", version))


# --- answer files ------------------------------------------------------------------------------

ANSWER_HINTS = {
    # the answer itself or its value/claimed/verified; a note or evidence problem keeps its own message
    r"answers\.[^.]+(?:\.[^.]+)?(?:\.(?:value|claimed|verified))?": (
        "answer must be a whole number from 0 to 5, or n/a where the question allows it"
    ),
    r"company\.sector": "must be a KSIC code such as C29 or C30",
    r"company\.employees": "must be a whole number of people, e.g. 48",
    r"company\.annual_revenue_krw": "must be a whole number of won, e.g. 12000000000",
    r"assessment\.mode": "must be 'self' or 'audit'",
    r"assessment\.language": "must be 'ko' or 'en'",
}


# a workbook's answer cells are read to 0-5 or n/a by the reader itself, with their own message
WORKBOOK_HINTS = {k: v for k, v in ANSWER_HINTS.items() if not k.startswith("answers")}


def read_answers(path: Path) -> tuple[AnswerFile, Located]:
    """Parse an answer file (YAML or workbook) on its own (shape and types), without its questionnaire."""
    if not is_workbook(path):
        return parse_model(AnswerFile, path, AnswersError, ANSWER_HINTS)
    from readiness.files.workbook_read import read_workbook  # openpyxl only for workbooks

    data, doc = read_workbook(path)
    return validated_answers(data, doc, str(path), WORKBOOK_HINTS), doc


def validated_answers(data: Any, doc: Located, name: str, hints: dict[str, str]) -> AnswerFile:
    """`data` validated as an answer file; AnswersError with every problem located in `doc`."""
    try:
        return AnswerFile.model_validate(data)
    except ValidationError as exc:
        raise AnswersError(validation_problems(exc, doc, name, hints)) from None


def read_answers_text(text: str, name: str) -> tuple[AnswerFile, safeyaml.Document]:
    """Parse answer-file text not (yet) on disk, e.g. what migrate is about to write."""
    doc = safeyaml.parse(text.encode())
    return validated_answers(doc.data, doc, name, ANSWER_HINTS), doc


def _raw_unknown_ids(
    doc: safeyaml.Document, questionnaire: LoadedQuestionnaire | None, path: str, reported: set[str | None]
) -> list[Problem]:
    """Unknown question ids in a file that also failed validation, so one run reports every problem."""
    data = doc.data if isinstance(doc.data, dict) else {}
    raw, ref = data.get("answers"), data.get("questionnaire")
    if not isinstance(raw, dict):
        return []
    if questionnaire is None:
        if not isinstance(ref, dict) or not isinstance(ref.get("id"), str):
            return []
        try:
            questionnaire = find_questionnaire(ref["id"], str(ref.get("version") or "") or None)
        except InputError:
            return []
    known = {x.id for x in questionnaire.questionnaire.questions}
    return [
        Problem(path, unknown_id_message(str(qid), known), doc.line_of(("answers", qid)), f"answers.{qid}")
        for qid, value in raw.items()
        if qid not in known and nullable(value) is not None and f"answers.{qid}" not in reported
    ][:MAX_PROBLEMS]


def check_answers(answers: AnswerFile, q: Questionnaire, doc: Located, path: str) -> None:
    """Check the answers against their questionnaire: known ids, n/a only where allowed."""
    problems = []
    known = {question.id: question for question in q.questions}
    for qid, answer in answers.answers.items():
        # the line is looked up only for a problem: it is a scan of the file's nodes, and valid
        # files are the common case (batch scoring)
        question = known.get(qid)
        if question is None:
            message = unknown_id_message(qid, known)
        elif answer.na and not question.na_allowed:
            message = "n/a is not allowed for this question; answer 0-5"
        elif answers.assessment.mode == "self" and (
            answer.claimed is not None or answer.verified is not None
        ):
            message = "claimed/verified are for audit mode; use value"
        else:
            continue
        problems.append(Problem(path, message, doc.line_of(("answers", qid)), doc.field(("answers", qid))))
        if len(problems) >= MAX_PROBLEMS:
            break
    if problems:
        raise AnswersError(problems)


def resolve_questionnaire(answers: AnswerFile, doc: Located, path: str) -> LoadedQuestionnaire:
    """The bundled questionnaire the answer file names, or an error listing what exists.

    A workbook also names the hash of the questionnaire it was made from: another copy of the
    same id and version is refused, so it is scored under exactly the questions it showed.
    """
    ref = answers.questionnaire
    try:
        loaded = find_questionnaire(ref.id, ref.version)
    except QuestionnaireError:
        raise AnswersError(
            [
                Problem(
                    path,
                    f"unknown questionnaire {ref.id} {ref.version}; available: {available_text()}",
                    doc.line_of(("questionnaire",)),
                    "questionnaire",
                )
            ]
        ) from None
    made_from = getattr(doc, "sha256", None)
    if made_from is not None and made_from != loaded.sha256:
        message = f"this workbook was made from another copy of {ref.id} {ref.version} (its hash differs); make a new one with `readiness template --format xlsx`"
        raise AnswersError(
            [Problem(path, message, doc.line_of(("questionnaire", "sha256")), "questionnaire.sha256")]
        )
    return loaded


def load_answers(
    path: Path, questionnaire: LoadedQuestionnaire | None = None
) -> tuple[AnswerFile, LoadedQuestionnaire]:
    """Read an answer file and check it against its questionnaire.

    By default that is the bundled one the file names; a given `questionnaire` must have the same
    id but may be another version (re-scoring an older file against a newer questionnaire).
    """
    doc: Located
    if is_workbook(path):
        answers, doc = read_answers(path)
    else:
        yaml_doc = _document(path, AnswersError, safeyaml.MAX_BYTES)
        doc = yaml_doc
        try:
            answers = AnswerFile.model_validate(yaml_doc.data)
        except ValidationError as exc:
            problems = validation_problems(exc, yaml_doc, str(path), ANSWER_HINTS)
            problems += _raw_unknown_ids(yaml_doc, questionnaire, str(path), {p.field for p in problems})
            raise AnswersError(sorted(problems, key=lambda p: p.line or 0)) from None
    if questionnaire is not None and questionnaire.questionnaire.id != answers.questionnaire.id:
        line = doc.line_of(("questionnaire", "id"))
        message = f"this file is for questionnaire {answers.questionnaire.id!r}, not {questionnaire.questionnaire.id!r}"
        raise AnswersError([Problem(str(path), message, line, "questionnaire.id")])
    loaded = questionnaire or resolve_questionnaire(answers, doc, str(path))
    check_answers(answers, loaded.questionnaire, doc, str(path))
    return answers, loaded


# --- catalogues --------------------------------------------------------------------------------


PROGRAMME_SCHEMA = 2


@cache
def load_programme_file(path: Path) -> ProgrammeCatalogue:
    """Load and validate a support-programme catalogue (cached per path).

    A file of the old layout is refused with one line saying what to write, not a list of fields.
    """
    doc = _document(path, QuestionnaireError, 4 * 1024 * 1024)
    if isinstance(doc.data, dict) and str(doc.data.get("schema")) != str(PROGRAMME_SCHEMA):
        message = (
            f"programme catalogue must say 'schema: {PROGRAMME_SCHEMA}' (status, year, dated and typed "
            f"sources, reviewed date and confidence per programme); see README 'Support programmes'"
        )
        raise QuestionnaireError([Problem(str(path), message, doc.line_of(("schema",)) or 1, "schema")])
    from readiness.domain.programmes import ProgrammeCatalogue

    catalogue, _ = parse_model(ProgrammeCatalogue, path, QuestionnaireError, max_bytes=4 * 1024 * 1024)
    return catalogue


@cache
def load_sme_file(path: Path) -> SmeCriteria:
    """Load and validate the SME ceilings (cached per path)."""
    from readiness.domain.sme import SmeCriteria

    criteria, _ = parse_model(SmeCriteria, path, QuestionnaireError)
    return criteria


@cache
def bundled_sme_criteria() -> SmeCriteria | None:
    """The shipped 중소기업기본법 ceilings, or None if this install has none."""
    path = questionnaire_dir() / "sme-criteria.yaml"
    return load_sme_file(path) if path.is_file() else None


@cache
def load_sector_file(path: Path) -> SectorTable:
    """Load and validate the KSIC sector names (cached per path)."""
    from readiness.domain.sectors import SectorTable

    table, _ = parse_model(SectorTable, path, QuestionnaireError)
    return table


@cache
def bundled_sectors() -> SectorTable | None:
    """The shipped KSIC names, or None if this install has none."""
    path = questionnaire_dir() / "ksic.yaml"
    return load_sector_file(path) if path.is_file() else None


@cache
def load_action_file(path: Path, questions: frozenset[str] | None = None) -> ActionCatalogue:
    """Load and validate an upgrade-action catalogue (cached per path and question set).

    `requires` must be meetable (no cycles) and, given the questionnaire's `questions`, name only
    questions it has; each problem is reported as FILE:LINE: FIELD.
    """
    from readiness.domain.actions import ActionCatalogue, requires_problems

    catalogue, doc = parse_model(ActionCatalogue, path, QuestionnaireError, max_bytes=4 * 1024 * 1024)
    problems = requires_problems(catalogue, None if questions is None else set(questions))
    if problems:
        raise QuestionnaireError(
            [
                Problem(str(path), message, doc.line_of(loc), doc.field(loc) or None)
                for loc, message in problems
            ]
        )
    return catalogue
