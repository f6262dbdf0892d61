"""Find text that does not fit: past the page edge, out of its column, out of a KPI tile, or onto the next page.

WeasyPrint lays text out where it is told and lets it spill; a board deck with a clipped figure is
wrong even when every test of its numbers passes. After layout, each text box is checked against
the page and against the columns and tiles it sits in, and each slide against its page: a slide is one
page, and a slide laid out over two is a slide whose end the board reads on the next one. Only the
pages meant to flow on (the appendix and the long tables' own pages, marked `flow` or `appendix`) may.
"""

from __future__ import annotations

from typing import Any

TOLERANCE = 1.0  # CSS px: rounding in the layout is not an overflow
CONTAINERS = {"col-left", "col-right", "tile", "fig-value", "tile-value"}
FLOWING = {"flow", "appendix"}  # slide sections laid out over as many pages as they need


def _classes(box: Any) -> set[str]:
    element = getattr(box, "element", None)
    if element is None or not hasattr(element, "get"):
        return set()
    return set((element.get("class") or "").split())


def _slide_of(root: Any) -> dict[Any, str | None]:
    """Each element of the document and the id of the slide it is on (None: on no slide, or on one meant to flow).

    A float that does not fit is laid out on the next page outside its section's box, so a box is placed
    on its slide by its element, not by where it sits in the page's boxes.
    """
    slide: dict[Any, str | None] = {}

    def mark(element: Any, current: str | None) -> None:
        classes = set((element.get("class") or "").split()) if hasattr(element, "get") else set()
        if "slide" in classes and element.tag == "section":
            current = None if classes & FLOWING else element.get("id") or "?"
        slide[element] = current
        for child in element:
            mark(child, current)

    mark(root, None)
    return slide


def _contents(box: Any, found: dict[Any, str]) -> None:
    """The first text (or "a chart" for an image) of each element with content on a page."""
    from weasyprint.formatting_structure import boxes

    element = getattr(box, "element", None)
    if isinstance(box, boxes.TextBox) and box.text.strip():
        found.setdefault(element, box.text.strip())
        return
    if isinstance(box, boxes.InlineReplacedBox | boxes.BlockReplacedBox):
        found.setdefault(element, "a chart" if getattr(box, "element_tag", "") == "img" else "a picture")
        return
    for child in getattr(box, "children", ()):
        _contents(child, found)


def find_spilled_slides(document: Any) -> list[str]:
    """Messages for every slide laid out over more than one page, naming the slide and what spilled."""
    if not document.pages:
        return []
    root = next(
        box.element for box in document.pages[0]._page_box.children if getattr(box, "element_tag", "") == "html"
    )
    slide_of = _slide_of(root)
    problems: list[str] = []
    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages, start=1):
        found: dict[Any, str] = {}
        _contents(page._page_box, found)
        spilled: dict[str, str] = {}
        for element, text in found.items():
            slide_id = slide_of.get(element)
            if slide_id is None:
                continue
            if first_page.setdefault(slide_id, number) != number:
                spilled.setdefault(slide_id, text)
        for slide_id, text in spilled.items():
            problems.append(
                f"page {number}: slide '{slide_id}' does not fit its page (page {first_page[slide_id]}): "
                f"'{text[:40]}' spills onto page {number}"
            )
    return problems


def find_overflows(document: Any) -> list[str]:
    """Messages for every piece of text that leaves its page, column or tile, and every slide that spills."""
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
    return problems + find_spilled_slides(document)
