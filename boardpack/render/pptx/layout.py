"""Where each block of a PowerPoint slide goes, and at what size, measured from the font metrics.

A column's blocks stand one under another. Text and tables take the height their lines need; charts
share what is left. When a column does not fit, every font is shrunk a step at a time down to
MIN_SCALE, never below the size that still reads once the slide is printed on A4 (`LEAST`); past that,
at full size, the first block that does not fit is cut (a table between rows, a text between paragraphs)
and the rest goes on to a continuation slide (a long appendix table, a long list of customers at risk),
as the PDF's pages flow on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from boardpack.render.pptx.blocks import Block, Page, Table, Text, Tiles
from boardpack.render.pptx.measure import LINE, Metrics, wrap

PT = 12700  # EMU per point
# Sizes as printed on A4 landscape, at full scale and at the least a slide may shrink them to: nothing under
# 9 pt, tables 10 pt, next steps 11 pt. A wider slide (13.33 in) sets them larger by `Fonts.zoom`.
SIZES = {"body": 11.0, "note": 9.0, "steps": 11.0, "heading": 11.0, "table": 10.0, "figures": 10.5, "tile": 9.0}
LEAST = {"body": 9.0, "note": 9.0, "steps": 11.0, "heading": 9.0, "table": 10.0, "figures": 10.0, "tile": 9.0}
TILE_VALUE = 20.0
TITLE_LEAST = 14.0  # a finding title shrinks to fit its band down to this, printed
A4_WIDTH = 11.693  # inches: the paper a board pack is printed on, landscape
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
    zoom: float = 1.0  # slide points per printed point: the slide's width over A4's, at least 1

    def of(self, bold: bool) -> Metrics:
        return self.bold if bold else self.regular


def print_zoom(slide_width_inches: float) -> float:
    """How much larger than printed a size is on the slide: a 13.33 in slide prints on A4 at 0.88 of it."""
    return max(1.0, slide_width_inches / A4_WIDTH)


def size_of(style: str, scale: float, fonts: Fonts) -> float:
    """A style's size on the slide at `scale`, never below what reads once printed."""
    return max(LEAST[style], SIZES[style] * scale) * fonts.zoom


def heading_height(block: Block, scale: float, fonts: Fonts) -> float:
    heading = getattr(block, "heading", "")
    return size_of("heading", scale, fonts) * LINE + 3 if heading else 0.0


def text_height(block: Text, width: float, scale: float, fonts: Fonts) -> float:
    size = size_of(block.style, scale, fonts)
    indent = size if block.style == "steps" else 0.0
    lines = sum(len(wrap(p, width - indent, size, fonts.regular)) for p in block.paragraphs)
    return heading_height(block, scale, fonts) + lines * size * LINE + 2 * (len(block.paragraphs) - 1)


def column_widths(table: Table, width: float, size: float, fonts: Fonts) -> list[float]:
    """Each column's width in points: at least its longest word, and of the rest a share in proportion to
    how much more its widest cell needs, so a long definition wraps while ids and figures stay on one line.
    When even the longest words do not fit, the widths are those words' (`fits_width` then says no)."""
    count = len(table.headers) if table.headers else len(table.rows[0]) if table.rows else 1
    rows = ([table.headers] if table.header else []) + list(table.rows)
    pad = 2 * CELL_X + 1
    need, least = [pad] * count, [pad] * count
    for r, row in enumerate(rows):
        for c, cell in enumerate(row[:count]):
            font = fonts.of(c == table.strong or (r == 0 and table.header))
            need[c] = max(need[c], font.width(cell, size) + pad)
            least[c] = max(least[c], max((font.width(w, size) for w in cell.split(" ")), default=0.0) + pad)
    if sum(need) <= width:
        extra = (width - sum(need)) / count
        return [n + extra for n in need]
    if sum(least) > width:
        return least
    spare, wanted = width - sum(least), sum(n - m for n, m in zip(need, least, strict=True))
    return [m + spare * (n - m) / wanted for n, m in zip(need, least, strict=True)]


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
    """The table's height; infinite when its longest words cannot stand side by side in `width` at this scale."""
    size = size_of("figures" if not table.header else "table", scale, fonts)
    widths = column_widths(table, width, size, fonts)
    if sum(widths) > width + 0.01:
        return float("inf")
    return heading_height(table, scale, fonts) + sum(row_heights(table, widths, size, fonts))


