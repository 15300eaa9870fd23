"""Reading a batch's peers.json for a report: size-capped, parsed, and checked against its shape.

A peers.json comes back from a ministry desk or a consultant's folder, so it is treated like any
other submitted file: one clear error naming it, never a traceback, never a 200 MB read.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from readiness.errors import AnswersError, Problem

MAX_BYTES = 4 * 1024 * 1024
Figure = float | int | None


class PeerGroup(BaseModel):
    """One published group: its size (or "<5"/"-" when hidden) and, when shown, its distributions."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    n: int | Literal["<5", "-"]
    points: dict[str, Figure] | None = None
    dimensions: dict[str, dict[str, Figure]] = {}


class PeersFile(BaseModel):
    """The whole of peers.json as `readiness batch` writes it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    format: Literal["readiness-peers/1"]
    percentiles: Annotated[list[Annotated[int, Field(gt=0, lt=100)]], Field(min_length=1, max_length=20)]
    all: PeerGroup
    sector: dict[str, PeerGroup] = {}
    size_band: dict[str, PeerGroup] = {}
    sector_size_band: dict[str, PeerGroup] = {}  # written by 0.1 only; read, never used

    @model_validator(mode="after")
    def _shown_groups_have_their_figures(self) -> PeersFile:
        if self.percentiles != sorted(set(self.percentiles)) or 50 not in self.percentiles:
            raise ValueError("percentiles must be ascending and include 50")
        groups = [self.all, *self.sector.values(), *self.size_band.values(), *self.sector_size_band.values()]
        for group in groups:
            if isinstance(group.n, int) and group.n > 0:
                if group.points is None:
                    raise ValueError("a group with firms lacks its points")
                for p in self.percentiles:
                    if not isinstance(group.points.get(f"p{p}"), (int, float)):
                        raise ValueError(f"a group lacks its p{p} of points")
        return self


def read_peers(path: str) -> dict[str, Any]:
    """A batch's peers.json as plain data, or AnswersError naming the file."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise AnswersError(
            [Problem(path, f"cannot read peers file ({exc.strerror or exc.__class__.__name__})")]
        ) from None
    if len(raw) > MAX_BYTES:
        raise AnswersError([Problem(path, f"peers file is larger than {MAX_BYTES // 1024 // 1024} MB")])
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise AnswersError([Problem(path, "peers file is not valid UTF-8 JSON")]) from None
    if not isinstance(data, dict) or data.get("format") != "readiness-peers/1":
        raise AnswersError([Problem(path, "not a peers.json written by readiness batch")])
    try:
        return PeersFile.model_validate(data).model_dump()
    except ValidationError as exc:
        first = exc.errors(include_input=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        message = str(first["msg"]).removeprefix("Value error, ")
        raise AnswersError(
            [Problem(path, f"not a valid peers.json ({message})", None, where or None)]
        ) from None
