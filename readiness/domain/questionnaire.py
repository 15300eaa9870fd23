"""The questionnaire model: dimensions, questions, the level ladder with its gates, plausibility rules."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from readiness.domain.base import MAX_VALUE, Model, Text, unique
from readiness.domain.migration import Migration, check_targets
from readiness.words import PROGRAMME_WORD, Lang, word

QUESTION_ID = r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$"


class ShortTitle(Text):
    """A question's short title: a few words that stand where the id or the whole question would."""

    ko: Annotated[str, Field(min_length=1, max_length=30)]
    en: Annotated[str, Field(min_length=1, max_length=50)]


DIMENSION_ID = r"^[a-z][a-z0-9_]*$"


class Question(Model):
    """One question with a 0-5 answer scale; `options[n]` describes answer n."""

    id: Annotated[str, Field(pattern=QUESTION_ID)]
    text: Text
    short: ShortTitle | None = None  # for owner-facing text; the bundled ones come from titles/
    help: Text | None = None
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    na_allowed: bool = False
    options: Annotated[list[Text], Field(min_length=MAX_VALUE + 1, max_length=MAX_VALUE + 1)]

    def title(self, lang: Lang) -> str:
        """The short title owners read ("작업 현장 실적 입력"), else the question itself."""
        return self.short(lang) if self.short is not None else self.text(lang)


class QuestionTitles(Model):
    """Short titles for a questionnaire's questions, kept beside its published (frozen) versions."""

    questionnaire: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    titles: dict[Annotated[str, Field(pattern=QUESTION_ID)], ShortTitle]


class Dimension(Model):
    """A group of questions scored together; `weight` is its share of the overall score."""

    id: Annotated[str, Field(pattern=DIMENSION_ID)]
    name: Text
    purpose: Text
    weight: Annotated[float, Field(gt=0, le=1000)]
    questions: Annotated[list[Question], Field(min_length=1)]

    @model_validator(mode="after")
    def _questions_belong_here(self) -> Dimension:
        for question in self.questions:
            if question.id.split(".", 1)[0] != self.id:
                raise ValueError(f"question id {question.id!r} must start with {self.id + '.'!r}")
        return self


class Condition(Model):
    """`question` or `dimension` compared with `min` (and/or `max`); used by gates and rules."""

    question: str | None = None
    dimension: str | None = None
    min: Annotated[float | None, Field(ge=0, le=MAX_VALUE)] = None
    max: Annotated[float | None, Field(ge=0, le=MAX_VALUE)] = None

    @model_validator(mode="after")
    def _one_target_one_bound(self) -> Condition:
        if (self.question is None) == (self.dimension is None):
            raise ValueError("give exactly one of 'question' or 'dimension'")
        if self.min is None and self.max is None:
            raise ValueError("give 'min' or 'max'")
        return self

    @property
    def target(self) -> str:
        """The id of what is compared: the question, else the dimension."""
        return self.question if self.question is not None else str(self.dimension)


class Gate(Model):
    """A level requirement: one condition, or `any_of` several (one of them is enough)."""

    question: str | None = None
    dimension: str | None = None
    min: Annotated[float | None, Field(ge=0, le=MAX_VALUE)] = None
    any_of: Annotated[list[Condition] | None, Field(min_length=2)] = None
    why: Text | None = None

    @model_validator(mode="after")
    def _shape(self) -> Gate:
        if self.any_of is not None:
            if self.question or self.dimension or self.min is not None:
                raise ValueError("'any_of' cannot be combined with question/dimension/min")
        elif (self.question is None) == (self.dimension is None) or self.min is None:
            raise ValueError("a gate needs 'question' or 'dimension' with 'min', or 'any_of'")
        return self

    @property
    def alternatives(self) -> list[Condition]:
        """The conditions of which at least one must hold."""
        if self.any_of is not None:
            return list(self.any_of)
        return [Condition(question=self.question, dimension=self.dimension, min=self.min)]


class NationalMatch(Model):
    """Which national term a level corresponds to, and how sure that correspondence is."""

    term: Annotated[str, Field(min_length=1, max_length=40)]
    scheme: Literal["system-level", "programme"]
    certainty: Literal["high", "medium", "low"]
    basis: Text
    sources: Annotated[
        list[Annotated[str, Field(pattern=r"^https?://\S+$")]], Field(min_length=1, max_length=5)
    ]

    @model_validator(mode="after")
    def _programme_is_no_level(self) -> NationalMatch:
        if self.scheme == "programme" and self.certainty == "high":
            raise ValueError("a programme is not a national level: its certainty cannot be 'high'")
        return self


class PointsLabel(Text):
    """The words printed next to every number of points; short, it sits beside the number."""

    ko: Annotated[str, Field(min_length=1, max_length=60)]
    en: Annotated[str, Field(min_length=1, max_length=60)]


class Level(Model):
    """One rung of the ladder: a minimum of points plus gates that cannot be averaged away."""

    rank: Annotated[int, Field(ge=0, le=10)]
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    name: Text
    national: Text
    summary: Text
    min_points: Annotated[int, Field(ge=0, le=1000)]
    gates: list[Gate] = []
    national_match: NationalMatch | None = None


class Rule(Model):
    """A plausibility rule: when every `when` condition holds, every `expect` should too."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    when: Annotated[list[Condition], Field(min_length=1)]
    expect: Annotated[list[Condition], Field(min_length=1)]
    message: Text

    @cached_property
    def questions(self) -> list[str]:
        """The questions the rule names, in order (a rule is judged only when all are answered)."""
        return [c.question for c in [*self.when, *self.expect] if c.question]


class ChangelogEntry(Model):
    """One questionnaire version's date and what changed in it."""

    version: str
    date: dt.date
    changes: Text


