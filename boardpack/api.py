"""The public API: load a pack, compute its metrics for a period, build its deck.

The CLI is a thin layer over these functions; a script or a notebook can call them the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from boardpack.inputs import PackInputs, PackInvalid, ValidationReport
from boardpack.inputs import load_pack as load_inputs
from boardpack.metrics import MetricSet, compute_metrics, load_catalogue
from boardpack.notes import LeadNotes, NextStep, RuleError, load_rules, next_steps, read_notes
from boardpack.periods import Period, PeriodError, parse_period

Progress = Callable[[str], None]


class PeriodUnavailable(ValueError):
    """The period asked for cannot be read, or lies outside the pack's data."""


def _optional_file(pack: PackInputs, name: str | None, key: str, report: ValidationReport) -> Path | None:
    if name is None:
        return None
    path = pack.root / name
    if not path.is_file():
        report.add("boardpack.yaml", None, key, f"'{name}' not found; expected a file in the pack folder")
        return None
    return path


def check_references(pack: PackInputs) -> ValidationReport:
    """What boardpack.yaml points at beyond the tables: target ids, benchmark and rule files, notes."""
    from boardpack.benchmarks import BenchmarkError, load_benchmarks

    catalogue = load_catalogue()
    report = ValidationReport()
    for metric_id in pack.config.targets:
        if metric_id not in catalogue.metrics:
            report.add(
                "boardpack.yaml", None, f"targets.{metric_id}", "unknown metric id; expected an id from the README"
            )
    try:
        load_benchmarks(
            pack.config.benchmark_segment, _optional_file(pack, pack.config.benchmarks, "benchmarks", report)
        )
    except BenchmarkError as exc:
        for line in str(exc).splitlines():
            report.add(line.split(": ", 1)[0], None, None, line.split(": ", 1)[1])
    try:
        load_rules(catalogue, _optional_file(pack, pack.config.rules, "rules", report))
    except RuleError as exc:
        for line in str(exc).splitlines():
            report.add(line.split(": ", 1)[0], None, None, line.split(": ", 1)[1])
    notes = read_notes(pack.root / pack.config.notes, catalogue)
    for line in notes.problems:
        file, row, message = line.split(":", 2)
        report.add(file, int(row), None, message.strip())
    return report


def load_pack(root: Path | str) -> PackInputs:
    """Read and validate a pack folder and what its settings refer to; raises `PackInvalid`."""
    pack = load_inputs(root)
    report = check_references(pack)
    if not report.ok:
        raise PackInvalid(report)
    return pack


def resolve_period(pack: PackInputs, text: str | None) -> Period:
    """`--period` if given, else `period:` in boardpack.yaml; it must overlap the pack's data."""
    fiscal_start = pack.config.fiscal_year_start
    chosen = text or pack.config.period
    if not chosen:
        raise PeriodUnavailable("no period given; pass --period (e.g. 2026-Q3) or set `period:` in boardpack.yaml")
    try:
        period = parse_period(chosen, fiscal_start)
    except PeriodError as exc:
        raise PeriodUnavailable(str(exc)) from None
    covered = pack.covered_periods()
    span = f"{covered[0]} to {covered[-1]}" if covered else "no months"
    if not covered or not any(period.contains(m) for m in covered):
        raise PeriodUnavailable(f"{period} is outside the pack's data, which covers {span}")
    months = {m.start for m in covered}
    missing = [m for m in period.months() if m.start not in months]
    if missing:
        raise PeriodUnavailable(
            f"{period} is not complete in the pack's data, which covers {span}: no table has rows for "
            f"{missing[0]}" + (f" to {missing[-1]}" if len(missing) > 1 else "")
        )
    return period


def evaluate(pack: PackInputs, period: Period) -> MetricSet:
    """Every metric for `period`, with prior period, change, target, benchmark and status."""
    from boardpack.benchmarks import judge, load_benchmarks

    catalogue = load_catalogue()
    config = pack.config
    user_benchmarks = pack.root / config.benchmarks if config.benchmarks else None
    benchmarks = load_benchmarks(config.benchmark_segment, user_benchmarks)
    return judge(compute_metrics(pack, period, catalogue), config, catalogue, benchmarks)


def lead_notes(pack: PackInputs) -> LeadNotes:
    return read_notes(pack.root / pack.config.notes, load_catalogue())


def steps(pack: PackInputs, metrics: MetricSet) -> dict[str, list[NextStep]]:
    """Next steps per section: the lead's notes, then the rules whose condition holds."""
    catalogue = load_catalogue()
    config = pack.config
    rules = load_rules(catalogue, pack.root / config.rules if config.rules else None)
    return next_steps(metrics, catalogue, rules, lead_notes(pack), config.currency, config.locale)


def metrics_json(metrics: MetricSet, next_steps_by_section: dict[str, list[NextStep]] | None = None) -> str:
    data = metrics.as_json()
    if next_steps_by_section is not None:
        data["next_steps"] = {
            section: [
                {"source": s.source, "metric": s.metric, "rule": s.rule, "text": s.text, "html": s.html} for s in items
            ]
            for section, items in next_steps_by_section.items()
        }
    return json.dumps(data, indent=2, ensure_ascii=False)


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    pages: int
    warnings: list[str]


def build_deck(
    pack: PackInputs,
    period: Period,
    out: Path,
    today: date | None = None,
    progress: Progress | None = None,
    parallel: bool = True,
) -> BuildResult:
    """Compute, draw and lay out the deck for `period` into the PDF `out`."""
    from boardpack.render.deck import render_deck

    say = progress or (lambda _step: None)
    say("Computing metrics")
    metrics = evaluate(pack, period)
    return render_deck(pack, metrics, steps(pack, metrics), out, today or date.today(), say, parallel)


__all__ = [
    "BuildResult",
    "PeriodUnavailable",
    "build_deck",
    "check_references",
    "evaluate",
    "lead_notes",
    "load_pack",
    "metrics_json",
    "resolve_period",
    "steps",
]
