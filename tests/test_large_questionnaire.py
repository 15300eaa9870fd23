"""A questionnaire of 400 questions loads, scores and reports; the answer-file node cap stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness import api
from readiness.files import safeyaml
from readiness.files.loading import load_questionnaire_file

ROOT = Path(__file__).parent.parent


def big_questionnaire(tmp_path: Path, questions: int = 400, wordy: bool = False) -> Path:
    """The mini test questionnaire with one dimension blown up to `questions` questions.

    `wordy`: question, help and option texts as long as the bundled questionnaire's (~60, ~120
    and ~45 characters in Korean), so files written from it are of a real questionnaire's size.
    """
    pad = (lambda n: " " + "스마트공장 수준 " * (n // 9)) if wordy else (lambda n: "")
    dims = 10
    lines = [
        'id: "big"',
        'version: "1.0"',
        "title: {ko: 큰 설문, en: Big}",
        "description: {ko: 설명, en: Description}",
        "disclaimer: {ko: 공식 아님, en: Not official}",
        "scale:",
        *[f"  - {{ko: 단계{i}, en: step {i}}}" for i in range(6)],
        "changelog:",
        "  - {version: '1.0', date: 2026-12-01, changes: {ko: 처음, en: First}}",
        "levels:",
        "  - {rank: 0, id: zero, name: {ko: 영, en: Zero}, national: {ko: 영, en: Zero}, summary: {ko: 영, en: Zero}, min_points: 0}",
        "  - {rank: 1, id: one, name: {ko: 일, en: One}, national: {ko: 일, en: One}, summary: {ko: 일, en: One}, min_points: 400}",
        "dimensions:",
    ]
    for d in range(dims):
        lines += [f"  - id: d{d}", f"    name: {{ko: 영역{d}, en: Area {d}}}", "    purpose: {ko: 목적, en: Purpose}",
                  "    weight: 1", "    questions:"]  # fmt: skip
        for k in range(questions // dims):
            lines += [f"      - id: d{d}.q{k}", f"        text: {{ko: 문항 {k}{pad(60)}, en: Question {k}{pad(60)}}}",
                      f"        help: {{ko: 도움말{pad(120)}, en: Help}}", "        weight: 1", "        na_allowed: false",
                      "        options:",
                      *[f"          - {{ko: 답{v}{pad(45)}, en: answer {v}{pad(45)}}}" for v in range(6)]]  # fmt: skip
    path = tmp_path / "big-1.0.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_400_question_questionnaire_loads_scores_and_reports(tmp_path: Path) -> None:
    path = big_questionnaire(tmp_path)
    assert len(safeyaml.read(path, 4 * 1024 * 1024)) > 0
    with pytest.raises(safeyaml.YamlProblem, match="too many values"):  # over an answer file's cap
        safeyaml.parse(path.read_bytes())
    loaded = load_questionnaire_file(path.resolve())
    q = loaded.questionnaire
    assert len(q.questions) == 400
    answers = ["questionnaire: {id: big, version: '1.0'}", "company: {name: Big Co}", "answers:"]
    answers += [f"  {x.id}: 3" for x in q.questions]
    path = tmp_path / "answers.yaml"
    path.write_text("\n".join(answers) + "\n", encoding="utf-8")
    card = api.score_file(path, loaded)
    assert card.points == 600 and card.level.id == "one"
    data, _ = api.report_file(path, "md", "en", questionnaire=loaded)
    assert b"Big Co" in data


def test_answer_files_keep_their_node_cap(tmp_path: Path) -> None:
    flood = "a:\n" + "".join(f"  k{i}: [1, 2, 3]\n" for i in range(6000))
    with pytest.raises(safeyaml.YamlProblem, match="too many values"):
        safeyaml.parse(flood.encode())


def test_the_template_of_a_400_question_questionnaire_is_an_answer_file_score_accepts(tmp_path: Path) -> None:
    """The template lists every option as a comment: ~300 KB in Korean, within an answer file's limit."""
    loaded = load_questionnaire_file(big_questionnaire(tmp_path, wordy=True).resolve())
    text = api.template(str(loaded.path), "ko")
    assert 200 * 1024 < len(text.encode()) < safeyaml.MAX_BYTES  # the size of a real one, under the cap
    filled = text.replace('name: ""', "name: Big Co", 1)
    for x in loaded.questionnaire.questions:
        filled = filled.replace(f"  {x.id}:\n", f"  {x.id}: 3\n", 1)
    path = tmp_path / "filled.yaml"
    path.write_text(filled, encoding="utf-8")
    card = api.score_file(path, loaded)
    assert card.answered == 400 and card.points == 600
