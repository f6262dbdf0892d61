"""The executive summary: one tile per metric the catalogue places on it."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult

TILES = (
    "mrr",
    "net_new_mrr",
    "nrr",
    "customer_churn_rate",
    "ltv_cac_ratio",
    "cac_payback_months",
    "marketing_pipeline_share",
    "pipeline_attainment",
)


@slide("summary", section="executive", metrics=TILES, title=N_("Executive summary"), provides=("summary_tiles",))
def build(result: DeckResult) -> SlideData:
    tiles = result.available(*TILES)
    return result.slide("summary", tiles=tiles, values={"summary_tiles": list(tiles)})
