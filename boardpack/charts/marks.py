"""Milestones on a chart over periods: a dotted line above the period each falls in, with its short label.

Lines and labels sit in a band added above the data, so they never cover a bar, a point or a value
label; a label that would run into another label or a line takes the next row of the band, and one
that would run past the right edge is set on the left of its line. Milestones of one period share one
label.
"""

from __future__ import annotations

from collections import defaultdict

from matplotlib.axes import Axes
from matplotlib.transforms import blended_transform_factory

from boardpack.charts.base import shorten
from boardpack.charts.spec import ChartSpec, ChartTheme

GLYPH = 0.62  # average glyph width as a share of the font size: generous, so estimates never overlap
GAP = 0.06  # inches between a line and its label, and between two labels of a row
LIMIT = 30  # characters of one period's label


def _labels(marks: list[dict]) -> list[tuple[int, str]]:
    """One label per period, in period order: the period's milestones joined."""
    by_index: dict[int, list[str]] = defaultdict(list)
    for mark in marks:
        by_index[int(mark["index"])].append(str(mark["label"]))
    return [(index, shorten(" · ".join(labels), LIMIT)) for index, labels in sorted(by_index.items())]


def _fits(placed: list[tuple[int, float, float, int]], index: int, start: float, end: float, row: int) -> bool:
    """Whether a label over [start, end] in `row` meets no other label and no line (row 0 is the top).

    A line rises from the data to its own label's row, so it crosses the rows below that one: a label
    keeps off the lines of the rows above it, and a line keeps off the labels of the rows below it.
    """
    return not any(
        (r == row and s < end and start < e) or (r < row and start <= i <= end) or (r > row and s <= index <= e)
        for i, s, e, r in placed
    )


def _row(placed: list[tuple[int, float, float, int]], index: int, start: float, end: float) -> int:
    """The row nearest the top that fits; a row above every other one fits unless a label covers the line."""
    rows = [r for *_, r in placed] or [0]
    candidates = [*range(min(rows), max(rows) + 2), min(rows) - 1]
    return next((r for r in candidates if _fits(placed, index, start, end, r)), max(rows) + 1)


def mark_milestones(ax: Axes, spec: ChartSpec, theme: ChartTheme) -> None:
    """Draw the spec's `milestones` ([{"index", "label"}]) on axes whose x positions are period indexes."""
    labels = _labels(spec.data.get("milestones") or [])
    if not labels:
        return
    size = theme.small
    params = ax.figure.subplotpars
    left, right = ax.get_xlim()
    gap = GAP * (right - left) / (spec.width * (params.right - params.left))  # GAP in data units
    placed: list[tuple[int, float, float, int]] = []  # index, label start, label end, row
    for index, text in labels:
        width = len(text) * size * GLYPH / 72 / GAP * gap
        start = index + gap if index + gap + width <= right else index - gap - width
        placed.append((index, start, start + width, _row(placed, index, start - gap, start + width + gap)))
    line = size * 1.45 / 72 / (spec.height * (params.top - params.bottom))  # one row, as a share of the axes
    first = min(r for *_, r in placed)
    placed = [(i, s, e, r - first) for i, s, e, r in placed]  # rows counted from the top again
    rows = 1 + max(r for *_, r in placed)
    band = line * (rows + 0.3)
    low, high = ax.get_ylim()
    ax.set_ylim(low, low + (high - low) / (1 - band))
    across = blended_transform_factory(ax.transData, ax.transAxes)
    for (index, text), (_, start, _, row) in zip(labels, placed, strict=True):
        top = 1 - line * (row + 0.15)
        ax.plot([index, index], [1 - band, top], transform=across, color=theme.muted, linestyle=":", linewidth=1)
        ax.text(
            start if start > index else index - gap,
            top,
            text,
            transform=across,
            va="top",
            fontsize=size,
            ha="left" if start > index else "right",
            color=theme.muted,
        )
