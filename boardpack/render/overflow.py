"""Find text that does not fit: past the page edge, out of its column, or out of a KPI tile.

WeasyPrint lays text out where it is told and lets it spill; a board deck with a clipped figure is
wrong even when every test of its numbers passes. After layout, each text box is checked against
the page and against the columns and tiles it sits in.
"""

from __future__ import annotations

from typing import Any

TOLERANCE = 1.0  # CSS px: rounding in the layout is not an overflow
CONTAINERS = {"col-left", "col-right", "tile", "fig-value", "tile-value"}


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set((element.get("class") or "").split())


def find_overflows(document: Any) -> list[str]:
    """Messages for every piece of text that leaves its page, column or tile."""
    from weasyprint.formatting_structure import boxes

    problems: list[str] = []

    def walk(box: Any, page_number: int, clip: tuple[float, float, float, float] | None, what: str) -> None:
        classes = _classes(box)
        if classes & CONTAINERS and isinstance(box, boxes.BlockBox | boxes.TableCellBox):
            left, top = box.border_box_x(), box.border_box_y()
            clip = (left, top, left + box.border_width(), top + box.border_height())
            what = "tile" if "tile" in classes else "column"
        if isinstance(box, boxes.TextBox) and box.text.strip():
            right, bottom = box.position_x + box.width, box.position_y + box.height
            x0, _top, x1, y1 = clip if clip else page_clip[page_number]
            excess = max(right - x1, x0 - box.position_x, bottom - y1 if what == "tile" else 0.0)
            if excess > TOLERANCE:
                problems.append(f"page {page_number}: '{box.text.strip()[:40]}' overflows its {what} by {excess:.0f}px")
            return
        for child in getattr(box, "children", ()):
            walk(child, page_number, clip, what)

    page_clip: dict[int, tuple[float, float, float, float]] = {}
    for number, page in enumerate(document.pages, start=1):
        page_clip[number] = (0.0, 0.0, page.width, page.height)
        walk(page._page_box, number, None, "page")
    return problems
