"""What to expect: the MRR forecast, its track record, the open pipeline and the year's target, for a period.

Computed once per evaluation from the MRR movements the measures already give per month (the same
numbers as the MRR bridge), so the forecast and the bridge cannot disagree about the past.
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from boardpack.i18n import N_
from boardpack.metrics.backtest import Backtest, backtest
from boardpack.metrics.basis import MONTHS, convert_rate
from boardpack.metrics.forecast import MIN_MONTHS, Month, Path, Rates, fit, project, scatter, with_churn
from boardpack.metrics.measures import Unavailable
from boardpack.metrics.pipeline_forecast import Pipeline, open_pipeline, stage_rates
from boardpack.periods import Period, month_from_index, month_index, parse_period

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation

HISTORY_MONTHS = 12  # actual months drawn before the forecast
_FUNNEL_MEASURES = {"sqls": "sqls", "opportunities": "opportunities", "quotes": "funnel.quotes"}
_MOVEMENTS = ("new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr")


@dataclass(frozen=True)
class Reason:
    """Why a part of the outlook is left out: a message template with named values, translated by the deck."""

    template: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return self.template.format(**dict(self.params))

    def localized(self, t: Any) -> str:
        return t(self.template).format(**dict(self.params))


def _reason(template: str, **params: object) -> Reason:
    return Reason(template, tuple((k, str(v)) for k, v in params.items()))


@dataclass(frozen=True)
class YearEnd:
    """Where the central path lands at the fiscal year's end, against the year's target."""

    year: str
    months_ahead: int
    landing_mrr: float
    low_mrr: float
    high_mrr: float
    target_arr: float | None
    needed_monthly: float | None  # net new MRR a month from now to the year's end that reaches the target
    path_monthly: float  # net new MRR a month on the central path
    churn_target: float | None = None  # monthly churn share the customer churn target comes to
    arr_if_churn_at_target: float | None = None
    sensitivity_reason: Reason | None = None

    @property
    def landing_arr(self) -> float:
        return self.landing_mrr * 12

    @property
    def gap_arr(self) -> float | None:
        return self.target_arr - self.landing_arr if self.target_arr is not None else None

    @property
    def churn_uplift_arr(self) -> float | None:
        return self.arr_if_churn_at_target - self.landing_arr if self.arr_if_churn_at_target is not None else None

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "months_ahead": self.months_ahead,
            "landing_mrr": self.landing_mrr,
            "landing_arr": self.landing_arr,
            "low_arr": self.low_mrr * 12,
            "high_arr": self.high_mrr * 12,
            "target_arr": self.target_arr,
            "gap_arr": self.gap_arr,
            "needed_net_new_mrr_per_month": self.needed_monthly,
            "path_net_new_mrr_per_month": self.path_monthly,
            "sensitivity": {
                "churn_rate_at_target": self.churn_target,
                "arr_if_churn_at_target": self.arr_if_churn_at_target,
                "arr_uplift": self.churn_uplift_arr,
                "reason": self.sensitivity_reason.text if self.sensitivity_reason else None,
            },
        }


@dataclass(frozen=True)
class Outlook:
    """The forecast of a period, or the reason there is none; each part carries its own reason too."""

    reason: Reason | None = None
    window: int = 0
    level: float = 0.8
    origin: str = ""
    start_mrr: float = 0.0
    history: tuple[tuple[str, float], ...] = ()
    rates: Rates | None = None
    sigma: float = 0.0
    path: Path | None = None
    quarters: tuple[tuple[str, int], ...] = ()  # each quarter ahead and its months ahead at its end
    new_from_pipeline: bool = False
    pipeline: Pipeline | None = None
    pipeline_reason: Reason | None = None
    track: Backtest = field(default_factory=Backtest)
    year: YearEnd | None = None
    year_reason: Reason | None = None

    @property
    def available(self) -> bool:
        return self.path is not None

    def as_json(self) -> dict[str, Any]:
        if self.path is None or self.rates is None:
            return {"available": False, "reason": self.reason.text if self.reason else None}
        path = self.path
        return {
            "available": True,
            "reason": None,
            "method": "trailing_means",
            "range": "prediction_interval",
            "origin": self.origin,
            "start_mrr": self.start_mrr,
            "window_months": self.rates.months,
            "level": self.level,
            "rates": self.rates.as_json(),
            "residual_sd": self.sigma,
            "new_mrr_next_quarter_from": "pipeline" if self.new_from_pipeline else "trailing_mean",
            "months": [
                {"month": label, "mrr": c, "low": lo, "high": hi}
                for label, c, lo, hi in zip(path.labels, path.central, path.low, path.high, strict=True)
            ],
            "quarters": [
                {"quarter": label, "mrr": path.at(ahead)[0], "low": path.at(ahead)[1], "high": path.at(ahead)[2]}
                for label, ahead in self.quarters
            ],
            "backtest": self.track.as_json(),
            "pipeline": self.pipeline.as_json() if self.pipeline else None,
            "pipeline_reason": self.pipeline_reason.text if self.pipeline_reason else None,
            "year_end": self.year.as_json() if self.year else None,
            "year_end_reason": self.year_reason.text if self.year_reason else None,
        }


_CACHE: weakref.WeakKeyDictionary[Evaluation, Outlook] = weakref.WeakKeyDictionary()


def outlook_of(ev: Evaluation) -> Outlook:
    """The evaluation's outlook, computed on first use: the tile, the gap and the slide read one object."""
    if ev not in _CACHE:
        _CACHE[ev] = compute_outlook(ev)
    return _CACHE[ev]


