"""Frozen results: what the engine says about one metric in one period.

Results carry numbers, never formatted text: formatting belongs to the render step and its locale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ConfigDict

from boardpack.periods import Period

if TYPE_CHECKING:
    from boardpack.metrics.drivers import Drivers
    from boardpack.metrics.figures import Figures
    from boardpack.metrics.outlook import Outlook

Status = Literal["on_target", "watch", "off_target"]
# What period a benchmark's figure covers: a month, a quarter, a year (rates and flows), a point in time, or none
# (a ratio). `period` (the deck's own period, compared as it is) is read in files written before bases were stated.
BenchmarkBasis = Literal["month", "quarter", "year", "point", "none", "period"]
ChangeKind = Literal["points", "difference", "relative"]


def change_kind(unit: str) -> ChangeKind:
    """How a metric of `unit` changes: rates in percentage points, scores by their difference, amounts in percent."""
    return "points" if unit == "ratio" else "difference" if unit == "score" else "relative"


@dataclass(frozen=True)
class Benchmark:
    """An external reference for a metric: a range or a threshold, with where it comes from.

    The one model of a benchmark: benchmark files are validated into it (through pydantic, which reads
    the config below and runs `__post_init__`), and results carry it.
    """

    __pydantic_config__ = ConfigDict(extra="forbid")

    metric: str
    source: str
    low: float | None = None
    high: float | None = None
    year: int | None = None
    segment: str = "all"
    basis: BenchmarkBasis | None = None  # None: a year for rates and flows, none for points and ratios
    note: str = ""

    def __post_init__(self) -> None:
        if any(bound is not None and not math.isfinite(bound) for bound in (self.low, self.high)):
            raise ValueError("low and high must be finite numbers (not .nan or .inf)")
        if self.low is None and self.high is None:
            raise ValueError("give low, high or both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")

    def threshold(self, direction: str) -> float | None:
        """The value a metric must reach (higher is better) or stay under (lower is better)."""
        return self.low if direction == "higher" else self.high


@dataclass(frozen=True)
class MetricResult:
    id: str
    unit: str
    value: float | None
    reason: str | None = None
    reason_template: str | None = None
    reason_params: tuple[tuple[str, str], ...] = ()
    prior: float | None = None
    change: float | None = None
    year_ago: float | None = None
    change_year: float | None = None
    breakdowns: tuple[tuple[str, tuple[tuple[str, float | None], ...]], ...] = ()
    items: tuple[dict[str, Any], ...] = ()
    target: float | None = None
    benchmark: Benchmark | None = None
    status: Status | None = None
    status_basis: Literal["target", "benchmark"] | None = None
    target_per: str | None = None  # month, quarter or year for a target of a rate or flow; None for the rest
    compared_value: float | None = None  # the value on the basis of its target or benchmark
    compared_threshold: float | None = None  # the target or benchmark threshold on that same basis
    compared_basis: str | None = None  # month, quarter or year when the status is given on a time basis
    basis: str | None = None  # the metric's basis: point, flow, rate or ratio
    not_meaningful: bool = False  # computed, but a value that cannot be true: `reason` says why
    drivers: tuple[Drivers, ...] = ()  # its change split by segment, plan, channel or source (catalogue `drivers:`)

    @property
    def available(self) -> bool:
        return self.value is not None

    def breakdown(self, dimension: str) -> dict[str, float | None]:
        """Values per key of one dimension (channel, segment, ...), in the pack's order; empty if none."""
        return dict(dict(self.breakdowns).get(dimension, ()))

    def ranking(self, dimension: str, direction: str) -> tuple[str, str] | None:
        """(best, worst) key of a breakdown by the metric's better-direction, when it has two values or more."""
        values = {k: v for k, v in self.breakdown(dimension).items() if v is not None}
        if len(values) < 2 or direction == "neutral":
            return None
        ordered = sorted(values, key=lambda k: values[k], reverse=direction == "higher")
        return ordered[0], ordered[-1]

    def drivers_by(self, dimension: str) -> Drivers | None:
        """The change split along one dimension, if the catalogue asks for it and both periods have it."""
        return next((d for d in self.drivers if d.dimension == dimension), None)

    @property
    def change_kind(self) -> ChangeKind | None:
        return change_kind(self.unit) if self.change is not None else None

    def as_json(self, direction: str = "neutral") -> dict[str, Any]:
        data: dict[str, Any] = {
            "value": self.value,
            "unit": self.unit,
            "prior": self.prior,
            "change": self.change,
            "change_kind": self.change_kind,
            "year_ago": self.year_ago,
            "change_year": self.change_year,
            "basis": self.basis,
            "target": self.target,
            "target_per": self.target_per,
            "status": self.status,
            "status_basis": self.status_basis,
            "compared_value": self.compared_value,
            "compared_threshold": self.compared_threshold,
            "compared_basis": self.compared_basis,
            "reason": self.reason,
        }
        if self.benchmark is not None:
            b = self.benchmark
            data["benchmark"] = {
                "low": b.low,
                "high": b.high,
                "source": b.source,
                "year": b.year,
                "segment": b.segment,
                "basis": b.basis,
            }
            if b.note:
                data["benchmark"]["note"] = b.note
        if self.breakdowns:
            data["breakdown"] = {dimension: dict(values) for dimension, values in self.breakdowns}
            rankings = {
                dimension: {"best": ranked[0], "worst": ranked[1]}
                for dimension, _ in self.breakdowns
                if (ranked := self.ranking(dimension, direction))
            }
            if rankings:
                data["ranking"] = rankings
        if self.items:
            data["items"] = list(self.items)
        if self.drivers:
            data["drivers"] = {d.dimension: d.as_json() for d in self.drivers}
        return data


@dataclass(frozen=True)
class MetricSet:
    """Every metric of the catalogue for one period, in catalogue order."""

    period: Period
    prior_period: Period
    currency: str
    year_ago_period: Period | None = None
    results: dict[str, MetricResult] = field(default_factory=dict)
    directions: dict[str, str] = field(default_factory=dict)
    as_of: date | None = None  # the last day whose events count (the period's end unless asked otherwise)
    figures: Figures | None = None  # what the slides show beyond each metric's value (stage counts, shares, trends)
    forecast: Outlook | None = None  # what to expect: the MRR forecast, pipeline coverage, the year's target

    def __getitem__(self, metric_id: str) -> MetricResult:
        return self.results[metric_id]

    def value(self, metric_id: str) -> float | None:
        return self.results[metric_id].value

    def as_json(self) -> dict[str, Any]:
        figures = self.figures
        return {
            "period": self.period.label,
            "prior_period": self.prior_period.label,
            "year_ago_period": self.year_ago_period.label if self.year_ago_period else None,
            "start": self.period.first_day.isoformat(),
            "end": self.period.last_day.isoformat(),
            "as_of": (self.as_of or self.period.last_day).isoformat(),
            "currency": self.currency,
            "metrics": {k: r.as_json(self.directions.get(k, "neutral")) for k, r in self.results.items()},
        } | (
            ({"milestones": figures.milestones.as_json()} if figures and figures.milestones else {})
            # the rates amounts were converted at, when some were in another currency
            | ({"fx": figures.fx.as_json()} if figures and figures.fx else {})
            | ({"forecast": self.forecast.as_json()} if self.forecast is not None else {})
        )
