"""The report's planning sections: the roadmap, the support programmes and the progress since last time."""

from __future__ import annotations

from readiness.domain.actions import ActionCatalogue
from readiness.domain.ladder import gate_text
from readiness.domain.matching import Profile
from readiness.domain.programmes import ProgrammeCatalogue
from readiness.domain.results import GateCheck, Scorecard
from readiness.domain.roadmap import Phase, plan
from readiness.report.programme_views import ProgrammeViews
from readiness.report.view import (
    ActionView,
    DimensionDelta,
    LevelTag,
    PhaseView,
    Progress,
    Roadmap,
)
from readiness.words import word


class SectionViews(ProgrammeViews):
    """Views of what comes next: phases with actions, programmes that fit, change since last time."""

    def roadmap(
        self,
        card: Scorecard,
        goal: int,
        actions: ActionCatalogue | None,
        programmes: ProgrammeCatalogue | None,
    ) -> Roadmap:
        """The roadmap from the current level to `goal`, with the programmes that fund each action."""
        current = self.tag(card.level.rank)
        target = self.tag(goal) if goal > card.level.rank else None
        if actions is None or target is None:
            return Roadmap(available=actions is not None, current=current, target=target, phases=[])
        values = {r.id: r.counted for d in card.dimensions for r in d.questions}
        phases = plan(self.q, values, goal, actions)
        return Roadmap(
            available=True,
            current=current,
            target=target,
            phases=[self.phase(card, p, programmes) for p in phases],
        )

    def phase(self, card: Scorecard, p: Phase, programmes: ProgrammeCatalogue | None) -> PhaseView:
        """One roadmap phase: its gates, the actions with their funding, the changes no action covers."""
        profile = Profile.from_company(card.company, p.level.rank - 1)
        funding = {s.action.id: self.funding(s.action, programmes, profile) for s in p.steps}
        gate_words = [gate_text(g.alternatives, name=self.name) for g in p.gates]
        actions = [
            ActionView(
                id=s.action.id,
                title=s.action.title(self.lang),
                why=s.action.why(self.lang),
                lifts=[self.change(qid, now, to) for qid, (now, to) in s.raises.items()],
                effort=s.action.effort,
                cost_band=s.action.cost_band,
                months_min=s.action.duration_months.min,
                months_max=s.action.duration_months.max,
                points=s.points,
                unblocks=[gate_words[i] for i in s.gates],
                programmes=funding[s.action.id][0],
                to_check=funding[s.action.id][1],
            )
            for s in p.steps
        ]
        return PhaseView(
            level=self.tag(p.level),
            points_before=p.points_before,
            points_after=p.points_after,
            min_points=p.level.min_points,
            reached=p.reached,
            gates=[self.gate(g) for g in p.gates],
            actions=actions,
            extra=[self.change(qid, now, to) for qid, (now, to) in p.extra.items()],
        )

    # --- warnings, audit, progress

    def progress(self, card: Scorecard, prev: Scorecard) -> Progress:
        """What changed since the previous assessment: level, points, dimensions, blockers."""
        before = {d.id: d.score for d in prev.dimensions}
        deltas = []
        for d in card.dimensions:
            old = before.get(d.id)
            delta = (
                round(round(d.score, 2) - round(old, 2), 2)
                if d.score is not None and old is not None
                else None
            )
            deltas.append(DimensionDelta(name=self.dims[d.id].name(self.lang) if d.id in self.dims else d.id,
                                         before=old, after=d.score, delta=delta))  # fmt: skip
        blocked_before = {_gate_key(g): g for g in prev.gates if not g.met}
        blocked_now = {_gate_key(g): g for g in card.gates if not g.met}
        notes = []
        if prev.company.name != card.company.name:
            notes.append(word("report.other_company", self.lang, name=prev.company.name))
        if prev.questionnaire.version != card.questionnaire.version:
            notes.append(word("report.other_questionnaire", self.lang, version=prev.questionnaire.version))
        return Progress(
            previous_date=prev.assessment.date.isoformat() if prev.assessment.date else None,
            level_before=LevelTag(rank=prev.level.rank, id=prev.level.id, name=prev.level.name(self.lang)),
            level_after=self.tag(card.level.rank),
            points_before=prev.points,
            points_after=card.points,
            points_delta=card.points - prev.points,
            dimensions=deltas,
            cleared=[self.gate_words(g) for k, g in blocked_before.items() if k not in blocked_now],
            new=[self.gate_words(g) for k, g in blocked_now.items() if k not in blocked_before],
            notes=notes,
        )


def _gate_key(g: GateCheck) -> tuple[object, ...]:
    return (g.level, tuple((c.question, c.dimension, c.required) for c in g.alternatives))
