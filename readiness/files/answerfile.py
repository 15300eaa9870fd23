"""Writing answer files: readable YAML with the questions as comments (saved by readiness.files.output)."""

from __future__ import annotations

import json
from typing import Any

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


def render(af: AnswerFile, q: Questionnaire, lang: Lang, comments: bool = True) -> str:
    """The answer file as YAML text; with `comments`, every question and its six options."""
    out = [
        f"# readiness answer file: {q.title(lang)} ({q.id} {q.version})",
        "# " + _comment(q.disclaimer(lang)),
        "",
        "questionnaire:",
        f"  id: {_scalar(q.id)}",
        f"  version: {_scalar(q.version)}",
        "company:",
    ]
    company = af.company.model_dump(exclude_none=True)
    for key, value in company.items():
        if key == "programmes":
            if value:
                out.append("  programmes: [" + ", ".join(_scalar(v) for v in value) + "]")
            continue
        out.append(f"  {key}: {_scalar(value)}")
    a = af.assessment
    out += ["assessment:", f"  mode: {a.mode}", f"  language: {a.language}"]
    if a.date:
        out.append(f"  date: {a.date.isoformat()}")
    if a.assessor:
        out.append("  assessor:")
        out += [f"    {k}: {_scalar(v)}" for k, v in a.assessor.model_dump(exclude_none=True).items()]
    if a.site:
        out.append("  site:")
        out += [f"    {k}: {_scalar(v)}" for k, v in a.site.model_dump(exclude_none=True).items()]
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
