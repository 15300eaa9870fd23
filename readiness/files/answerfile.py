"""Writing answer files: readable YAML with the questions as comments (saved by readiness.files.output)."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

from readiness.domain import normalise
from readiness.domain.answers import Answer, AnswerFile
from readiness.domain.questionnaire import Questionnaire
from readiness.words import Lang, word


def _scalar(value: Any) -> str:
    """A YAML scalar: strings double-quoted JSON-style (always valid YAML), numbers bare."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _comment(text: str) -> str:
    return " ".join(text.split())


# What a person filling the file by hand can add: each key with an example, written as a comment
# wherever the value is missing (the words explaining each are `file.key.KEY` in words.py).
COMPANY_EXAMPLES = {
    "business_number": '"123-45-67890"',
    "sector": '"C30"',
    "employees": "48",
    "annual_revenue_krw": "12000000000",
    "region": _scalar(normalise.province_by_id("gyeonggi").official),
    "programmes": "[smart-factory-general]",
    "programmes_asked": "true",
}
ASSESSMENT_EXAMPLES = {"date": "2026-11-20"}
_EXAMPLE_WIDTH = 40  # where the explanation starts, so the commented keys line up


def _columns(text: str) -> int:
    """How many terminal columns `text` takes (Korean characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _examples(present: dict[str, Any], examples: dict[str, str], lang: Lang) -> list[str]:
    """`# key: example   # what it is` for every key of `examples` that `present` lacks (or has empty)."""
    out = []
    for key, example in examples.items():
        if present.get(key):
            continue
        line = f"  # {key}: {example}"
        pad = " " * max(1, _EXAMPLE_WIDTH - _columns(line))
        out.append(f"{line}{pad}# {word('file.key.' + key, lang)}")
    return out


def _answer(answer: Answer) -> str:
    """Shorthand where possible (`3`, `n/a`), a flow mapping otherwise."""
    plain = not (answer.note or answer.evidence or answer.claimed is not None or answer.verified is not None)
    if plain:
        return "n/a" if answer.na else ("" if answer.value is None else str(answer.value))
    parts = []
    if answer.na:
        parts.append("value: n/a")
    for key in ("value", "claimed", "verified"):
        if getattr(answer, key) is not None:
            parts.append(f"{key}: {getattr(answer, key)}")
    if answer.note:
        parts.append(f"note: {_scalar(answer.note)}")
    if answer.evidence:
        parts.append("evidence: [" + ", ".join(_scalar(e) for e in answer.evidence) + "]")
    return "{" + ", ".join(parts) + "}"


def _company(af: AnswerFile, lang: Lang, comments: bool) -> list[str]:
    """The `company:` block; with `comments`, every missing field as a commented example."""
    out = ["company:"]
    company = af.company.model_dump(exclude_none=True)
    for key, value in company.items():
        if key == "programmes":
            if value or af.company.programmes_asked:  # asked and none joined: an explicit []
                out.append("  programmes: [" + ", ".join(_scalar(v) for v in value) + "]")
        elif key == "programmes_asked":
            if value:
                out.append("  programmes_asked: true")
        else:
            out.append(f"  {key}: {_scalar(value)}")
    if comments:
        out += _examples(company, COMPANY_EXAMPLES, lang)
    return out


def _assessment(af: AnswerFile, lang: Lang, comments: bool) -> list[str]:
    """The `assessment:` block (a missing date as a commented example, with `comments`)."""
    a = af.assessment
    out = ["assessment:", f"  mode: {a.mode}", f"  language: {a.language}"]
    if a.date:
        out.append(f"  date: {a.date.isoformat()}")
    elif comments:
        out += _examples({}, ASSESSMENT_EXAMPLES, lang)
    if a.assessor:
        out.append("  assessor:")
        out += [f"    {k}: {_scalar(v)}" for k, v in a.assessor.model_dump(exclude_none=True).items()]
    if a.site:
        out.append("  site:")
        out += [f"    {k}: {_scalar(v)}" for k, v in a.site.model_dump(exclude_none=True).items()]
    return out


def render(af: AnswerFile, q: Questionnaire, lang: Lang, comments: bool = True) -> str:
    """The answer file as YAML text; with `comments`, every question and its six options."""
    out = [
        f"# readiness answer file: {q.title(lang)} ({q.id} {q.version})",
        "# " + _comment(q.disclaimer(lang)),
        "",
        "questionnaire:",
        f"  id: {_scalar(q.id)}",
        f"  version: {_scalar(q.version)}",
    ]
    out += _company(af, lang, comments)
    out += _assessment(af, lang, comments)
    out.append("answers:")
    if comments:
        na_word = word("file.na", lang)
        out.append("  # " + word("file.how", lang))
    for n, dim in enumerate(q.dimensions, 1):
        if comments:
            out += ["", f"  # == {n}. {dim.name(lang)} ({dim.id}) ==", f"  # {_comment(dim.purpose(lang))}"]
        for question in dim.questions:
            if comments:
                out.append(f"  # {question.id}: {_comment(question.text(lang))}")
                for value, option in enumerate(question.options):
                    out.append(f"  #   {value} = {_comment(option(lang))}")
                if question.na_allowed:
                    out.append(f"  #   {na_word}")
            answer = af.answers.get(question.id)
            text = _answer(answer) if answer is not None else ""
            out.append(f"  {question.id}: {text}".rstrip())
    return "\n".join(out) + "\n"
