"""Pages are filled on 16:9 and on A4 alike: no slide leaves a blank band at its foot.

The blank band is measured with pdfplumber: the distance from the lowest character, line or image above the
footer to the footer, as a share of the page's content height. The cover and the appendix's last page (which
ends where its words end) are not slides of the grid."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from boardpack.render.theme import print_factor, resolve_look

MOST_BLANK = 0.30  # a third of a page empty is a layout left for another page size


def _blank_bands(pdf_path: Path) -> list[float]:
    bands = []
    with pdfplumber.open(pdf_path) as pdf:
        for page in pdf.pages:
            top, footer = 0.45 * 72, page.height - 0.6 * 72
            marks = page.chars + page.images + page.rects + page.lines + page.curves
            lowest = max((m["bottom"] for m in marks if m["bottom"] < footer - 2), default=top)
            bands.append((footer - lowest) / (footer - top))
    return bands


@pytest.mark.parametrize("deck", ["sample_deck", "harbor_deck"])
def test_no_slide_leaves_a_third_of_its_page_blank(deck: str, request: pytest.FixtureRequest) -> None:
    bands = _blank_bands(request.getfixturevalue(deck))
    slides = bands[1:-1]  # not the cover, not the appendix's last page
    assert [f"page {i + 2}: {band:.0%}" for i, band in enumerate(slides) if band > MOST_BLANK] == []


def test_the_grid_grows_with_the_page() -> None:
    """A4 landscape has 7.218 in of content at 1 pt a rem; 16:9 has 6.45 in at 1 / 0.877 pt a rem (5.657 in of
    its type): rows and tiles on A4 get 7.218 / 5.657 = 1.276 times the room."""
    from boardpack.api import load_pack

    root = Path(__file__).parents[2] / "sample_data"
    wide, a4 = (resolve_look(load_pack(root / name), None) for name in ("northwind", "harbor"))
    assert (wide.page_height, a4.page_height) == (7.5, 8.268)
    assert wide.rhythm == 1.0
    assert a4.rhythm == pytest.approx((8.268 - 1.05) / ((7.5 - 1.05) * print_factor(13.333, 7.5)), abs=0.001)
    assert a4.rhythm == pytest.approx(1.276, abs=0.001)
