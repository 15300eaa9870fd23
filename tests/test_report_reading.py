"""A report that explains itself (issue 11): what an owner reads on the first screen, in words."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from readiness import api
from readiness.cli import app
from readiness.domain.ladder import shown
from readiness.files.loading import available, find_questionnaire, load_questionnaire_file
from readiness.resources import bundled
from readiness.words import Lang

from .conftest import DATA

EXAMPLES = sorted(bundled("examples").glob("*.yaml"))
PLANTS = DATA / "plants"
TODAY = dt.date(2026, 11, 22)
LANGS: tuple[Lang, ...] = ("ko", "en")
runner = CliRunner()


def report(path: Path, fmt: str, lang: Lang, previous: Path | None = None) -> str:
    return api.report_file(path, fmt, lang, TODAY, previous=previous)[0].decode()


def question_ids() -> set[str]:
    return {x.id for _, _, p in available() for x in load_questionnaire_file(p).questionnaire.questions}


def visible_text(page: str) -> str:
    """The words a reader sees in an HTML page: no tags, no attributes, no style."""
    page = re.sub(r"<style.*?</style>|<title>.*?</title>", " ", page, flags=re.S)
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", page))


def before_appendix_html(page: str) -> str:
    return page.split('<section id="appendix"', 1)[0]


def before_appendix_md(text: str, lang: Lang) -> str:
    heading = {"ko": ". 부록", "en": ". Appendix"}[lang]
    return text.split(heading, 1)[0]


def raw_ids(text: str, ids: set[str]) -> set[str]:
    return {m for m in re.findall(r"\b[a-z]+\.[a-z_0-9]+\b", text) if m in ids}


# --- 2. no raw codes in owner-facing text ---------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_question_ids_outside_the_appendix(example: Path, lang: Lang) -> None:
    ids = question_ids()
    page = report(example, "html", lang)
    assert raw_ids(visible_text(before_appendix_html(page)), ids) == set()
    md = report(example, "md", lang)
    assert raw_ids(before_appendix_md(md, lang), ids) == set()
    # the appendix keeps them, beside the question, for the consultant
    assert raw_ids(visible_text(page.split('<section id="appendix"', 1)[1]), ids)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_question_ids_in_the_terminal_scorecard(example: Path, lang: Lang) -> None:
    result = runner.invoke(app, ["score", str(example), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert raw_ids(result.stdout, question_ids()) == set()
    assert not re.search(r"\d\.\d{2,}", result.stdout)  # 2.3, never 2.333 or 1.75


def test_scores_are_rounded_for_people() -> None:
    assert [shown(2.333), shown(1.7), shown(3.0), shown(2.96), shown(2.96, current=True)] == [
        "2.3",
        "1.7",
        "3",
        "3",
        "2.9",  # a current value is cut, never rounded up into looking met
    ]
    page = report(bundled("examples") / "demo.yaml", "html", "en")
    assert not re.search(r"\b\d\.\d{2,}\b", visible_text(before_appendix_html(page)).replace("SHA-256", ""))


def test_every_bundled_question_has_a_short_title_and_every_title_a_question() -> None:
    titled: set[str] = set()
    for _, _, path in available():
        q = load_questionnaire_file(path).questionnaire
        untitled = [x.id for x in q.questions if x.short is None]
        assert untitled == [], (path.name, untitled)
        titled |= {x.id for x in q.questions}
    from readiness.files import safeyaml

    names = safeyaml.load(bundled("questionnaires") / "titles" / "kr-smart-factory.yaml").data["titles"]
    assert set(names) == titled


def test_titles_do_not_change_the_published_hash() -> None:
    loaded = find_questionnaire("kr-smart-factory", "2026.2")
    import hashlib

    assert loaded.sha256 == hashlib.sha256(loaded.path.read_bytes()).hexdigest()
    assert loaded.questionnaire.question("production.results").title("ko") == "작업 현장 실적 입력"


# --- 3. contents numbered from one source ----------------------------------------------------------


def _headings_html(page: str) -> list[tuple[str, str]]:
    return re.findall(r'<h2><span class="num">(\d+)</span> ([^<]+)</h2>', page)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("previous", [False, True])
def test_contents_numbers_match_the_headings(lang: Lang, previous: bool) -> None:
    demo = bundled("examples") / "demo.yaml"
    earlier = bundled("examples") / "legacy-2026.1-demo.yaml" if previous else None
    page = report(demo, "html", lang, earlier)
    toc = re.findall(r'<li value="(\d+)"><a href="#([a-z]+)">([^<]+)</a></li>', page)
    heads = _headings_html(page)
    assert [(n, title) for n, _, title in toc] == heads
    assert [n for n, _ in heads] == [str(i) for i in range(1, len(heads) + 1)]
    assert ("progress" in [sid for _, sid, _ in toc]) is previous
    for _, sid, _ in toc:  # each entry links to a section that exists
        assert f'<section id="{sid}"' in page
    md = report(demo, "md", lang, earlier)
    md_heads = re.findall(r"^## (\d+)\. (.+)$", md, flags=re.M)
    assert md_heads == heads


# --- 1. the headline says when a gate holds the firm below the rung its points reach --------------


def test_headline_explains_a_gate_that_blocks_a_rung_the_points_reach() -> None:
    plant = PLANTS / "cnc-30-erp-paper.yaml"  # 213 points, the basic rung starts at 180
    page = report(plant, "html", "ko")
    first = page.split('<section id="dimensions"', 1)[0]
    sentence = re.search(r'<p class="note blocked">(.*?)</p>', first, flags=re.S)
    assert sentence is not None
    words = visible_text(sentence.group(1))
    assert "점수는 기초 기준(180점)을 넘지만" in words and "기초 단계로 인정되지 않습니다" in words
    assert '<a href="#blockers">' in sentence.group(1)
    assert "작업 현장 실적 입력" in words  # the blocker by its title, with the answer now
    en = report(plant, "md", "en")
    assert "The points pass the Basic threshold (180), but Basic is not reached" in en


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_no_blocked_sentence_when_points_are_short_or_nothing_blocks(example: Path) -> None:
    card = api.score_file(example)
    page = report(example, "html", "en")
    nxt = card.next_level
    expected = nxt is not None and not nxt.points_short and bool(nxt.blockers)
    assert ('class="note blocked"' in page) is expected


# --- 9. page one: level, points, top blockers, first actions, programmes --------------------------


def test_summary_lists_top_blockers_first_actions_and_programmes() -> None:
    demo = bundled("examples") / "demo.yaml"
    import json

    data = json.loads(report(demo, "json", "en"))
    summary = data["summary"]
    assert summary["blockers"][0] == "Points 313, 380 needed (67 short)"
    assert len(summary["blockers"]) == 3 and len(summary["actions"]) == 3
    first = data["roadmap"]["phases"][0]["actions"][:3]
    assert [a["title"] for a in summary["actions"]] == [a["title"] for a in first]
    assert all(a["cost"].startswith("KRW") or a["cost"].startswith("under") for a in summary["actions"])
    assert summary["programmes"] == [p["name"] for p in data["programmes"]["fits"][:3]]
    page = report(demo, "html", "en")
    head = page.split('<section id="dimensions"', 1)[0]
    for text in [*summary["blockers"], *(a["title"] for a in summary["actions"]), *summary["programmes"]]:
        assert htmllib.escape(text, quote=False) in head


# --- 6. audit reports say audit ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_audit_report_has_its_own_title_and_disclaimer(lang: Lang) -> None:
    audit = bundled("examples") / "intermediate1-electronics.yaml"
    page = report(audit, "html", lang)
    self_word = {"ko": "자가진단", "en": "self-assessment"}[lang]
    name = find_questionnaire("kr-smart-factory").questionnaire.title(lang)  # the instrument's own name
    assert self_word not in visible_text(page).replace(name, "").lower()
    title = {"ko": "현장 진단 보고서", "en": "site-audit report"}[lang]
    assert title in re.search(r"<title>(.*?)</title>", page).group(1)  # type: ignore[union-attr]
    own = report(bundled("examples") / "demo.yaml", "html", lang)
    assert self_word in visible_text(own).lower()


# --- 7. English reports are English ----------------------------------------------------------------


def test_english_ladder_puts_english_first() -> None:
    page = report(bundled("examples") / "demo.yaml", "html", "en")
    rung = re.search(r'<div class="ko">([^<]+)</div>\s*<div class="en">([^<]+)</div>', page)
    assert rung is not None and rung.groups() == ("Not yet smart (no ICT)", "ICT 미적용")


def _bare_evidence_file(tmp_path: Path) -> tuple[Path, str]:
    """The audit example with the evidence of one answer verified at 4 removed."""
    text = (bundled("examples") / "intermediate1-electronics.yaml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if "verified: 4" in x and "evidence:" in x)
    qid = line.split(":", 1)[0].strip()
    bare = re.sub(r"evidence: \[[^\]]*\], ?", "", line)
    assert bare != line
    path = tmp_path / "bare.yaml"
    path.write_text(text.replace(line, bare), encoding="utf-8")
    return path, qid


def test_verified_high_without_evidence_is_a_validate_warning_and_in_the_report(tmp_path: Path) -> None:
    path, qid = _bare_evidence_file(tmp_path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    line = next(
        n for n, x in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if x.strip().startswith(qid)
    )
    assert (
        f"warning: {path}:{line}: answers.{qid}.evidence: verified at 4 with no evidence listed"
        in result.stderr
    )
    clean = runner.invoke(app, ["validate", str(bundled("examples") / "intermediate1-electronics.yaml")])
    assert "no evidence" not in clean.stderr
    page = report(path, "html", "en")
    title = find_questionnaire("kr-smart-factory").questionnaire.question(qid).title("en")
    checks = page.split('<section id="checks"', 1)[1].split("</section>", 1)[0]
    assert "verified at 4 or 5 have no evidence listed" in checks and title in checks


def test_score_in_audit_mode_shows_claimed_against_verified() -> None:
    audit = bundled("examples") / "intermediate1-electronics.yaml"
    card = api.score_file(audit)
    result = runner.invoke(app, ["score", str(audit), "--lang", "en"])
    assert result.exit_code == 0
    assert "Claimed and verified differ" in result.stdout
    q = find_questionnaire("kr-smart-factory").questionnaire
    for d in card.audit_differences:
        assert (
            f"{q.question(d.question).title('en')}: claimed {d.claimed} → verified {d.verified}"
            in result.stdout
        )
    own = runner.invoke(app, ["score", str(bundled("examples") / "demo.yaml"), "--lang", "en"])
    assert "Claimed and verified differ" not in own.stdout


# --- 7. English reports name regions and sectors in English ----------------------------------------


@pytest.mark.parametrize(
    ("lang", "sector", "region"),
    [("ko", "C30 자동차 및 트레일러 제조업", "경기"), ("en", "C30 Motor vehicles and trailers", "Gyeonggi")],
)
def test_cover_names_sector_and_region_in_the_report_language(lang: Lang, sector: str, region: str) -> None:
    import json

    cover = json.loads(report(bundled("examples") / "demo.yaml", "json", lang))["cover"]
    assert (cover["sector"], cover["region"]) == (sector, region)
    md = report(bundled("examples") / "demo.yaml", "md", lang)
    assert f"| {sector} |" in md and f"| {region} |" in md


def test_sector_names_come_from_the_longest_known_code() -> None:
    from readiness.files.loading import bundled_sectors

    table = bundled_sectors()
    assert table is not None
    assert table.label("30320", "en") == "C30320 New parts for motor vehicles"  # group C303
    assert table.label("c2591", "ko") == "C2591 금속 단조, 압형 및 분말야금제품 제조업"
    assert table.label("C29", "en") == "C29 Other machinery and equipment"
    assert table.label("J62", "en") == "J62"  # not manufacturing: the code alone, never a guess
    assert table.revision == "KSIC 10" and table.source.startswith("https://")


def test_sector_table_needs_every_manufacturing_division(tmp_path: Path) -> None:
    from readiness.errors import QuestionnaireError
    from readiness.files.loading import load_sector_file

    text = (bundled("questionnaires") / "ksic.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "ksic.yaml"
    broken.write_text(
        "\n".join(x for x in text.splitlines() if "code: C17," not in x) + "\n", encoding="utf-8"
    )
    with pytest.raises(QuestionnaireError, match="missing C17"):
        load_sector_file(broken)


@pytest.mark.parametrize("lang", LANGS)
def test_no_question_ids_on_the_dashboard(tmp_path: Path, lang: Lang) -> None:
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(bundled("examples")), "-o", str(out), "--lang", lang])
    assert result.exit_code in (0, 1), result.output
    page = (out / "dashboard.html").read_text(encoding="utf-8")
    assert raw_ids(visible_text(page), question_ids()) == set()
    title = (
        find_questionnaire("kr-smart-factory").questionnaire.question("automation.connectivity").title(lang)
    )
    assert f"L2 {title} ≥ 3" in visible_text(page)
