"""What a PowerPoint slide is made of: a title, and blocks of text, figures, tables and charts in columns.

The blocks are built from the slides' data (`content.py`) and placed by the writer (`writer.py`); they
hold formatted text only, never a figure to compute.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from boardpack.charts import ChartSpec
from boardpack.slides.views import MetricView


@dataclass(frozen=True)
class Text:
    """Paragraphs: a note under a chart, the next steps (bulleted), a slide's written summary."""

    paragraphs: tuple[str, ...]
    heading: str = ""
    style: Literal["body", "note", "steps"] = "body"


@dataclass(frozen=True)
class Table:
    """A table of formatted cells; columns from `numeric_from` on are figures, aligned right.

    `header` False: a list of figures without a header row (label, value, change, status).
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    heading: str = ""
    numeric_from: int = 1
    strong: int | None = None  # a column set in bold: the period's figure
    header: bool = True
    tones: tuple[str | None, ...] = ()  # a row's status (good, bad, watch, best, worst) colours its strong cell
    numeric_to: int = 99  # columns from here on are text again (a source, a note)
    shades: tuple[tuple[float | None, ...], ...] = ()  # a heatmap: each cell's share (0..1), shading it

    def part(self, rows: tuple[tuple[str, ...], ...], tones: tuple[str | None, ...]) -> Table:
        start = next((i for i in range(len(self.rows)) if self.rows[i : i + len(rows)] == rows), 0)
        shades = self.shades[start : start + len(rows)] if self.shades else ()
        return replace(self, rows=rows, tones=tones, shades=shades)


@dataclass(frozen=True)
class Tiles:
    """The executive summary's key figures, `per_row` to a row."""

    items: tuple[MetricView, ...]
    per_row: int
    lines: tuple[tuple[str, ...], ...]  # each tile's text: its value, then label, change, target and status, basis


@dataclass(frozen=True)
class Chart:
    """A native chart, with the heading above it and the caption below."""

    spec: ChartSpec
    heading: str = ""
    caption: str = ""


Block = Text | Table | Tiles | Chart


@dataclass(frozen=True)
class Cover:
    kicker: str
    title: str
    subtitle: str
    meta: str
    confidential: str


@dataclass(frozen=True)
class Page:
    """One PowerPoint slide. `right` empty: `left` takes the full width. `split` is the left column's share.

    As on the PDF's pages, `kicker` (the topic and the board's question) stands small above the title (the
    slide's finding), and `summary` (its sentences) under it, across the slide."""

    id: str
    kind: Literal["cover", "content", "table", "appendix"]
    title: str
    kicker: str = ""
    left: tuple[Block, ...] = ()
    right: tuple[Block, ...] = ()
    split: float = 0.5
    notes: str = ""
    cover: Cover | None = None
    continued: bool = False  # a continuation slide: its title already says so
    summary: tuple[str, ...] = ()
