"""The metric catalogue: metrics declared as data, checked as a whole when loaded.

Declaring metrics as data keeps one source for the engine, the deck's appendix, the README's id list
and the JSON: a metric's label, unit, direction and formula text cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from boardpack.metrics.result import ChangeKind, change_kind

Unit = Literal["currency", "count", "number", "ratio", "months", "days", "seconds", "multiple", "score"]
Direction = Literal["higher", "lower", "neutral"]
MetricType = Literal["simple", "ratio", "derived"]


class SectionDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    question: str | None = None


class MetricDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    unit: Unit
    direction: Direction
    type: MetricType
    section: str
    indicator: Literal["lead", "lag"]
    inputs: tuple[str, ...]
    formula: str
    measure: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    paired: bool = False
    stage: bool = False
    breakdown: tuple[str, ...] = ()
    question: str | None = None

    @field_validator("breakdown", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value

    @property
    def change_kind(self) -> ChangeKind:
        return change_kind(self.unit)


class Catalogue(BaseModel):
    model_config = ConfigDict(frozen=True)

    sections: dict[str, SectionDef]
    metrics: dict[str, MetricDef]

    def in_section(self, section: str) -> list[MetricDef]:
        return [m for m in self.metrics.values() if m.section == section]


class CatalogueError(Exception):
    """The catalogue is inconsistent; every problem is listed, one per line."""


def validate_catalogue(data: dict, is_measure: Callable[[str], bool], known_formulas: set[str]) -> Catalogue:
    """Build the catalogue, checking type parameters, sections, measures and formulas all at once."""
    problems: list[str] = []
    sections: dict[str, SectionDef] = {}
    for key, value in (data.get("sections") or {}).items():
        try:
            sections[key] = SectionDef.model_validate(value)
        except ValidationError as exc:
            problems += [f"sections.{key}: {e['msg']}" for e in exc.errors()]
    metrics: dict[str, MetricDef] = {}
    for key, value in (data.get("metrics") or {}).items():
        try:
            metric = MetricDef.model_validate({"id": key, **(value or {})})
        except ValidationError as exc:
            problems += [f"metrics.{key}.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()]
            continue
        metrics[key] = metric
        if metric.section not in sections:
            problems.append(f"metrics.{key}.section: unknown section '{metric.section}'")
        needed = {"simple": ("measure",), "ratio": ("numerator", "denominator"), "derived": ()}[metric.type]
        for param in needed:
            name = getattr(metric, param)
            if name is None:
                problems.append(f"metrics.{key}.{param}: required for a {metric.type} metric")
            elif not is_measure(name):
                problems.append(f"metrics.{key}.{param}: unknown measure '{name}'")
        if metric.paired and metric.type == "ratio":
            tables = {str(getattr(metric, p)).partition(".")[0] for p in ("numerator", "denominator")}
            if len(tables) != 1 or not all("." in str(getattr(metric, p)) for p in ("numerator", "denominator")):
                problems.append(f"metrics.{key}.paired: needs numerator and denominator as columns of one table")
        if metric.stage and metric.type != "ratio":
            problems.append(f"metrics.{key}.stage: only a ratio can be a stage conversion")
        if metric.type == "derived" and key not in known_formulas:
            problems.append(f"metrics.{key}: derived metric has no formula registered in formulas.py")
    for name in sorted(known_formulas - metrics.keys()):
        problems.append(f"formulas.py: formula '{name}' has no catalogue entry")
    if problems:
        raise CatalogueError("\n".join(problems))
    return Catalogue(sections=sections, metrics=metrics)


@cache
def load_catalogue() -> Catalogue:
    from boardpack.metrics import attribution, customers  # noqa: F401  (register their formulas)
    from boardpack.metrics.formulas import FORMULAS
    from boardpack.metrics.measures import is_measure

    text = resources.files("boardpack.metrics").joinpath("catalogue.yaml").read_text(encoding="utf-8")
    return validate_catalogue(yaml.safe_load(text), is_measure, set(FORMULAS))
