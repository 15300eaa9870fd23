"""Building the report's view model from a Scorecard, its questionnaire and the catalogues."""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.domain.actions import ActionCatalogue
from readiness.domain.lift import MAX_JUMP
from readiness.domain.normalise import region_name, won
from readiness.domain.programmes import ProgrammeCatalogue
from readiness.domain.questionnaire import Questionnaire
from readiness.domain.results import QuestionReceipt, Scorecard
from readiness.domain.sectors import SectorTable
from readiness.domain.sme import SmeCriteria
from readiness.errors import UsageError
from readiness.report.sections import SectionViews
from readiness.report.view import (
    AuditRow,
    Blocked,
    Blockers,
    Cover,
    DimensionRow,
    Headline,
    Link,
    Peers,
    Programmes,
    QuestionRef,
    QuestionRow,
    Report,
    Roadmap,
    Rung,
    SectionRef,
    Summary,
    SummaryAction,
    WarningView,
)
from readiness.words import Lang, months_text, word


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
    sme_criteria: SmeCriteria | None = None,
    sectors: SectorTable | None = None,
    newer: str | None = None,
) -> Report:
    """Everything the report shows, decided once for every format.

    Programme windows are judged on the report date (`today`, else the assessment date).
    """
    b = _Builder(q, lang, report_date=today or card.assessment.date, sme=sme_criteria)
    rank = card.level.rank
    top = q.levels[-1].rank
    goal = min(target, top) if target is not None else min(rank + 1, top)
    peer = Peers.model_validate(peers) if peers is not None else None
    prev_dims = {d.id: d.score for d in previous.dimensions} if previous else {}
    roadmap = b.roadmap(card, goal, actions, programmes)
    blockers = b.blockers(card)
    programme_views = b.programmes(card, programmes, roadmap)
    return Report(
        lang=lang,
        title=word(f"report.title_{card.assessment.mode}", lang),
        sections=b.sections(previous is not None),
        cover=b.cover(card, today, programmes, sectors).model_copy(update={"newer_version": newer}),
        headline=b.headline(card, goal),
        summary=b.summary(blockers, roadmap, programme_views),
        dimensions=b.dimensions(card, prev_dims, peer),
        blockers=blockers,
        roadmap=roadmap,
        programmes=programme_views,
        warnings=[b.warning(w.kind, w.message(lang), w.questions) for w in card.warnings],
        audit=b.audit(card) if card.assessment.mode == "audit" else None,
        progress=b.progress(card, previous) if previous else None,
        peers=peer,
    )


def _link(text: str) -> Link:
    lowered = text.strip().lower()
    safe = lowered.startswith(("http://", "https://")) and " " not in text.strip()
    return Link(text=text, href=text.strip() if safe else None)


SECTIONS = ("result", "dimensions", "blockers", "roadmap", "programmes", "checks", "progress", "appendix")
SECTION_WORDS = {"result": "report.headline"}
SUMMARY_ITEMS = 3  # blockers, actions and programmes on page one


