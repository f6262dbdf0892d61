"""MRR over the trend periods, and MRR by segment and plan with each one's share, ARPU, churn and NRR."""

from __future__ import annotations

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.trends import trend_bars


@slide(
    "revenue_trend",
    needs=("revenue",),
    section="revenue",
    metrics=("mrr", "arpu", "customer_churn_rate", "nrr"),
    title=N_("MRR trend and segments"),
)
def build(result: DeckResult) -> SlideData:
    fmt, figures = result.fmt, result.figures
    missing = result.t(formatting.NOT_AVAILABLE)
    customers = figures.measure("customers_end", "segment") or {}
    tables = {}
    for dimension in ("segment", "plan"):
        shares = figures.shares[f"mrr/{dimension}"]
        shown = {
            m: dict((k, d) for k, _, d in result.views[m].breakdown.get(dimension, ()))
            for m in ("arpu", "customer_churn_rate", "nrr")
        }
        tables[f"{dimension}s"] = [
            {
                "name": key,
                "mrr": fmt.money(value, 0),
                "share": fmt.percent(shares.get(key)),
                "customers": fmt.number(customers.get(key)) if dimension == "segment" else "",
                **{m: shown[m].get(key, missing) for m in shown},
            }
            for key, value in result.metrics["mrr"].breakdown(dimension).items()
        ]
    charts = trend_bars(result, "mrr_trend", "mrr", (6.0, 4.6), "currency")
    return result.slide("revenue_trend", tables=tables, charts=charts)