def monthly_movements(ev: Evaluation) -> list[Month]:
    """The months up to the period's end that have all five movements and open with MRR, the unbroken run
    ending last."""
    if not ev.pack.has("revenue"):
        return []
    first = min(row.month.start for row in ev.pack.rows("revenue"))
    months: list[Month] = []
    for index in range(first, ev.period.end + 1):
        at = ev.at(Period(index, "month", ev.period.fiscal_start))
        try:
            values = [float(at.measure(name)) for name in ("mrr_start", *_MOVEMENTS)]  # type: ignore[arg-type]
        except Unavailable:
            months = []
            continue
        start, new, expansion, contraction, churn, reactivation = values
        if start <= 0:  # the first month billed, its opening balance recorded as new MRR: no movement to learn from
            months = []
            continue
        months.append(Month(at.period.label, start, new, expansion, contraction, churn, reactivation))
    return months


def _quarter_of(month: int, fiscal_start: int) -> Period:
    offset = (month_from_index(month)[1] - fiscal_start) % 3
    return Period(month - offset, "quarter", fiscal_start)


def _fiscal_year(ev: Evaluation) -> Period:
    fiscal_start = ev.period.fiscal_start
    target = ev.pack.config.forecast.target
    if target is not None and target.year is not None:
        return parse_period("FY" + str(target.year).upper().removeprefix("FY"), fiscal_start)
    year, month = month_from_index(ev.period.end + 1)
    start = month_index(year if month >= fiscal_start else year - 1, fiscal_start)
    return Period(start, "year", fiscal_start)


def _funnel_rates(ev: Evaluation, window: int) -> dict[str, float | None]:
    """Won ÷ entries at each funnel stage over the periods covering the window: the fallback win rates."""
    periods = ev.period.history(max(1, math.ceil(window / ev.period.months_count)))
    rates: dict[str, float | None] = {}
    for stage, measure in _FUNNEL_MEASURES.items():
        won = entered = 0.0
        for period in periods:
            try:
                at = ev.at(period)
                entries, wins = float(at.measure(measure)), float(at.measure("won"))  # type: ignore[arg-type]
            except Unavailable:
                continue
            entered, won = entered + entries, won + wins
        rates[stage] = min(won / entered, 1.0) if entered > 0 else None
    return rates


def _pipeline(ev: Evaluation, quarter: Period, window: int) -> tuple[Pipeline | None, Reason | None]:
    if not ev.pack.has("opportunities"):
        return None, _reason(N_("the pack has no opportunities table (data/opportunities.csv)"))
    settings = ev.pack.config.forecast
    rows = list(ev.pack.rows("opportunities"))
    year, month = month_from_index(ev.period.end - window + 1)
    since = Period(month_index(year, month), "month").first_day
    rates = stage_rates(rows, settings.stages, ev.as_of, since, _funnel_rates(ev, window))
    per_month = 1 / 12 if settings.amount == "acv" else 1.0
    found = open_pipeline(rows, quarter, ev.as_of, rates, settings.new_business.get(quarter.label), per_month)
    if found.target is None:
        return found, _reason(N_("no new-business target for {quarter}"), quarter=quarter)
    return found, None


