"""Readable once printed: no text of the sample decks (charts, tables, footers) below 9 pt when the page is
printed on A4 landscape, tables at least 10 pt and next steps at least 11 pt there."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

A4_LANDSCAPE = (11.693 * 72, 8.268 * 72)  # points
LOGO = (1.7 * 72, 0.95 * 72)  # the logo's corner: a logo's own lettering is the brand's, not the deck's text


def _printed_sizes(deck: Path) -> list[tuple[float, str, int]]:
    """Every character's size once the page is printed on A4 landscape, with the character and its page."""
    sizes = []
    with pdfplumber.open(deck) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            factor = min(1.0, A4_LANDSCAPE[0] / float(page.width), A4_LANDSCAPE[1] / float(page.height))
            for char in page.chars:
                in_logo = char["x0"] > float(page.width) - LOGO[0] and char["top"] < LOGO[1]
                if char["text"].strip() and not in_logo:
                    sizes.append((round(char["size"] * factor, 2), char["text"], number))
    return sizes


@pytest.mark.parametrize("deck", ["sample_deck", "harbor_deck"])
def test_no_text_below_9_pt_at_print_size(deck: str, request: pytest.FixtureRequest) -> None:
    sizes = _printed_sizes(request.getfixturevalue(deck))
    smallest = min(sizes)
    assert smallest[0] >= 8.95, f"{smallest[1]!r} on page {smallest[2]} prints at {smallest[0]} pt"


def test_tables_and_next_steps_at_print_size(sample_deck: Path) -> None:
    """The cost-per-lead table and the next steps beside it, found by their words on the page."""
    with pdfplumber.open(sample_deck) as pdf:
        page = next(p for p in pdf.pages if "Cost per lead by channel" in (p.extract_text() or ""))
        factor = A4_LANDSCAPE[0] / float(page.width)
        words = page.extract_words(extra_attrs=["size"])
        table = [w for w in words if w["text"] in ("Organic", "Partners", "Outbound")]
        steps = [w for w in words if w["text"] in ("Move", "budget", "Next", "steps")]  # the rule's next step
    assert table and min(w["size"] for w in table) * factor >= 9.95
    assert steps and min(w["size"] for w in steps) * factor >= 10.95
