"""A real office application: the template filled, saved by LibreOffice, scores as the YAML file does.

LibreOffice rewrites everything (its own shared strings, styles, cached formula values, number
types), which a library-written file never exercises. `.ci/run` installs libreoffice-calc.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from readiness import api
from readiness.files.loading import read_answers

from .workbooks import fill, template

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: apt-get install libreoffice-calc"
)

YAML = """\
questionnaire: {id: kr-smart-factory, version: "2026.2"}
company:
  name: 한빛오토텍
  business_number: 123-45-67890
  sector: C30
  employees: 48
  annual_revenue_krw: 12000000000
  region: 경기도
assessment: {mode: self, date: 2026-11-18, language: ko}
answers:
  strategy.roadmap: {value: 2, note: "계획서는 있으나 예산 없음"}
  strategy.investment: 1
  quality.spc: {value: 3, evidence: [SPC 관리도.xlsx, 월간 품질 보고서]}
  planning.scheduling: 4
"""


def _resave(path: Path, tmp_path: Path) -> Path:
    """Open and save `path` in LibreOffice as .xlsx (Calc MS Excel 2007 XML)."""
    out = tmp_path / "saved"
    profile = (tmp_path / "lo-profile").as_uri()
    assert SOFFICE is not None
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / path.name


def _scored(path: Path) -> str:
    return api.scorecard_json(api.score_file(path))


def test_template_filled_and_saved_by_libreoffice_scores_as_the_yaml_file(tmp_path: Path) -> None:
    yaml_file = tmp_path / "firm.yaml"
    yaml_file.write_text(YAML, encoding="utf-8")
    filled = fill(
        template(tmp_path / "firm.xlsx"),
        {
            "company.name": "한빛오토텍",
            "company.business_number": "123-45-67890",
            "company.sector": "C30 자동차 및 트레일러 제조업",
            "company.employees": 48,
            "company.annual_revenue_krw": 12000000000,
            "company.region": "경기도",
            "assessment.date": dt.datetime(2026, 11, 18),
        },
        {
            "strategy.roadmap": {"D": "2", "E": "계획서는 있으나 예산 없음"},
            "strategy.investment": {"D": 1},
            "quality.spc": {"D": 3, "F": "SPC 관리도.xlsx\n월간 품질 보고서"},
            "planning.scheduling": {"D": "４"},
        },
    )
    saved = _resave(filled, tmp_path)
    assert saved.read_bytes() != filled.read_bytes()
    assert read_answers(saved)[0] == read_answers(yaml_file)[0]
    assert _scored(saved) == _scored(yaml_file)


def test_converted_example_survives_libreoffice(tmp_path: Path) -> None:
    demo = Path(__file__).parent.parent / "examples" / "demo.yaml"
    book = tmp_path / "demo.xlsx"
    book.write_bytes(api.convert_file(demo, "xlsx"))
    saved = _resave(book, tmp_path)
    assert read_answers(saved)[0] == read_answers(demo)[0]
