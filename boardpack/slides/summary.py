"""The executive summary: one tile per metric the catalogue places on it (`tile:` in catalogue.yaml)."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult


@slide("summary", section="executive", title=N_("Executive summary"), provides=("summary_tiles",))
def build(result: DeckResult) -> SlideData:
    tiles = result.available(*result.catalogue.tiles)
    return result.slide("summary", tiles=tiles, values={"summary_tiles": list(tiles)})
