"""Unit economics: LTV to CAC over the trend periods, and what a customer costs and is worth."""

from __future__ import annotations

from boardpack import formatting
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.trends import milestone_marks

FIGURES = (
    "ltv",
    "cac",
    "ltv_cac_ratio",
    "cac_payback_months",
    "cac_marketing",
    "cac_lagged",
    "customer_lifetime_months",
)


@slide("unit_economics", needs=("revenue", "spend"), section="unit_economics", metrics=FIGURES)
def build(result: DeckResult) -> SlideData:
    history = result.figures.history
    charts = ()
    if history.periods and history.shown("ltv_cac_ratio"):
        series = {
            "name": "LTV:CAC",
            "values": list(history["ltv_cac_ratio"]),
            "last_label": formatting.multiple(history.last("ltv_cac_ratio"), result.config.locale),
        }
        data = {
            "periods": result.period_names(history.periods),
            "series": [series],
            "reference": {"value": 3.0, "label": result.t("3:1 rule of thumb")},
            "milestones": milestone_marks(result),
        }
        charts = (result.chart("lines", "ltv_cac_trend", result.fill("unit_economics", 7.3), data, "multiple"),)
    return result.slide("unit_economics", figures=result.available(*FIGURES), charts=charts)