def tiles_height(block: Tiles, width: float, scale: float, fonts: Fonts) -> float:
    rows = -(-len(block.items) // block.per_row)
    return rows * tile_height(block, width, scale, fonts) + (rows - 1) * GAP


TILE_PAD = 8.0  # points inside a tile's edge


def tile_width(block: Tiles, width: float) -> float:
    return (width - GAP * (block.per_row - 1)) / block.per_row


def tile_height(block: Tiles, width: float, scale: float, fonts: Fonts) -> float:
    """The height of the tallest tile: its value, then its lines (label, change, target, basis) wrapped."""
    inner = tile_width(block, width) - 2 * TILE_PAD
    size = size_of("tile", scale, fonts)
    lines = max((sum(len(wrap(line, inner, size, fonts.bold)) for line in tile[1:]) for tile in block.lines), default=0)
    return TILE_VALUE * scale * fonts.zoom * LINE + lines * size * LINE + 2 * TILE_PAD


def block_height(block: Block, width: float, scale: float, fonts: Fonts) -> float:
    if isinstance(block, Text):
        return text_height(block, width, scale, fonts)
    if isinstance(block, Table):
        return table_height(block, width, scale, fonts)
    if isinstance(block, Tiles):
        return tiles_height(block, width, scale, fonts)
    caption = size_of("note", scale, fonts) * LINE * 3 if block.caption else 0
    return heading_height(block, scale, fonts) + CHART_MIN + caption


def column_height(blocks: tuple[Block, ...], width: float, scale: float, fonts: Fonts) -> float:
    return sum(block_height(b, width, scale, fonts) for b in blocks) + GAP * max(len(blocks) - 1, 0)


def _too_narrow(blocks: tuple[Block, ...], width: float, fonts: Fonts) -> bool:
    """Whether a table of the column cannot set its longest words side by side even at the smallest size."""
    return any(isinstance(b, Table) and table_height(b, width, SCALES[-1], fonts) == float("inf") for b in blocks)


def balanced_split(page: Page, width: float, gap: float, fonts: Fonts) -> float:
    """The left column's share: the page's own, or moved a step at a time (up to 0.25) towards a column whose
    table is too wide for it, so a table in a longer language or at print size keeps within the slide."""
    if not page.right:
        return page.split
    for step in range(6):
        for split in {round(page.split - 0.05 * step, 2), round(page.split + 0.05 * step, 2)}:
            left, right = (width - gap) * split, (width - gap) * (1 - split)
            if not _too_narrow(page.left, left, fonts) and not _too_narrow(page.right, right, fonts):
                return split
    return page.split


@dataclass(frozen=True)
class Plan:
    """A page ready to be drawn at `scale`, and the page its overflowing rows continue on, if any."""

    page: Page
    scale: float
    rest: Page | None = None


def _pieces(block: Block) -> int:
    """How many pieces a block can be cut into across slides: a table's rows, a text's paragraphs."""
    if isinstance(block, Table):
        return len(block.rows)
    if isinstance(block, Text):
        return len(block.paragraphs)
    return 1


def _cut(block: Block, start: int, end: int | None) -> Block:
    """Part of a block: rows or paragraphs `start` to `end`; a part after the first loses the heading."""
    if isinstance(block, Table):
        part: Block = block.part(block.rows[start:end], block.tones[start:end])
    elif isinstance(block, Text):
        part = replace(block, paragraphs=block.paragraphs[start:end])
    else:
        return block
    return replace(part, heading="") if start else part


def plan(page: Page, widths: tuple[float, float], height: float, fonts: Fonts, continued: str) -> Plan:
    """The largest scale at which both columns fit `height`; else the overflowing column cut across slides.

    At full size, the column keeps the blocks that fit and as many rows (or paragraphs) of the first
    block that does not as fit; the rest goes on to a continuation slide, titled `continued` (`{title}`
    filled in), as the PDF's pages flow on. A first block that cannot be cut is drawn at the smallest
    size instead (the overflow check then says whether it fits).
    """
    columns = (page.left, page.right)
    for scale in SCALES:
        if all(column_height(col, w, scale, fonts) <= height for col, w in zip(columns, widths, strict=True)):
            return Plan(page, scale)
    scale = SCALES[0]
    side = max(range(2), key=lambda i: column_height(columns[i], widths[i], scale, fonts) - height)
    blocks, width = columns[side], widths[side]
    index = next(i for i in range(len(blocks)) if column_height(blocks[: i + 1], width, scale, fonts) > height)
    block = blocks[index]
    low, high = 0, _pieces(block) - 1  # the most pieces that fit: found by halving, heights grow with pieces
    while low < high:
        middle = (low + high + 1) // 2
        if column_height((*blocks[:index], _cut(block, 0, middle)), width, scale, fonts) <= height:
            low = middle
        else:
            high = middle - 1
    keep = low
    if keep == 0 and index == 0:
        return Plan(page, SCALES[-1])
    kept = (*blocks[:index], *((_cut(block, 0, keep),) if keep else ()))
    moved = (_cut(block, keep, None), *blocks[index + 1 :])
    first = replace(page, left=kept) if side == 0 else replace(page, right=kept)
    title = page.title if page.continued else continued.format(title=page.title)
    return Plan(first, scale, Page(page.id, page.kind, title, left=moved, notes=page.notes, continued=True))
