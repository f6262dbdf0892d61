"""The public API: load a pack, compute its metrics for a period, build its deck.

The CLI is a thin layer over these functions; a script or a notebook can call them the same way.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from boardpack.inputs import PackInputs, load_pack
from boardpack.metrics import MetricSet, compute_metrics, load_catalogue
from boardpack.periods import Period, PeriodError, parse_period

Progress = Callable[[str], None]


class PeriodUnavailable(ValueError):
    """The period asked for cannot be read, or lies outside the pack's data."""


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
    return judge(compute_metrics(pack, period, catalogue), pack.config, catalogue, load_benchmarks())


def metrics_json(metrics: MetricSet) -> str:
    return json.dumps(metrics.as_json(), indent=2, ensure_ascii=False)


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
    return render_deck(pack, metrics, out, today or date.today(), say, parallel)


__all__ = [
    "BuildResult",
    "PeriodUnavailable",
    "build_deck",
    "evaluate",
    "load_pack",
    "metrics_json",
    "resolve_period",
]
