"""Judge step: benchmarks with their sources, and each metric's status."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from boardpack.benchmarks.status import judge, status_of
from boardpack.metrics.result import Benchmark

__all__ = ["BenchmarkError", "judge", "load_benchmarks", "status_of"]


class BenchmarkEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

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


def parse_benchmarks(text: str, source: str, metric_ids: set[str]) -> list[Benchmark]:
    problems: list[str] = []
    entries: list[Benchmark] = []
    try:
        raw = (yaml.safe_load(text) or {}).get("benchmarks") or []
    except yaml.YAMLError as exc:
        raise BenchmarkError(f"{source}: not valid YAML ({exc})") from None
    for index, item in enumerate(raw, start=1):
        try:
            entry = BenchmarkEntry.model_validate(item)
        except ValidationError as exc:
            problems += [f"{source}: benchmark {index}: {e['msg'].removeprefix('Value error, ')}" for e in exc.errors()]
            continue
        if entry.metric not in metric_ids:
            problems.append(f"{source}: benchmark {index}: unknown metric '{entry.metric}'")
            continue
        entries.append(Benchmark(**entry.model_dump()))
    if problems:
        raise BenchmarkError("\n".join(problems))
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
        entries += parse_benchmarks(
            user_file.read_text(encoding="utf-8"), user_file.name, set(load_catalogue().metrics)
        )
    chosen: dict[str, Benchmark] = {}
    for entry in entries:  # later entries (the user's) replace earlier ones of the same fit
        if entry.segment == segment or (entry.segment == "all" and chosen.get(entry.metric, entry).segment == "all"):
            chosen[entry.metric] = entry
    return chosen
