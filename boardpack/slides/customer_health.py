"""Customer health: customers by health band, usage drop alerts, and the health figures."""

from __future__ import annotations

from boardpack import formatting
from boardpack.charts import ChartSpec
from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult
from boardpack.slides.room import HEADING, bars_height

FIGURES = ("health_score", "engagement_score", "nps", "usage_change", "usage_drop_alerts")
CAPTION = 0.25  # a line under the chart: how many customers the bands cover
ALERTS_SHOWN = 5  # usage drop alerts the slide lists; the rest are in the metrics JSON
ALERTS_GIVEN_TO_STEPS = 1  # rows the list gives up when next steps take a band under it
BANDS = {"healthy": N_("Healthy"), "watch": N_("Watch"), "at_risk": N_("At risk")}


@slide(
    "customer_health",
    needs=("customers",),
    section="customer_health",
    metrics=FIGURES,
    provides=("usage_drops_more",),
)
def build(result: DeckResult) -> SlideData:
    fmt, t = result.fmt, result.t
    bands = result.metrics["health_score"].breakdown("band")
    charts: tuple[ChartSpec, ...] = ()
    captions: dict[str, str] = {}
    if bands:
        labels = {band: t(text) for band, text in BANDS.items()}
        data = {
            "categories": [labels[b] for b in bands],
            "values": list(bands.values()),
            "value_labels": [fmt.number(v) for v in bands.values()],
            "highlight": {labels["healthy"]: "best", labels["at_risk"]: "worst"},
        }
        size = result.fill("customer_health", 4.3, reserve=HEADING + CAPTION, most=bars_height(len(bands)))
        charts = (result.chart("hbar", "health_bands", size, data),)
        scored, paying = sum(bands.values()), sum((result.figures.measure("customers_end", "segment") or {}).values())
        if 0 < scored < paying:  # the bands cover the customers the table scores: the board must not read more
            captions["health_bands"] = t(N_("{scored} of the {paying} paying customers are scored.")).format(
                scored=fmt.number(scored), paying=fmt.number(paying)
            )
    alerts = result.metrics["usage_drop_alerts"].items
    figures = result.available(*FIGURES)
    if not (charts or alerts or figures):
        return None  # a month of quarterly customer rows: a title over nothing is no slide; the appendix says why
    amounts = formatting.money_column([a["mrr"] for a in alerts], result.config.currency, result.config.locale)
    drops = [
        {
            "customer": a["customer"],
            "segment": a["segment"],
            "mrr": amount,
            "usage_prior": fmt.number(a["usage_prior"]),
            "usage": fmt.number(a["usage"]),
            "change": formatting.change(a["change"], "relative", result.config.locale),
        }
        for a, amount in zip(alerts, amounts, strict=True)
    ]
    shown = ALERTS_SHOWN - (ALERTS_GIVEN_TO_STEPS if result.slide_steps.get("customer_health", ([], []))[0] else 0)
    more = max(len(drops) - shown, 0)
    more_note = result.t(N_("%(count)s more customers whose usage dropped.")) % {"count": more} if more else ""
    return result.slide(
        "customer_health",
        figures=figures,
        tables={"usage_drops": drops, "usage_drops_shown": drops[:shown]},
        charts=charts,
        captions=captions,
        values={"usage_drops_more": more, "usage_drops_more_note": more_note},
    )
