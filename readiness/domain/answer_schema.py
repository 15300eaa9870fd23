"""The JSON Schema of the answer file, built from the loader's own grammar (`scalars`) and questionnaires.

A schema tool reads YAML with YAML 1.2 types where the loader reads text, so each field accepts
the typed values whose text the loader accepts: `3` and `"3"`, `n/a` and `NA`, `2026.1` written
as a number. Per questionnaire the schema knows its question ids and where n/a is allowed.
"""

from __future__ import annotations

from typing import Any

from readiness.domain import scalars
from readiness.domain.answers import MAX_EMPLOYEES, MAX_WON
from readiness.domain.base import MAX_VALUE
from readiness.domain.interview import MAX_EVIDENCE, MAX_EVIDENCE_ITEMS, MAX_NOTE
from readiness.domain.questionnaire import Questionnaire
from readiness.words import LANGS, NA_SPELLINGS, NULL_SPELLINGS

Schema = dict[str, Any]
NULLISH: Schema = {"anyOf": [{"type": "null"}, {"enum": sorted(NULL_SPELLINGS)}]}
NA: Schema = {"enum": sorted(NA_SPELLINGS)}
SCALAR_TEXT: Schema = {"type": ["number", "boolean"]}  # read as text by the loader
TRUE: Schema = {"anyOf": [{"const": True}, {"enum": list(scalars.TRUE_SPELLINGS)}]}
BOOLEAN: Schema = {
    "anyOf": [{"type": "boolean"}, {"enum": [*scalars.TRUE_SPELLINGS, *scalars.FALSE_SPELLINGS]}]
}


def whole(maximum: int) -> Schema:
    """A whole number from 0 to `maximum`, written as a number or as text."""
    return {
        "anyOf": [
            {"type": "integer", "minimum": 0, "maximum": maximum},
            {"type": "string", "pattern": scalars.whole_pattern(maximum)},
        ]
    }


def text(max_length: int, *, optional: bool = True) -> Schema:
    """Free text up to `max_length`; optional text may be null; a number or true/false is text too."""
    parts: list[Schema] = [{"type": "string", "maxLength": max_length}, SCALAR_TEXT]
    return {"anyOf": [{"type": "null"}, *parts]} if optional else {"anyOf": parts}


def name(max_length: int) -> Schema:
    """A required name: not blank, not a null spelling."""
    string = {
        "type": "string",
        "pattern": r"\S",
        "maxLength": max_length,
        "not": {"enum": sorted(NULL_SPELLINGS)},
    }
    return {"anyOf": [string, SCALAR_TEXT]}


def _strict(properties: Schema, required: list[str] | None = None, **extra: Any) -> Schema:
    out: Schema = {"type": "object", "properties": properties, "additionalProperties": False, **extra}
    if required:
        out["required"] = required
    return out


def _company() -> Schema:
    low, high = scalars.SECTOR_NUMBER
    return _strict(
        {
            "name": name(200),
            "business_number": {
                "anyOf": [
                    *NULLISH["anyOf"],
                    {"type": "string", "maxLength": 12, "pattern": scalars.BUSINESS_NUMBER_PATTERN},
                    {"type": "integer", "minimum": 10**9, "maximum": 10**10 - 1},
                ]
            },
            "sector": {
                "anyOf": [
                    *NULLISH["anyOf"],
                    {"type": "string", "pattern": scalars.SECTOR_PATTERN},
                    {"type": "integer", "minimum": low, "maximum": high},
                ],
                "description": "KSIC code such as C29 or C2912",
            },
            "employees": {"anyOf": [*NULLISH["anyOf"], *whole(MAX_EMPLOYEES)["anyOf"]]},
            "annual_revenue_krw": {"anyOf": [*NULLISH["anyOf"], *whole(MAX_WON)["anyOf"]]},
            "region": text(40),
            "programmes": {"type": "array", "maxItems": 50, "items": text(80)},
            "programmes_asked": BOOLEAN,
        },
        ["name"],
    )


