"""Recurring revenue: the MRR bridge from the period's start to its end, and the revenue figures."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult

FIGURES = ("mrr", "arr", "net_new_mrr", "mrr_growth", "arpu", "quick_ratio", "revenue", "sales_growth")


@slide("revenue", needs=("revenue",), section="revenue", metrics=FIGURES, title=N_("MRR bridge"))
def build(result: DeckResult) -> SlideData:
    steps = []
    for step in result.figures.bridge:
        text = result.fmt.money_short(abs(step.value))
        label = text if step.total else ("+" if step.value >= 0 else "−") + text
        steps.append({"label": result.t(step.label), "value": step.value, "total": step.total, "value_label": label})
    charts = (result.chart("waterfall", "mrr_bridge", (7.4, 4.4), {"steps": steps}, "currency"),) if steps else ()
    return result.slide("revenue", figures=result.available(*FIGURES), charts=charts)
