"""Customers at risk: every customer whose health score is below the at-risk line, largest MRR first, with
what weighs on their scores and where their MRR sits beside the list.

A bare list says who; the board also asks why and how much: the weak signals (a signal that alone scores
below the at-risk line) say what to act on, the segments whose revenue is exposed. A list longer than a
slide holds shows its largest customers here and every one on the pages after it.
"""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import TABLE_ROWS, DeckResult

COLUMNS = ("customer", "segment", "mrr", "score", "tickets", "nps", "billing_issues")
SIGNALS = {
    "usage": N_("Low usage"),
    "tickets": N_("Many support tickets"),
    "nps": N_("Low NPS answer"),
    "billing": N_("Billing issues"),
}
SIGNALS_CHART = (4.6, 2.1)
SEGMENTS_CHART = (4.6, 1.7)


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
    rows = []
    for a in result.metrics["health_score"].items:
        row = {
            "customer": a["customer"],
            "segment": a["segment"],
            "mrr": fmt.money(a["mrr"]),
            "score": fmt.number(a["score"]),
            "tickets": fmt.number(a["tickets"]),
            "nps": fmt.number(a["nps"]) if a["nps"] is not None else "–",
            "billing_issues": fmt.number(a["billing_issues"]),
        }
        row["cells"] = [row[k] for k in COLUMNS]
        rows.append(row)
    if not rows:
        return None
    found = result.figures.at_risk
    signals = {result.t(SIGNALS[k]): float(n) for k, n in found.signals.items()}
    charts, captions = result.hbar("at_risk_signals", SIGNALS_CHART, signals, "count")
    segments = dict(found.segments) if len(found.segments) > 1 else {}  # one segment: one bar says nothing
    by_segment, more = result.hbar("at_risk_segments", SEGMENTS_CHART, segments, "currency")
    total = fmt.money(result.figures.totals["at_risk_mrr"], 0)
    return result.slide(
        "at_risk",
        tables={"at_risk": rows, "at_risk_shown": rows[:TABLE_ROWS], "at_risk_mrr": total},
        charts=charts + by_segment,
        captions={**captions, **more},
        values={"at_risk_count": len(rows), "at_risk_line": fmt.number(result.config.health.at_risk_below)},
    )
