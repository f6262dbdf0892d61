"""Why customers leave: churned customers and lost MRR by reason, and the recovery time."""

from __future__ import annotations

from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import CHART_ROWS, DeckResult
from boardpack.slides.room import HEADING, bars_height

FIGURES = ("mrr_recovery_months", "churned_mrr", "contraction_mrr")
COLUMNS = ("reason", "customers", "customer_share", "mrr", "mrr_share")


@slide("churn", needs=("churn_reasons", "revenue"), section="churn", metrics=("churn_reasons", *FIGURES))
def build(result: DeckResult) -> SlideData | None:
    fmt, reasons = result.fmt, result.metrics["churn_reasons"]
    if reasons.value is None:  # no reasons for the period: the slide's question has no answer (the appendix says why)
        return None
    customer_share, mrr_share = reasons.breakdown("reason"), reasons.breakdown("reason_mrr")
    rows = []
    for item in reasons.items:
        row = {
            "reason": item["reason"],
            "customers": fmt.number(item["customers"]),
            "customer_share": fmt.percent(customer_share.get(item["reason"])),
            "mrr": fmt.money(item["mrr"]),
            "mrr_share": fmt.percent(mrr_share.get(item["reason"])),
        }
        row["cells"] = [row[k] for k in COLUMNS]
        rows.append(row)
    size = result.fill("churn", 5.6, reserve=HEADING, most=bars_height(min(len(mrr_share), CHART_ROWS)))
    charts, captions = result.hbar("churn_reasons", size, mrr_share, "ratio")
    return result.slide(
        "churn",
        figures=result.available(*FIGURES),
        tables={"churn_reasons": rows},
        charts=charts,
        captions=captions,
    )
