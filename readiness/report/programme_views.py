"""The report's support-programme views: the section itself and the roadmap's funding lines.

Only programmes that fit every condition are recommended; near misses show their one reason;
a programme not current for the catalogue's cycle appears nowhere as a recommendation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.domain import normalise
from readiness.domain.actions import UpgradeAction
from readiness.domain.matching import (
    Profile,
    ProgrammeMatch,
    match_programmes,
    sme_verdict,
    unknown_programme_ids,
)
from readiness.domain.programme_labels import labels, source_line
from readiness.domain.programmes import Programme, ProgrammeCatalogue
from readiness.domain.questionnaire import Questionnaire
from readiness.domain.results import Scorecard
from readiness.domain.sme import SmeCriteria, caveat
from readiness.report.view import Funding, LabelView, Programmes, ProgrammeView, Roadmap, SourceView
from readiness.report.vocabulary import ViewBase
from readiness.words import Lang, word


class ProgrammeViews(ViewBase):
    """Programme matching as the report shows it, on one report date and with one set of SME ceilings."""

    def __init__(
        self,
        q: Questionnaire,
        lang: Lang,
        *,
        report_date: dt.date | None = None,
        sme: SmeCriteria | None = None,
    ) -> None:
        super().__init__(q, lang)
        self.report_date = report_date
        self.sme = sme
        self._matched: dict[tuple[int, str], tuple[ProgrammeCatalogue, list[ProgrammeMatch]]] = {}

    def matches(self, catalogue: ProgrammeCatalogue, profile: Profile) -> list[ProgrammeMatch]:
        """Every programme checked against the profile on the report date.

        Once per profile and report: the programme section and every roadmap action's funding
        line ask the same question (matching was a third of a report's time).
        """
        key = (id(catalogue), profile.model_dump_json())
        hit = self._matched.get(key)
        if hit is None or hit[0] is not catalogue:
            hit = (
                catalogue,
                match_programmes(catalogue, profile, self.level_names(), self.report_date, self.sme),
            )
            self._matched[key] = hit
        return hit[1]

    def funding(
        self, action: UpgradeAction, catalogue: ProgrammeCatalogue | None, profile: Profile
    ) -> tuple[list[Funding], list[str]]:
        """An action's funding line: its programmes, each marked as fitting or with why not, and
        the names of the programmes still to be checked for this year."""
        if catalogue is None:
            return [Funding(id=pid, name=pid, fits=False) for pid in action.programmes], []
        found = {m.programme.id: m for m in self.matches(catalogue, profile)}
        lines = []
        for pid in action.programmes:
            m = found.get(pid)
            if m is None or m.outcome == "not_applicable":
                continue  # never name a programme that is not current
            reason = None if m.fits else m.misses[0](self.lang)
            lines.append(Funding(id=pid, name=m.programme.name(self.lang), fits=m.fits, reason=reason))
        to_check = [
            found[pid].programme.name(self.lang) for pid in action.programmes_to_check if pid in found
        ]
        return lines, to_check

    def programme(self, m: ProgrammeMatch, for_actions: list[str], cycle: int) -> ProgrammeView:
        """One support programme as shown, with the roadmap actions it funds."""
        p, lang = m.programme, self.lang
        return ProgrammeView(
            **_described(p, lang, cycle, self.report_date),
            window=window(lang) if (window := m.window or p.window.note) else "",
            reasons=[r(lang) for r in m.reasons],
            misses=[r(lang) for r in m.misses],
            for_actions=for_actions,
        )

    def programmes(
        self, card: Scorecard, catalogue: ProgrammeCatalogue | None, roadmap: Roadmap
    ) -> Programmes:
        """The programme section: the SME verdict, fits, near misses and the rest, from the catalogue."""
        lang = self.lang
        if catalogue is None:
            return Programmes(available=False, cycle="", reviewed="", intro="", notice="", sme=None,
                              sme_caveat=None, region_note=None, fits=[], near=[], excluded=[],
                              unknown_ids=[])  # fmt: skip
        profile = Profile.from_company(card.company, card.level.rank)
        matches = self.matches(catalogue, profile)
        uses: dict[str, list[str]] = {}
        for phase in roadmap.phases[:1]:  # what the firm can apply for now funds the first phase
            for action in phase.actions:
                for funding in action.programmes:
                    if funding.fits:
                        uses.setdefault(funding.id, []).append(action.title)
        cycle = catalogue.cycle

        def views(outcome: str) -> list[ProgrammeView]:
            return [
                self.programme(m, uses.get(m.programme.id, []), cycle)
                for m in matches
                if m.outcome == outcome
            ]

        fits = views("fits")
        fits.sort(key=lambda p: not p.for_actions)  # stable: catalogue order within each group
        verdict = sme_verdict(self.sme, profile)
        region_note = None
        if card.company.region and normalise.province(card.company.region) is None:
            region_note = word("match.unknown_region", lang, region=card.company.region)
        return Programmes(
            available=True,
            cycle=str(cycle),
            reviewed=catalogue.reviewed.isoformat(),
            intro=word(
                "report.programmes_opening", lang, reviewed=catalogue.reviewed.isoformat(), cycle=cycle
            ),
            notice=catalogue.notice(lang),
            sme=verdict.reason(lang) if verdict else None,
            sme_caveat=caveat()(lang) if verdict else None,
            region_note=region_note,
            fits=fits,
            near=views("near_miss"),
            excluded=views("excluded"),
            unknown_ids=unknown_programme_ids(catalogue, profile),
        )


def _described(p: Programme, lang: Lang, cycle: int, report_date: dt.date | None) -> dict[str, Any]:
    """What a programme's view says whatever the firm: names, figures, labels, sources, history.

    Built once per programme, language and report date (a batch with reports asked it for every
    programme of every file); the catalogue is frozen, and the entry keeps `p` so its id stays its own.
    """
    key = (id(p), lang, cycle, report_date)
    hit = _DESCRIBED.get(key)
    if hit is None or hit[0] is not p:
        parts: dict[str, Any] = {
            "id": p.id,
            "name": p.name(lang),
            "name_other": p.name("en" if lang == "ko" else "ko"),
            "ministry": p.ministry(lang),
            "agency": p.agency(lang),
            "funds": p.funds(lang),
            "support": p.support(lang),
            "conditions": p.conditions(lang),
            "labels": [LabelView(text=x.text(lang), style=x.style) for x in labels(p, cycle, report_date)],
            "sources": [SourceView(text=source_line(s)(lang), url=s.url) for s in p.sources if s.read],
            "history": [word("report.history_line", lang, year=h.year, text=h.text(lang)) for h in p.history],
        }
        hit = _DESCRIBED[key] = (p, parts)
    return hit[1]


_DESCRIBED: dict[tuple[int, Lang, int, dt.date | None], tuple[Programme, dict[str, Any]]] = {}
