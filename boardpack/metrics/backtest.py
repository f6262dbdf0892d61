"""The forecast's track record: the same method run from earlier months, against what then happened.

From every earlier month with enough history before it and a quarter after it, the method forecasts
one quarter (three months) ahead from the window that ended there; the error is the forecast's distance
from the MRR the company then had, as a share of it (its mean is the MAPE), and the hit rate the share
of those quarters that ended inside the range. Open pipeline is not used here: the table holds today's
snapshot, not the one each earlier month had.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from boardpack.metrics.forecast import MIN_MONTHS, Month, fit, project, scatter

AHEAD = 3  # months: the error is one quarter ahead
MIN_ORIGINS = 3  # earlier forecasts below which no track record is given


@dataclass(frozen=True)
class Backtest:
    """Each earlier forecast (origin month, forecast, low, high, actual) and what they add up to."""

    forecasts: tuple[tuple[str, float, float, float, float], ...] = ()

    @property
    def enough(self) -> bool:
        return len(self.forecasts) >= MIN_ORIGINS

    @property
    def mape(self) -> float | None:
        if not self.enough:
            return None
        return statistics.fmean(abs(f - actual) / actual for _, f, _, _, actual in self.forecasts if actual)

    @property
    def hit_rate(self) -> float | None:
        if not self.enough:
            return None
        slack = 1e-9  # a range of no width (months without scatter) still holds its own outcome
        inside = [low * (1 - slack) <= actual <= high * (1 + slack) for _, _, low, high, actual in self.forecasts]
        return sum(inside) / len(inside)

    def as_json(self) -> dict[str, object]:
        return {
            "months_ahead": AHEAD,
            "origins": len(self.forecasts),
            "mape": self.mape,
            "hit_rate": self.hit_rate,
            "forecasts": [
                {"origin": o, "central": f, "low": lo, "high": hi, "actual": a} for o, f, lo, hi, a in self.forecasts
            ],
        }


def backtest(months: list[Month], window: int, level: float) -> Backtest:
    """Forecasts from each origin that has MIN_MONTHS months before it and AHEAD months after it."""
    found = []
    for origin in range(MIN_MONTHS, len(months) - AHEAD + 1):
        seen = months[max(0, origin - window) : origin]
        rates = fit(seen)
        path = project(seen[-1].end, rates, [""] * AHEAD, scatter(seen, rates), level)
        central, low, high = path.at(AHEAD)
        found.append((seen[-1].label, central, low, high, months[origin + AHEAD - 1].end))
    return Backtest(tuple(found))
