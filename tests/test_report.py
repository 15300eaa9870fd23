"""Reports: golden files, escaping through the real templates, every format and example renders."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from readiness import __version__, api
from readiness.domain.lift import MAX_JUMP
from readiness.domain.results import Scorecard
from readiness.domain.scoring import score
from readiness.errors import UsageError
from readiness.files.loading import LoadedQuestionnaire, load_action_file, load_answers, load_programme_file
from readiness.report.formats import ReportFormat
from readiness.report.render import render_report
from readiness.report.templates import environment
from readiness.resources import bundled
from readiness.words import Lang, word

from .conftest import DATA, Golden, Write

TODAY = dt.date(2026, 11, 22)
PEERS = {"label": "C30 경기", "count": 12, "points_median": 310, "points_percentile": 62.5,
         "dimensions": {"make": 2.1, "data": 1.4, "people": 1.0}}  # fmt: skip
EXAMPLES = sorted(bundled("examples").glob("*.yaml"))


def card_of(mini: LoadedQuestionnaire, name: str) -> Scorecard:
    answers, loaded = load_answers(DATA / "answers" / name, mini)
    return score(loaded.questionnaire, answers, loaded.sha256)


def render(mini: LoadedQuestionnaire, name: str, fmt: str, lang: str, **kwargs: Any) -> str:
    return render_report(
        card_of(mini, name),
        fmt,
        lang,
        TODAY,
        questionnaire=mini.questionnaire,
        programmes=load_programme_file((DATA / "catalogues" / "programmes.yaml").resolve()),
        actions=load_action_file((DATA / "catalogues" / "actions-mini.yaml").resolve()),
        **kwargs,
    ).decode()


def stable(text: str) -> str:
    """Golden files must not change with the package version."""
    return text.replace(f"readiness {__version__}", "readiness VERSION")


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_golden_audit_report_in_english_with_progress_peers_and_long_target(
    mini: LoadedQuestionnaire, golden: Golden, fmt: str
) -> None:
    previous = card_of(mini, "full-previous.yaml")
    text = render(mini, "full.yaml", fmt, "en", previous=previous, target=3, peers=PEERS)
    golden(f"mini-audit.en.{fmt}", stable(text))


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_golden_self_report_in_korean(mini: LoadedQuestionnaire, golden: Golden, fmt: str) -> None:
    golden(f"mini-self.ko.{fmt}", stable(render(mini, "full-previous.yaml", fmt, "ko")))


def test_rendering_is_pure(mini: LoadedQuestionnaire) -> None:
    assert render(mini, "full.yaml", "html", "ko") == render(mini, "full.yaml", "html", "ko")


def test_every_format_renders(mini: LoadedQuestionnaire) -> None:
    for fmt in ReportFormat:
        if not fmt.binary:  # PDF: tests/test_report_pdf.py, where WeasyPrint is installed
            assert render(mini, "full.yaml", fmt, "en").strip()


def test_unknown_language_or_format_is_refused(mini: LoadedQuestionnaire) -> None:
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        render(mini, "full.yaml", "html", "fr")
    with pytest.raises(ValueError):
        render(mini, "full.yaml", "docx", "en")


def test_report_templates_are_autoescaped() -> None:
    for flavour in ("html", "markdown"):
        assert environment(flavour).autoescape is True


def test_html_escapes_every_value_from_the_answer_file(mini: LoadedQuestionnaire) -> None:
    html = render(mini, "hostile.yaml", "html", "en")
    for raw in ("<script>alert(1)", "<img src=x", "<svg onload", "<b>경기", "<i>x</i>"):
        assert raw not in html, raw
    assert "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "&#34;&gt;&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt; · " in html
    assert html.count("<script") == 0 and "javascript:" not in re.sub(r">[^<]*<", "><", html)


def _css_unescape(quoted: str) -> str:
    assert quoted.startswith('"') and quoted.endswith('"') and '"' not in quoted[1:-1], quoted
    return re.sub(r"\\([0-9a-f]{6})", lambda m: chr(int(m.group(1), 16)), quoted[1:-1])


def test_running_header_holds_the_company_as_an_escaped_css_string(mini: LoadedQuestionnaire) -> None:
    html = render(mini, "hostile.yaml", "html", "en")
    style = html[html.index("<style>") : html.index("</style>")]
    assert "<" not in style.replace("<style>", "")  # nothing in the name ends the style element
    header = re.search(r"@top-left \{ content: (\"[^\"]*\");", style)
    assert header and _css_unescape(header.group(1)) == "<script>alert(1)</script>"
    assert re.search(r'@bottom-center \{ content: "Page " counter\(page\) " of " counter\(pages\);', style)


def test_only_http_evidence_becomes_a_link(mini: LoadedQuestionnaire) -> None:
    html = render(mini, "hostile.yaml", "html", "en")
    hrefs = re.findall(r'href="([^"]*)"', html)
    assert "https://example.org/a?b=1&amp;c=%22x%22" in hrefs
    assert all(h.startswith(("#", "https://", "http://")) for h in hrefs), hrefs
    assert "<li>javascript:alert(3)</li>" in html  # shown, not linked


def test_markdown_escapes_markup_and_keeps_tables_intact(mini: LoadedQuestionnaire) -> None:
    md = render(mini, "hostile.yaml", "md", "en")
    assert "# Smart-factory readiness site-audit report: \\<script\\>alert(1)\\</script\\>" in md
    assert "<script" not in md.replace("\\<script", "") and "<img" not in md.replace("\\<img", "")
    assert "\\*bold\\* \\_em\\_ \\[link\\](javascript:alert(6))" in md
    row = next(line for line in md.splitlines() if line.startswith("| `make.trace`"))
    assert row.count(" | ") == 3 and "\\| table \\| breaker \\|" in row  # a note cannot add columns
    assert "<https://example.org/a?b=1&c=%22x%22>" in md


def test_html_is_self_contained(mini: LoadedQuestionnaire) -> None:
    html = render(mini, "full.yaml", "html", "en")
    assert "<script" not in html and "<link" not in html and "@import" not in html
    assert not re.search(r"\b(src|srcset)=", html) and "url(" not in html
    assert "@page" in html and "break-before: page" in html
    assert '"Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR"' in html


def test_report_states_the_facts(mini: LoadedQuestionnaire) -> None:
    md = render(mini, "full.yaml", "md", "en", previous=card_of(mini, "full-previous.yaml"))
    assert "**L1 Basic**" in md and "393 / 1000" in md
    assert "Not an official level verification" in md and "Site audit" in md
    assert md.startswith("# Smart-factory readiness site-audit report: ") and "self-assessment" not in md
    assert "This report is a site audit" in md
    assert "김컨설 · 스마트진단" in md and "화성공장" in md
    assert "`mini` version `1.0`" in md
    assert "### Claimed vs verified" in md and "| question make.results \\[x\\] | 4 | **3** (-1)" in md
    assert "## 7. Progress since the previous assessment" in md
    assert "Basic build support" in md and "your level is Basic" in md  # why it fits
    assert "https://example.org/basic" in md and "(official notice or release, 2025-10-30)" in md
    assert "Programme list reviewed on 2026-11-01 (cycle 2026). Amounts and rules change every year" in md
    assert "`2026 notice checked`" in md and "`Press report (2025-12)`" in md  # labels, no generic tick
    assert "confirmed" not in md


def test_json_report_is_the_view_model(mini: LoadedQuestionnaire) -> None:
    data = json.loads(render(mini, "full.yaml", "json", "en", target=3))
    assert data["headline"]["points"] == 393 and data["headline"]["level"]["name"] == "Basic"
    assert [p["level"]["rank"] for p in data["roadmap"]["phases"]] == [2, 3]
    assert data["programmes"]["fits"][0]["id"] == "basic-build"
    assert data["cover"]["report_date"] == "2026-11-22"


def test_target_at_or_below_the_level_has_no_phases(mini: LoadedQuestionnaire) -> None:
    data = json.loads(render(mini, "full.yaml", "json", "en", target=1))
    assert data["roadmap"]["phases"] == [] and data["roadmap"]["target"] is None


def test_date_defaults_to_the_assessment_date_never_the_clock(mini: LoadedQuestionnaire) -> None:
    card = card_of(mini, "full.yaml")
    data = json.loads(render_report(card, "json", "en", questionnaire=mini.questionnaire))
    assert data["cover"]["report_date"] == "2026-11-20"


def test_bad_peer_figures_are_refused(mini: LoadedQuestionnaire) -> None:
    with pytest.raises(ValueError):
        render(mini, "full.yaml", "html", "en", peers={"count": 3, "median": 1})


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders(example: Path, fmt: str, lang: Lang) -> None:
    data, card = api.report_file(example, fmt, lang, TODAY)
    text = data.decode()
    assert card.company.name in text or card.company.name.replace("&", "&amp;") in text
    assert f"L{card.level.rank}" in text


def test_examples_are_bundled() -> None:
    assert "demo" in [p.stem for p in EXAMPLES]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_has_a_roadmap_to_the_ai_factory(example: Path) -> None:
    text, card = api.report_file(example, "json", "en", TODAY, target="ai-factory")
    data = json.loads(text)
    if card.level.rank < 5:
        assert data["roadmap"]["target"]["id"] == "ai-factory"
        assert [p["level"]["rank"] for p in data["roadmap"]["phases"]] == list(range(card.level.rank + 1, 6))


@pytest.mark.parametrize("fmt", ["html", "md"])
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_report_says_plainly_when_no_realistic_lift_exists(
    mini: LoadedQuestionnaire, write: Write, fmt: str, lang: Lang
) -> None:
    blank = write(
        "blank.yaml", 'questionnaire: {id: mini, version: "1.0"}\ncompany: {name: B}\nanswers: {}\n'
    )
    answers, loaded = load_answers(blank, mini)
    card = score(loaded.questionnaire, answers, loaded.sha256)
    text = render_report(card, fmt, lang, TODAY, questionnaire=mini.questionnaire).decode()
    level = f"L1 {mini.questionnaire.levels[1].name(lang)}"
    assert word("report.lift_none_gate", lang, level=level, jump=MAX_JUMP) in text
    assert word("report.lift_intro", lang).split("{")[0] not in text  # no table of changes
