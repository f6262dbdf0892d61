"""Milestones on a chart over periods: a dotted line above the period each falls in, with its short label.

Lines and labels sit in a band added above the data, so they never cover a bar, a point or a value
label; a label that would run into another label or a line takes the next row of the band, and one
that would run past the right edge is set on the left of its line. Milestones of one period share one
label, whole: widths are measured as drawn, not estimated, so no label is cut short. The value axis keeps
its ticks in the data's range: the band holds words, not values.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from boardpack.charts.base import ROUND_STEPS
from boardpack.charts.spec import ChartSpec, ChartTheme
from boardpack.charts.text import fit, renderer

GAP = 0.06  # inches between a line and its label, and between two labels of a row
MAX_SEARCH = 8  # milestones whose sides are searched (2^8 choices at most); more take the right side


def _labels(marks: list[dict]) -> list[tuple[int, str]]:
    """One label per period, in period order: the period's milestones joined."""
    by_index: dict[int, list[str]] = defaultdict(list)
    for mark in marks:
        by_index[int(mark["index"])].append(str(mark["label"]))
    return [(index, " · ".join(labels)) for index, labels in sorted(by_index.items())]


def _fits(placed: list[tuple[int, float, float, int]], index: int, start: float, end: float, row: int) -> bool:
    """Whether a label over [start, end] in `row` meets no other label and no line (row 0 is the top).

    A line rises from the data to its own label's row, so it crosses the rows below that one: a label
    keeps off the lines of the rows above it, and a line keeps off the labels of the rows below it.
    """
    return not any(
        (r == row and s < end and start < e) or (r < row and start <= i <= end) or (r > row and s <= index <= e)
        for i, s, e, r in placed
    )


Placed = list[tuple[int, float, float, int]]  # index, label start, label end, row


def _row(placed: Placed, index: int, start: float, end: float) -> int | None:
    """The row nearest the top that fits; a row above every other one fits unless a label covers the line."""
    rows = [r for *_, r in placed] or [0]
    candidates = [*range(min(rows), max(rows) + 2), min(rows) - 1]
    return next((r for r in candidates if _fits(placed, index, start, end, r)), None)


def _layout(items: list[tuple[int, float]], left: float, right: float, gap: float) -> Placed:
    """Each label's side of its line and row: of the choices of sides (right of the line first) whose every
    label fits without meeting a label or a line, the one with the fewest rows. A few milestones give a few
    dozen choices; past MAX_SEARCH labels, each takes the right side where it fits the plot."""
    choices = product((True, False), repeat=len(items)) if len(items) <= MAX_SEARCH else [None]
    best: Placed | None = None
    for sides in choices:
        placed: Placed = []
        for number, (index, width) in enumerate(items):
            on_right = sides[number] if sides else index + gap + width <= right
            start = index + gap if on_right else index - gap - width
            row = _row(placed, index, start - gap, start + width + gap)
            if sides and (row is None or start < left - gap or start + width > right + gap):
                break
            placed.append((index, start, start + width, row if row is not None else max(r for *_, r in placed) + 1))
        else:
            if best is None or len({r for *_, r in placed}) < len({r for *_, r in best}):
                best = placed
    return best if best is not None else _greedy(items, left, right, gap)


def _greedy(items: list[tuple[int, float]], left: float, right: float, gap: float) -> Placed:
    """Right of the line where it fits the plot, else left of it, else across it within the plot (a label
    wider than either side; its line then stops under it); each in its own row where no row fits."""
    placed: Placed = []
    for index, width in items:
        if index + gap + width <= right:
            start = index + gap
        elif index - gap - width >= left:
            start = index - gap - width
        else:
            start = max(left, min(index - width / 2, right - width))
        row = _row(placed, index, start - gap, start + width + gap)
        placed.append((index, start, start + width, row if row is not None else max(r for *_, r in placed) + 1))
    return placed


def _wrapped(text: Text, draw: RendererBase, room: float) -> float:
    """The label's width in pixels, after breaking it into lines at spaces when it is wider than `room` (the
    whole plot): a milestone is never cut short."""
    words = text.get_text().split(" ")
    width = text.get_window_extent(draw).width
    lines = 1
    while width > room and lines < len(words):
        lines += 1
        per_line = -(-len(words) // lines)
        text.set_text("\n".join(" ".join(words[i : i + per_line]) for i in range(0, len(words), per_line)))
        width = text.get_window_extent(draw).width
    return width


def _ticks_in_data(ax: Axes, low: float, high: float) -> float:
    """Value ticks only over the data's range, which is raised to the next tick so its top has a labelled line;
    returns that top. The band above holds words, not values."""
    ticks = list(MaxNLocator(nbins=4, min_n_ticks=3, steps=ROUND_STEPS).tick_values(low, high))
    above = [t for t in ticks if t >= high]
    if len(ticks) > 1 and above and above[0] - high < ticks[1] - ticks[0]:
        high = above[0]
    ax.yaxis.set_major_locator(FixedLocator([t for t in ticks if low <= t <= high]))
    return high


def mark_milestones(ax: Axes, spec: ChartSpec, theme: ChartTheme) -> None:
    """Draw the spec's `milestones` ([{"index", "label"}]) on axes whose x positions are period indexes."""
    labels = _labels(spec.data.get("milestones") or [])
    if not labels:
        return
    size = theme.small
    fig = ax.figure
    low, high = ax.get_ylim()
    high = _ticks_in_data(ax, low, high)
    fit(fig)  # the plot's final width first: the labels' room is measured against it
    params = fig.subplotpars
    left, right = ax.get_xlim()
    per_inch = (right - left) / (fig.get_figwidth() * (params.right - params.left))
    gap = GAP * per_inch  # GAP in data units
    across = blended_transform_factory(ax.transData, ax.transAxes)
    texts = [ax.text(0, 0, text, transform=across, va="top", fontsize=size, color=theme.muted) for _, text in labels]
    draw = renderer(fig)
    widths = [
        _wrapped(text, draw, (right - left - 2 * gap) / per_inch * fig.dpi) / fig.dpi * per_inch for text in texts
    ]
    placed = _layout([(index, width) for (index, _), width in zip(labels, widths, strict=True)], left, right, gap)
    line = size * 1.45 / 72 / (fig.get_figheight() * (params.top - params.bottom))  # one row, as a share of the axes
    first = min(r for *_, r in placed)
    placed = [(i, s, e, r - first) for i, s, e, r in placed]  # rows counted from the top again
    height = {}  # lines of each row: a wrapped label makes its row taller
    for text, (*_, row) in zip(texts, placed, strict=True):
        height[row] = max(height.get(row, 1), text.get_text().count("\n") + 1)
    above = [sum(height.get(r, 1) for r in range(row)) for row in range(max(height) + 2)]  # lines above each row
    band = line * (above[-1] + 0.3)
    ax.set_ylim(low, low + (high - low) / (1 - band))
    for text, (index, start, end, row) in zip(texts, placed, strict=True):
        top = 1 - line * (above[row] + 0.15)
        across_it = start <= index <= end  # a label too wide for either side: its line stops under it
        ax.plot(
            [index, index],
            [1 - band, top - line * height[row] if across_it else top],
            transform=across,
            color=theme.muted,
            linestyle=":",
            linewidth=1,
        )
        text.set_position((start if start > index or across_it else index - gap, top))
        text.set_horizontalalignment("left" if start > index or across_it else "right")
