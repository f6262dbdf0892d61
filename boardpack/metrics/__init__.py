"""Compute step: the metric catalogue evaluated for a period."""

from boardpack.metrics.catalogue import Catalogue, MetricDef, load_catalogue
from boardpack.metrics.engine import compute_history, compute_metrics
from boardpack.metrics.result import Benchmark, MetricResult, MetricSet

__all__ = [
    "Benchmark",
    "Catalogue",
    "MetricDef",
    "MetricResult",
    "MetricSet",
    "compute_history",
    "compute_metrics",
    "load_catalogue",
]