class _Builder(SectionViews):
    """The report's first sections: cover, headline, dimensions, blockers, warnings and audit."""

    def sections(self, with_progress: bool) -> list[SectionRef]:
        """The numbered sections in order; `progress` only when there is a previous assessment."""
        ids = [s for s in SECTIONS if s != "progress" or with_progress]
        return [
            SectionRef(id=s, number=n, title=word(SECTION_WORDS.get(s, f"report.{s}"), self.lang))
            for n, s in enumerate(ids, 1)
        ]

    def summary(self, blockers: Blockers | None, roadmap: Roadmap, programmes: Programmes) -> Summary:
        """Page one's lists: what blocks most, what to do first, which programmes fit best."""
        lang = self.lang
        lines = []
        if blockers is not None:
            if blockers.points_short:
                lines.append(word("report.summary_points", lang, points=blockers.points,
                                  min=blockers.min_points, short=blockers.points_short))  # fmt: skip
            for gate in blockers.gates:
                lines.append(
                    " / ".join(f"{c.subject}: {c.now} → {c.need}" for c in gate.alternatives if not c.met)
                )
        first = roadmap.phases[0].actions if roadmap.phases else []
        actions = [
            SummaryAction(
                title=a.title,
                cost=word(f"report.cost_{a.cost_band}", lang),
                months=months_text(a.months_min, a.months_max, lang),
            )
            for a in first[:SUMMARY_ITEMS]
        ]
        return Summary(
            blockers=lines[:SUMMARY_ITEMS],
            actions=actions,
            programmes=[p.name for p in programmes.fits[:SUMMARY_ITEMS]],
        )

    # --- cover and headline

    def cover(
        self,
        card: Scorecard,
        today: dt.date | None,
        programmes: ProgrammeCatalogue | None,
        sectors: SectorTable | None = None,
    ) -> Cover:
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
            sector=(sectors.label(c.sector, lang) if sectors else c.sector) if c.sector else None,
            employees=c.employees,
            revenue=won(c.annual_revenue_krw, lang) if c.annual_revenue_krw is not None else None,
            region=region_name(c.region, lang) if c.region else None,
            prior_programmes=[names.get(pid, pid) for pid in c.programmes],
            mode=a.mode,
            mode_name=word(f"mode.{a.mode}", lang),
            assessment_date=a.date.isoformat() if a.date else None,
            report_date=report_date.isoformat() if report_date else None,
            assessor=assessor,
            site=site,
            questionnaire_title=self.q.title(lang),
            questionnaire_id=card.questionnaire.id,
            questionnaire_version=card.questionnaire.version,
            sha256=card.questionnaire.sha256,
            disclaimer=self.q.disclaimer_for(a.mode, lang),
            lead=word(f"report.disclaimer_lead_{a.mode}", lang),
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
            blocked=self.blocked(card),
            level=self.tag(level),
            name_ko=level.name.ko,
            name_en=level.name.en,
            national=level.national(self.lang),
            summary=level.summary(self.lang),
            points=card.points,
            points_label=self.q.points_words(self.lang),
            index=card.index,
            completeness=round(card.completeness * 100),
            answered=card.answered,
            total=card.total,
            not_applicable=card.not_applicable,
            ladder=ladder,
        )

    def blocked(self, card: Scorecard) -> Blocked | None:
        """The sentence for a firm whose points reach the next rung while a gate holds it below."""
        nxt = card.next_level
        if nxt is None or nxt.points_short or not nxt.blockers:
            return None
        level = self.tag(nxt.level.rank)
        reasons = []
        for gate in nxt.blockers:
            unmet = [self.condition(c) for c in gate.alternatives if not c.met]
            reasons.append(
                word("report.or", self.lang).join(
                    word("report.blocked_now", self.lang, subject=c.subject, now=c.descriptor)
                    if c.descriptor
                    else word("report.blocked_score", self.lang, subject=c.subject, now=c.now, need=c.need)
                    for c in unmet
                )
            )
        sentence = word(
            "report.blocked", self.lang, level=level.name, min=nxt.min_points, reasons="; ".join(reasons)
        )
        return Blocked(level=level, min_points=nxt.min_points, sentence=sentence)

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
        lang = self.lang
        if r.status == "na":
            answer = word("report.na", lang)
        elif r.claimed is not None or r.verified is not None:
            parts = []
            if r.claimed is not None:
                parts.append(word("report.answer_claimed", lang, value=r.claimed))
            if r.verified is not None:
                parts.append(word("report.answer_verified", lang, value=r.verified))
            answer = " / ".join(parts)
        elif r.status == "unanswered":
            answer = word("report.unanswered", lang)
        else:
            answer = str(r.value)
        return QuestionRow(
            id=r.id,
            title=self.title(r.id),
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
            lift_none=None
            if nxt.lift_realistic
            else word(
                f"report.lift_none_{nxt.lift_reason}",
                self.lang,
                level=f"L{nxt.level.rank} {nxt.level.name(self.lang)}",
                jump=MAX_JUMP,
            ),
        )

    # --- roadmap and programmes

    def warning(self, kind: str, message: str, questions: list[str]) -> WarningView:
        refs = [QuestionRef(id=qid, title=self.title(qid), text=self.text(qid)) for qid in questions]
        return WarningView(kind=kind, message=message, questions=refs)

    def audit(self, card: Scorecard) -> list[AuditRow]:
        return [
            AuditRow(
                question=d.question,
                title=self.title(d.question),
                text=self.text(d.question),
                claimed=d.claimed,
                verified=d.verified,
                claimed_descriptor=self.descriptor(d.question, d.claimed) or "",
                verified_descriptor=self.descriptor(d.question, d.verified) or "",
            )
            for d in card.audit_differences
        ]
