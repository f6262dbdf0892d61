"""Status of a metric: on target, watch or off target, against its target or else a benchmark.

A target set by the company wins over an industry benchmark: the board holds the team to its own
plan first. The `watch` band is relative to the threshold, so 10% means "within 10% of the goal".
"""

from __future__ import annotations

from dataclasses import replace

from boardpack.inputs.config import PackConfig
from boardpack.metrics.catalogue import Catalogue
from boardpack.metrics.formulas import monthly_rate
from boardpack.metrics.result import Benchmark, MetricResult, MetricSet, Status


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


def judge(metrics: MetricSet, config: PackConfig, catalogue: Catalogue, benchmarks: dict[str, Benchmark]) -> MetricSet:
    """Attach target, benchmark and status to every result."""
    judged: dict[str, MetricResult] = {}
    for metric_id, result in metrics.results.items():
        metric = catalogue.metrics[metric_id]
        target = config.targets.get(metric_id)
        benchmark = benchmarks.get(metric_id)
        status: Status | None = None
        basis = None
        if result.value is not None:
            if target is not None:
                status, basis = status_of(result.value, target, metric.direction, config.status.watch), "target"
            elif benchmark is not None and (threshold := benchmark.threshold(metric.direction)) is not None:
                value = result.value
                if benchmark.basis == "month":
                    value = monthly_rate(value, metrics.period.months_count)
                status, basis = status_of(value, threshold, metric.direction, config.status.watch), "benchmark"
        judged[metric_id] = replace(
            result, target=target, benchmark=benchmark, status=status, status_basis=basis if status else None
        )
    return replace(metrics, results=judged)
