"""Recurring revenue: the MRR bridge from the period's start to its end, and the revenue figures."""

from __future__ import annotations

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult

FIGURES = ("mrr", "arr", "net_new_mrr", "mrr_growth", "arpu", "quick_ratio", "revenue", "sales_growth")


@slide("revenue", needs=("revenue",), section="revenue", metrics=FIGURES, title=N_("MRR bridge"))
def build(result: DeckResult) -> SlideData:
    bridge = result.figures.bridge
    config = result.config
    # one style for every label of the bridge: €589.9K, +€1.9K, −€5.0K (never +€1,940 beside +€17.4K)
    totals = formatting.series([s.value for s in bridge], "currency", config.currency, config.locale)
    moves = formatting.series([s.value for s in bridge], "currency", config.currency, config.locale, signed=True)
    steps = [
        {"label": result.t(s.label), "value": s.value, "total": s.total, "value_label": total if s.total else move}
        for s, total, move in zip(bridge, totals, moves, strict=True)
    ]
    charts = (result.chart("waterfall", "mrr_bridge", (7.4, 4.4), {"steps": steps}, "currency"),) if steps else ()
    return result.slide("revenue", figures=result.available(*FIGURES), charts=charts)
