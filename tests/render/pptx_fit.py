"""Reading a written PowerPoint deck back: its slides' titles and ids, and every box measured for overflow.

PowerPoint lays text out when the file is opened, so nothing in the file says whether text fits its box;
here every text box and table cell is measured with the font's own advance widths, as the writer
measured it, and anything wider or taller than its box is named.
"""

from __future__ import annotations

from pptx.util import Emu

from boardpack.render.pptx.layout import Fonts
from boardpack.render.pptx.measure import LINE, fallback_font, metrics, wrap

PT = 12700
FONTS = Fonts(metrics(None), metrics(str(fallback_font().with_name("DejaVuSans-Bold.ttf"))))


def _size(run, default: float) -> float:  # type: ignore[no-untyped-def]
    return run.font.size.pt if run.font.size is not None else default


def _text_overflow(frame, width: float, height: float, default: float, bold_default: bool) -> str | None:  # type: ignore[no-untyped-def]
    used = 0.0
    for paragraph in frame.paragraphs:
        runs = paragraph.runs
        if not runs:
            continue
        size = _size(runs[0], default)
        bold = runs[0].font.bold if runs[0].font.bold is not None else bold_default
        font = FONTS.of(bool(bold))
        text = "".join(r.text for r in runs)
        lines = wrap(text, width, size, font)
        widest = max(font.width(line, size) for line in lines)
        if widest > width + 0.5:
            return f"a line of {widest:.0f} pt in {width:.0f} pt: {text[:60]!r}"
        used += len(lines) * size * LINE
    if used > height + 1.0:
        return f"{used:.0f} pt of text in {height:.0f} pt: {frame.text[:60]!r}"
    return None


def overflows(presentation, title_size: tuple[float, bool] = (24.0, True)) -> list[str]:  # type: ignore[no-untyped-def]
    """Every box, cell or shape of the deck whose content does not fit it, as `slide n: what`."""
    found = []
    width, height = presentation.slide_width, presentation.slide_height
    for number, slide in enumerate(presentation.slides, start=1):
        for shape in slide.shapes:
            where = f"slide {number} ({slide.name}) {shape.name}"
            if shape.left < 0 or shape.top < 0 or shape.left + shape.width > width or shape.top + shape.height > height:
                found.append(f"{where}: outside the slide")
            if shape.has_text_frame:
                frame = shape.text_frame
                inner_w = Emu(shape.width - frame.margin_left - frame.margin_right) / PT
                inner_h = Emu(shape.height - frame.margin_top - frame.margin_bottom) / PT
                title = shape.is_placeholder and shape.placeholder_format.idx == 0
                default, bold = title_size if title else (18.0, False)
                if problem := _text_overflow(frame, inner_w, inner_h, default, bold):
                    found.append(f"{where}: {problem}")
            if shape.has_table:
                table = shape.table
                needed = 0.0
                for r, row in enumerate(table.rows):
                    tallest = 0.0
                    for c, cell in enumerate(row.cells):
                        cell_w = (table.columns[c].width - cell.margin_left - cell.margin_right) / PT
                        margins = (cell.margin_top + cell.margin_bottom) / PT
                        runs = cell.text_frame.paragraphs[0].runs
                        size = _size(runs[0], 18.0) if runs else 18.0
                        bold = bool(runs and runs[0].font.bold)
                        text = cell.text_frame.text
                        lines = wrap(text, cell_w, size, FONTS.of(bold))
                        if max(FONTS.of(bold).width(line, size) for line in lines) > cell_w + 0.5:
                            found.append(f"{where}: cell {r},{c} too narrow for {text[:40]!r}")
                        tallest = max(tallest, len(lines) * size * LINE + margins)
                    needed += tallest
                if shape.top / PT + needed > height / PT - 0.45 * 72 + 1:
                    found.append(f"{where}: the table needs {needed:.0f} pt and runs past the footer")
    return found


A4_WIDTH = 11.693 * 72  # points: the paper a board pack is printed on, landscape
LEAST = {"text": 9.0, "table": 10.0, "steps": 11.0, "chart": 9.0}  # printed sizes the design allows at least


def too_small(presentation) -> list[str]:  # type: ignore[no-untyped-def]
    """Every run of text, table cell, next step and chart font smaller, once the slide is printed on A4
    landscape, than the design allows: 9 pt for any text, 10 pt in a table, 11 pt for a next step."""
    factor = min(1.0, A4_WIDTH / (presentation.slide_width / PT))
    found = []

    def check(where: str, kind: str, size: float, text: str) -> None:
        if size * factor < LEAST[kind] - 0.05:
            found.append(f"{where}: {text[:40]!r} prints at {size * factor:.1f} pt; at least {LEAST[kind]} pt")

    for number, slide in enumerate(presentation.slides, start=1):
        for shape in slide.shapes:
            where = f"slide {number} ({slide.name}) {shape.name}"
            if shape.has_text_frame:
                for paragraph in shape.text_frame.paragraphs:
                    for run in paragraph.runs:
                        if run.text.strip() and run.font.size is not None:
                            kind = "steps" if run.text.startswith("• ") else "text"
                            check(where, kind, run.font.size.pt, run.text)
            if shape.has_table:
                for row in shape.table.rows:
                    for cell in row.cells:
                        for run in cell.text_frame.paragraphs[0].runs:
                            check(where, "table" if cell.text_frame.text else "text", run.font.size.pt, run.text)
            if shape.has_chart and shape.chart.font.size is not None:
                check(where, "chart", shape.chart.font.size.pt, "chart text")
    return found
