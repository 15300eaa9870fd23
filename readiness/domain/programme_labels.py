"""What a report may say about how well a programme is known: a label computed from its status,
confidence and newest source, never a generic tick; and how each source is cited."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from readiness.domain.base import Text
from readiness.domain.programmes import Programme, Source
from readiness.words import LANGS, word

Style = Literal["ok", "warn", "muted"]


@dataclass(frozen=True)
class Label:
    """What is known about a programme, in words, with how the report should style it."""

    text: Text
    style: Style


def _text(key: str, **params: object) -> Text:
    return Text(**{lang: word(key, lang, **params) for lang in LANGS})


def status_label(p: Programme, cycle: int) -> Label:
    """The one label that says what is known about `p` for the catalogue's `cycle`."""
    if p.status in ("historical", "discontinued"):
        return Label(_text("label.past", year=p.year), "muted")
    if p.status == "unverified":
        return Label(_text("label.unverified", cycle=cycle, year=p.year), "muted")
    if p.confidence == "confirmed":
        return Label(_text("label.confirmed", cycle=cycle), "ok")
    press = p.newest_press()
    if p.confidence == "reported" and press is not None:
        return Label(_text("label.reported", month=press.month), "warn")
    return Label(_text("label.unconfirmed"), "warn")


def labels(p: Programme, cycle: int, report_date: dt.date | None) -> list[Label]:
    """The status label, then the extra ones: a closed window, an unstated firm-size rule."""
    found = [status_label(p, cycle)]
    closes = p.window.closes
    if closes is not None and report_date is not None and report_date > closes:
        found.append(Label(_text("label.closed", closes=closes.isoformat()), "muted"))
    if (
        p.eligibility.enterprise is None
        and p.status == "current"
        and p.eligibility.audience == "manufacturer"
    ):
        found.append(Label(_text("label.size_unstated"), "muted"))
    return found


def source_line(s: Source) -> Text:
    """`{title} ({kind}, {date or date_note})`."""
    when = str(s.date) if s.date is not None else (s.date_note or "")
    return Text(
        **{
            lang: word(
                "label.source", lang, title=s.title, kind=word(f"label.kind_{s.kind}", lang), date=when
            )
            for lang in LANGS
        }
    )
