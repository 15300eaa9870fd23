"""Building the report's view model from a Scorecard, its questionnaire and the catalogues."""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.catalogue import (
    ActionCatalogue,
    Profile,
    ProgrammeCatalogue,
    ProgrammeMatch,
    match_programmes,
    unknown_programme_ids,
)
from readiness.errors import UsageError
from readiness.labels import labels
from readiness.models import Lang, Level, Questionnaire, Text
from readiness.reportview import (
    ActionView,
    AuditRow,
    Blockers,
    ChangeView,
    Condition,
    Cover,
    DimensionDelta,
    DimensionRow,
    Funding,
    GateView,
    Headline,
    LevelTag,
    Link,
    Peers,
    PhaseView,
    Programmes,
    ProgrammeView,
    Progress,
    QuestionRef,
    QuestionRow,
    Report,
    Roadmap,
    Rung,
    WarningView,
)
from readiness.roadmap import Phase, plan
from readiness.scoring import ConditionCheck, GateCheck, QuestionReceipt, Scorecard


def target_rank(q: Questionnaire, key: str | int) -> int:
    """A level given as rank (3), `L3` or id (`ai-factory`); UsageError listing the choices."""
    try:
        return q.level(key).rank
    except KeyError:
        choices = ", ".join(f"L{lv.rank}/{lv.id}" for lv in q.levels)
        raise UsageError(f"unknown target level {key!r}; choose one of {choices}") from None


def build_report(
    card: Scorecard,
    q: Questionnaire,
    lang: Lang,
    today: dt.date | None = None,
    *,
    previous: Scorecard | None = None,
    target: int | None = None,
    peers: dict[str, Any] | None = None,
    programmes: ProgrammeCatalogue | None = None,
    actions: ActionCatalogue | None = None,
) -> Report:
    """Everything the report shows, decided once for every format."""
    b = _Builder(q, lang)
    rank = card.level.rank
    top = q.levels[-1].rank
    goal = min(target, top) if target is not None else min(rank + 1, top)
    peer = Peers.model_validate(peers) if peers is not None else None
    prev_dims = {d.id: d.score for d in previous.dimensions} if previous else {}
    roadmap = b.roadmap(card, goal, actions, programmes)
    return Report(
        lang=lang,
        cover=b.cover(card, today, programmes),
        headline=b.headline(card, goal),
        dimensions=b.dimensions(card, prev_dims, peer),
        blockers=b.blockers(card),
        roadmap=roadmap,
        programmes=b.programmes(card, programmes, roadmap),
        warnings=[b.warning(w.kind, w.message(lang), w.questions) for w in card.warnings],
        audit=b.audit(card) if card.assessment.mode == "audit" else None,
        progress=b.progress(card, previous) if previous else None,
        peers=peer,
    )


def won(amount: int, lang: Lang) -> str:
    """Won in Korean units (억원/만원) or in English millions/billions."""
    if lang == "ko":
        for unit, name in ((10**12, "조원"), (10**8, "억원"), (10**4, "만원")):
            if amount >= unit:
                return f"{amount / unit:,.1f}".removesuffix(".0") + name
        return f"{amount:,}원"
    for unit, name in ((10**9, "billion"), (10**6, "million")):
        if amount >= unit:
            return f"KRW {amount / unit:,.1f}".removesuffix(".0") + f" {name}"
    return f"KRW {amount:,}"


def _link(text: str) -> Link:
    lowered = text.strip().lower()
    safe = lowered.startswith(("http://", "https://")) and " " not in text.strip()
    return Link(text=text, href=text.strip() if safe else None)


