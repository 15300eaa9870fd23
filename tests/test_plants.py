"""Acceptance cases of issue 9: realistic plants get the level an assessor would sign, robustly.

tests/data/plants/expected.yaml gives each profile's level and one-step moves that an assessor
would say leave the level as it is; every move must keep it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness.domain.answers import Answer
from readiness.domain.scoring import score
from readiness.files.loading import load_answers

PLANTS = Path(__file__).parent / "data" / "plants"
EXPECTED = yaml.safe_load((PLANTS / "expected.yaml").read_text(encoding="utf-8"))["plants"]
MOVES = [(name, move) for name, case in EXPECTED.items() for move in case["moves"]]


def _level(path: Path, move: dict[str, Any] | None = None) -> str:
    answers, loaded = load_answers(path)
    if move is not None:
        old = answers.answers[move["question"]]
        assert old.effective == move["from"], f"{path.name}: {move['question']} is {old.effective}"
        moved = dict(answers.answers) | {move["question"]: Answer(value=move["to"], note=old.note)}
        answers = answers.model_copy(update={"answers": moved})
    return score(loaded.questionnaire, answers, loaded.sha256).level.id


def test_there_are_at_least_eight_profiles_and_every_file_has_an_expectation() -> None:
    files = sorted(p.name for p in PLANTS.glob("*.yaml") if p.name != "expected.yaml")
    assert files == sorted(EXPECTED) and len(files) >= 8


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_profile_gets_the_assessors_level(name: str) -> None:
    assert _level(PLANTS / name) == EXPECTED[name]["level"]


@pytest.mark.parametrize(("name", "move"), MOVES, ids=[f"{n}:{m['question']}" for n, m in MOVES])
def test_the_level_survives_a_one_step_move_that_should_not_change_it(
    name: str, move: dict[str, Any]
) -> None:
    assert _level(PLANTS / name, move) == EXPECTED[name]["level"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_profile_says_why_and_uses_a_fictional_business_number(name: str) -> None:
    text = (PLANTS / name).read_text(encoding="utf-8")
    assert text.startswith(f"# Assessor's level: {EXPECTED[name]['level']}.")
    answers, _ = load_answers(PLANTS / name)
    assert answers.questionnaire.version == "2026.2"


@pytest.mark.parametrize(
    ("question", "value"),
    [("data.ai_production", 3), ("data.twin", 3), ("systems.integration", 4)],
    ids=["without daily AI", "without a live twin", "without a standard data model"],
)
def test_the_top_needs_ai_a_live_twin_and_a_standard_data_model(question: str, value: int) -> None:
    answers, loaded = load_answers(PLANTS / "ev-motor-top.yaml")
    moved = dict(answers.answers) | {question: Answer(value=value)}
    card = score(loaded.questionnaire, answers.model_copy(update={"answers": moved}), loaded.sha256)
    assert card.level.id != "ai-factory"