def _churn_target(ev: Evaluation, mrr_churn: float) -> float | None:
    """The monthly share of MRR lost to churn if customer churn met its target (per year unless it says
    otherwise).

    The target counts customers and the forecast's churn is a share of MRR, so the MRR share is scaled by
    the target over the period's own customer churn, both monthly: customers keep the size mix they have.
    Without a customer churn figure for the period, the target is read as an MRR share directly.
    """
    targets = ev.pack.config.targets
    if (target := targets.get("customer_churn_rate")) is not None:
        wanted = convert_rate(target.value, "loss", MONTHS[target.per or "year"], 1)
    elif (target := targets.get("annual_churn_rate")) is not None:
        wanted = convert_rate(target.value, "loss", 12, 1)
    else:
        return None
    actual = ev.evaluate("customer_churn_rate").value
    if actual is None or actual <= 0:
        return wanted
    return mrr_churn * wanted / convert_rate(actual, "loss", ev.period.months_count, 1)


def _year_end(ev: Evaluation, outlook: Outlook, new_by_month: dict[int, float]) -> tuple[YearEnd | None, Reason | None]:
    assert outlook.path is not None and outlook.rates is not None
    fiscal_year = _fiscal_year(ev)
    ahead = fiscal_year.end - ev.period.end
    if ahead <= 0:
        return None, _reason(N_("the fiscal year {year} ends by {period}"), year=fiscal_year, period=ev.period)
    if ahead > len(outlook.path.central):
        return None, _reason(
            N_("the fiscal year {year} ends beyond the {quarters} quarters forecast"),
            year=fiscal_year,
            quarters=ev.pack.config.forecast.quarters,
        )
    central, low, high = outlook.path.at(ahead)
    target = ev.pack.config.forecast.target
    target_arr = target.arr_value if target is not None else None
    year = YearEnd(
        year=fiscal_year.label,
        months_ahead=ahead,
        landing_mrr=central,
        low_mrr=low,
        high_mrr=high,
        target_arr=target_arr,
        needed_monthly=(target_arr / 12 - outlook.start_mrr) / ahead if target_arr is not None else None,
        path_monthly=(central - outlook.start_mrr) / ahead,
    )
    churn = _churn_target(ev, outlook.rates.churn)
    if churn is None:
        return year, None
    if churn >= outlook.rates.churn:
        reason = _reason(N_("churn is already at or below its target"))
        return YearEnd(**{**year.__dict__, "churn_target": churn, "sensitivity_reason": reason}), None
    alternative = project(
        outlook.start_mrr, with_churn(outlook.rates, churn), list(outlook.path.labels), 0.0, 0.8, new_by_month
    )
    arr = alternative.central[ahead - 1] * 12
    return YearEnd(**{**year.__dict__, "churn_target": churn, "arr_if_churn_at_target": arr}), None


def compute_outlook(ev: Evaluation) -> Outlook:
    settings = ev.pack.config.forecast
    months = monthly_movements(ev)
    if len(months) < MIN_MONTHS:
        return Outlook(
            _reason(
                N_("{count} months of MRR movements up to {period}; a forecast needs at least {needed}"),
                count=len(months),
                period=ev.period,
                needed=MIN_MONTHS,
            )
        )
    window = months[-settings.window :]
    rates = fit(window)
    sigma = scatter(window, rates)
    current = _quarter_of(ev.period.end, ev.period.fiscal_start)
    quarters = [current.shift(i) for i in range(1, settings.quarters + 1)]
    labels = [Period(i, "month").label for i in range(ev.period.end + 1, quarters[-1].end + 1)]
    pipeline, pipeline_reason = _pipeline(ev, quarters[0], settings.window)
    new_by_month: dict[int, float] = {}
    if pipeline is not None and pipeline.weighted_mrr is not None:
        first = quarters[0].start - ev.period.end - 1
        new_by_month = {first + i: pipeline.weighted_mrr / 3 for i in range(3)}
    start = months[-1].end
    path = project(start, rates, labels, sigma, settings.level, new_by_month)
    outlook = Outlook(
        window=settings.window,
        level=settings.level,
        origin=months[-1].label,
        start_mrr=start,
        history=tuple((m.label, m.end) for m in months[-HISTORY_MONTHS:]),
        rates=rates,
        sigma=sigma,
        path=path,
        quarters=tuple((q.label, q.end - ev.period.end) for q in quarters),
        new_from_pipeline=bool(new_by_month),
        pipeline=pipeline,
        pipeline_reason=pipeline_reason,
        track=backtest(months, settings.window, settings.level),
    )
    year, year_reason = _year_end(ev, outlook, new_by_month)
    return Outlook(**{**outlook.__dict__, "year": year, "year_reason": year_reason})
