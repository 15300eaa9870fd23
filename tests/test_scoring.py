"""Scoring properties: bounds, monotonicity, n/a neutrality, determinism, the receipt and the lift."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping
from pathlib import Path

import pytest

from readiness.domain.answers import Answer, AnswerFile
from readiness.domain.base import MAX_VALUE
from readiness.domain.ladder import level_reached, values_of
from readiness.domain.lift import HEADROOM, MAX_JUMP, plan_lift, reach
from readiness.domain.questionnaire import Questionnaire
from readiness.domain.scoring import score
from readiness.files.loading import LoadedQuestionnaire, load_answers
from readiness.resources import bundled


def answer_file(q: Questionnaire, values: Mapping[str, object], mode: str = "self") -> AnswerFile:
    data = {
        "questionnaire": {"id": q.id, "version": q.version},
        "company": {"name": "Test"},
        "assessment": {"mode": mode, **({"assessor": {"name": "A"}} if mode == "audit" else {})},
        "answers": values,
    }
    return AnswerFile.model_validate(data)


def all_at(q: Questionnaire, value: int) -> AnswerFile:
    return answer_file(q, {x.id: value for x in q.questions})


def test_all_zero_is_level_0_and_0_points(mini: LoadedQuestionnaire) -> None:
    card = score(mini.questionnaire, all_at(mini.questionnaire, 0), mini.sha256)
    assert (card.points, card.level.rank) == (0, 0)


def test_all_five_is_top_level_and_1000_points(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    card = score(q, all_at(q, 5), mini.sha256)
    assert (card.points, card.level.rank) == (1000, q.levels[-1].rank)
    assert card.next_level is None


def test_missing_answers_count_as_zero_and_are_reported(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    partial = answer_file(q, {"make.results": 5})
    explicit = answer_file(q, {x.id: (5 if x.id == "make.results" else 0) for x in q.questions})
    a, b = score(q, partial, ""), score(q, explicit, "")
    assert a.points == b.points and a.level == b.level
    assert a.answered == 1 and b.answered == len(q.questions)
    assert a.warnings[0].kind == "unanswered" and len(a.warnings[0].questions) == len(q.questions) - 1


def random_values(q: Questionnaire, rng: random.Random) -> dict[str, int | str]:
    out: dict[str, int | str] = {}
    for x in q.questions:
        roll = rng.random()
        if roll < 0.1:
            continue
        out[x.id] = "n/a" if x.na_allowed and roll < 0.2 else rng.randint(0, 5)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_raising_any_single_answer_never_lowers_points_or_level(mini: LoadedQuestionnaire, seed: int) -> None:
    q = mini.questionnaire
    rng = random.Random(seed)
    values = random_values(q, rng)
    before = score(q, answer_file(q, values), "")
    for x in q.questions:
        current = values.get(x.id, 0)
        if isinstance(current, str) or current == 5:  # "n/a" or already at the top
            continue
        raised = score(q, answer_file(q, {**values, x.id: current + 1}), "")
        assert raised.points >= before.points, x.id
        assert raised.level.rank >= before.level.rank, x.id


def test_not_applicable_is_neutral(mini: LoadedQuestionnaire) -> None:
    """n/a scores exactly as if the question were not in the questionnaire."""
    q = mini.questionnaire
    base = {"make.results": 4, "make.trace": 2, "data.base": 3, "data.ai": 1, "people.skills": 2}
    with_na = score(q, answer_file(q, {**base, "make.robots": "n/a"}), "")
    dims = [
        d.model_copy(update={"questions": [x for x in d.questions if x.id != "make.robots"]})
        for d in q.dimensions
    ]
    without = q.model_copy(update={"dimensions": dims})
    reference = score(without, answer_file(without, base), "")
    assert with_na.points == reference.points and with_na.level == reference.level
    # and n/a equals answering with the mean of the rest of its dimension when that is a whole number
    same_as_mean = score(q, answer_file(q, {**base, "make.trace": 4, "make.robots": 4}), "")
    na_again = score(q, answer_file(q, {**base, "make.trace": 4, "make.robots": "n/a"}), "")
    assert same_as_mean.points == na_again.points


def test_same_input_gives_byte_identical_json_and_key_order_does_not_matter(
    mini: LoadedQuestionnaire,
) -> None:
    q = mini.questionnaire
    values = {"make.results": 3, "data.ai": 2, "make.trace": 1}
    reordered = dict(reversed(list(values.items())))
    a = score(q, answer_file(q, values), mini.sha256).model_dump_json()
    b = score(q, answer_file(q, values), mini.sha256).model_dump_json()
    c = score(q, answer_file(q, reordered), mini.sha256).model_dump_json()
    assert a == b == c


def test_result_carries_questionnaire_id_version_and_hash(mini: LoadedQuestionnaire) -> None:
    card = score(mini.questionnaire, all_at(mini.questionnaire, 2), mini.sha256)
    assert card.questionnaire.model_dump() == {"id": "mini", "version": "1.0", "sha256": mini.sha256}
    assert len(mini.sha256) == 64


def test_a_gate_caps_the_level_whatever_the_average(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    values = {x.id: 5 for x in q.questions} | {"make.results": 2}
    card = score(q, answer_file(q, values), "")
    assert card.points > q.levels[-1].min_points
    assert card.level.rank == 0  # basic needs make.results >= 3, and the ladder is cumulative
    assert card.next_level is not None
    blocker = card.next_level.blockers[0]
    assert blocker.alternatives[0].question == "make.results"
    assert (blocker.alternatives[0].current, blocker.alternatives[0].required) == (2, 3)
    assert card.next_level.lift[0].model_dump() == {"question": "make.results", "current": 2, "to": 3}


def test_any_of_gate_is_met_by_either_alternative(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    base = {x.id: 5 for x in q.questions}
    assert level_reached(q, values_of(q, answer_file(q, base | {"data.ai": 4}).answers)) == 3
    assert level_reached(q, values_of(q, answer_file(q, base | {"people.skills": 0}).answers)) == 3
    both = base | {"data.ai": 4, "people.skills": 4}
    assert level_reached(q, values_of(q, answer_file(q, both).answers)) == 2


def _reaches_within_jumps(q: Questionnaire, start: Mapping[str, int | None], target: int) -> bool:
    """Brute force: does any set of raises of at most MAX_JUMP steps per answer reach `target`?"""
    raisable = [k for k, v in start.items() if v is not None and v < MAX_VALUE]
    for steps in itertools.product(range(MAX_JUMP + 1), repeat=len(raisable)):
        trial = dict(start)
        for qid, step in zip(raisable, steps, strict=True):
            trial[qid] = min((trial[qid] or 0) + step, MAX_VALUE)
        if level_reached(q, trial) >= target:
            return True
    return False


@pytest.mark.parametrize("seed", range(60))
def test_the_lift_is_realistic_and_really_reaches_the_next_level(
    mini: LoadedQuestionnaire, seed: int
) -> None:
    q = mini.questionnaire
    values = values_of(q, answer_file(q, random_values(q, random.Random(seed))).answers)
    rank = level_reached(q, values)
    for target in range(rank + 1, len(q.levels)):
        lift = plan_lift(q, values, target)
        if lift.realistic:
            raised = {**values, **lift.changes}
            assert level_reached(q, raised) >= target
            assert all(0 < to - (values[k] or 0) <= MAX_JUMP for k, to in lift.changes.items())
            for k, to in lift.changes.items():  # no step can be left out
                assert level_reached(q, {**raised, k: to - 1}) < target, (k, lift.changes)
        else:
            assert lift.changes == {} and lift.reason in ("gate", "points")
            assert not _reaches_within_jumps(q, values, target)  # "no realistic plan" is true
        assert level_reached(q, {**values, **reach(q, values, target)}) >= target


def test_the_lift_raises_answers_one_step_before_any_two(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    start = {x.id: 1 for x in q.questions} | {"make.results": 3, "data.base": 3, "data.ai": 3}
    assert level_reached(q, start) == 1
    lift = plan_lift(q, start, 2)
    assert lift.realistic and lift.changes
    assert all(to == start[k] + 1 for k, to in lift.changes.items()), lift.changes  # not people.skills 1 -> 3


def test_gate_raises_stop_at_what_the_gate_needs(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    start = {x.id: 3 for x in q.questions} | {"make.results": 1}
    lift = plan_lift(q, start, 1)
    assert lift.changes == {"make.results": 3}


def test_no_realistic_lift_says_why_and_lists_nothing(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    blank = plan_lift(q, {x.id: 0 for x in q.questions}, 1)  # basic needs make.results 0 -> 3
    assert (blank.changes, blank.realistic, blank.reason) == ({}, False, "gate")
    low = {x.id: 1 for x in q.questions} | {"make.results": 3, "data.ai": 4}
    top = plan_lift(q, low, 3)  # the top gate is one step away, but 800 points are not two steps away
    assert (top.changes, top.realistic, top.reason) == ({}, False, "points")
    card = score(q, all_at(q, 0), "")
    assert card.next_level is not None
    assert (card.next_level.lift, card.next_level.lift_realistic, card.next_level.lift_reason) == (
        [],
        False,
        "gate",
    )


def test_reach_raises_beyond_the_realistic_limits_when_asked(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    start = {x.id: 0 for x in q.questions} | {"make.robots": None, "make.results": 3}
    lift = reach(q, start, 3)
    assert level_reached(q, {**start, **lift}) == 3
    assert max(lift.values()) == 5  # the top rung needs 800 points: a cap of 4 cannot get there
    assert "make.robots" not in lift


def test_receipt_lists_every_answer_with_weight_and_status(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    card = score(q, answer_file(q, {"make.results": 3, "make.robots": "n/a"}), "")
    make = card.dimensions[0]
    statuses = {r.id: (r.status, r.counted, r.weight) for r in make.questions}
    assert statuses == {
        "make.results": ("answered", 3, 1.5),
        "make.trace": ("unanswered", 0, 1.0),
        "make.robots": ("na", None, 1.0),
    }
    assert make.score == pytest.approx(3 * 1.5 / 2.5, abs=1e-3)
    assert sum(d.max_points for d in card.dimensions) == pytest.approx(1000, abs=0.5)


def test_audit_mode_counts_verified_and_lists_differences(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    af = answer_file(
        q,
        {"make.results": {"claimed": 5, "verified": 3}, "data.base": {"claimed": 4, "verified": 4}},
        mode="audit",
    )
    card = score(q, af, "")
    receipt = card.dimensions[0].questions[0]
    assert (receipt.counted, receipt.claimed, receipt.verified) == (3, 5, 3)
    assert [d.model_dump() for d in card.audit_differences] == [
        {"question": "make.results", "claimed": 5, "verified": 3}
    ]
    evidence = [w for w in card.warnings if w.kind == "evidence"]
    assert evidence and evidence[0].questions == ["data.base"]


def test_plausibility_rule_warns_only_when_contradictory(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    bad = score(q, answer_file(q, {"data.ai": 5, "data.base": 0}), "")
    good = score(q, answer_file(q, {"data.ai": 5, "data.base": 3}), "")
    unjudged = score(q, answer_file(q, {"data.ai": 5}), "")
    assert [w.id for w in bad.warnings if w.kind == "plausibility"] == ["ai-without-data"]
    assert not [w for w in good.warnings if w.kind == "plausibility"]
    assert not [w for w in unjudged.warnings if w.kind == "plausibility"]


def test_answer_shorthand_forms() -> None:
    assert Answer.model_validate("3").effective == 3
    assert Answer.model_validate(3).effective == 3
    assert Answer.model_validate("n/a").na
    assert Answer.model_validate({"value": "n/a"}).na
    assert not Answer.model_validate("").answered
    assert Answer.model_validate({"claimed": 4, "verified": 2}).effective == 2
    assert Answer.model_validate({"claimed": 4}).effective == 4


EXAMPLES = sorted(bundled("examples").glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_lift_is_a_realistic_plan(example: Path) -> None:
    answers, loaded = load_answers(example)
    q = loaded.questionnaire
    card = score(q, answers, loaded.sha256)
    if card.next_level is None:
        return
    target = card.next_level.level.rank
    values = values_of(q, answers.answers)
    named = {c.question for g in q.levels[target].gates for c in g.alternatives}
    assert card.next_level.lift_realistic
    for change in card.next_level.lift:
        now = values[change.question] or 0
        assert 0 < change.to - now <= MAX_JUMP, change
        assert change.to <= target + HEADROOM or change.question in named, change


def test_a_dimension_gate_raises_the_answers_furthest_behind() -> None:
    answers, loaded = load_answers(bundled("examples") / "intermediate1-electronics.yaml")
    card = score(loaded.questionnaire, answers, loaded.sha256)
    assert card.next_level is not None
    lift = {c.question: (c.current, c.to) for c in card.next_level.lift}
    assert lift["equipment.maintenance"] == (2, 3) and lift["equipment.tooling"] == (2, 3)
    assert "equipment.oee" not in lift  # already at 3: the laggards catch up first


def test_the_l3_example_lift_is_its_one_gate() -> None:
    answers, loaded = load_answers(bundled("examples") / "intermediate2-machinery.yaml")
    card = score(loaded.questionnaire, answers, loaded.sha256)
    assert card.next_level is not None
    assert [(c.question, c.current, c.to) for c in card.next_level.lift] == [("data.ai_production", 2, 3)]
