"""Charts take the room their page has: the forecast's chart is the slide's point, large on 16:9 and A4 pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest

MARGINS = 1.1 * 72  # the page's side margins together (deck.css @page), in points
LABELS_BELOW = 0.45 * 72  # the period labels under a chart's axis: two lines
TICKS_LEFT = 1.0 * 72  # the value labels left of its plot


def chart_box(page: Any) -> tuple[float, float, float, float]:
    """The chart's box on the page, in points: its marks (lines, areas, legend keys: matplotlib fills every path it
    draws, where the page's own rules are bare strokes) below the slide's head, with the labels of its axes."""
    marks = [
        o
        for o in page.curves + page.lines
        if o["non_stroking_color"] not in (None, 0, (0,), [0]) and o["top"] > 0.15 * page.height
    ]
    x0, top = min(o["x0"] for o in marks), min(o["top"] for o in marks)
    x1, bottom = max(o["x1"] for o in marks), max(o["bottom"] for o in marks)
    labels = [
        w
        for w in page.extract_words()
        if (x0 - TICKS_LEFT <= w["x0"] and w["x1"] <= x0 + 2 and top <= w["top"] and w["bottom"] <= bottom + 4)
        or (x0 <= w["x0"] and w["x1"] <= x1 and bottom <= w["top"] and w["bottom"] <= bottom + LABELS_BELOW)
    ]
    return (
        min([x0, *(w["x0"] for w in labels)]),
        top,
        x1,
        max([bottom, *(w["bottom"] for w in labels)]),
    )


@pytest.mark.parametrize(("deck", "kicker"), [("sample_deck", "WHAT TO EXPECT"), ("harbor_deck", "QUOI S'ATTENDRE")])
def test_the_forecast_chart_takes_a_real_share_of_the_page(
    deck: str, kicker: str, request: pytest.FixtureRequest
) -> None:
    """The 16:9 deck in English and the A4 deck in French: at least 40% of the content's width, 35% of the page's
    height, and the quarters table beside the chart rather than under it."""
    path: Path = request.getfixturevalue(deck)
    with pdfplumber.open(path) as pdf:
        page = next(p for p in pdf.pages if kicker in (p.extract_text() or "")[:200].upper())
        x0, top, x1, bottom = chart_box(page)
        assert (x1 - x0) / (page.width - MARGINS) >= 0.40
        assert (bottom - top) / page.height >= 0.35
        quarter = next(w for w in page.extract_words() if w["text"] in ("Quarter", "Trimestre"))
        assert quarter["x0"] > x1 and quarter["top"] < bottom  # beside the chart, not under it
