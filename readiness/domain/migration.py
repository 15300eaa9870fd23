"""How an answer file moves from an older questionnaire version to a newer one: the declared mapping.

The mapping lives in the newer questionnaire's YAML (`migrations`); this module holds its model and
the checks that need both versions. Applying it to an answer file is `domain/migrate.py`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from readiness.domain.base import MAX_VALUE, Model, Text, nullable, unique

Kind = Literal["rename", "reword", "rescale", "split", "merge", "drop"]
Value = Annotated[int, Field(ge=0, le=MAX_VALUE)]
Scale = dict[Value, Value | None]


def _scale(value: Any) -> Any:
    """Both YAML loaders give the same map: `{"0": "null"}` and `{0: None}` alike."""
    if isinstance(value, dict):
        return {k: nullable(v) for k, v in value.items()}
    return value


def _full(scale: dict[int, int | None], where: str) -> None:
    if sorted(scale) != list(range(MAX_VALUE + 1)):
        raise ValueError(f"{where}: a scale needs exactly the old values 0-{MAX_VALUE}, got {sorted(scale)}")


class MigrationStep(Model):
    """One change between versions: old question id(s), the new id(s), and how values move."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    kind: Kind
    from_: Annotated[list[str], Field(alias="from", min_length=1)]
    to: list[str]
    scale: Scale | None = None
    scales: dict[str, Scale] = {}
    combine: Literal["min", "max", "mean"] | None = None
    notes_to: str | None = None
    why: Text | None = None

    @field_validator("from_", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @field_validator("scale", "notes_to", "combine", mode="before")
    @classmethod
    def _nulls(cls, value: Any) -> Any:
        return _scale(nullable(value))

    @field_validator("scales", mode="before")
    @classmethod
    def _nulls_per_target(cls, value: Any) -> Any:
        return {k: _scale(v) for k, v in value.items()} if isinstance(value, dict) else value

    @model_validator(mode="after")
    def _shape(self) -> MigrationStep:
        where = f"{self.kind} {', '.join(self.from_)}"
        if self.scale is not None:
            _full(self.scale, where)
        for target, scale in self.scales.items():
            _full(scale, f"{where} -> {target}")
            if target not in self.to:
                raise ValueError(f"{where}: 'scales' names {target!r}, which is not in 'to'")
        if len(self.from_) > 1 and self.kind != "merge":
            raise ValueError(f"{where}: only a merge takes several old ids")
        if self.scales and self.kind != "split":
            raise ValueError(f"{where}: 'scales' is for split only")
        if (self.notes_to is not None) != (self.kind == "drop"):
            raise ValueError(f"{where}: a drop needs 'notes_to', and only a drop has it")
        if (self.combine is not None) != (self.kind == "merge"):
            raise ValueError(f"{where}: a merge needs 'combine', and only a merge has it")
        rules = {
            "rename": len(self.to) == 1 and self.to != self.from_ and self.scale is None,
            "reword": self.to == self.from_ and self.scale is None,
            "rescale": len(self.to) == 1 and self.scale is not None,
            "split": len(self.to) >= 2 and (self.scale is not None or bool(self.scales)),
            "merge": len(self.from_) >= 2 and len(self.to) == 1,
            "drop": self.to == [] and self.scale is None,
        }
        if not rules[self.kind]:
            raise ValueError(f"{where}: wrong shape for a {self.kind} (see the migration rules)")
        return self

    def scale_for(self, target: str) -> dict[int, int | None] | None:
        """The value map into `target` (None: values carry over as they are)."""
        return self.scales.get(target, self.scale)


class Migration(Model):
    """Everything needed to move an answer file from version `from_` to the declaring version."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    from_: Annotated[str, Field(alias="from", min_length=1, max_length=40)]
    note: Text
    questions: list[MigrationStep]

    @field_validator("from_", mode="before")
    @classmethod
    def _version_is_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value

    @model_validator(mode="after")
    def _each_old_id_once(self) -> Migration:
        unique(
            f"old question id in the migration from {self.from_}",
            [i for s in self.questions for i in s.from_],
        )
        return self

    def step_for(self, old_id: str) -> MigrationStep | None:
        """The step that handles old question `old_id`, if any."""
        for step in self.questions:
            if old_id in step.from_:
                return step
        return None


def check_targets(migrations: list[Migration], version: str, question_ids: set[str]) -> None:
    """The checks the declaring questionnaire can make alone; ValueError on the first problem."""
    unique("migration 'from' version", [m.from_ for m in migrations])
    for m in migrations:
        where = f"migrations.{m.from_}"
        if m.from_ == version:
            raise ValueError(f"{where}: a questionnaire cannot migrate from its own version")
        for step in m.questions:
            for target in [*step.to, *([step.notes_to] if step.notes_to else [])]:
                if target not in question_ids:
                    raise ValueError(
                        f"{where}: {step.kind} {step.from_[0]} names unknown question {target!r}"
                    )
