"""PDF reports checked with real tools: WeasyPrint writes them, poppler-utils reads them back.

Every example in both languages: the file opens (pdfinfo) with A4 pages, a title and an author;
its text (pdftotext) holds the company, the level and "page N / M" on every page; its fonts are
embedded (pdffonts); the charts are vectors, not pictures (pdfimages); the sections are bookmarks
(pdftohtml's outline); and a page drawn by pdftoppm is not blank. Skipped, with the reason, where
WeasyPrint (the extra readiness[pdf]) or poppler-utils is missing; .ci/run installs both.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from readiness import api
from readiness.errors import MissingExtraError
from readiness.report.pdf import check_available
from readiness.resources import bundled
from readiness.words import WORDS, Lang


def _missing() -> str | None:
    try:
        check_available()
    except MissingExtraError as exc:
        return str(exc)
    tools = [
        t
        for t in ("pdfinfo", "pdftotext", "pdffonts", "pdfimages", "pdftoppm", "pdftohtml")
        if not shutil.which(t)
    ]
    return f"{', '.join(tools)} not found (Debian package 'poppler-utils')" if tools else None


MISSING = _missing()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(MISSING is not None, reason=f"PDF not checked: {MISSING}")]
EXAMPLES = sorted(bundled("examples").glob("*.yaml"))
LANGS: tuple[Lang, ...] = ("ko", "en")
TODAY = dt.date(2026, 11, 22)


@dataclass(frozen=True)
class Made:
    path: Path
    company: str
    level: str
    audit: bool
    seconds: float


def _make(example: Path, lang: Lang, folder: Path) -> Made:
    started = time.perf_counter()
    data, card = api.report_file(example, "pdf", lang, TODAY)
    seconds = time.perf_counter() - started
    path = folder / f"{example.stem}.{lang}.pdf"
    path.write_bytes(data)
    level = f"L{card.level.rank} {card.level.name(lang)}"
    return Made(path, card.company.name, level, card.assessment.mode == "audit", seconds)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Made]:
    """Every example in both languages, rendered once on all cores (WeasyPrint takes seconds each)."""
    folder = tmp_path_factory.mktemp("pdf")
    jobs = [(example, lang) for example in EXAMPLES for lang in LANGS]
    with ProcessPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        made = pool.map(_make, *zip(*jobs, strict=True), [folder] * len(jobs))
        return {(e.stem, lang): m for (e, lang), m in zip(jobs, made, strict=True)}


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout


def info(path: Path) -> dict[str, str]:
    lines = run("pdfinfo", str(path)).splitlines()
    return {k.strip(): v.strip() for k, _, v in (line.partition(":") for line in lines)}


CASES = [pytest.param(e.stem, lang, id=f"{e.stem}-{lang}") for e in EXAMPLES for lang in LANGS]


@pytest.mark.parametrize(("example", "lang"), CASES)
def test_pdf_opens_as_an_a4_document_with_title_and_author(
    pdfs: dict[tuple[str, str], Made], example: str, lang: Lang
) -> None:
    made = pdfs[example, lang]
    meta = info(made.path)
    pages = int(meta["Pages"])
    assert (6 if example == "demo" else 4) <= pages <= (12 if example == "demo" else 14), pages
    assert meta["Page size"].startswith("595.276 x 841.89 pts (A4)"), meta["Page size"]
    assert meta["Title"].startswith(made.company), meta
    assert (
        meta["Author"] != made.company if made.audit else meta["Author"] == made.company
    )  # audit: the assessor
    assert meta["Creator"].startswith("readiness ") and meta["Producer"].startswith("WeasyPrint")


@pytest.mark.parametrize(("example", "lang"), CASES)
def test_pdf_text_is_selectable_with_company_level_and_page_numbers(
    pdfs: dict[tuple[str, str], Made], example: str, lang: Lang
) -> None:
    made = pdfs[example, lang]
    pages = run("pdftotext", "-layout", str(made.path), "-").split("\f")[:-1]
    first = " ".join(pages[0].split())
    rank, name = made.level.split(" ", 1)  # the level card shows the rank and the name apart
    assert made.company in first and rank in first and name in first, first[:400]
    footer = WORDS["report.page_of"][lang]
    for n, body in enumerate(pages, 1):
        lines = [x.strip() for x in body.splitlines() if x.strip()]
        # pdftotext may drop the spaces of a short centred line ("1/8쪽"): compare without them
        assert footer.format(page=n, pages=len(pages)).replace(" ", "") in [
            x.replace(" ", "") for x in lines
        ], (
            n,
            lines[-3:],
        )
        if n > 1:
            assert lines[0].startswith(made.company), (n, lines[0])


@pytest.mark.parametrize(("example", "lang"), CASES)
def test_pdf_embeds_its_fonts_draws_charts_as_vectors_and_has_bookmarks(
    pdfs: dict[tuple[str, str], Made], example: str, lang: Lang
) -> None:
    made = pdfs[example, lang]
    fonts = [line.split() for line in run("pdffonts", str(made.path)).splitlines()[2:]]
    assert fonts and all(row[-5] == "yes" for row in fonts), fonts  # the "emb" column
    assert any("CJK" in row[0] for row in fonts), fonts  # Korean text (company names) in Noto CJK
    assert run("pdfimages", "-list", str(made.path)).splitlines()[2:] == []  # no raster picture at all
    xml = run("pdftohtml", "-xml", "-i", "-q", "-stdout", str(made.path))
    outline = re.findall(r'<item page="(\d+)">([^<]*)</item>', xml)
    titles = [title for _, title in outline]
    assert titles[0] == made.company.replace("&", "&amp;"), titles
    numbered = [t for t in titles if re.match(r"\d+ \S", t)]
    assert len(numbered) >= 5 and numbered[0].startswith("1 "), titles  # the numbered sections


@pytest.mark.parametrize("lang", LANGS)
def test_a_page_drawn_from_the_pdf_is_not_blank(pdfs: dict[tuple[str, str], Made], lang: Lang) -> None:
    made = pdfs["demo", lang]
    ppm = subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "30", "-gray", str(made.path)],
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout
    head = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", ppm)  # a grey PPM: header, then one byte a pixel
    assert head is not None
    pixels = ppm[head.end() :]
    assert len(pixels) == int(head.group(1)) * int(head.group(2))
    assert statistics.pstdev(pixels) > 20, statistics.pstdev(pixels)  # ink on paper, not a white page
    assert sum(p < 128 for p in pixels) > len(pixels) // 50


def test_demo_is_at_most_twelve_pages_in_both_languages(pdfs: dict[tuple[str, str], Made]) -> None:
    counts = {lang: int(info(pdfs["demo", lang].path)["Pages"]) for lang in LANGS}
    assert all(count <= 12 for count in counts.values()), counts
    print(f"demo PDF pages: {counts}; seconds per PDF: {[round(m.seconds, 1) for m in pdfs.values()]}")
