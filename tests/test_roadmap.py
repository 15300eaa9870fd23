"""The upgrade roadmap: phases per level, gates met by actions, fallback to the smallest lift."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.domain.answers import AnswerFile
from readiness.domain.ladder import level_reached, points_of, values_of
from readiness.domain.questionnaire import Questionnaire
from readiness.domain.roadmap import Phase, plan
from readiness.errors import QuestionnaireError
from readiness.files.catalogues import bundled_actions
from readiness.files.loading import LoadedQuestionnaire, find_questionnaire, load_action_file, load_answers
from readiness.resources import bundled

from .conftest import DATA, Write

ACTIONS = DATA / "catalogues" / "actions-mini.yaml"


def values(q: Questionnaire, answers: dict[str, object]) -> dict[str, int | None]:
    af = AnswerFile.model_validate(
        {"questionnaire": {"id": q.id, "version": q.version}, "company": {"name": "x"}, "answers": answers}
    )
    return values_of(q, af.answers)


def apply(start: dict[str, int | None], phases: Iterable[Phase]) -> dict[str, int | None]:
    end = dict(start)
    for phase in phases:
        for step in phase.steps:
            for qid, (_, to) in step.raises.items():
                end[qid] = max(end[qid] or 0, to)
        end.update({qid: to for qid, (_, to) in phase.extra.items()})
    return end


def test_one_phase_per_level_up_to_the_target(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    start = values(q, {"make.results": 1})
    phases = plan(q, start, 3, load_action_file(ACTIONS.resolve()))
    assert [p.level.rank for p in phases] == [1, 2, 3]
    assert level_reached(q, apply(start, phases)) == 3
    for before, after in itertools.pairwise(phases):
        assert after.points_before >= before.points_after


def test_gate_is_met_by_the_action_written_for_it(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    start = values(q, {"make.results": 1, "make.trace": 1, "data.base": 2, "people.skills": 2})
    first = plan(q, start, 1, load_action_file(ACTIONS.resolve()))[0]
    assert first.steps[0].action.id == "pop-terminals"
    assert first.steps[0].raises["make.results"] == (1, 3)
    assert first.steps[0].gates == [0]  # it works on the one blocking gate


def test_already_at_target_means_no_phases(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    top = values(q, {x.id: 5 for x in q.questions})
    assert plan(q, top, 3, load_action_file(ACTIONS.resolve())) == []


def test_not_applicable_answers_are_never_raised(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    start = values(q, {"make.robots": "n/a", "make.results": 1})
    for phase in plan(q, start, 3, load_action_file(ACTIONS.resolve())):
        assert "make.robots" not in phase.extra
        assert all("make.robots" not in s.raises for s in phase.steps)


def test_what_no_action_covers_falls_back_to_the_smallest_lift(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    start = values(q, {"make.results": 3, "make.trace": 2, "data.base": 4, "data.ai": 4, "people.skills": 0})
    last = plan(q, start, 3, load_action_file(ACTIONS.resolve()))[-1]
    assert last.level.rank == 3 and not last.reached and last.extra
    assert points_of(q, apply(start, [last])) >= q.levels[3].min_points


@pytest.mark.parametrize("version", ["2026.1", "2026.2"])
@pytest.mark.parametrize("target", [1, 2, 3, 4, 5])
def test_bundled_actions_climb_from_nothing_to_every_level(target: int, version: str) -> None:
    q = find_questionnaire("kr-smart-factory", version).questionnaire
    actions = bundled_actions(q.id, version)
    assert actions is not None
    start = values(q, {})
    phases = plan(q, start, target, actions)
    assert [p.level.rank for p in phases] == list(range(1, target + 1))
    assert level_reached(q, apply(start, phases)) == target
    for phase in phases:
        assert phase.steps, f"no catalogue action for {phase.level.id}"
        firm = phase.level.rank - 1
        # at least the gate actions are written for the level the firm is at
        assert any(s.action.min_level <= firm <= s.action.max_level for s in phase.steps)


def test_plan_is_deterministic() -> None:
    q = find_questionnaire("kr-smart-factory").questionnaire
    actions = bundled_actions(q.id)
    assert actions is not None
    start = values(q, {x.id: 2 for x in q.questions})
    assert plan(q, start, 5, actions) == plan(q, start, 5, actions)


def test_bundled_catalogues_load_through_the_guarded_loader() -> None:
    from readiness.domain.actions import check_references
    from readiness.files.catalogues import bundled_programmes

    q = find_questionnaire("kr-smart-factory").questionnaire
    actions, programmes = bundled_actions(q.id), bundled_programmes()
    assert actions is not None and programmes is not None
    assert actions.questionnaire == q.id
    assert check_references(actions, programmes, {x.id for x in q.questions}, q.levels[-1].rank) == []


def test_test_catalogues_reference_the_mini_questionnaire(mini: LoadedQuestionnaire) -> None:
    from readiness.domain.actions import check_references
    from readiness.files.loading import load_programme_file

    q = mini.questionnaire
    actions = load_action_file(ACTIONS.resolve())
    programmes = load_programme_file((DATA / "catalogues" / "programmes.yaml").resolve())
    assert check_references(actions, programmes, {x.id for x in q.questions}, q.levels[-1].rank) == []


def test_broken_catalogue_is_a_readable_error(write: Write) -> None:
    from readiness.errors import QuestionnaireError
    from readiness.files.loading import load_programme_file

    path: Path = write("programmes.yaml", "version: 1\nprogrammes: []\n")
    with pytest.raises(QuestionnaireError) as info:
        load_programme_file(path)
    assert str(path) in str(info.value) and "schema: 2" in str(info.value)


# --- requirements: every action after what it needs -----------------------------------------------

EXAMPLES = sorted(bundled("examples").glob("*.yaml"))


def assert_requirements_hold(start: dict[str, int | None], phases: list[Phase]) -> None:
    """Walk the roadmap in order: each action's requirements hold where it stands."""
    have = dict(start)
    for phase in phases:
        for step in phase.steps:
            unmet = [r for r in step.action.requires if (have.get(r.question) or 0) < r.min]
            assert not unmet, f"L{phase.level.rank} {step.action.id} needs {unmet}"
            for qid, (_, to) in step.raises.items():
                have[qid] = max(have[qid] or 0, to)
        for qid, (_, to) in phase.extra.items():
            have[qid] = max(have[qid] or 0, to)


