"""Where each block of a PowerPoint slide goes, and at what size, measured from the font metrics.

A column's blocks stand one under another. Text and tables take the height their lines need; charts
share what is left. When a column does not fit, every font is shrunk a step at a time down to
MIN_SCALE; past that, the column's last table is split and its remaining rows go on to a slide of
their own (a long appendix table, a long list of customers at risk), as the PDF's pages flow on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from boardpack.render.pptx.blocks import Block, Page, Table, Text, Tiles
from boardpack.render.pptx.measure import LINE, Metrics, wrap

PT = 12700  # EMU per point
SIZES = {"body": 11.0, "note": 9.0, "steps": 10.0, "heading": 11.0, "table": 9.0, "figures": 10.5, "tile": 8.5}
TILE_VALUE = 20.0
MIN_SCALE = 0.8
SCALES = tuple(round(1.0 - 0.05 * i, 2) for i in range(int((1.0 - MIN_SCALE) / 0.05) + 1))
CELL_X = 4.0  # points of padding left and right in a table cell
CELL_Y = 2.0  # points of padding above and below
GAP = 8.0  # points between blocks
CHART_MIN = 150.0  # points: a chart lower than this cannot be read


@dataclass(frozen=True)
class Fonts:
    """The metrics text is measured with: the body font, regular and bold."""

    regular: Metrics
    bold: Metrics

    def of(self, bold: bool) -> Metrics:
        return self.bold if bold else self.regular


def heading_height(block: Block, scale: float) -> float:
    heading = getattr(block, "heading", "")
    return SIZES["heading"] * scale * LINE + 3 if heading else 0.0


def text_height(block: Text, width: float, scale: float, fonts: Fonts) -> float:
    size = SIZES[block.style] * scale
    indent = size if block.style == "steps" else 0.0
    lines = sum(len(wrap(p, width - indent, size, fonts.regular)) for p in block.paragraphs)
    return heading_height(block, scale) + lines * size * LINE + 2 * (len(block.paragraphs) - 1)


def column_widths(table: Table, width: float, size: float, fonts: Fonts) -> list[float]:
    """Each column's width in points: what its widest cell needs, shrunk where the table is too wide.

    Columns that need no more than an even share keep their need; the others share the rest in
    proportion to their need, so a long definition wraps while ids and figures stay on one line.
    """
    count = len(table.headers) if table.headers else len(table.rows[0]) if table.rows else 1
    rows = ([table.headers] if table.header else []) + list(table.rows)
    need = [
        max(
            (
                fonts.of(c == table.strong or (r == 0 and table.header)).width(row[c], size)
                for r, row in enumerate(rows)
                if c < len(row)
            ),
            default=0.0,
        )
        + 2 * CELL_X
        + 1
        for c in range(count)
    ]
    total = sum(need)
    if total <= width:
        extra = (width - total) / count
        return [n + extra for n in need]
    fixed = [n for n in need if n <= width / count]
    rest = width - sum(fixed)
    flexible = sum(n for n in need if n > width / count)
    return [n if n <= width / count else rest * n / flexible for n in need]


def row_heights(table: Table, widths: list[float], size: float, fonts: Fonts) -> list[float]:
    rows = ([table.headers] if table.header else []) + list(table.rows)
    heights = []
    for r, row in enumerate(rows):
        lines = max(
            (
                len(wrap(cell, widths[c] - 2 * CELL_X, size, fonts.of(c == table.strong or (r == 0 and table.header))))
                for c, cell in enumerate(row)
            ),
            default=1,
        )
        heights.append(lines * size * LINE + 2 * CELL_Y)
    return heights


def table_height(table: Table, width: float, scale: float, fonts: Fonts) -> float:
    size = SIZES["figures" if not table.header else "table"] * scale
    return heading_height(table, scale) + sum(row_heights(table, column_widths(table, width, size, fonts), size, fonts))


def tiles_height(block: Tiles, width: float, scale: float, fonts: Fonts) -> float:
    rows = -(-len(block.items) // block.per_row)
    return rows * tile_height(scale) + (rows - 1) * GAP


def tile_height(scale: float) -> float:
    return (TILE_VALUE + 5 * SIZES["tile"] * LINE) * scale + 16


def block_height(block: Block, width: float, scale: float, fonts: Fonts) -> float:
    if isinstance(block, Text):
        return text_height(block, width, scale, fonts)
    if isinstance(block, Table):
        return table_height(block, width, scale, fonts)
    if isinstance(block, Tiles):
        return tiles_height(block, width, scale, fonts)
    return heading_height(block, scale) + CHART_MIN + (SIZES["note"] * scale * LINE * 3 if block.caption else 0)


def column_height(blocks: tuple[Block, ...], width: float, scale: float, fonts: Fonts) -> float:
    return sum(block_height(b, width, scale, fonts) for b in blocks) + GAP * max(len(blocks) - 1, 0)


@dataclass(frozen=True)
class Plan:
    """A page ready to be drawn at `scale`, and the page its overflowing rows continue on, if any."""

    page: Page
    scale: float
    rest: Page | None = None


def plan(page: Page, widths: tuple[float, float], height: float, fonts: Fonts, continued: str) -> Plan:
    """The largest scale at which both columns fit `height`; else the last table split across pages.

    `continued` is the title of a continuation page (`{title}` filled in).
    """
    columns = (page.left, page.right)
    for scale in SCALES:
        if all(column_height(col, w, scale, fonts) <= height for col, w in zip(columns, widths, strict=True)):
            return Plan(page, scale)
    side = max(range(2), key=lambda i: column_height(columns[i], widths[i], SCALES[-1], fonts) - height)
    blocks, width = columns[side], widths[side]
    index = max((i for i, b in enumerate(blocks) if isinstance(b, Table)), default=None)
    if index is None:
        return Plan(page, SCALES[-1])  # nothing to split: drawn at the smallest size (the tests say if it overflows)
    scale = SCALES[0]  # a table that flows on keeps its size, as in the PDF
    table = blocks[index]
    assert isinstance(table, Table)
    before = column_height(blocks[:index], width, scale, fonts) + (GAP if index else 0)
    after = blocks[index + 1 :]
    keep = len(table.rows)
    while keep > 0:
        part = table.part(table.rows[:keep], table.tones[:keep])
        if before + column_height((part, *after), width, scale, fonts) <= height:
            break
        keep -= 1
    if keep == 0 and index == 0:
        keep = 1  # a single row taller than the slide: shown, and reported by the overflow check
    head = table.part(table.rows[:keep], table.tones[:keep]) if keep else None
    tail = table.part(table.rows[keep:], table.tones[keep:])
    tail = replace(tail, heading="") if keep else tail
    kept = (*blocks[:index], *((head,) if head else ()), *(after if keep else ()))
    moved = (tail, *(() if keep else after))
    first = replace(page, left=kept) if side == 0 else replace(page, right=kept)
    title = page.title if page.continued else continued.format(title=page.title)
    rest = Page(page.id, page.kind, title, left=moved, notes=page.notes, continued=True)
    return Plan(first, scale, rest)
