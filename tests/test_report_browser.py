"""The HTML report in a real browser: headless Chromium parses, prints and draws it.

Runs where Chromium is installed (Debian/Ubuntu: `apt-get install chromium`; .ci/run installs it)
and is skipped with the reason elsewhere.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from readiness import api
from readiness.resources import bundled
from readiness.words import WORDS, Lang

from .conftest import DATA

CHROMIUM = next(
    (found for name in ("chromium", "chromium-browser", "google-chrome") if (found := shutil.which(name))),
    None,
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="headless Chromium not found (install the Debian package 'chromium'); "
        "the HTML report was not checked in a browser",
    ),
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    profile = tmp_path / "profile"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def visible_text(dom: str) -> str:
    """The page's text as the browser parsed it: no style element, tags dropped, entities decoded."""
    dom = re.sub(r"<style.*?</style>", " ", dom, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", dom))


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, str]:
    text, card = api.report_file(bundled("examples") / "demo.yaml", "html", "ko", dt.date(2026, 11, 22))
    path = tmp_path_factory.mktemp("report") / "demo.html"
    path.write_bytes(text)
    return path, card.company.name, f"L{card.level.rank}"


def test_browser_shows_company_and_level(demo_report: tuple[Path, str, str], tmp_path: Path) -> None:
    path, company, level = demo_report
    dom = chromium(tmp_path, "--dump-dom", path.as_uri()).stdout
    text = visible_text(dom)
    assert company in text and level in text and "기초" in text
    assert "공식 수준확인 아님" in text
    assert dom.count("<svg") >= 2  # both charts survived parsing


def test_script_in_company_name_stays_text_in_the_browser(tmp_path: Path) -> None:
    mini = str(DATA / "questionnaires" / "mini-1.0.yaml")
    from readiness.files.loading import find_questionnaire

    text, _ = api.report_file(
        DATA / "answers" / "hostile.yaml",
        "html",
        "en",
        dt.date(2026, 11, 22),
        questionnaire=find_questionnaire(mini),
    )
    page = tmp_path / "hostile.html"
    page.write_bytes(text)
    dom = chromium(tmp_path, "--dump-dom", page.as_uri()).stdout
    assert "<script" not in dom and "<img" not in dom and "onerror" not in dom.replace("onerror=alert", "")
    assert "<script>alert(1)</script>" in visible_text(dom)


def test_prints_to_a4_pdf_and_screenshots(demo_report: tuple[Path, str, str], tmp_path: Path) -> None:
    path, _, _ = demo_report
    pdf = tmp_path / "report.pdf"
    png = tmp_path / "report.png"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", path.as_uri())
    chromium(tmp_path, "--window-size=1100,1600", f"--screenshot={png}", path.as_uri())
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 5, pages  # page breaks before each major section
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert sizes and all(abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2 for w, h in sizes)  # A4
    assert png.read_bytes().startswith(b"\x89PNG") and png.stat().st_size > 20_000


PDFTOTEXT = shutil.which("pdftotext")


def _page_texts(pdf: Path) -> list[str]:
    assert PDFTOTEXT is not None
    text = subprocess.run([PDFTOTEXT, "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return text.stdout.split("\f")[:-1]


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext not found (Debian package 'poppler-utils')")
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_demo_prints_as_a_document_of_at_most_twelve_pages(lang: Lang, tmp_path: Path) -> None:
    text, card = api.report_file(bundled("examples") / "demo.yaml", "html", lang, dt.date(2026, 11, 22))
    page = tmp_path / "demo.html"
    page.write_bytes(text)
    pdf = tmp_path / "demo.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    pages = _page_texts(pdf)
    assert 6 <= len(pages) <= 12, len(pages)
    first = pages[0]
    words = {
        "ko": [
            "결과 요약",
            "가장 먼저 풀 점",
            "먼저 할 일",
            "맞는 지원사업",
            "수준 사다리",
            "공식 수준확인 아님",
        ],
        "en": [
            "Summary",
            "Top blockers",
            "First actions",
            "Best-fitting",
            "The level ladder",
            "Not an official",
        ],
    }[lang]
    assert all(w in first for w in words), [w for w in words if w not in first]
    assert card.company.name in first and str(card.points) in first
    footer = WORDS["report.page_of"][lang]
    for n, body in enumerate(pages, 1):  # the @page margin boxes: "page N / M", the running header
        lines = [x.strip() for x in body.splitlines() if x.strip()]
        assert footer.format(page=n, pages=len(pages)) in lines, (n, lines[-3:])
        if n > 1:  # the cover names the company; the header does from page two on
            assert re.fullmatch(rf"{re.escape(card.company.name)}\s+{card.assessment.date}", lines[0]), (
                n,
                lines[0],
            )
    for n, body in enumerate(pages[:-1], 1):  # no section heading stranded at the foot of a page
        lines = [
            x.strip()
            for x in body.splitlines()
            if x.strip() and x.strip() != footer.format(page=n, pages=len(pages))
        ]
        assert not re.fullmatch(r"\d+ [^\d].{0,40}", lines[-1]), (n, lines[-1])