class _Builder:
    """Turns scorecard parts into views in one language; holds the questionnaire for look-ups."""

    def __init__(self, q: Questionnaire, lang: Lang) -> None:
        self.q = q
        self.lang: Lang = lang
        self.questions = {x.id: x for x in q.questions}
        self.dims = {d.id: d for d in q.dimensions}

    def tag(self, level: Level | int) -> LevelTag:
        lv = self.q.levels[level] if isinstance(level, int) else level
        return LevelTag(rank=lv.rank, id=lv.id, name=lv.name(self.lang))

    def text(self, qid: str) -> str:
        question = self.questions.get(qid)
        return question.text(self.lang) if question else qid

    def descriptor(self, qid: str, value: int | None) -> str | None:
        question = self.questions.get(qid)
        if question is None or value is None:
            return None
        return question.options[value](self.lang)

    # --- cover and headline

    def cover(self, card: Scorecard, today: dt.date | None, programmes: ProgrammeCatalogue | None) -> Cover:
        c, a, lang = card.company, card.assessment, self.lang
        names = {p.id: p.name(lang) for p in programmes.programmes} if programmes else {}
        assessor = None
        if a.assessor:
            assessor = a.assessor.name + (f" · {a.assessor.organisation}" if a.assessor.organisation else "")
        site = None
        if a.site:
            site = a.site.name + (f", {a.site.address}" if a.site.address else "")
        report_date = today or a.date
        return Cover(
            company=c.name,
            business_number=c.business_number,
            sector=c.sector,
            employees=c.employees,
            revenue=won(c.annual_revenue_krw, lang) if c.annual_revenue_krw is not None else None,
            region=c.region,
            prior_programmes=[names.get(pid, pid) for pid in c.programmes],
            mode=a.mode,
            assessment_date=a.date.isoformat() if a.date else None,
            report_date=report_date.isoformat() if report_date else None,
            assessor=assessor,
            site=site,
            questionnaire_title=self.q.title(lang),
            questionnaire_id=card.questionnaire.id,
            questionnaire_version=card.questionnaire.version,
            sha256=card.questionnaire.sha256,
            disclaimer=self.q.disclaimer(lang),
        )

    def headline(self, card: Scorecard, goal: int) -> Headline:
        rank = card.level.rank
        level = self.q.levels[rank]
        ladder = [
            Rung(
                rank=lv.rank,
                id=lv.id,
                name_ko=lv.name.ko,
                name_en=lv.name.en,
                national=lv.national(self.lang),
                summary=lv.summary(self.lang),
                min_points=lv.min_points,
                reached=lv.rank <= rank,
                current=lv.rank == rank,
                next=lv.rank == rank + 1,
                target=lv.rank == goal and goal > rank,
            )
            for lv in self.q.levels
        ]
        return Headline(
            level=self.tag(level),
            name_ko=level.name.ko,
            name_en=level.name.en,
            national=level.national(self.lang),
            summary=level.summary(self.lang),
            points=card.points,
            index=card.index,
            completeness=round(card.completeness * 100),
            answered=card.answered,
            total=card.total,
            not_applicable=card.not_applicable,
            ladder=ladder,
        )

    # --- dimensions and the appendix rows

    def dimensions(
        self, card: Scorecard, previous: dict[str, float | None], peers: Peers | None
    ) -> list[DimensionRow]:
        required: dict[str, float] = {}
        if card.next_level is not None:
            for gate in card.gates:
                if gate.level == card.next_level.level.rank:
                    for c in gate.alternatives:
                        if c.dimension is not None:
                            required[c.dimension] = max(required.get(c.dimension, 0.0), c.required)
        total_weight = sum(d.weight for d in card.dimensions) or 1.0
        rows = []
        for n, d in enumerate(card.dimensions, 1):
            dim = self.dims.get(d.id)
            rows.append(
                DimensionRow(
                    id=d.id,
                    number=n,
                    name=dim.name(self.lang) if dim else d.name(self.lang),
                    purpose=dim.purpose(self.lang) if dim else "",
                    weight=round(d.weight / total_weight * 100, 1),
                    score=d.score,
                    points=d.points,
                    max_points=d.max_points,
                    answered=d.answered,
                    total=d.total,
                    required=required.get(d.id),
                    previous=previous.get(d.id),
                    peer=peers.dimensions.get(d.id) if peers else None,
                    questions=[self.question_row(r) for r in d.questions],
                )
            )
        return rows

    def question_row(self, r: QuestionReceipt) -> QuestionRow:
        t = self.lang == "ko"
        if r.status == "na":
            answer = "해당 없음" if t else "n/a"
        elif r.claimed is not None or r.verified is not None:
            parts = []
            if r.claimed is not None:
                parts.append(f"{'주장' if t else 'claimed'} {r.claimed}")
            if r.verified is not None:
                parts.append(f"{'검증' if t else 'verified'} {r.verified}")
            answer = " / ".join(parts)
        elif r.status == "unanswered":
            answer = "미응답" if t else "unanswered"
        else:
            answer = str(r.value)
        return QuestionRow(
            id=r.id,
            text=self.text(r.id),
            weight=r.weight,
            status=r.status,
            answer=answer,
            counted=r.counted,
            descriptor=self.descriptor(r.id, r.counted) if r.status != "na" else None,
            note=r.note,
            evidence=[_link(e) for e in r.evidence],
        )

    # --- blockers

    def condition(self, c: ConditionCheck) -> Condition:
        if c.question is not None:
            return Condition(
                ref=c.question,
                subject=self.text(c.question),
                kind="question",
                current=c.current,
                required=c.required,
                met=c.met,
            )
        dim = self.dims.get(c.dimension or "")
        return Condition(
            ref=c.dimension or "",
            subject=dim.name(self.lang) if dim else str(c.dimension),
            kind="dimension",
            current=c.current,
            required=c.required,
            met=c.met,
        )

    def gate(self, g: GateCheck) -> GateView:
        return GateView(
            level=self.tag(g.level),
            why=g.why(self.lang) if g.why else None,
            met=g.met,
            alternatives=[self.condition(c) for c in g.alternatives],
        )

    def gate_words(self, g: GateCheck) -> str:
        conds = " / ".join(f"{self.condition(c).subject} ≥ {c.required:g}" for c in g.alternatives)
        return f"L{g.level}: {conds}"

    def change(self, qid: str, current: int | None, to: int) -> ChangeView:
        shown = ("미응답" if self.lang == "ko" else "unanswered") if current is None else str(current)
        return ChangeView(
            question=qid,
            text=self.text(qid),
            current=shown,
            to=to,
            to_descriptor=self.descriptor(qid, to) or "",
        )

    def blockers(self, card: Scorecard) -> Blockers | None:
        nxt = card.next_level
        if nxt is None:
            return None
        return Blockers(
            level=self.tag(nxt.level.rank),
            min_points=nxt.min_points,
            points=card.points,
            points_short=nxt.points_short,
            gates=[self.gate(g) for g in nxt.blockers],
            lift=[self.change(c.question, c.current, c.to) for c in nxt.lift],
        )

    # --- roadmap and programmes

    def roadmap(
        self,
        card: Scorecard,
        goal: int,
        actions: ActionCatalogue | None,
        programmes: ProgrammeCatalogue | None,
    ) -> Roadmap:
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
        fitting: set[str] = set()
        names: dict[str, str] = {}
        if programmes is not None:
            profile = Profile.from_company(card.company, p.level.rank - 1)
            for m in match_programmes(programmes, profile, self.level_names()):
                names[m.programme.id] = m.programme.name(self.lang)
                if m.fits:
                    fitting.add(m.programme.id)
        gate_words = [
            " / ".join(f"{c.question or c.dimension} ≥ {c.required:g}" for c in g.alternatives)
            for g in p.gates
        ]
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
                programmes=[
                    Funding(id=pid, name=names.get(pid, pid), fits=pid in fitting)
                    for pid in s.action.programmes
                ],
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

    def level_names(self) -> dict[int, Text]:
        return {lv.rank: lv.name for lv in self.q.levels}

    def programme(self, m: ProgrammeMatch, for_actions: list[str]) -> ProgrammeView:
        p, lang = m.programme, self.lang
        return ProgrammeView(
            id=p.id,
            name=p.name(lang),
            name_other=p.name("en" if lang == "ko" else "ko"),
            operator=p.operator(lang),
            funds=p.funds(lang),
            support=p.support(lang),
            conditions=p.conditions(lang),
            call_window=p.call_window(lang),
            source=p.source,
            last_verified=p.last_verified.isoformat(),
            confidence=p.confidence,
            reasons=[r(lang) for r in m.reasons],
            misses=[r(lang) for r in m.misses],
            for_actions=for_actions,
        )

    def programmes(
        self, card: Scorecard, catalogue: ProgrammeCatalogue | None, roadmap: Roadmap
    ) -> Programmes:
        if catalogue is None:
            return Programmes(
                available=False, version="", last_reviewed="", notice="", fits=[], near=[], unknown_ids=[]
            )
        profile = Profile.from_company(card.company, card.level.rank)
        matches = match_programmes(catalogue, profile, self.level_names())
        uses: dict[str, list[str]] = {}
        for phase in roadmap.phases[:1]:  # what the firm can apply for now funds the first phase
            for action in phase.actions:
                for funding in action.programmes:
                    uses.setdefault(funding.id, []).append(action.title)
        fits = [self.programme(m, uses.get(m.programme.id, [])) for m in matches if m.fits]
        fits.sort(key=lambda p: not p.for_actions)  # stable: catalogue order within each group
        return Programmes(
            available=True,
            version=catalogue.version,
            last_reviewed=catalogue.last_reviewed.isoformat(),
            notice=catalogue.notice(self.lang),
            fits=fits,
            near=[self.programme(m, []) for m in matches if m.near_miss and not m.fits],
            unknown_ids=unknown_programme_ids(catalogue, profile),
        )

    # --- warnings, audit, progress

    def warning(self, kind: str, message: str, questions: list[str]) -> WarningView:
        refs = [QuestionRef(id=qid, text=self.text(qid)) for qid in questions]
        return WarningView(kind=kind, message=message, questions=refs)

    def audit(self, card: Scorecard) -> list[AuditRow]:
        return [
            AuditRow(
                question=d.question,
                text=self.text(d.question),
                claimed=d.claimed,
                verified=d.verified,
                claimed_descriptor=self.descriptor(d.question, d.claimed) or "",
                verified_descriptor=self.descriptor(d.question, d.verified) or "",
            )
            for d in card.audit_differences
        ]

    def progress(self, card: Scorecard, prev: Scorecard) -> Progress:
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
        words = labels(self.lang)
        notes = []
        if prev.company.name != card.company.name:
            notes.append(words["other_company"].format(name=prev.company.name))
        if prev.questionnaire.version != card.questionnaire.version:
            notes.append(words["other_questionnaire"].format(version=prev.questionnaire.version))
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