class Questionnaire(Model):
    """A versioned, bilingual maturity questionnaire with its level ladder."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]
    version: Annotated[str, Field(min_length=1, max_length=40)]
    title: Text
    description: Text
    disclaimer: Text
    scale: Annotated[list[Text], Field(min_length=MAX_VALUE + 1, max_length=MAX_VALUE + 1)]
    changelog: Annotated[list[ChangelogEntry], Field(min_length=1)]
    levels: Annotated[list[Level], Field(min_length=2)]
    dimensions: Annotated[list[Dimension], Field(min_length=1)]
    plausibility: list[Rule] = []
    points_label: PointsLabel | None = None
    migrations: list[Migration] = []

    @field_validator("version", mode="before")
    @classmethod
    def _version_is_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value

    @model_validator(mode="after")
    def _consistent(self) -> Questionnaire:
        dims = [d.id for d in self.dimensions]
        unique("dimension id", dims)
        questions = {q.id: q for d in self.dimensions for q in d.questions}
        unique("question id", [q.id for d in self.dimensions for q in d.questions])
        ranks = [lv.rank for lv in self.levels]
        if ranks != list(range(len(ranks))):
            raise ValueError(f"levels must be ranked 0, 1, 2, ... in order; got {ranks}")
        unique("level id", [lv.id for lv in self.levels])
        if self.levels[0].min_points != 0 or self.levels[0].gates:
            raise ValueError("the first level must have min_points 0 and no gates")
        for lower, upper in zip(self.levels, self.levels[1:], strict=False):
            if upper.min_points <= lower.min_points:
                raise ValueError(
                    f"levels.{upper.rank}.min_points: {upper.min_points} must be above "
                    f"{lower.min_points} (level {lower.id})"
                )
        for level in self.levels:
            for i, gate in enumerate(level.gates):
                for cond in gate.alternatives:
                    where = f"levels.{level.rank}.gates.{i}"
                    _check_condition(cond, questions, dims, where)
                    if cond.question and questions[cond.question].na_allowed:
                        raise ValueError(
                            f"{where}: gate on {cond.question!r}, which allows n/a; "
                            "gates must name questions that always apply"
                        )
        for rule in self.plausibility:
            for cond in [*rule.when, *rule.expect]:
                _check_condition(cond, questions, dims, f"plausibility.{rule.id}")
        unique("plausibility rule id", [r.id for r in self.plausibility])
        _check_national(self.levels)
        check_targets(self.migrations, self.version, set(questions))
        return self

    @cached_property  # a frozen model: computed once (scoring asks for it several times a file)
    def questions(self) -> list[Question]:
        """Every question, dimension by dimension, in questionnaire order."""
        return [q for d in self.dimensions for q in d.questions]

    @cached_property
    def _by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def with_titles(self, titles: QuestionTitles) -> Questionnaire:
        """This questionnaire with `short` filled from `titles` where a question has none."""
        if titles.questionnaire != self.id:
            return self

        def titled(x: Question) -> Question:
            short = titles.titles.get(x.id)
            return x if x.short is not None or short is None else x.model_copy(update={"short": short})

        dims = [d.model_copy(update={"questions": [titled(x) for x in d.questions]}) for d in self.dimensions]
        copy = self.model_copy(update={"dimensions": dims})
        for cached in ("questions", "_by_id"):  # model_copy copies cached properties too: drop them
            copy.__dict__.pop(cached, None)
        return copy

    def question(self, qid: str) -> Question:
        """The question with this id; KeyError if there is none."""
        return self._by_id[qid]

    def dimension(self, did: str) -> Dimension:
        """The dimension with this id; KeyError if there is none."""
        for d in self.dimensions:
            if d.id == did:
                return d
        raise KeyError(did)

    def disclaimer_for(self, mode: str, lang: Lang) -> str:
        """The disclaimer for a result in `mode`: the questionnaire's own, or the site-audit wording."""
        return word("report.disclaimer_audit", lang) if mode == "audit" else self.disclaimer(lang)

    def points_words(self, lang: Lang) -> str:
        """What the points are, printed next to every number of them (issue 9, finding 9)."""
        return self.points_label(lang) if self.points_label else word("score.points_label", lang)

    def level(self, key: str | int) -> Level:
        """A level by rank, id, or rank written as `L3`."""
        for lv in self.levels:
            if key in (lv.rank, lv.id, f"L{lv.rank}", f"l{lv.rank}", str(lv.rank)):
                return lv
        raise KeyError(key)


def _check_condition(cond: Condition, questions: dict[str, Question], dims: list[str], where: str) -> None:
    if cond.question is not None and cond.question not in questions:
        raise ValueError(f"{where}: unknown question {cond.question!r}")
    if cond.dimension is not None and cond.dimension not in dims:
        raise ValueError(f"{where}: unknown dimension {cond.dimension!r}")


def _check_national(levels: list[Level]) -> None:
    """national_match on every level or none; with it, 고도화 is neither a term nor a level name."""
    matched = [lv.national_match is not None for lv in levels]
    if not any(matched):
        return  # versions published before 2026.2 (their names are frozen)
    if not all(matched):
        missing = [lv.id for lv in levels if lv.national_match is None]
        raise ValueError(f"national_match is on some levels but not on {', '.join(missing)}")
    for lv in levels:
        assert lv.national_match is not None
        if lv.national_match.term == PROGRAMME_WORD or PROGRAMME_WORD in lv.name.ko:
            raise ValueError(
                f"levels.{lv.rank}: {PROGRAMME_WORD!r} is programme vocabulary, not a level name"
            )
