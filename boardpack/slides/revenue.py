"""Recurring revenue: the MRR bridge from the period's start to its end, and the revenue figures.

When some amounts were converted from other currencies, growth and NRR are stated twice, as finance
teams report them: as reported (exchange rates included) and at constant currency (each month's
amounts at the month before's rates); the FX movement is one of the figures.
"""

from __future__ import annotations

from typing import Any

from boardpack import formatting
from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.room import table_height

FIGURES = ("mrr", "arr", "net_new_mrr", "mrr_growth", "arpu", "quick_ratio", "revenue", "sales_growth")
FX_ONLY = ("fx_mrr", "mrr_growth_constant_currency", "nrr_with_fx")  # shown only when amounts were converted
WITH_AND_WITHOUT_FX = (
    (N_("MRR growth"), "mrr_growth", "mrr_growth_constant_currency"),
    (N_("Net revenue retention"), "nrr_with_fx", "nrr"),
)


def _constant_currency(result: DeckResult) -> list[dict[str, Any]]:
    """Growth and NRR including and excluding FX, when the period has figures converted from other currencies."""
    if result.figures.fx is None:
        return []
    views = result.views
    return [
        {"label": result.t(label), "with_fx": views[with_fx].display, "without_fx": views[without].display}
        for label, with_fx, without in WITH_AND_WITHOUT_FX
        if views[with_fx].available and views[without].available
    ]


@slide(
    "revenue",
    needs=("revenue",),
    section="revenue",
    metrics=(*FIGURES, *FX_ONLY, "nrr"),
    title=N_("MRR bridge"),
    provides=("constant_currency",),
)
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
    fx = _constant_currency(result)  # a table under the chart, in its column
    size = result.fill("revenue", 7.4, reserve=table_height(len(fx)) if fx else 0.0)
    charts = (result.chart("waterfall", "mrr_bridge", size, {"steps": steps}, "currency"),) if steps else ()
    figures = FIGURES if result.figures.fx is None else (*FIGURES[:4], "fx_mrr", *FIGURES[4:])
    return result.slide(
        "revenue",
        figures=result.available(*figures),
        charts=charts,
        values={"constant_currency": fx},
    )
