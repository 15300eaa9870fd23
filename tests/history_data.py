"""Answer files for the history tests: fictional firms whose level in each year is known in advance.

Each file is one of the bundled examples (one per level L0-L5) with another firm's name,
business number, date, sector, region and programmes written in, so its score is the example's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from .conftest import ROOT

TEMPLATES = {
    0: "paper-shop",
    1: "basic-plastics",
    2: "intermediate1-electronics",
    3: "intermediate2-machinery",
    4: "advanced-autoparts",
    5: "ai-factory",
}
LEGACY = "legacy-2026.1-demo"  # a 2026.1 file (level 1)


def template_text(level: int | str) -> str:
    name = TEMPLATES[level] if isinstance(level, int) else level
    return (ROOT / "examples" / f"{name}.yaml").read_text(encoding="utf-8")


def number(k: int) -> str:
    """A fictional business number for firm k."""
    return f"900-{k // 100000 % 100:02d}-{k % 100000:05d}"


def firm_file(
    level: int | str,
    k: int,
    date: str,
    *,
    programmes: Sequence[str] = (),
    sector: str = "C29",
    region: str = "경기",
    name: str | None = None,
) -> str:
    """The example for `level` as firm k's answer file on `date`."""
    text = template_text(level)
    company = name if name is not None else f"가상기업 {k}"
    fields = {
        "name": f'"{company}"',
        "business_number": f'"{number(k)}"',
        "sector": sector,
        "region": region,
        "date": date,
        "programmes": "[" + ", ".join(programmes) + "]",
    }
    if not re.search(r"^  programmes:", text, re.MULTILINE):
        text = re.sub(r"^(  region: .*)$", r"\1\n  programmes: []", text, count=1, flags=re.MULTILINE)
    for key, value in fields.items():
        line = f"  {key}: {value}".replace("\\", "\\\\")  # a replacement template
        text = re.sub(rf"^  {key}: .*$", line, text, count=1, flags=re.MULTILINE)
    return text


def write_firm(folder: Path, level: int | str, k: int, date: str, **kw: object) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"firm-{k:05d}-{date}.yaml"
    path.write_text(firm_file(level, k, date, **kw), encoding="utf-8")  # type: ignore[arg-type]
    return path
