"""Retention: net and gross revenue retention over the trend periods, and the churn figures."""

from __future__ import annotations

from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.trends import milestone_marks

FIGURES = ("customer_churn_rate", "annual_churn_rate", "revenue_churn_rate", "net_mrr_churn", "nrr", "grr")


@slide("retention", needs=("revenue",), section="retention", metrics=FIGURES)
def build(result: DeckResult) -> SlideData:
    history = result.figures.history
    series = [
        {
            "name": result.t(result.catalogue.metrics[m].label),
            "values": list(history[m]),
            "last_label": result.fmt.percent(history.last(m)),
        }
        for m in ("nrr", "grr")
        if history.shown(m)
    ]
    charts = ()
    if history.periods and series:
        data = {
            "periods": result.period_names(history.periods),
            "series": series,
            # named, not only a number: the line is where expansion exactly makes up for what churn took
            "reference": {
                "value": 1.0,
                "label": result.t("Break-even {value}").format(value=result.fmt.percent(1.0, 0)),
            },
            "free_floor": True,
            "milestones": milestone_marks(result),
        }
        charts = (result.chart("lines", "retention_trend", result.fill("retention", 7.3), data, "ratio"),)
    return result.slide("retention", figures=result.available(*FIGURES), charts=charts)
