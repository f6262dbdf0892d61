"""Customers at risk: every customer whose health score is below the at-risk line, largest MRR first."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult


@slide(
    "at_risk",
    needs=("customers",),
    section="customer_health",
    metrics=("health_score",),
    title=N_("Customers at risk"),
    question=N_("Health score below the at-risk line, largest MRR first."),
    provides=("at_risk_count",),
)
def build(result: DeckResult) -> SlideData | None:
    fmt = result.fmt
    rows = [
        {
            "customer": a["customer"],
            "segment": a["segment"],
            "mrr": fmt.money(a["mrr"]),
            "score": fmt.number(a["score"]),
            "tickets": fmt.number(a["tickets"]),
            "nps": fmt.number(a["nps"]) if a["nps"] is not None else "–",
            "billing_issues": fmt.number(a["billing_issues"]),
        }
        for a in result.metrics["health_score"].items
    ]
    if not rows:
        return None
    total = fmt.money(result.figures.totals["at_risk_mrr"], 0)
    return result.slide("at_risk", tables={"at_risk": rows, "at_risk_mrr": total}, values={"at_risk_count": len(rows)})
