"""The executive summary: one tile per metric the catalogue places on it (`tile:` in catalogue.yaml)."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult

TILES_PER_ROW = 4  # tiles a row holds at least
TILE_ROWS = 2  # rows of tiles the summary page holds


@slide("summary", section="executive", title=N_("Executive summary"), provides=("summary_tiles", "tiles_per_row"))
def build(result: DeckResult) -> SlideData:
    tiles = result.available(*result.catalogue.tiles)
    per_row = max(TILES_PER_ROW, -(-len(tiles) // TILE_ROWS))  # more tiles widen the rows, never add one
    return result.slide("summary", tiles=tiles, values={"summary_tiles": list(tiles), "tiles_per_row": per_row})
