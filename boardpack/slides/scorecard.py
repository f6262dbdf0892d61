"""The balanced scorecard: every judged metric, lead indicators beside lag indicators."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import TABLE_ROWS, DeckResult
from boardpack.slides.views import judged_views

ROOM = TABLE_ROWS + 2  # rows a half-width scorecard column holds before the slide flows over pages


@slide(
    "scorecard",
    section="executive",
    title=N_("Balanced scorecard"),
    provides=("scorecard", "scorecard_long"),
)
def build(result: DeckResult) -> SlideData:
    judged = judged_views(result.views, result.catalogue)
    card = {kind: [v for v in judged if v.indicator == kind] for kind in ("lead", "lag")}
    long = any(len(rows) > ROOM for rows in card.values())
    return result.slide("scorecard", figures=tuple(judged), values={"scorecard": card, "scorecard_long": long})
