"""The interview as a pure state machine: it asks through a callable and saves through another.

`run_interview` walks the questions in questionnaire order. It never reads or prints: it hands
a prompt object to `ask` and acts on the action that comes back, and it calls `save` with the
whole answer file after every change, so the caller can write it to disk at once (issue 3).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, Protocol

from readiness.domain.answers import Answer, AnswerFile
from readiness.domain.base import MAX_VALUE
from readiness.domain.questionnaire import Dimension, Question, Questionnaire
from readiness.domain.scoring import EVIDENCE_FROM
from readiness.words import KOREAN_KEYS


class Key(StrEnum):
    """The one-letter commands accepted at a question."""

    BACK = "b"
    SKIP = "s"
    NA = "n"
    HELP = "?"
    NOTE = "m"
    QUIT = "q"


@dataclass(frozen=True)
class Reply:
    """Free text: a note, an evidence reference, a profile field, or an empty line."""

    text: str


@dataclass(frozen=True)
class Invalid:
    """Input that means nothing at this prompt; the prompt is asked again with a hint."""

    text: str


@dataclass(frozen=True)
class EndOfInput:
    """Standard input ran out (Ctrl-D, or the end of a script)."""


Response = int | Key | Reply | Invalid | EndOfInput
Notice = str  # a key of readiness.words without its "notice." prefix


def as_key(text: str) -> Key | None:
    """The command a short reply stands for, if any (case- and keyboard-layout-insensitive)."""
    text = KOREAN_KEYS.get(text, text).lower()
    return Key(text) if text in {k.value for k in Key} else None


def typed_value(text: str) -> int | None:
    """A 0-5 answer as a person types it (`3`, ` 3 `, full-width `３`), else None (`3점`, `7`, `²`).

    The terminal and the answer workbook read answers with this one rule.
    """
    text = text.strip()
    if not text.isdigit() or len(text) > 3:  # never int() of thousands of digits
        return None
    try:
        number = int(text)
    except ValueError:  # digits int() does not read, such as superscripts
        return None
    return number if number <= MAX_VALUE else None


@dataclass(frozen=True)
class Position:
    """Where a question sits: dimension d of `dims`, question n of `total` (all 1-based)."""

    d: int
    dims: int
    n: int
    total: int


AnswerStep = Literal["value", "claimed", "verified"]


@dataclass(frozen=True)
class QuestionPrompt:
    """Ask for a 0-5 answer (`value` in self mode; `claimed`, then `verified`, in audit mode)."""

    step: AnswerStep
    question: Question
    dimension: Dimension
    position: Position
    current: Answer | None
    keys: tuple[Key, ...]
    notice: Notice | None = None

    def parse(self, text: str) -> Response:
        """Read a typed line: empty keeps the answer, 0-5 answers, a key is a command, else Invalid."""
        text = text.strip()
        if not text:
            return Reply("")
        if text.isdigit():
            number = typed_value(text)
            return Invalid(text) if number is None else number
        return as_key(text) or Invalid(text)


@dataclass(frozen=True)
class TextPrompt:
    """Ask for a note, or for one evidence reference, about `question`."""

    step: Literal["note", "evidence"]
    question: Question
    current: Answer | None
    notice: Notice | None = None
    notice_value: int | None = None

    def parse(self, text: str) -> Response:
        """Read a typed line as a note or evidence reference (surrounding spaces dropped)."""
        return Reply(text.strip())


class Ask(Protocol):
    """Asks one question or text prompt and returns the reply (the terminal, or a script in tests)."""

    def __call__(self, prompt: QuestionPrompt | TextPrompt) -> Response:
        """Show the prompt and return what came back."""


Save = Callable[[AnswerFile], None]
Status = Literal["finished", "quit", "eof"]


@dataclass(frozen=True)
class Outcome:
    """How the interview ended, and the answers as last saved."""

    answers: AnswerFile
    status: Status


STEPS: dict[str, tuple[AnswerStep, ...]] = {"self": ("value",), "audit": ("claimed", "verified")}
MAX_NOTE = 4000
MAX_EVIDENCE = 500
MAX_EVIDENCE_ITEMS = 100


def is_done(answer: Answer | None, mode: str) -> bool:
    """Answered for good: n/a, or a value (self mode) / a verified value (audit mode)."""
    if answer is None:
        return False
    return answer.na or (answer.verified if mode == "audit" else answer.value) is not None


def first_unanswered(q: Questionnaire, af: AnswerFile) -> int | None:
    """Index of the first question not yet done, or None when all are."""
    mode = af.assessment.mode
    for i, question in enumerate(q.questions):
        if not is_done(af.answers.get(question.id), mode):
            return i
    return None


def answered_count(q: Questionnaire, af: AnswerFile) -> int:
    """How many questions have an answer that counts or are marked n/a."""
    return sum(1 for x in q.questions if (a := af.answers.get(x.id)) is not None and a.answered)


def _places(q: Questionnaire) -> list[tuple[Dimension, Question, Position]]:
    out: list[tuple[Dimension, Question, Position]] = []
    total = len(q.questions)
    for d, dim in enumerate(q.dimensions, 1):
        for question in dim.questions:
            out.append((dim, question, Position(d, len(q.dimensions), len(out) + 1, total)))
    return out


def _keys(question: Question) -> tuple[Key, ...]:
    keys = [Key.BACK, Key.SKIP]
    if question.na_allowed:
        keys.append(Key.NA)
    if question.help is not None:
        keys.append(Key.HELP)
    return (*keys, Key.NOTE, Key.QUIT)


def _with(af: AnswerFile, qid: str, **changes: object) -> AnswerFile:
    """`af` with answer `qid` changed; the result is validated like a loaded file."""
    old = af.answers.get(qid)
    data = {**(old.model_dump() if old else {}), **changes}
    if changes.get("na"):
        data.update(value=None, claimed=None, verified=None)
    elif any(changes.get(k) is not None for k in ("value", "claimed", "verified")):
        data["na"] = False
    return af.model_copy(update={"answers": {**af.answers, qid: Answer.model_validate(data)}})


def _as_claims(af: AnswerFile) -> AnswerFile:
    """Audit mode: a bare `value` (e.g. written by hand) is read as the company's claim."""
    claims = {
        qid: a.model_copy(update={"value": None, "claimed": a.value})
        for qid, a in af.answers.items()
        if a.value is not None
    }
    return af.model_copy(update={"answers": {**af.answers, **claims}}) if claims else af


