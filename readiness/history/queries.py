"""What `history show` and `history trend` ask the store, as views ready for any output."""

from __future__ import annotations

import datetime as dt
from typing import Any

from readiness.errors import UsageError
from readiness.history import show, trend
from readiness.history.engine import DEFAULT_WAIT
from readiness.history.store import Store
from readiness.words import Lang


def firm(db: str, business_number: str, lang: Lang = "ko") -> dict[str, Any] | None:
    """One firm's history (None when the store has none of it). Holds its name: never publish it."""
    with Store(db, wait=DEFAULT_WAIT) as store:
        history = store.firm(business_number)
    if not history:
        return None
    from readiness.domain import normalise

    return show.firm_view(history, normalise.business_number(business_number), lang)


def trend_view(
    db: str,
    start: dt.date | None = None,
    end: dt.date | None = None,
    by: str | None = None,
    lang: Lang = "ko",
) -> dict[str, Any]:
    """The published trend of the firms assessed at least twice between `start` and `end`."""
    if by is not None and by not in trend.BY:
        raise UsageError(f"--by must be one of {', '.join(trend.BY)}")
    if start and end and start > end:
        raise UsageError("--from is after --to")
    with Store(db) as store:
        data = store.trend(start, end, programmes=by == "programme")
    return trend.view_of(
        data.spans,
        start=start,
        end=end,
        by=by,
        lang=lang,
        dimension_names=show.dimension_names(data.versions, lang),
    )
