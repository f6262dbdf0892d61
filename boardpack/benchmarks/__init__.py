"""Judge step: benchmarks with their sources, and each metric's status."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from boardpack.benchmarks.status import judge, status_of
from boardpack.i18n import N_
from boardpack.inputs.report import Problem, ValidationReport, make_problem, quoted
from boardpack.inputs.textfile import read_text
from boardpack.inputs.yamlfile import YAML_EXPECTED, kind_of, parse_yaml
from boardpack.metrics.result import Benchmark

__all__ = ["BenchmarkError", "judge", "load_benchmarks", "status_of"]


class BenchmarkEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    metric: str
    source: str
    low: float | None = None
    high: float | None = None
    year: int | None = None
    segment: str = "all"
    basis: Literal["period", "month"] = "period"
    note: str = ""

    @model_validator(mode="after")
    def _bounds(self) -> BenchmarkEntry:
        if self.low is None and self.high is None:
            raise ValueError("give low, high or both")
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low {self.low} is above high {self.high}")
        return self


class BenchmarkError(Exception):
    """A benchmark file is invalid; every problem is listed, one per line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def parse_benchmarks(text: str, source: str, metric_ids: set[str]) -> list[Benchmark]:
    report = ValidationReport()
    document = parse_yaml(text, source, report, N_("a mapping with benchmarks:"), empty_ok=True)
    if document is None:
        raise BenchmarkError(report.problems)
    problems = [
        make_problem(source, None, str(key), N_("unknown key; expected {expected}"), expected="benchmarks:")
        for key in document.data
        if key != "benchmarks"
    ]
    raw = document.data.get("benchmarks") or []
    if not isinstance(raw, list):
        kind = kind_of(raw)
        problems.append(
            make_problem(source, None, "benchmarks", N_("holds {kind}; expected a list of benchmarks"), kind=kind)
        )
        raw = []
    entries: list[Benchmark] = []
    for index, item in enumerate(raw, start=1):
        try:
            entry = BenchmarkEntry.model_validate(item)
        except ValidationError as exc:
            problems += [
                make_problem(source, None, None, f"benchmark {index}: {e['msg'].removeprefix('Value error, ')}")
                for e in exc.errors()
            ]
            continue
        if entry.metric not in metric_ids:
            problems.append(
                make_problem(source, None, None, f"benchmark {index}: unknown metric '{quoted(entry.metric)}'")
            )
            continue
        entries.append(Benchmark(**entry.model_dump()))
    if problems:
        raise BenchmarkError(problems)
    return entries


@cache
def _shipped() -> tuple[Benchmark, ...]:
    from boardpack.metrics.catalogue import load_catalogue

    text = resources.files("boardpack.benchmarks").joinpath("benchmarks.yaml").read_text(encoding="utf-8")
    return tuple(parse_benchmarks(text, "benchmarks.yaml", set(load_catalogue().metrics)))


def load_benchmarks(segment: str = "all", user_file: Path | None = None) -> dict[str, Benchmark]:
    """One benchmark per metric: the segment's own, else the `all` one; the user's file wins over ours."""
    from boardpack.metrics.catalogue import load_catalogue

    entries = list(_shipped())
    if user_file is not None:
        report = ValidationReport()
        text = read_text(user_file, user_file.name, report, YAML_EXPECTED)
        if text is None:
            raise BenchmarkError(report.problems)
        entries += parse_benchmarks(text, user_file.name, set(load_catalogue().metrics))
    chosen: dict[str, Benchmark] = {}
    for entry in entries:  # later entries (the user's) replace earlier ones of the same fit
        if entry.segment == segment or (entry.segment == "all" and chosen.get(entry.metric, entry).segment == "all"):
            chosen[entry.metric] = entry
    return chosen
