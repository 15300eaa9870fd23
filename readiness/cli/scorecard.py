"""The scorecard and the questionnaire as rich renderables (CLI layer)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text as RichText

from readiness.cli.console import shown
from readiness.domain.ladder import gate_text, namer
from readiness.domain.lift import MAX_JUMP
from readiness.domain.questionnaire import Questionnaire
from readiness.domain.results import Scorecard
from readiness.errors import printable
from readiness.words import Lang, word


def bar(score: float | None, width: int = 10) -> str:
    """A text bar for a 0-5 dimension score, `width` characters wide (`n/a` padded when unscored)."""
    if score is None:
        return "n/a".ljust(width)
    filled = round(score / 5 * width)
    return "█" * filled + "·" * (width - filled)


CARD_LABELS = (
    "level",
    "points",
    "completeness",
    "dimension",
    "score",
    "next",
    "lift",
    "short",
    "warnings",
    "top",
    "unanswered",
)


def scorecard(card: Scorecard, q: Questionnaire, lang: Lang) -> Group:
    """The scorecard as rich renderables: headline, dimension table, blockers, warnings."""
    t = {k: word(f"card.{k}", lang) for k in CARD_LABELS}
    head = RichText()
    head.append(f"{printable(card.company.name)}\n", style="bold")
    head.append(f"{t['level']}: ")
    head.append(f"L{card.level.rank} {card.level.name(lang)}", style="bold cyan")
    other: Lang = "en" if lang == "ko" else "ko"
    head.append(f" ({card.level.name(other)})\n")
    head.append(f"{t['points']}: {card.points} / 1000 — {q.points_words(lang)}    ")
    head.append(f"{t['completeness']}: {card.answered}/{card.total}")
    ladder = "  ".join(
        f"[{'bold reverse' if lv.rank == card.level.rank else 'dim'}]L{lv.rank} {shown(lv.name(lang))}[/]"
        for lv in q.levels
    )

    table = Table(show_edge=False, pad_edge=False, expand=False)
    table.add_column(t["dimension"])
    table.add_column(t["score"], justify="right")
    table.add_column("", no_wrap=True)
    table.add_column(t["points"], justify="right")
    for dim in card.dimensions:
        score_text = "n/a" if dim.score is None else f"{dim.score:.1f}"
        table.add_row(
            shown(dim.name(lang)), score_text, bar(dim.score), f"{dim.points:.0f}/{dim.max_points:.0f}"
        )

    parts: list[RenderableType] = [Panel(head, expand=False), ladder, table]
    nxt = card.next_level
    if nxt is None:
        parts.append(t["top"])
    else:
        lines = [f"[bold]{t['next']}: L{nxt.level.rank} {shown(nxt.level.name(lang))}[/]"]
        if nxt.points_short:
            lines.append(f"  • {card.points} → {nxt.min_points} ({nxt.points_short} {t['short']})")
        name = namer(q, lang)
        for gate in nxt.blockers:
            conds = gate_text(gate.alternatives, name=name, moving=True, joiner=word("report.or", lang))
            why = f"  [dim]{shown(gate.why(lang))}[/]" if gate.why else ""
            lines.append(f"  • {shown(conds)}{why}")
        if nxt.lift:
            lines.append(f"[bold]{t['lift']}[/]")
            for change in nxt.lift:
                now = t["unanswered"] if change.current is None else str(change.current)
                question = q.question(change.question)
                option = question.options[change.to](lang)
                lines.append(
                    f"  • {shown(question.title(lang))}: {now} → {change.to}  [dim]{shown(option)}[/]"
                )
        elif not nxt.lift_realistic:
            lines.append(f"[bold]{t['lift']}[/]")
            level = f"L{nxt.level.rank} {nxt.level.name(lang)}"
            lines.append(
                f"  {shown(word(f'card.lift_none_{nxt.lift_reason}', lang, level=level, jump=MAX_JUMP))}"
            )
        parts.append("\n".join(lines))
    if card.assessment.mode == "audit" and card.audit_differences:
        lines = [f"[bold]{word('card.audit', lang)}[/]"]
        for d in card.audit_differences:
            title = shown(q.question(d.question).title(lang))
            lines.append(
                f"  • {title}: {word('card.claimed', lang)} {d.claimed} → {word('card.verified', lang)} {d.verified}"
            )
        parts.append("\n".join(lines))
    if card.warnings:
        parts.append(f"[bold yellow]{t['warnings']}[/]")
        parts.extend(f"  ! {shown(w.message(lang))}" for w in card.warnings)
    parts.append(f"[dim]{shown(q.disclaimer_for(card.assessment.mode, lang))}[/]")
    return Group(*parts)


def questionnaire(q: Questionnaire, lang: Lang) -> Group:
    """A questionnaire for reading: ladder with gates, then every question and its options."""
    parts: list[RenderableType] = [
        f"[bold]{shown(q.title(lang))}[/] ({q.id} {shown(q.version)})",
        shown(q.description(lang)),
    ]
    ladder = Table(title=word("card.level", lang), show_edge=False)
    ladder.add_column("")
    ladder.add_column(word("card.level", lang))
    ladder.add_column(f"{word('card.points', lang)} *", justify="right")
    ladder.add_column("gates")
    for lv in q.levels:
        gates = "; ".join(gate_text(g.alternatives, joiner=" or ") for g in lv.gates)
        national = lv.national(lang)
        if lv.national_match is not None:
            national += f"; {lv.national_match.term}, {lv.national_match.certainty}"
        ladder.add_row(
            f"L{lv.rank}", shown(f"{lv.name(lang)} ({national})"), str(lv.min_points), shown(gates)
        )
    parts.append(ladder)
    parts.append(f"[dim]* {shown(word('report.min_points_note', lang))}[/]")
    for n, dim in enumerate(q.dimensions, 1):
        parts.append(f"\n[bold]{n}. {shown(dim.name(lang))}[/] ({dim.id}, weight {dim.weight:g})")
        parts.append(f"[dim]{shown(dim.purpose(lang))}[/]")
        for question in dim.questions:
            na = " [n/a ok]" if question.na_allowed else ""
            parts.append(f"  [bold]{question.id}[/]{shown(na)}  {shown(question.text(lang))}")
            parts.extend(f"     {v} {shown(o(lang))}" for v, o in enumerate(question.options))
    parts.append(f"[dim]{shown(q.disclaimer(lang))}[/]")
    return Group(*parts)


# --- batch -------------------------------------------------------------------------------------