def test_the_paper_shop_starts_with_records_not_an_interface() -> None:
    answers, loaded = load_answers(bundled("examples") / "paper-shop.yaml")
    q = loaded.questionnaire
    actions = bundled_actions(q.id, q.version)
    assert actions is not None
    phases = plan(q, values_of(q, answers.answers), 5, actions)
    order = [s.action.id for p in phases for s in p.steps]
    assert "interface" not in order[0]
    assert order.index("mes-core") < order.index("erp-mes-interface")
    assert order.index("cloud-erp") < order.index("erp-mes-interface")


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_roadmap_action_comes_after_what_it_requires(example: Path) -> None:
    answers, loaded = load_answers(example)
    q = loaded.questionnaire
    actions = bundled_actions(q.id, q.version)
    assert actions is not None
    start = values_of(q, answers.answers)
    assert_requirements_hold(start, plan(q, start, q.levels[-1].rank, actions))


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_generated_answer_sets_get_roadmaps_in_requirement_order(data: st.DataObject) -> None:
    q = find_questionnaire("kr-smart-factory", "2026.2").questionnaire
    actions = bundled_actions(q.id, q.version)
    assert actions is not None
    answer = st.one_of(st.integers(0, 5), st.just("n/a"))
    given_answers: dict[str, object] = {
        x.id: data.draw(answer if x.na_allowed else st.integers(0, 5), label=x.id) for x in q.questions
    }
    start = values(q, given_answers)
    target = data.draw(st.integers(level_reached(q, start), q.levels[-1].rank), label="target")
    assert_requirements_hold(start, plan(q, start, target, actions))


def _catalogue(a_requires: str, b_requires: str) -> str:
    common = (
        "    title: {ko: t (ko), en: t}\n    why: {ko: w (ko), en: w}\n    min_level: 0\n    max_level: 3\n"
        "    effort: low\n    cost_band: under-10m\n    duration_months: {min: 1, max: 2}\n"
    )
    return (
        "questionnaire: mini\nactions:\n"
        f"  - id: a\n    lifts: [{{question: make.results, to: 3}}]\n    requires: {a_requires}\n{common}"
        f"  - id: b\n    lifts: [{{question: make.trace, to: 2}}]\n    requires: {b_requires}\n{common}"
    )


def test_a_requires_cycle_is_refused_with_file_line_and_field(write: Write) -> None:
    path = write(
        "cycle.yaml", _catalogue("[{question: make.trace, min: 2}]", "[{question: make.results, min: 3}]")
    )
    with pytest.raises(QuestionnaireError) as caught:
        load_action_file(path)
    lines = [str(p) for p in caught.value.problems]
    assert lines[0].startswith(f"{path}:5: actions.0.requires.0: a requires make.trace >= 2"), lines
    assert "cycle" in lines[0] and len(lines) == 2  # b is waiting on a too


def test_a_requirement_no_action_meets_is_refused(write: Write) -> None:
    path = write("never.yaml", _catalogue("[{question: data.ai, min: 4}]", "[]"))
    with pytest.raises(QuestionnaireError, match=r"no action lifts data\.ai to 4"):
        load_action_file(path)


def test_a_requirement_on_an_unknown_question_is_refused(write: Write, mini: LoadedQuestionnaire) -> None:
    path = write("unknown.yaml", _catalogue("[{question: make.nothing, min: 2}]", "[]"))
    ids = frozenset(x.id for x in mini.questionnaire.questions)
    with pytest.raises(QuestionnaireError) as caught:
        load_action_file(path, ids)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:5: actions.0.requires.0.question: unknown question 'make.nothing'"
    ]
    assert load_action_file(write("fine.yaml", _catalogue("[{question: make.trace, min: 2}]", "[]")), ids)
