"""Restated figures: numbers reported in an earlier pack that the data now gives differently.

A late invoice or a corrected CRM export changes a past period. The previous pack's metrics JSON
holds what the board was told for its period and the period before; recomputing both from today's
data and comparing them value by value shows every figure that moved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from boardpack.inputs.pack import PackInputs
from boardpack.inputs.report import ProblemsFound
from boardpack.metrics.catalogue import Catalogue
from boardpack.metrics.engine import Evaluation
from boardpack.periods import Period, PeriodError, parse_period

TOLERANCE = 1e-6  # relative: rounding in JSON is not a restatement


@dataclass(frozen=True)
class Restatement:
    metric: str
    period: str
    reported: float | None
    now: float | None

    @property
    def change(self) -> float | None:
        if self.reported is None or self.now is None:
            return None
        return self.now - self.reported

    def as_json(self) -> dict[str, Any]:
        return {
            "metric": self.metric,
            "period": self.period,
            "reported": self.reported,
            "now": self.now,
            "change": self.change,
        }


class PreviousPackError(ProblemsFound):
    """The previous pack's metrics JSON cannot be read or is not one; the problem names the file."""


def _differs(reported: float | None, now: float | None) -> bool:
    if reported is None or now is None:
        return reported is not now
    return not math.isclose(reported, now, rel_tol=TOLERANCE, abs_tol=1e-9)


def _figure(value: Any) -> bool:
    """A figure as a metrics JSON holds it: a finite number, or null for one that could not be computed."""
    return value is None or (isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value))


def _periods(previous: Any, pack: PackInputs, source: str) -> tuple[Period, Period, dict[str, Any]]:
    """The previous pack's period, prior period and metrics, each checked before any is compared.

    A JSON of another company, or one edited by hand, would otherwise list every figure as restated,
    or stop the build with a traceback on a figure written as text.
    """
    if not isinstance(previous, dict):
        raise PreviousPackError.about(source, f"found a {type(previous).__name__}; expected a boardpack metrics JSON")
    found: dict[str, Period] = {}
    for key in ("period", "prior_period"):
        try:
            found[key] = parse_period(str(previous[key]), pack.config.fiscal_year_start)
        except KeyError:
            raise PreviousPackError.about(source, "missing; expected a boardpack metrics JSON", key) from None
        except PeriodError as exc:
            raise PreviousPackError.about(source, str(exc), key) from None
    covered = pack.covered_periods()
    if not any(found["period"].contains(month) for month in covered):
        span = f"{covered[0]} to {covered[-1]}" if covered else "no months"
        raise PreviousPackError.about(
            source,
            f"{found['period']} is outside the pack's data, which covers {span}; "
            "expected the metrics JSON of an earlier deck of this pack",
            "period",
        )
    metrics = previous.get("metrics")
    if not isinstance(metrics, dict):
        raise PreviousPackError.about(source, "missing or not a mapping; expected a boardpack metrics JSON", "metrics")
    currency = previous.get("currency")
    if currency != pack.config.currency:
        raise PreviousPackError.about(
            source,
            f"{currency}; expected {pack.config.currency}, the pack currency (a metrics JSON of another pack?)",
            "currency",
        )
    for metric_id, entry in metrics.items():
        for field in ("value", "prior"):
            value = entry.get(field) if isinstance(entry, dict) else entry
            if not _figure(value):
                raise PreviousPackError.about(
                    source, f"{str(value)[:60]!r}; expected a number or null", f"metrics.{metric_id}.{field}"
                )
    return found["period"], found["prior_period"], metrics


def restatements(
    pack: PackInputs, catalogue: Catalogue, previous: Any, source: str = "the previous metrics JSON"
) -> list[Restatement]:
    """Every metric of the previous pack's period and prior period whose value has changed since."""
    reported_period, prior_period, reported_metrics = _periods(previous, pack, source)
    found: list[Restatement] = []
    for period, field in ((prior_period, "prior"), (reported_period, "value")):
        evaluation = Evaluation(pack, period, catalogue)
        for metric_id, entry in reported_metrics.items():
            if metric_id not in catalogue.metrics or not isinstance(entry, dict):
                continue
            reported = entry.get(field)
            now = evaluation.evaluate(metric_id).value
            if reported is None and now is not None:
                continue  # not reported then (no data yet): nothing was restated
            if _differs(reported, now):
                found.append(Restatement(metric_id, period.label, reported, now))
    return found
