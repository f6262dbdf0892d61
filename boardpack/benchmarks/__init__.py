"""Judge step: benchmarks with their sources, and each metric's status."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from boardpack.benchmarks.status import judge, status_of
from boardpack.metrics.result import Benchmark

__all__ = ["judge", "load_benchmarks", "status_of"]


@cache
def load_benchmarks() -> dict[str, Benchmark]:
    """The shipped benchmark set, one per metric id."""
    text = resources.files("boardpack.benchmarks").joinpath("benchmarks.yaml").read_text(encoding="utf-8")
    return {entry["metric"]: Benchmark(**entry) for entry in yaml.safe_load(text)["benchmarks"]}
