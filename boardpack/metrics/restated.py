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
from boardpack.periods import PeriodError, parse_period

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


def restatements(
    pack: PackInputs, catalogue: Catalogue, previous: dict[str, Any], source: str = "previous pack"
) -> list[Restatement]:
    """Every metric of the previous pack's period and prior period whose value has changed since.

    `source` names the file `previous` was read from, for the message when it is not a metrics JSON.
    """
    fiscal_start = pack.config.fiscal_year_start
    try:
        reported_period = parse_period(previous["period"], fiscal_start)
        prior_period = parse_period(previous["prior_period"], fiscal_start)
        reported_metrics = previous["metrics"]
        if not isinstance(reported_metrics, dict):
            raise TypeError(f"metrics holds {type(reported_metrics).__name__}, not a mapping of metric ids")
    except (KeyError, TypeError, PeriodError) as exc:
        raise PreviousPackError.about(source, f"not a boardpack metrics JSON ({exc})") from None
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
