"""The deck as a PowerPoint file: every slide of the PDF, in its order, as text boxes, tables and native charts.

Text is real text (editable, searchable) in the template's theme fonts and colours; each slide's notes
carry the definitions of its figures and the files its data came from. The file's bytes depend on the
inputs alone (`reproducible.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from boardpack.i18n import Translator
from boardpack.render.pptx.blocks import Block, Chart, Page, Table, Text, Tiles
from boardpack.render.pptx.charts import add_chart
from boardpack.render.pptx.layout import (
    CELL_X,
    CELL_Y,
    GAP,
    PT,
    TILE_PAD,
    TILE_VALUE,
    TITLE_LEAST,
    Fonts,
    balanced_split,
    block_height,
    column_widths,
    heading_height,
    plan,
    row_heights,
    size_of,
    tile_height,
    tile_width,
)
from boardpack.render.pptx.measure import LINE, fitted_size, wrap
from boardpack.render.pptx.pieces import status_text
from boardpack.render.pptx.shapes import colour_tail, end_size, paragraphs, shade, slot, text_box, theme_colour
from boardpack.render.pptx.template import EMU_PER_INCH, Template

INCH = EMU_PER_INCH
MARGIN = 0.55 * INCH
FOOTER = 0.45 * INCH
TONES = {
    "good": "ACCENT_4",
    "on_target": "ACCENT_4",
    "bad": "ACCENT_5",
    "off_target": "ACCENT_5",
    "watch": "ACCENT_6",
    "best": "ACCENT_4",
    "worst": "ACCENT_5",
}


class DeckWriter:
    """Adds pages to a template's presentation, measuring text with `fonts`."""

    def __init__(
        self, template: Template, fonts: Fonts, t: Translator, footer: tuple[str, str], logo: Path | None
    ) -> None:
        self.template = template
        self.presentation = template.presentation
        self.fonts = fonts
        self.t = t
        self.footer = footer
        self.logo = logo
        self.count = 0
        self.numbers: list[Any] = []  # each slide's page number box, filled in when the count is known

    def add(self, page: Page) -> None:
        """The page, and as many continuation slides as its long tables need."""
        current: Page | None = page
        while current is not None:
            current = self._slide(current)

    def _slide(self, page: Page) -> Page | None:
        layout = self.template.layouts[page.kind]
        slide = self.presentation.slides.add_slide(layout)
        slide._element.cSld.set("name", page.id)
        self.count += 1
        if page.cover is not None:
            self._cover(slide, page)
            rest = None
        else:
            rest = self._content(slide, page)
        self._footer(slide)
        if page.notes:
            slide.notes_slide.notes_text_frame.text = page.notes
        return rest

    def _fit_title(self, title: Any) -> None:
        """The title at the template's size, or smaller where it would not fit its placeholder."""
        from pptx.util import Pt

        frame = title.text_frame
        size, bold = self.template.title_size
        # a twentieth to spare: the title is set in the heading font, which a viewer may replace by a wider one
        width = (title.width - frame.margin_left - frame.margin_right) / PT * 0.95
        height = (title.height - frame.margin_top - frame.margin_bottom) / PT
        least = TITLE_LEAST * self.fonts.zoom
        fitted = fitted_size([title.text_frame.text], width, height, size, self.fonts.of(bold), least) or least
        if fitted < size:
            for run in frame.paragraphs[0].runs:
                run.font.size = Pt(fitted)
        lines = len(wrap(frame.text, width, fitted, self.fonts.of(bold)))
        needed = int((lines * fitted * LINE) * PT + frame.margin_top + frame.margin_bottom) + PT
        if needed < title.height:  # a one-line finding leaves the band's second line to the slide's content
            title.height = needed

    def _cover(self, slide: Any, page: Page) -> None:
        cover = page.cover
        assert cover is not None
        title = slide.shapes.title
        if title is not None:
            title.text = cover.title
        w, h = self.template.width, self.template.height
        placeholders = [p for p in slide.placeholders if p.placeholder_format.idx == 1]
        zoom = self.fonts.zoom
        lines = [
            (cover.kicker, 12.0 * zoom, False, "muted"),
            (cover.subtitle, 16.0 * zoom, False, None),
            (cover.meta, 11.0 * zoom, False, "muted"),
            (cover.confidential, 10.0 * zoom, False, "muted"),
        ]
        if placeholders:
            frame = placeholders[0].text_frame
            frame.clear()
            paragraphs(frame, lines)
        else:
            box = text_box(slide.shapes, MARGIN, h * 0.62, w - 2 * MARGIN, h * 0.25)
            paragraphs(box.text_frame, lines)
        self._logo(slide, w - MARGIN - 1.4 * INCH, MARGIN, 1.4 * INCH)

    def _logo(self, slide: Any, left: float, top: float, height: float) -> None:
        if self.logo is not None:
            picture = slide.shapes.add_picture(str(self.logo), int(left), int(top), height=int(height * 0.4))
            picture.left = int(self.template.width - MARGIN - picture.width)

    def _footer(self, slide: Any) -> None:
        """The company on the left, the footer line in the middle, `n / N` on the right, as on the PDF's pages."""
        from pptx.enum.text import PP_ALIGN

        w, h = self.template.width, self.template.height
        third = (w - 2 * MARGIN) / 3
        top = h - FOOTER + 0.1 * INCH
        for index, text in enumerate((*self.footer, "")):
            box = text_box(slide.shapes, MARGIN + index * third, top, third, 0.25 * INCH)
            paragraphs(box.text_frame, [(text, size_of("note", 1.0, self.fonts), False, "muted")])
            box.text_frame.paragraphs[0].alignment = (PP_ALIGN.LEFT, PP_ALIGN.CENTER, PP_ALIGN.RIGHT)[index]
        self.numbers.append(box)

    def finish(self) -> None:
        """Number the slides now that their count is known."""
        for number, box in enumerate(self.numbers, start=1):
            box.text_frame.paragraphs[0].runs[0].text = f"{number} / {len(self.numbers)}"

    def _content(self, slide: Any, page: Page) -> Page | None:
        w, h = self.template.width, self.template.height
        title = slide.shapes.title
        kicker = 0.0
        if page.kicker:  # the topic and the question, small above the finding, as the PDF's head has them
            size = size_of("note", 1.0, self.fonts)
            left = title.left + title.text_frame.margin_left if title is not None else MARGIN
            text_top = title.top if title is not None else 0.3 * INCH
            width = w - MARGIN - left - 1.4 * INCH  # clear of the logo
            lines = len(wrap(page.kicker, width / PT * 0.95, size, self.fonts.regular))  # some to spare, as titles
            kicker = lines * size * LINE * PT + 2 * PT
            box = text_box(slide.shapes, left, text_top, width, kicker)
            box.name = "Kicker"
            paragraphs(box.text_frame, [(page.kicker, size, False, "muted")])
        top = 0.3 * INCH + kicker + 0.7 * INCH
        if title is not None:
            # the layout's position, made the slide's own (setting one coordinate alone would zero the others)
            left, title_top, width, height = title.left, title.top, title.width, title.height
            title.left, title.top, title.width, title.height = left, int(title_top + kicker), width, height
            title.text = page.title
            self._fit_title(title)
            top = int(title.top + title.height)
        else:
            least = TITLE_LEAST * self.fonts.zoom
            box = text_box(slide.shapes, MARGIN, 0.3 * INCH + kicker, w - 2 * MARGIN, 0.7 * INCH)
            size = fitted_size([page.title], (w - 2 * MARGIN) / PT, 0.7 * INCH / PT, 24.0, self.fonts.bold, least)
            paragraphs(box.text_frame, [(page.title, size or least, True, "ACCENT_1")])
        top += 0.08 * INCH
        if page.summary:  # the finding's sentences, across the slide under its title
            said = Text(page.summary)
            used = block_height(said, (w - 2 * MARGIN) / PT * 0.95, 1.0, self.fonts) * PT  # some to spare
            self._block(slide, said, MARGIN, top, w - 2 * MARGIN, used, 1.0)
            top += used + GAP * PT
        top += 0.04 * INCH
        self._logo(slide, 0, 0.25 * INCH, 1.0 * INCH)
        width, bottom = w - 2 * MARGIN, h - FOOTER
        gap = 0.3 * INCH
        split = balanced_split(page, width / PT, gap / PT, self.fonts)
        widths = ((width - gap) * split, (width - gap) * (1 - split)) if page.right else (width, 0.0)
        height_pt = (bottom - top) / PT
        continued = self.t("%(title)s (continued)") % {"title": "{title}"}
        placed = plan(page, (widths[0] / PT, widths[1] / PT), height_pt, self.fonts, continued)
        lefts = (MARGIN, MARGIN + widths[0] + gap)
        for blocks, left, col in zip((placed.page.left, placed.page.right), lefts, widths, strict=True):
            self._column(slide, blocks, left, top, col, bottom - top, placed.scale)
        return placed.rest

    def _column(
        self, slide: Any, blocks: tuple[Block, ...], left: float, top: float, width: float, height: float, scale: float
    ) -> None:
        """Blocks one under another; charts share the height the others leave."""
        width_pt = width / PT
        fixed = [block_height(b, width_pt, scale, self.fonts) * PT for b in blocks if not isinstance(b, Chart)]
        charts = [b for b in blocks if isinstance(b, Chart)]
        spare = height - sum(fixed) - GAP * PT * max(len(blocks) - 1, 0)
        y = top
        for block in blocks:
            if isinstance(block, Chart):
                own = spare / len(charts)
                self._chart(slide, block, left, y, width, own, scale)
                y += own
            else:
                used = block_height(block, width_pt, scale, self.fonts) * PT
                self._block(slide, block, left, y, width, used, scale)
                y += used
            y += GAP * PT

    def _heading(self, slide: Any, block: Block, left: float, top: float, width: float, scale: float) -> float:
        used = heading_height(block, scale, self.fonts) * PT
        if used:
            box = text_box(slide.shapes, left, top, width, used)
            # the accent marks the next steps alone, as the PDF's accent rule beside them; other headings are primary
            steps = isinstance(block, Text) and block.style == "steps" and block.heading == self.t("Next steps")
            colour = "ACCENT_3" if steps else "ACCENT_1"
            paragraphs(box.text_frame, [(block.heading, size_of("heading", scale, self.fonts), True, colour)])
        return used

    def _block(
        self, slide: Any, block: Block, left: float, top: float, width: float, height: float, scale: float
    ) -> None:
        top += self._heading(slide, block, left, top, width, scale)
        if isinstance(block, Text):
            size = size_of(block.style, scale, self.fonts)
            box = text_box(slide.shapes, left, top, width, height - heading_height(block, scale, self.fonts) * PT)
            colour = "muted" if block.style == "note" else None
            paragraphs(
                box.text_frame, [(p, size, False, colour) for p in block.paragraphs], bullet=block.style == "steps"
            )
        elif isinstance(block, Table):
            self._table(slide, block, left, top, width, scale)
        elif isinstance(block, Tiles):
            self._tiles(slide, block, left, top, width, scale)

    def _chart(
        self, slide: Any, block: Chart, left: float, top: float, width: float, height: float, scale: float
    ) -> None:
        top += self._heading(slide, block, left, top, width, scale)
        caption = 0.0
        if block.caption:
            size = size_of("note", scale, self.fonts)
            caption = block_height(Text((block.caption,), style="note"), width / PT, scale, self.fonts) * PT
            head = heading_height(block, scale, self.fonts) * PT
            box = text_box(slide.shapes, left, top + height - caption - head, width, caption)
            paragraphs(box.text_frame, [(block.caption, size, False, "muted")])
        body = height - caption - heading_height(block, scale, self.fonts) * PT
        box = (int(left), int(top), int(width), int(body))
        add_chart(slide.shapes, block.spec, box, self._font(), size_of("note", scale, self.fonts))

    def _font(self) -> str:
        return self.template.body_font

    def _table(self, slide: Any, table: Table, left: float, top: float, width: float, scale: float) -> None:
        from pptx.enum.text import PP_ALIGN
        from pptx.util import Pt

        size = size_of("table" if table.header else "figures", scale, self.fonts)
        widths = column_widths(table, width / PT, size, self.fonts)
        heights = row_heights(table, widths, size, self.fonts)
        rows = ([table.headers] if table.header else []) + list(table.rows)
        shape = slide.shapes.add_table(len(rows), len(widths), int(left), int(top), int(width), int(sum(heights) * PT))
        grid = shape.table
        grid.first_row = table.header
        grid.horz_banding = False
        for c, w in enumerate(widths):
            grid.columns[c].width = int(w * PT)
        for r, (row, row_height) in enumerate(zip(rows, heights, strict=True)):
            grid.rows[r].height = int(row_height * PT)
            tone = table.tones[r - table.header] if r >= table.header and r - table.header < len(table.tones) else None
            for c, text in enumerate(row):
                cell = grid.cell(r, c)
                cell.margin_left = cell.margin_right = int(CELL_X * PT)
                cell.margin_top = cell.margin_bottom = int(CELL_Y * PT)
                lightness = shade(table, r - table.header, c)
                if lightness is not None:
                    cell.fill.solid()
                    cell.fill.fore_color.theme_color = slot("ACCENT_1")
                    cell.fill.fore_color.brightness = lightness
                elif not (table.header and r == 0):
                    cell.fill.background()
                paragraph = cell.text_frame.paragraphs[0]
                numeric = table.numeric_from <= c < table.numeric_to
                paragraph.alignment = PP_ALIGN.RIGHT if numeric else PP_ALIGN.LEFT
                end_size(paragraph, size)
                if not text:  # no run: an empty one is drawn at the default 18 points by some applications
                    continue
                run = paragraph.add_run()
                run.text = text
                run.font.size = Pt(size)
                bold = c == table.strong or (table.header and r == 0)
                run.font.bold = bold
                if not (table.header and r == 0):
                    if lightness is not None and lightness < 0.5:
                        theme_colour(run.font, "BACKGROUND_1")
                    elif (c == table.strong and tone in TONES) or (not table.header and c == 3 and tone in TONES):
                        theme_colour(run.font, TONES[tone])
                    else:
                        theme_colour(run.font, "TEXT_1")

    def _tiles(self, slide: Any, block: Tiles, left: float, top: float, width: float, scale: float) -> None:
        from pptx.enum.dml import MSO_THEME_COLOR
        from pptx.enum.shapes import MSO_SHAPE

        tile_w = tile_width(block, width / PT) * PT
        tile_h = tile_height(block, width / PT, scale, self.fonts) * PT
        pad = TILE_PAD * PT
        for index, lines in enumerate(block.lines):
            row, col = divmod(index, block.per_row)
            x, y = left + col * (tile_w + GAP * PT), top + row * (tile_h + GAP * PT)
            card = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, int(x), int(y), int(tile_w), int(tile_h))
            card.fill.solid()
            card.fill.fore_color.theme_color = MSO_THEME_COLOR.BACKGROUND_2
            card.line.fill.background()
            card.shadow.inherit = False
            box = text_box(slide.shapes, x + pad, y + pad, tile_w - 2 * pad, tile_h - 2 * pad)
            box.name = "Tile"
            size = size_of("tile", scale, self.fonts)
            value = (lines[0], TILE_VALUE * scale * self.fonts.zoom, True, "ACCENT_1")
            rest = [(line, size, i == 0, "TEXT_1" if i == 0 else "muted") for i, line in enumerate(lines[1:])]
            paragraphs(box.text_frame, [rest[0], value, *rest[1:]])
            m = block.items[index]
            if m.status in TONES:  # the status in its colour and bold after the target, as the PDF's pill
                colour_tail(box.text_frame, status_text(m), TONES[m.status])
