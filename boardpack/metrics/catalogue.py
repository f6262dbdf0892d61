"""The metric catalogue: metrics declared as data, checked as a whole when loaded.

Declaring metrics as data keeps one source for the engine, the deck's appendix, the README's id list
and the JSON: a metric's label, unit, direction and formula text cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from boardpack.metrics.basis import MONTHS, TIMED, Basis, Compounds, Per
from boardpack.metrics.result import ChangeKind, change_kind

Unit = Literal["currency", "count", "number", "ratio", "months", "days", "seconds", "multiple", "score"]
Direction = Literal["higher", "lower", "neutral"]
MetricType = Literal["simple", "ratio", "expression", "derived"]


class SectionDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    question: str | None = None


class DriverDef(BaseModel):
    """How a metric's change is split along one dimension when its own terms cannot be broken down by it.

    `numerator` and `denominator` replace a ratio's own measures (CAC by channel counts deals won per
    channel); `parts` names one measure per part instead of a breakdown (pipeline by source). Empty: the
    metric's own measures broken down by the dimension.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    numerator: str | None = None
    denominator: str | None = None
    parts: dict[str, str] = Field(default_factory=dict)  # label (a message id) -> measure


class MetricDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    unit: Unit
    direction: Direction
    basis: Basis  # how the value depends on the period's length (see the catalogue's header)
    compounds: Compounds | None = None  # for a rate: loss, retention or growth
    per: Per | None = None  # a value stated on a fixed basis whatever the period (annual churn: year)
    equivalent: str | None = None  # the same rate on another basis: one target or benchmark judges both
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
    expression: str | None = None
    breakdown: tuple[str, ...] = ()
    question: str | None = None
    tile: int | None = Field(None, ge=1)  # its place among the executive summary's tiles
    trend: bool = False  # computed over the trend periods too (for the trend charts)
    drivers: dict[str, DriverDef] = Field(default_factory=dict)  # dimensions its change is split by

    @field_validator("breakdown", mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value

    @field_validator("drivers", mode="before")
    @classmethod
    def _dimensions(cls, value: object) -> object:
        """`drivers: [segment, plan]` is short for the metric's own measures broken down by each."""
        if isinstance(value, str):
            value = [value]
        return {dimension: {} for dimension in value} if isinstance(value, list) else value

    @property
    def change_kind(self) -> ChangeKind:
        return change_kind(self.unit)

    def per_months(self, period_months: int) -> int:
        """The months the value is stated over: its fixed `per`, else the period's."""
        return MONTHS[self.per] if self.per else period_months


class Catalogue(BaseModel):
    model_config = ConfigDict(frozen=True)

    sections: dict[str, SectionDef]
    metrics: dict[str, MetricDef]

    def in_section(self, section: str) -> list[MetricDef]:
        return [m for m in self.metrics.values() if m.section == section]

    @property
    def tiles(self) -> tuple[str, ...]:
        """The executive summary's tiles, by their place."""
        placed = [m for m in self.metrics.values() if m.tile is not None]
        return tuple(m.id for m in sorted(placed, key=lambda m: m.tile or 0))

    def equivalents(self, metric_id: str) -> tuple[str, ...]:
        """The metric and the ones declared the same rate on another basis, either way round."""
        metric = self.metrics[metric_id]
        linked = {m.id for m in self.metrics.values() if m.equivalent == metric_id}
        if metric.equivalent:
            linked.add(metric.equivalent)
        return (metric_id, *sorted(linked))

    @property
    def trend(self) -> tuple[str, ...]:
        """The metrics computed over the trend periods, in catalogue order."""
        return tuple(m.id for m in self.metrics.values() if m.trend)


class CatalogueError(Exception):
    """The catalogue is inconsistent; every problem is listed, one per line."""


def input_problem(name: str) -> str | None:
    """Why an entry of `inputs` is not a table of the pack, a setting of boardpack.yaml or a raw export."""
    from boardpack.inputs.config import PackConfig
    from boardpack.inputs.raw.settings import RawSettings
    from boardpack.inputs.tables import TABLES

    kind, _, path = name.partition(".")
    if not path:
        return None if name in TABLES else f"unknown table '{name}'"
    model: Any = {"config": PackConfig, "raw": RawSettings}.get(kind)
    for part in path.split("."):
        fields = getattr(model, "model_fields", None)
        if fields is None or part not in fields:
            return f"'{name}' is no table, config.<setting> or raw.<export>"
        model = fields[part].annotation
        model = next((a for a in getattr(model, "__args__", ()) if hasattr(a, "model_fields")), model)
    return None


def _expression_problems(key: str, text: str, metrics: dict, is_measure: Callable[[str], bool]) -> list[str]:
    from boardpack.metrics.expression import ExpressionError, names

    try:
        used = names(text)
    except ExpressionError as exc:
        return [f"metrics.{key}.expression: {exc}"]
    unknown = [n for n in used if n not in metrics and not is_measure(n)]
    return [f"metrics.{key}.expression: unknown metric or measure '{n}'" for n in unknown]


def _basis_problems(metric: MetricDef, metrics: dict) -> list[str]:
    """A rate says how it compounds; only timed metrics carry `per`; an equivalent is a rate that compounds alike."""
    key = metric.id
    problems: list[str] = []
    if metric.basis == "rate" and metric.compounds is None:
        problems.append(f"metrics.{key}.compounds: required for a rate (loss, retention or growth)")
    if metric.basis != "rate" and metric.compounds is not None:
        problems.append(f"metrics.{key}.compounds: only a rate compounds; this metric's basis is {metric.basis}")
    if metric.per is not None and metric.basis not in TIMED:
        problems.append(f"metrics.{key}.per: a {metric.basis} has no time basis")
    if metric.equivalent is not None:
        other = metrics.get(metric.equivalent) or {}
        if not other:
            problems.append(f"metrics.{key}.equivalent: unknown metric '{metric.equivalent}'")
        elif metric.basis != "rate" or (other.get("basis"), other.get("compounds")) != ("rate", metric.compounds):
            problems.append(f"metrics.{key}.equivalent: both must be rates that compound alike")
    return problems


def _driver_problems(metric: MetricDef, is_measure: Callable[[str], bool]) -> list[str]:
    """A metric's drivers must be splittable: an amount or a ratio, by a breakdown it has or measures it names."""
    problems = []
    where = f"metrics.{metric.id}.drivers"
    if metric.drivers and metric.type not in ("simple", "ratio"):
        problems.append(f"{where}: only a simple or ratio metric can be split into drivers")
    for dimension, driver in metric.drivers.items():
        named = [n for n in (driver.numerator, driver.denominator, *driver.parts.values()) if n]
        if not named and dimension not in metric.breakdown:
            problems.append(f"{where}.{dimension}: not among the metric's breakdowns; name its measures")
        problems += [f"{where}.{dimension}: unknown measure '{n}'" for n in named if not is_measure(n)]
    return problems


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
        needed = {
            "simple": ("measure",),
            "ratio": ("numerator", "denominator"),
            "expression": ("expression",),
            "derived": (),
        }[metric.type]
        for param in needed:
            name = getattr(metric, param)
            if name is None:
                article = "an" if metric.type[0] in "aeiou" else "a"
                problems.append(f"metrics.{key}.{param}: required for {article} {metric.type} metric")
            elif param == "expression":
                problems += _expression_problems(key, name, data.get("metrics") or {}, is_measure)
            elif not is_measure(name):
                problems.append(f"metrics.{key}.{param}: unknown measure '{name}'")
        problems += [f"metrics.{key}.inputs: {p}" for p in map(input_problem, metric.inputs) if p]
        if metric.paired and metric.type == "ratio":
            tables = {str(getattr(metric, p)).partition(".")[0] for p in ("numerator", "denominator")}
            if len(tables) != 1 or not all("." in str(getattr(metric, p)) for p in ("numerator", "denominator")):
                problems.append(f"metrics.{key}.paired: needs numerator and denominator as columns of one table")
        problems += _basis_problems(metric, data.get("metrics") or {})
        problems += _driver_problems(metric, is_measure)
        if metric.stage and metric.type != "ratio":
            problems.append(f"metrics.{key}.stage: only a ratio can be a stage conversion")
        if metric.type != "derived" and key in known_formulas:
            problems.append(f"metrics.{key}: a formula is registered for a {metric.type} metric")
        if metric.type == "derived" and key not in known_formulas:
            problems.append(f"metrics.{key}: derived metric has no formula registered in boardpack/metrics/policies/")
    for name in sorted(known_formulas - metrics.keys()):
        problems.append(f"policies: formula '{name}' has no catalogue entry")
    if problems:
        raise CatalogueError("\n".join(problems))
    return Catalogue(sections=sections, metrics=metrics)


@cache
def load_catalogue() -> Catalogue:
    from boardpack.metrics.formulas import registered
    from boardpack.metrics.measures import is_measure

    text = resources.files("boardpack.metrics").joinpath("catalogue.yaml").read_text(encoding="utf-8")
    return validate_catalogue(yaml.safe_load(text), is_measure, set(registered()))
