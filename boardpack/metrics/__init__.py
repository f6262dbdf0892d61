"""Compute step: the metric catalogue evaluated for a period."""

from boardpack.metrics.catalogue import Catalogue, MetricDef, load_catalogue
from boardpack.metrics.engine import Evaluation, compute_metrics
from boardpack.metrics.result import Benchmark, MetricResult, MetricSet

__all__ = [
    "Benchmark",
    "Catalogue",
    "Evaluation",
    "MetricDef",
    "MetricResult",
    "MetricSet",
    "compute_metrics",
    "load_catalogue",
]