def _after(places: list[tuple[Dimension, Question, Position]], af: AnswerFile, i: int, reached: int) -> int:
    """The question after i: the next one up to `reached`, past it the next one not yet done."""
    mode = af.assessment.mode
    j = i + 1
    while j > reached and j < len(places) and is_done(af.answers.get(places[j][1].id), mode):
        j += 1
    return j


def _has(current: Answer | None, step: AnswerStep) -> bool:
    """Whether an empty line can keep the current answer at this step (n/a, or a value there)."""
    return current is not None and (current.na or getattr(current, step) is not None)


def _hint(action: Response, question: Question, current: Answer | None, step: AnswerStep) -> Notice | None:
    """The notice for a reply that changes nothing, so the question is asked again; else None."""
    if isinstance(action, Invalid):
        return "invalid"
    if isinstance(action, Reply) and not _has(current, step):
        return "empty"
    if action is Key.NA and not question.na_allowed:
        return "na_refused"
    if action is Key.HELP:
        return "help" if question.help is not None else "no_help"
    return None


def _back(i: int, s: int) -> tuple[int, int, Notice | None]:
    """One step back: the previous step of this question, else the previous question."""
    if s > 0:
        return i, s - 1, None
    if i > 0:
        return i - 1, s, None
    return i, s, "at_start"


