"""Status of a metric: on target, watch or off target, against its target or else a benchmark.

A target set by the company wins over an industry benchmark: the board holds the team to its own
plan first. The `watch` band is relative to the threshold, so 10% means "within 10% of the goal".

Value and threshold meet on one basis first (the catalogue's `basis:`): a rate is restated over the
months its target or benchmark covers by compounding, a flow target per year is prorated to the
period's months, points and ratios are compared as they are. A metric declared the `equivalent` of
another (annual churn, customer churn) is judged by the same target or benchmark, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from boardpack.inputs.config import PackConfig, Target
from boardpack.metrics.basis import MONTHS, TIMED, convert_rate, prorate
from boardpack.metrics.catalogue import Catalogue, MetricDef
from boardpack.metrics.result import Benchmark, MetricResult, MetricSet, Status

PER_NAME = {months: name for name, months in MONTHS.items()}


def status_of(value: float, threshold: float, direction: str, watch_band: float) -> Status | None:
    """Compare a value with the threshold it must reach (higher) or stay under (lower)."""
    if direction == "neutral":
        return None
    margin = abs(threshold) * watch_band
    if direction == "higher":
        if value >= threshold:
            return "on_target"
        return "watch" if value >= threshold - margin else "off_target"
    if value <= threshold:
        return "on_target"
    return "watch" if value <= threshold + margin else "off_target"


def target_months(metric: MetricDef, target: Target) -> int | None:
    """Months a target covers: as written, else a year for a rate or a flow; None for a point or a ratio."""
    if metric.basis not in TIMED:
        return None
    return MONTHS[target.per or "year"]


def benchmark_basis(metric: MetricDef, benchmark: Benchmark) -> str:
    """A benchmark's basis as written, else a year for a rate or a flow (as published) and none for the rest."""
    if benchmark.basis is not None:
        return benchmark.basis
    return "year" if metric.basis in TIMED else ("point" if metric.basis == "point" else "none")


def benchmark_months(metric: MetricDef, benchmark: Benchmark, period_months: int) -> int | None:
    basis = benchmark_basis(metric, benchmark)
    if metric.basis not in TIMED or basis in ("point", "none"):
        return None
    return period_months if basis == "period" else MONTHS[basis]


@dataclass(frozen=True)
class Comparison:
    """A value and the threshold it is held to, on one basis (`per`: month, quarter, year, or None)."""

    value: float
    threshold: float
    per: str | None


def compare(metric: MetricDef, value: float, threshold: float, months: int | None, period_months: int) -> Comparison:
    """Put `value` (for the period) and `threshold` (over `months`) on one basis."""
    own = metric.per_months(period_months)
    if months is None or metric.basis not in TIMED:
        return Comparison(value, threshold, None)
    if metric.basis == "rate":
        assert metric.compounds is not None
        return Comparison(convert_rate(value, metric.compounds, own, months), threshold, PER_NAME[months])
    return Comparison(value, prorate(threshold, months, own), PER_NAME[own])


def _target(metric_id: str, config: PackConfig, catalogue: Catalogue) -> Target | None:
    """The metric's own target, else that of the rate it is the equivalent of."""
    return next((t for m in catalogue.equivalents(metric_id) if (t := config.targets.get(m)) is not None), None)


def _benchmark(metric_id: str, catalogue: Catalogue, benchmarks: dict[str, Benchmark]) -> Benchmark | None:
    """The most specific benchmark of the metric or its equivalents: a segment's own before `all`, own before theirs."""
    found = [b for m in catalogue.equivalents(metric_id) if (b := benchmarks.get(m)) is not None]
    return next((b for b in found if b.segment != "all"), found[0] if found else None)


def judge(metrics: MetricSet, config: PackConfig, catalogue: Catalogue, benchmarks: dict[str, Benchmark]) -> MetricSet:
    """Attach target, benchmark and status to every result, with the value and threshold they were compared at."""
    judged: dict[str, MetricResult] = {}
    months = metrics.period.months_count
    for metric_id, result in metrics.results.items():
        metric = catalogue.metrics[metric_id]
        target = _target(metric_id, config, catalogue)
        benchmark = _benchmark(metric_id, catalogue, benchmarks)
        if benchmark is not None:
            benchmark = replace(benchmark, basis=benchmark_basis(catalogue.metrics[benchmark.metric], benchmark))
        status: Status | None = None
        basis = None
        compared: Comparison | None = None
        if result.value is not None:
            if target is not None:
                compared = compare(metric, result.value, target.value, target_months(metric, target), months)
                basis = "target"
            elif benchmark is not None and (threshold := benchmark.threshold(metric.direction)) is not None:
                compared = compare(metric, result.value, threshold, benchmark_months(metric, benchmark, months), months)
                basis = "benchmark"
            if compared is not None:
                status = status_of(compared.value, compared.threshold, metric.direction, config.status.watch)
        judged[metric_id] = replace(
            result,
            target=target.value if target else None,
            target_per=(target.per or "year") if target and metric.basis in TIMED else None,
            benchmark=benchmark,
            status=status,
            status_basis=basis if status else None,
            compared_value=compared.value if compared and status else None,
            compared_threshold=compared.threshold if compared and status else None,
            compared_basis=compared.per if compared and status else None,
        )
    return replace(metrics, results=judged)
