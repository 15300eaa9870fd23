"""The interview state machine with a scripted `ask`: every key, resume, notes, audit, saving."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from readiness.domain.answers import AnswerFile
from readiness.domain.interview import (
    EndOfInput,
    Invalid,
    Key,
    Outcome,
    QuestionPrompt,
    Reply,
    Response,
    TextPrompt,
    first_unanswered,
    run_interview,
)
from readiness.domain.questionnaire import Questionnaire
from readiness.files.answerfile import render
from readiness.files.loading import LoadedQuestionnaire, load_answers

IDS = ["make.results", "make.trace", "make.robots", "data.base", "data.ai", "people.skills"]


class Script:
    """An `ask` that replays typed lines (parsed by the prompt, as the terminal does) or actions."""

    def __init__(self, *replies: str | Response) -> None:
        self.replies = list(replies)
        self.prompts: list[QuestionPrompt | TextPrompt] = []

    def __call__(self, prompt: QuestionPrompt | TextPrompt) -> Response:
        self.prompts.append(prompt)
        if not self.replies:
            return EndOfInput()
        reply = self.replies.pop(0)
        return prompt.parse(reply) if isinstance(reply, str) else reply

    @property
    def asked(self) -> list[tuple[str, str, str | None]]:
        """(question id, step, notice) of every prompt, in order."""
        return [(p.question.id, p.step, p.notice) for p in self.prompts]

    def question(self, i: int) -> QuestionPrompt:
        """Prompt number i, which must be a question (not a note or evidence prompt)."""
        prompt = self.prompts[i]
        assert isinstance(prompt, QuestionPrompt), prompt
        return prompt

    def text(self, i: int) -> TextPrompt:
        """Prompt number i, which must be a note or evidence prompt."""
        prompt = self.prompts[i]
        assert isinstance(prompt, TextPrompt), prompt
        return prompt


class Saves(list[AnswerFile]):
    def __call__(self, af: AnswerFile) -> None:
        self.append(af)


def new(q: Questionnaire, mode: str = "self", answers: Mapping[str, object] | None = None) -> AnswerFile:
    assessment = {"mode": mode, **({"assessor": {"name": "Kim"}} if mode == "audit" else {})}
    return AnswerFile.model_validate(
        {
            "questionnaire": {"id": q.id, "version": q.version},
            "company": {"name": "Test"},
            "assessment": assessment,
            "answers": answers or {},
        }
    )


def run(
    q: Questionnaire,
    *replies: str | Response,
    mode: str = "self",
    answers: Mapping[str, object] | None = None,
) -> tuple[Outcome, Script, Saves]:
    script, saves = Script(*replies), Saves()
    outcome = run_interview(q, new(q, mode, answers), script, saves)
    return outcome, script, saves


def values(af: AnswerFile) -> dict[str, object]:
    return {k: ("n/a" if a.na else a.value) for k, a in af.answers.items()}


# --- answering and saving ----------------------------------------------------------------------


def test_numbers_answer_every_question_in_order_and_each_answer_is_saved(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    outcome, script, saves = run(q, "3", "4", "5", "2", "1", "0")
    assert outcome.status == "finished"
    assert values(outcome.answers) == dict(zip(IDS, [3, 4, 5, 2, 1, 0], strict=True))
    assert [p.question.id for p in script.prompts] == IDS
    assert [len(s.answers) for s in saves] == [1, 2, 3, 4, 5, 6]
    assert saves[-1] == outcome.answers


def test_prompt_says_where_we_are(mini: LoadedQuestionnaire) -> None:
    _, script, _ = run(mini.questionnaire, "1", "1", "1", "1")
    fourth = script.question(3).position
    assert (fourth.d, fourth.dims, fourth.n, fourth.total) == (2, 3, 4, 6)
    assert script.question(3).dimension.id == "data"


def test_every_save_is_a_valid_answer_file(mini: LoadedQuestionnaire, tmp_path: Path) -> None:
    q = mini.questionnaire
    _, _, saves = run(q, "3", "m", "note [x]", "4", "n")
    for i, af in enumerate(saves):
        path = tmp_path / f"save{i}.yaml"
        path.write_text(render(af, q, "ko"), encoding="utf-8")
        loaded, _ = load_answers(path, mini)
        assert loaded.answers == af.answers


def test_quit_returns_what_was_saved(mini: LoadedQuestionnaire) -> None:
    outcome, _, saves = run(mini.questionnaire, "3", "4", "q")
    assert outcome.status == "quit"
    assert values(outcome.answers) == {"make.results": 3, "make.trace": 4}
    assert saves[-1] == outcome.answers


def test_quit_works_with_a_korean_keyboard_layout(mini: LoadedQuestionnaire) -> None:
    outcome, _, _ = run(mini.questionnaire, "2", "ㅂ")
    assert outcome.status == "quit"


def test_end_of_input_stops_with_answers_kept(mini: LoadedQuestionnaire) -> None:
    outcome, _, _ = run(mini.questionnaire, "3")
    assert outcome.status == "eof"
    assert values(outcome.answers) == {"make.results": 3}


# --- keys ----------------------------------------------------------------------------------------


def test_back_goes_to_the_previous_question_and_a_new_number_replaces_the_answer(
    mini: LoadedQuestionnaire,
) -> None:
    outcome, script, _ = run(mini.questionnaire, "3", "b", "1", "4")
    assert [p.question.id for p in script.prompts[:4]] == [IDS[0], IDS[1], IDS[0], IDS[1]]
    assert values(outcome.answers) == {"make.results": 1, "make.trace": 4}
    assert script.prompts[2].current is not None and script.prompts[2].current.value == 3


def test_back_at_the_first_question_says_so(mini: LoadedQuestionnaire) -> None:
    _, script, _ = run(mini.questionnaire, "b", "2")
    assert script.asked[:2] == [(IDS[0], "value", None), (IDS[0], "value", "at_start")]


def test_skip_moves_on_without_answering_or_saving(mini: LoadedQuestionnaire) -> None:
    outcome, script, saves = run(mini.questionnaire, "s", "2")
    assert values(outcome.answers) == {"make.trace": 2}
    assert [p.question.id for p in script.prompts[:2]] == IDS[:2]
    assert len(saves) == 1


def test_not_applicable_is_refused_where_the_question_does_not_allow_it(mini: LoadedQuestionnaire) -> None:
    outcome, script, _ = run(mini.questionnaire, "n", "3")
    assert script.asked[:2] == [(IDS[0], "value", None), (IDS[0], "value", "na_refused")]
    assert values(outcome.answers) == {"make.results": 3}


def test_not_applicable_is_recorded_where_allowed(mini: LoadedQuestionnaire) -> None:
    outcome, script, _ = run(mini.questionnaire, "1", "1", "n")
    assert Key.NA in script.question(2).keys and Key.NA not in script.question(0).keys
    assert outcome.answers.answers["make.robots"].na


def test_a_number_after_not_applicable_replaces_it(mini: LoadedQuestionnaire) -> None:
    outcome, _, _ = run(mini.questionnaire, "1", "1", "n", "b", "2")
    robots = outcome.answers.answers["make.robots"]
    assert (robots.na, robots.value) == (False, 2)


@pytest.mark.parametrize("typed", ["7", "x", "-1", "3.5", "yes", "help"])
def test_invalid_input_is_refused_with_a_hint(mini: LoadedQuestionnaire, typed: str) -> None:
    outcome, script, saves = run(mini.questionnaire, typed, "2")
    assert script.asked[1] == (IDS[0], "value", "invalid")
    assert values(outcome.answers) == {"make.results": 2}
    assert len(saves) == 1


def test_help_shows_the_help_text_or_says_there_is_none(mini: LoadedQuestionnaire) -> None:
    data = mini.questionnaire.model_dump()
    data["dimensions"][0]["questions"][0]["help"] = {"ko": "도움 [x]", "en": "help [x]"}
    q = Questionnaire.model_validate(data)
    _, script, _ = run(q, "?", "1", "?")
    assert Key.HELP in script.question(0).keys and Key.HELP not in script.question(2).keys
    assert script.asked[1] == (IDS[0], "value", "help")
    assert script.asked[3] == (IDS[1], "value", "no_help")


def test_empty_reply_keeps_an_existing_answer_and_asks_again_otherwise(mini: LoadedQuestionnaire) -> None:
    outcome, script, saves = run(mini.questionnaire, "", "3", "b", "", "q")
    assert script.asked[:5] == [
        (IDS[0], "value", None),
        (IDS[0], "value", "empty"),
        (IDS[1], "value", None),
        (IDS[0], "value", None),
        (IDS[1], "value", None),
    ]
    assert values(outcome.answers) == {"make.results": 3}
    assert len(saves) == 1


def test_a_note_is_kept_with_the_answer_and_can_be_deleted(mini: LoadedQuestionnaire) -> None:
    outcome, script, _ = run(mini.questionnaire, "m", "작업일보는 종이 [x]", "3", "b", "m", "", "m", "-", "q")
    assert script.asked[1] == (IDS[0], "note", None)
    assert script.asked[2] == (IDS[0], "value", "note_saved")
    assert script.asked[6] == (IDS[0], "value", None)  # an unchanged note is not "saved"
    first = outcome.answers.answers["make.results"]
    assert (first.value, first.note) == (3, None)


def test_a_note_before_any_answer_leaves_the_question_unanswered(mini: LoadedQuestionnaire) -> None:
    outcome, _, _ = run(mini.questionnaire, "m", "ask the foreman", "q")
    answer = outcome.answers.answers["make.results"]
    assert (answer.note, answer.answered) == ("ask the foreman", False)


def test_actions_can_be_given_directly(mini: LoadedQuestionnaire) -> None:
    outcome, _, _ = run(mini.questionnaire, 2, Key.SKIP, Invalid("?!"), Reply(""), 5, Key.QUIT)
    assert values(outcome.answers) == {"make.results": 2, "make.robots": 5}


# --- resume -------------------------------------------------------------------------------------


def test_resume_starts_at_the_first_unanswered_question(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    answers = {"make.results": 3, "make.trace": 2, "data.base": 1}
    assert first_unanswered(q, new(q, answers=answers)) == 2
    outcome, script, _ = run(q, "4", answers=answers)
    assert script.prompts[0].question.id == "make.robots"
    assert script.prompts[1].question.id == "data.ai"  # data.base was answered last time
    assert values(outcome.answers)["make.robots"] == 4


def test_back_and_forward_in_a_resumed_file_revisit_only_what_this_session_passed(
    mini: LoadedQuestionnaire,
) -> None:
    q = mini.questionnaire
    answers = {"make.results": 3, "make.trace": 2, "data.base": 1}
    _, script, _ = run(q, "b", "b", "", "", "4", answers=answers)
    assert [p.question.id for p in script.prompts] == [IDS[2], IDS[1], IDS[0], IDS[1], IDS[2], IDS[4]]


def test_resume_of_a_complete_file_asks_nothing(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    outcome, script, saves = run(q, answers=dict.fromkeys(IDS, 1))
    assert outcome.status == "finished" and not script.prompts and not saves


def test_a_note_alone_does_not_count_as_answered_on_resume(mini: LoadedQuestionnaire) -> None:
    q = mini.questionnaire
    assert first_unanswered(q, new(q, answers={"make.results": {"note": "later"}})) == 0


# --- audit mode ----------------------------------------------------------------------------------


def test_audit_asks_claimed_then_verified_and_saves_both(mini: LoadedQuestionnaire) -> None:
    outcome, script, saves = run(mini.questionnaire, "3", "2", "q", mode="audit")
    assert script.asked[:3] == [
        (IDS[0], "claimed", None),
        (IDS[0], "verified", None),
        (IDS[1], "claimed", None),
    ]
    answer = outcome.answers.answers["make.results"]
    assert (answer.claimed, answer.verified, answer.value) == (3, 2, None)
    assert len(saves) == 2  # the claim is saved before the verification is asked


def test_audit_asks_for_evidence_when_verified_is_4_or_5(mini: LoadedQuestionnaire) -> None:
    outcome, script, saves = run(
        mini.questionnaire, "5", "4", "MES 화면 [1]", "점검표 2026-03", "", "3", "3", "q", mode="audit"
    )
    assert script.asked[2] == (IDS[0], "evidence", "evidence_needed")
    assert script.text(2).notice_value == 4
    assert script.asked[5] == (IDS[1], "claimed", None)
    assert outcome.answers.answers["make.results"].evidence == ["MES 화면 [1]", "점검표 2026-03"]
    assert not any(p.step == "evidence" for p in script.prompts[5:])
    assert len(saves) == 2 + 2 + 2


def test_audit_evidence_is_asked_again_when_a_high_verified_value_is_kept(mini: LoadedQuestionnaire) -> None:
    answers = {"make.results": {"claimed": 4, "verified": 4, "evidence": ["photo"]}}
    _, script, _ = run(mini.questionnaire, "b", "", "", "", "q", mode="audit", answers=answers)
    assert [s for _, s, _ in script.asked[:5]] == ["claimed", "claimed", "verified", "evidence", "claimed"]


def test_audit_back_from_verified_returns_to_claimed(mini: LoadedQuestionnaire) -> None:
    outcome, script, _ = run(mini.questionnaire, "3", "b", "2", "2", "q", mode="audit")
    assert [s for _, s, _ in script.asked[:4]] == ["claimed", "verified", "claimed", "verified"]
    answer = outcome.answers.answers["make.results"]
    assert (answer.claimed, answer.verified) == (2, 2)


def test_audit_skip_at_verified_keeps_the_claim_and_resume_comes_back_to_it(
    mini: LoadedQuestionnaire,
) -> None:
    q = mini.questionnaire
    outcome, _, _ = run(q, "4", "s", "q", mode="audit")
    answer = outcome.answers.answers["make.results"]
    assert (answer.claimed, answer.verified) == (4, None)
    assert first_unanswered(q, outcome.answers) == 0


def test_audit_note_also_takes_evidence_references(mini: LoadedQuestionnaire) -> None:
    outcome, script, _ = run(mini.questionnaire, "m", "seen on site", "사진 3", "", "q", mode="audit")
    assert [s for _, s, _ in script.asked[:4]] == ["claimed", "note", "evidence", "evidence"]
    answer = outcome.answers.answers["make.results"]
    assert (answer.note, answer.evidence) == ("seen on site", ["사진 3"])


def test_audit_dash_clears_evidence(mini: LoadedQuestionnaire) -> None:
    answers = {"make.results": {"claimed": 5, "verified": 5, "evidence": ["a", "b"]}}
    outcome, _, _ = run(mini.questionnaire, "b", "", "", "-", "", "q", mode="audit", answers=answers)
    assert outcome.answers.answers["make.results"].evidence == []


def test_audit_not_applicable_at_the_claim_skips_verification(mini: LoadedQuestionnaire) -> None:
    outcome, script, _ = run(mini.questionnaire, "1", "1", "1", "1", "n", "q", mode="audit")
    assert script.asked[5] == (IDS[3], "claimed", None)
    assert outcome.answers.answers["make.robots"].na


def test_audit_turns_a_hand_written_value_into_the_claim(mini: LoadedQuestionnaire) -> None:
    outcome, _, _ = run(mini.questionnaire, "", "2", "q", mode="audit", answers={"make.results": 3})
    answer = outcome.answers.answers["make.results"]
    assert (answer.value, answer.claimed, answer.verified) == (None, 3, 2)