def _evidence_if_needed(
    af: AnswerFile, question: Question, step: AnswerStep, ask: Ask, save: Save
) -> tuple[AnswerFile, bool]:
    """After a verified value high enough to need evidence, collect it; else change nothing."""
    if step == "verified" and (af.answers[question.id].verified or 0) >= EVIDENCE_FROM:
        return _evidence(af, question, ask, save, first_notice="evidence_needed")
    return af, False


def run_interview(
    q: Questionnaire, answers: AnswerFile, ask: Ask, save: Save, *, start: int | None = None
) -> Outcome:
    """Ask every question from `start` (default: the first not yet done) to the end.

    Keys: a number answers; `b` back; `s` skip; `n` not applicable (refused where not allowed);
    `?` help; `m` note (and evidence in audit mode); `q` quit. An empty reply keeps the
    current answer, if there is one. `save` is called after every change.
    """
    places = _places(q)
    mode = answers.assessment.mode
    steps = STEPS[mode]
    af = _as_claims(answers) if mode == "audit" else answers
    i = first_unanswered(q, af) if start is None else start
    if i is None:
        return Outcome(af, "finished")
    reached = i  # up to here, going forward revisits every question; past it, only undone ones
    s = 0
    notice: Notice | None = None
    while i < len(places):
        dim, question, position = places[i]
        current = af.answers.get(question.id)
        step = steps[s]
        action = ask(QuestionPrompt(step, question, dim, position, current, _keys(question), notice))
        if isinstance(action, EndOfInput):
            return Outcome(af, "eof")
        if action is Key.QUIT:
            return Outcome(af, "quit")
        notice = _hint(action, question, current, step)
        if notice is not None:
            continue  # the same prompt again, with the hint
        if action is Key.BACK:
            i, s, notice = _back(i, s)
        elif action is Key.SKIP:
            i, s = _after(places, af, i, reached), 0
        elif action is Key.NA:
            af = _with(af, question.id, na=True)
            save(af)
            i, s = _after(places, af, i, reached), 0
        elif action is Key.NOTE:
            before = af
            af, ended = _note(af, question, ask, save)
            if ended:
                return Outcome(af, "eof")
            notice = "note_saved" if af != before else None
        else:  # a value, or an empty line that keeps the current one
            if isinstance(action, int):
                af = _with(af, question.id, **{step: action})
                save(af)
            na = af.answers[question.id].na
            af, ended = _evidence_if_needed(af, question, step, ask, save)
            if ended:
                return Outcome(af, "eof")
            if na or s + 1 == len(steps):
                i, s = _after(places, af, i, reached), 0
            else:
                s += 1
        reached = max(reached, i)
    return Outcome(af, "finished")


def _note(af: AnswerFile, question: Question, ask: Ask, save: Save) -> tuple[AnswerFile, bool]:
    """Ask for a note (and, in audit mode, evidence); returns the answers and whether input ended."""
    action = ask(TextPrompt("note", question, af.answers.get(question.id)))
    if isinstance(action, EndOfInput):
        return af, True
    text = action.text if isinstance(action, Reply) else ""
    if text:
        af = _with(af, question.id, note=None if text == "-" else text[:MAX_NOTE])
        save(af)
    if af.assessment.mode == "audit":
        return _evidence(af, question, ask, save)
    return af, False


def _evidence(
    af: AnswerFile, question: Question, ask: Ask, save: Save, first_notice: Notice | None = None
) -> tuple[AnswerFile, bool]:
    """Collect evidence references one per reply until an empty one; `-` clears the list."""
    notice = first_notice
    while True:
        current = af.answers.get(question.id)
        value = current.verified if current else None
        action = ask(TextPrompt("evidence", question, current, notice, value))
        notice = None
        if isinstance(action, EndOfInput):
            return af, True
        text = action.text if isinstance(action, Reply) else ""
        if not text:
            return af, False
        evidence = list(current.evidence) if current else []
        if text != "-" and len(evidence) >= MAX_EVIDENCE_ITEMS:
            notice = "evidence_full"
            continue
        af = _with(af, question.id, evidence=[] if text == "-" else [*evidence, text[:MAX_EVIDENCE]])
        save(af)
