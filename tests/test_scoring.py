"""Scoring properties: bounds, monotonicity, n/a neutrality, determinism, the receipt and the lift."""

from __future__ import annotations

import itertools
import random
from collections.abc import Mapping

import pytest

from readiness.domain.answers import Answer, AnswerFile
from readiness.domain.ladder import level_reached, values_of
from readiness.domain.lift import plan_lift
from readiness.domain.questionnaire import Questionnaire
from readiness.domain.scoring import score
from readiness.files.loading import LoadedQuestionnaire


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


@pytest.mark.parametrize("seed", range(60))
def test_the_lift_really_reaches_the_next_level(mini: LoadedQuestionnaire, seed: int) -> None:
    q = mini.questionnaire
    values = values_of(q, answer_file(q, random_values(q, random.Random(seed))).answers)
    rank = level_reached(q, values)
    for target in range(rank + 1, len(q.levels)):
        lift = plan_lift(q, values, target)
        assert level_reached(q, {**values, **lift}) >= target
        assert all(lift[k] > (values[k] or 0) for k in lift)


def test_lift_is_minimal_within_its_cap_on_a_small_questionnaire(mini: LoadedQuestionnaire) -> None:
    """Brute force: no set of fewer answer steps, each answer at most target+1, reaches the level."""
    q = mini.questionnaire
    start = {x.id: 1 for x in q.questions} | {"make.robots": None}
    rank = level_reached(q, start)
    target = rank + 1
    lift = plan_lift(q, start, target)
    cap = max(target + 1, 3)  # 3: the basic gate on make.results
    assert max(lift.values()) <= cap
    steps = sum(v - (start[k] or 0) for k, v in lift.items())
    raisable = [x.id for x in q.questions if start[x.id] is not None]
    for total in range(steps):
        for combo in itertools.combinations_with_replacement(raisable, total):
            trial = dict(start)
            for qid in combo:
                trial[qid] = min((trial[qid] or 0) + 1, cap)
            assert level_reached(q, trial) <= rank, combo


def test_lift_raises_beyond_the_cap_only_when_needed(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    start = {x.id: 0 for x in q.questions} | {"make.robots": None, "make.results": 3}
    lift = plan_lift(q, start, 3)
    assert level_reached(q, {**start, **lift}) == 3
    assert max(lift.values()) == 5  # the top rung needs 800 points: a cap of 4 cannot get there


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
