"""The shared vocabulary of the report's builders: levels, questions, gates and changes as views."""

from __future__ import annotations

from readiness.domain.base import Text
from readiness.domain.ladder import gate_text, namer, shown
from readiness.domain.questionnaire import Level, Questionnaire
from readiness.domain.results import ConditionCheck, GateCheck
from readiness.report.view import ChangeView, ConditionView, GateView, LevelTag
from readiness.words import Lang, word


class ViewBase:
    """Turns scorecard parts into views in one language; holds the questionnaire for look-ups."""

    def __init__(self, q: Questionnaire, lang: Lang) -> None:
        self.q = q
        self.lang: Lang = lang
        self.questions = {x.id: x for x in q.questions}
        self.dims = {d.id: d for d in q.dimensions}
        self.name = namer(q, lang)  # a condition's subject for owners

    def tag(self, level: Level | int) -> LevelTag:
        """A level (or rank) as a LevelTag in the report's language."""
        lv = self.q.levels[level] if isinstance(level, int) else level
        return LevelTag(rank=lv.rank, id=lv.id, name=lv.name(self.lang))

    def text(self, qid: str) -> str:
        """The question's text in the report's language (the id if the question is unknown)."""
        question = self.questions.get(qid)
        return question.text(self.lang) if question else qid

    def title(self, qid: str) -> str:
        """The question's short title in the report's language (the id if the question is unknown)."""
        question = self.questions.get(qid)
        return question.title(self.lang) if question else qid

    def descriptor(self, qid: str, value: int | None) -> str | None:
        """The option text for answer `value` of the question (None if unknown or unanswered)."""
        question = self.questions.get(qid)
        if question is None or value is None:
            return None
        return question.options[value](self.lang)

    def condition(self, c: ConditionCheck) -> ConditionView:
        """A checked gate condition as shown, named by its question's short title or its dimension."""
        now, need = shown(c.current, current=True), shown(c.required)
        if c.question is not None:
            return ConditionView(
                ref=c.question,
                subject=self.title(c.question),
                now=now,
                need=need,
                descriptor=self.descriptor(c.question, round(c.current)),
                kind="question",
                current=c.current,
                required=c.required,
                met=c.met,
            )
        dim = self.dims.get(c.dimension or "")
        return ConditionView(
            ref=c.dimension or "",
            subject=dim.name(self.lang) if dim else str(c.dimension),
            now=now,
            need=need,
            kind="dimension",
            current=c.current,
            required=c.required,
            met=c.met,
        )

    def gate(self, g: GateCheck) -> GateView:
        """A checked gate as shown, with each alternative."""
        return GateView(
            level=self.tag(g.level),
            why=g.why(self.lang) if g.why else None,
            met=g.met,
            alternatives=[self.condition(c) for c in g.alternatives],
        )

    def gate_words(self, g: GateCheck) -> str:
        """A checked gate in words, e.g. `L2: <question> ≥ 3`."""
        return f"L{g.level}: " + gate_text(g.alternatives, name=self.name)

    def change(self, qid: str, current: int | None, to: int) -> ChangeView:
        """The change of question `qid` from `current` (or unanswered) to `to`, as shown."""
        shown = word("report.unanswered", self.lang) if current is None else str(current)
        return ChangeView(
            question=qid,
            title=self.title(qid),
            text=self.text(qid),
            current=shown,
            to=to,
            to_descriptor=self.descriptor(qid, to) or "",
        )

    def level_names(self) -> dict[int, Text]:
        """Every level's bilingual name by rank, for programme eligibility."""
        return {lv.rank: lv.name for lv in self.q.levels}
