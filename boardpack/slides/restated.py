"""Restated figures: what the previous pack reported that today's data gives differently."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult


@slide(
    "restated",
    title=N_("Appendix · restated figures"),
    question=N_(
        "Figures reported in the previous pack that today's data gives differently (late invoices, corrected exports)."
    ),
    provides=("restated",),
)
def build(result: DeckResult) -> SlideData | None:
    if not result.restated:
        return None
    metrics, fmt = result.catalogue.metrics, result.fmt
    rows = [
        {
            "label": metrics[r.metric].label,
            "id": r.metric,
            "period": fmt.periods(r.period),
            "reported": fmt.value(r.reported, metrics[r.metric].unit),
            "now": fmt.value(r.now, metrics[r.metric].unit),
        }
        for r in result.restated
    ]
    return result.slide("restated", tables={"restated": rows}, values={"restated": rows})
