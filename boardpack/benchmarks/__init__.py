"""Judge step: benchmarks with their sources, and each metric's status."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from boardpack.benchmarks.status import judge, status_of
from boardpack.i18n import N_
from boardpack.inputs.report import ProblemsFound, ValidationReport, make_problem, quoted
from boardpack.inputs.textfile import read_text
from boardpack.inputs.yamlfile import YAML_EXPECTED, parse_list
from boardpack.metrics.catalogue import MetricDef
from boardpack.metrics.result import Benchmark

__all__ = ["BenchmarkError", "judge", "load_benchmarks", "status_of"]


_MODEL = TypeAdapter(Benchmark)
_FIELDS = "metric, source, low, high, year, segment, basis, note"


def _said(error: Any) -> str:
    """One pydantic error as a message naming the key: `low: Input should be a valid number`."""
    key = ".".join(str(part) for part in error["loc"])
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "unexpected_keyword_argument":
        message = f"unknown key; expected {_FIELDS}"
    elif error["type"] == "dataclass_type":
        message = "expected a mapping of " + _FIELDS
    return f"{key}: {message}" if key else message


class BenchmarkError(ProblemsFound):
    """A benchmark file is invalid; every problem names the file."""


_FITTING = {
    "rate": ("month", "quarter", "year", "period"),
    "flow": ("month", "quarter", "year", "period"),
    "point": ("point", "none"),
    "ratio": ("none", "point"),
}
_EXPECTED = {
    "rate": "month, quarter or year (the period its figure covers)",
    "flow": "month, quarter or year (the period its figure covers)",
    "point": "point, or no basis",
    "ratio": "none, or no basis",
}


def basis_problem(entry: Benchmark, metric: MetricDef) -> str | None:
    """Why a benchmark's basis cannot be that of its metric: a ratio per year, a churn rate at a point in time."""
    if entry.basis is None or entry.basis in _FITTING[metric.basis]:
        return None
    return (
        f"basis: '{entry.basis}' does not fit {metric.id}, a {metric.basis} metric; expected {_EXPECTED[metric.basis]}"
    )


def parse_benchmarks(text: str, source: str, metrics: Mapping[str, MetricDef]) -> list[Benchmark]:
    expected = (N_("a mapping with benchmarks:"), N_("holds {kind}; expected a list of benchmarks"))
    raw, problems = parse_list(text, source, "benchmarks", *expected)
    entries: list[Benchmark] = []
    for index, item in enumerate(raw, start=1):
        try:
            entry = _MODEL.validate_python(item)
        except ValidationError as exc:
            problems += [make_problem(source, None, None, f"benchmark {index}: {_said(e)}") for e in exc.errors()]
            continue
        if entry.metric not in metrics:
            problems.append(
                make_problem(source, None, None, f"benchmark {index}: unknown metric '{quoted(entry.metric)}'")
            )
            continue
        if reason := basis_problem(entry, metrics[entry.metric]):
            problems.append(make_problem(source, None, None, f"benchmark {index}: {reason}"))
            continue
        entries.append(entry)
    if problems:
        raise BenchmarkError(problems)
    return entries


@cache
def _shipped() -> tuple[Benchmark, ...]:
    from boardpack.metrics.catalogue import load_catalogue

    text = resources.files("boardpack.benchmarks").joinpath("benchmarks.yaml").read_text(encoding="utf-8")
    return tuple(parse_benchmarks(text, "benchmarks.yaml", load_catalogue().metrics))


def load_benchmarks(segment: str = "all", user_file: Path | None = None) -> dict[str, Benchmark]:
    """One benchmark per metric: the segment's own, else the `all` one; the user's file wins over ours."""
    from boardpack.metrics.catalogue import load_catalogue

    entries = list(_shipped())
    if user_file is not None:
        report = ValidationReport()
        text = read_text(user_file, user_file.name, report, YAML_EXPECTED)
        if text is None:
            raise BenchmarkError(report.problems)
        entries += parse_benchmarks(text, user_file.name, load_catalogue().metrics)
    chosen: dict[str, Benchmark] = {}
    for entry in entries:  # later entries (the user's) replace earlier ones of the same fit
        if entry.segment == segment or (entry.segment == "all" and chosen.get(entry.metric, entry).segment == "all"):
            chosen[entry.metric] = entry
    return chosen
