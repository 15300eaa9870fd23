"""Builders of schema-2 programme entries for the tests: valid by default, changed per test."""

from __future__ import annotations

from typing import Any

from readiness.domain.programmes import ProgrammeCatalogue


def text(ko: str = "가", en: str = "a") -> dict[str, str]:
    return {"ko": ko, "en": en}


def programme(pid: str, **eligibility: Any) -> dict[str, Any]:
    """A current, press-reported 2026 programme; keyword arguments become its eligibility."""
    return {
        "id": pid,
        "name": text(f"{pid} 사업", f"the {pid} programme"),
        "ministry": text(),
        "agency": text(),
        "status": "current",
        "year": 2026,
        "confidence": "reported",
        "reviewed": "2026-11-22",
        "sources": [
            {"url": "https://example.org/notice", "date": "2025-10-30", "kind": "press", "title": "t"}
        ],
        "funds": text(),
        "support": text(),
        "window": {"note": text()},
        "eligibility": eligibility,
        "conditions": text(),
    }


def catalogue(*programmes: dict[str, Any]) -> ProgrammeCatalogue:
    return ProgrammeCatalogue.model_validate(
        {
            "schema": 2,
            "cycle": 2026,
            "reviewed": "2026-12-01",
            "notice": text(),
            "programmes": list(programmes),
        }
    )