def _assessment() -> Schema:
    person = _strict({"name": name(100), "organisation": text(200)}, ["name"])
    site = _strict({"name": name(200), "address": text(300)}, ["name"])
    date = {"type": "string", "pattern": scalars.DATE_PATTERN, "format": "date"}
    body = _strict(
        {
            "mode": {"enum": ["self", "audit"]},
            "date": {"anyOf": [*NULLISH["anyOf"], date]},
            "language": {"enum": list(LANGS)},
            "assessor": person,
            "site": site,
        },
    )
    body["if"] = {"properties": {"mode": {"const": "audit"}}, "required": ["mode"]}
    body["then"] = {"required": ["assessor"]}  # audit mode needs an assessor
    return {"anyOf": [*NULLISH["anyOf"], body]}


def _has(key: str, schema: Schema) -> Schema:
    return {"required": [key], "properties": {key: schema}}


def answer(na_allowed: bool) -> Schema:
    """One answer: a number 0-5, n/a where allowed, or a mapping (value, or claimed/verified)."""
    number = whole(MAX_VALUE)
    slot = {"anyOf": [*NULLISH["anyOf"], *number["anyOf"], NA]}
    numbers = [_has(k, number) for k in ("value", "claimed", "verified")]
    na_said = {"anyOf": [_has("na", TRUE), *(_has(k, NA) for k in ("value", "claimed", "verified"))]}
    evidence_item = text(MAX_EVIDENCE)
    mapping = _strict(
        {
            "value": slot,
            "claimed": slot,
            "verified": slot,
            "na": BOOLEAN,
            "note": text(MAX_NOTE),
            "evidence": {
                "anyOf": [
                    {"type": "array", "maxItems": MAX_EVIDENCE_ITEMS, "items": evidence_item},
                    {"type": "string", "maxLength": MAX_EVIDENCE, "not": {"enum": sorted(NULL_SPELLINGS)}},
                    SCALAR_TEXT,
                ]
            },
        },
        allOf=[
            {"not": {"allOf": [numbers[0], {"anyOf": numbers[1:]}]}},  # value with claimed/verified
            {"not": {"allOf": [na_said, {"anyOf": numbers}]}},  # n/a and a number
            *([] if na_allowed else [{"not": na_said}]),
        ],
    )
    return {"anyOf": [*NULLISH["anyOf"], *number["anyOf"], *([NA] if na_allowed else []), mapping]}


def _answers(q: Questionnaire) -> Schema:
    body = {
        "type": "object",
        "properties": {x.id: answer(x.na_allowed) for x in q.questions},
        "additionalProperties": NULLISH,  # a blank line under an unknown id is dropped, not an error
    }
    return {"anyOf": [*NULLISH["anyOf"], body]}


def _version(version: str) -> Schema:
    forms: list[Schema] = [{"const": version}]
    try:
        if repr(float(version)) == version:
            forms.append({"const": float(version)})  # `version: 2026.1` unquoted
    except ValueError:
        pass
    return {"anyOf": forms}


_NO_AUDIT_VALUES: Schema = {
    "anyOf": [
        *NULLISH["anyOf"],
        {
            "type": "object",
            "additionalProperties": {
                "not": {
                    "type": "object",
                    "anyOf": [_has("claimed", whole(MAX_VALUE)), _has("verified", whole(MAX_VALUE))],
                }
            },
        },
    ]
}


def answer_file_schema(questionnaires: list[Questionnaire]) -> Schema:
    """The schema of an answer file for any of `questionnaires` (the bundled ones, for `readiness schema`)."""
    for_each = [
        {
            "properties": {
                "questionnaire": {"properties": {"id": {"const": q.id}, "version": _version(q.version)}},
                "answers": _answers(q),
            }
        }
        for q in questionnaires
    ]
    audit = {
        "required": ["assessment"],
        "properties": {
            "assessment": {"type": "object", "required": ["mode"], "properties": {"mode": {"const": "audit"}}}
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "readiness answer file",
        "description": (
            "Which questionnaire (one of those bundled), the company (only the name is required), how it "
            "was assessed, and the answers: question id -> a whole number 0-5, n/a where the question "
            "allows it, or a mapping with value (self mode) or claimed/verified (audit mode), note and "
            "evidence. Unanswered questions may be left out; they score 0."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["questionnaire", "company"],
        "properties": {
            "questionnaire": _strict(
                {"id": text(100, optional=False), "version": text(40, optional=False)}, ["id", "version"]
            ),
            "company": _company(),
            "assessment": _assessment(),
            "answers": {},
        },
        "allOf": [
            {"anyOf": for_each},
            {"if": audit, "else": {"properties": {"answers": _NO_AUDIT_VALUES}}},
        ],
    }
