"""Shapes and text as python-pptx makes them: text boxes without inner margins, paragraphs in theme colours."""

from __future__ import annotations

from typing import Any

from boardpack.render.pptx.blocks import Table


def theme_colour(font: Any, slot: str, brightness: float = 0.0) -> None:
    from pptx.enum.dml import MSO_THEME_COLOR

    font.color.theme_color = getattr(MSO_THEME_COLOR, slot)
    if brightness:
        font.color.brightness = brightness


def text_box(shapes: Any, left: float, top: float, width: float, height: float) -> Any:
    """A text box whose text starts at its edges (no inner margins), wrapping, never resized by the viewer."""
    from pptx.enum.text import MSO_AUTO_SIZE

    box = shapes.add_textbox(int(left), int(top), int(width), int(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.auto_size = MSO_AUTO_SIZE.NONE
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    return box


def paragraphs(frame: Any, texts: list[tuple[str, float, bool, str | None]], bullet: bool = False) -> None:
    """Paragraphs of (text, size, bold, colour slot or 'muted'); the first reuses the frame's empty paragraph."""
    from pptx.util import Pt

    for index, (text, size, bold, colour) in enumerate(texts):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        end_size(paragraph, size)
        run = paragraph.add_run()
        run.text = f"• {text}" if bullet else text
        run.font.size = Pt(size)
        run.font.bold = bold
        if colour == "muted":
            theme_colour(run.font, "TEXT_1", 0.4)
        elif colour:
            theme_colour(run.font, colour)


def slot(name: str) -> Any:
    from pptx.enum.dml import MSO_THEME_COLOR

    return getattr(MSO_THEME_COLOR, name)


def shade(table: Table, row: int, column: int) -> float | None:
    """How light a heatmap cell is drawn (0: the primary colour, 1: white), from its place in the table's
    range (0: lowest); None: no shading."""
    if row < 0 or row >= len(table.shades) or column >= len(table.shades[row]):
        return None
    share = table.shades[row][column]
    return None if share is None else round(0.85 - 0.75 * max(0.0, min(share, 1.0)), 2)


def end_size(paragraph: Any, size: float) -> None:
    """The paragraph's end mark at the text's size: an empty cell is otherwise as tall as 18-point text."""
    paragraph._p.get_or_add_endParaRPr().set("sz", str(round(size * 100)))


def colour_tail(frame: Any, tail: str, slot: str) -> None:
    """The first paragraph ending in `tail`: that end set apart in its own run, bold, in a theme colour."""
    from pptx.util import Pt

    for paragraph in frame.paragraphs:
        run = paragraph.runs[0] if paragraph.runs else None
        if not tail or run is None or not run.text.endswith(tail):
            continue
        run.text = run.text[: -len(tail)]
        coloured = paragraph.add_run()
        coloured.text = tail
        if run.font.size is not None:
            coloured.font.size = Pt(run.font.size.pt)
        coloured.font.bold = True
        theme_colour(coloured.font, slot)
        return
