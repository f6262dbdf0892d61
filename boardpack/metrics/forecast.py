"""The MRR forecast: the company's own monthly movements over a trailing window, carried forward.

Each month ahead opens with the MRR the month before closed with, and moves by the window's averages:
new MRR and reactivation as amounts, expansion, contraction and churn as shares of the opening MRR.
Every part of the path is one sentence ("new MRR of €21K a month, churn of 1.2% of MRR a month, ...").
Currency effects are not movements of the business and stay out of it.

The range is a prediction interval: the months of the window scatter around what the averages say
(their residuals, as a share of the opening MRR); over h months ahead the scatter adds up (h), and so
does the error of the averages themselves (h²/window), read with Student's t for the window's size.
It holds the outcome as often as `forecast.level` says when the months are alike and independent;
`backtest.py` says how often it did.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, replace

MIN_MONTHS = 6  # months of movements below which no forecast is made
PARTS = ("new", "expansion", "contraction", "churn", "reactivation")


@dataclass(frozen=True)
class Month:
    """One month's MRR movements: `start` is the MRR it opened with, `end` the MRR it closed with."""

    label: str
    start: float
    new: float
    expansion: float
    contraction: float
    churn: float
    reactivation: float

    @property
    def net(self) -> float:
        return self.new + self.expansion + self.reactivation - self.contraction - self.churn

    @property
    def end(self) -> float:
        return self.start + self.net


@dataclass(frozen=True)
class Rates:
    """The averages the path moves by: amounts a month (new, reactivation) and shares of opening MRR."""

    new: float
    reactivation: float
    expansion: float
    contraction: float
    churn: float
    months: int  # months averaged

    def step(self, mrr: float, new: float | None = None) -> float:
        """The next month's closing MRR from this month's opening MRR (`new` replaces the average)."""
        added = self.new if new is None else new
        return mrr * (1 + self.expansion - self.contraction - self.churn) + added + self.reactivation

    def predicted(self, month: Month) -> float:
        """What the averages say the month's net movement was, from its own opening MRR."""
        return self.step(month.start) - month.start

    def as_json(self) -> dict[str, float | int]:
        return {
            "new_mrr": self.new,
            "reactivation_mrr": self.reactivation,
            "expansion_rate": self.expansion,
            "contraction_rate": self.contraction,
            "churn_rate": self.churn,
            "months": self.months,
        }


def _share(amount: float, base: float) -> float:
    return amount / base if base > 0 else 0.0


def fit(months: list[Month]) -> Rates:
    """The window's averages: a plain mean of each month's amount or share, so each is one sentence."""
    return Rates(
        new=statistics.fmean(m.new for m in months),
        reactivation=statistics.fmean(m.reactivation for m in months),
        expansion=statistics.fmean(_share(m.expansion, m.start) for m in months),
        contraction=statistics.fmean(_share(m.contraction, m.start) for m in months),
        churn=statistics.fmean(_share(m.churn, m.start) for m in months),
        months=len(months),
    )


def t_quantile(p: float, freedom: int) -> float:
    """Student's t quantile by the Cornish-Fisher expansion of the normal one (Abramowitz & Stegun 26.7.5).

    Within 1% of the exact value from 4 degrees of freedom up, which is closer than the range's own
    assumptions; the standard library has the normal quantile only.
    """
    z = statistics.NormalDist().inv_cdf(p)
    v = float(freedom)
    return (
        z
        + (z**3 + z) / (4 * v)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
    )


def scatter(months: list[Month], rates: Rates) -> float:
    """How far the window's months strayed from the averages: the standard deviation of the residuals,
    each as a share of the month's opening MRR."""
    residuals = [_share(m.net - rates.predicted(m), m.start) for m in months]
    return statistics.stdev(residuals) if len(residuals) > 1 else 0.0


@dataclass(frozen=True)
class Path:
    """MRR at the end of each month ahead: the central path and the range around it."""

    labels: tuple[str, ...]
    central: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]

    def at(self, months_ahead: int) -> tuple[float, float, float]:
        i = months_ahead - 1
        return self.central[i], self.low[i], self.high[i]


def project(
    start: float,
    rates: Rates,
    labels: list[str],
    sigma: float,
    level: float,
    new_by_month: dict[int, float] | None = None,
) -> Path:
    """The central path from `start` over `labels` months, and its range at `level`.

    `new_by_month` replaces the average new MRR in the months it names (0 = the first month ahead),
    where open pipeline says what the next quarter brings.
    """
    central: list[float] = []
    low: list[float] = []
    high: list[float] = []
    quantile = t_quantile(0.5 + level / 2, max(rates.months - 1, 1))
    mrr = start
    for h, _ in enumerate(labels, start=1):
        mrr = rates.step(mrr, (new_by_month or {}).get(h - 1))
        spread = quantile * sigma * math.sqrt(h + h * h / rates.months)
        central.append(mrr)
        low.append(mrr * max(1 - spread, 0.0))
        high.append(mrr * (1 + spread))
    return Path(tuple(labels), tuple(central), tuple(low), tuple(high))


def with_churn(rates: Rates, churn: float) -> Rates:
    """The same averages with another monthly churn share: the sensitivity the board can act on."""
    return replace(rates, churn=churn)
