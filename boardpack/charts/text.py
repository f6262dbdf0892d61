"""Chart text as the reader sees it: measured after layout, kept whole, inside the figure and clear of lines.

The margins of `base.figure` are fixed for speed; what they cannot know (a long currency tick such as
`€0.75M`, a legend that needs two rows in French, a value label the reference line would cross) is
measured here on the drawn figure (matplotlib's own text extents) and fixed: `fit` moves the plot's
edges in, `legend_above` wraps a legend, `keep_clear` moves a label. `text_overlaps` is the check the
tests run over every chart of the sample decks.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox, blended_transform_factory


def renderer(fig: Figure) -> RendererBase:
    """A renderer for measuring the texts of `fig` as they will be drawn (the SVG backend shares its metrics)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    return canvas.get_renderer()


def legend_above(ax: Axes, columns: int | None = None) -> Legend | None:
    """The axes' legend above the plot, from the figure's left edge, in as many columns as fit the figure's
    width: entries wrap into more rows and are never cut (`Lin` for `Linear`); `fit` then lowers the plot.
    None when nothing drawn has a name (every series empty)."""
    fig = ax.figure
    handles, names = ax.get_legend_handles_labels()
    if not handles:
        return None
    draw = renderer(fig)
    anchor = blended_transform_factory(fig.transFigure, ax.transAxes)
    for count in range(columns or len(handles), 0, -1):
        legend = ax.legend(
            handles,
            names,
            loc="lower left",
            bbox_to_anchor=(0.01, 1.01),
            bbox_transform=anchor,
            ncols=count,
            borderaxespad=0,
            handlelength=1.4,
            columnspacing=1.2,
        )
        if legend.get_window_extent(draw).x1 <= fig.bbox.x1 - 2 or count == 1:
            balanced = -(-len(handles) // -(-len(handles) // count))  # as many rows, the entries spread evenly
            return legend if balanced == count else legend_above(ax, balanced)
    raise AssertionError("unreachable")


def fit(fig: Figure, pad: float = 3.0) -> None:
    """Move the plot's edges in so every text (tick labels, legends, value labels) lies inside the figure.

    The margins are fixed first (fast, and the same for charts of one size); this measures what was drawn
    and gives a tick label like `€0.75M` or a wrapped legend the room it takes, `pad` pixels from the edge.
    One pass is enough: a text past an edge is a tick label or a legend, which moves with that edge, or a
    label inside the plot, which moves in further than the edge does. A chart kind that places labels on
    the final plot fits first; whatever it places afterwards stays inside.
    """
    draw = renderer(fig)
    fig.fitted = True  # type: ignore[attr-defined]  # `figure_of` need not measure it again
    inside = fig.bbox
    # the texts and legends rather than `get_tightbbox`, which also places axis labels that charts do not have
    boxes = [t.get_window_extent(draw) for t in _drawn_texts(fig)]
    boxes += [ax.legend_.get_window_extent(draw) for ax in fig.axes if ax.legend_ is not None]
    left = max((inside.x0 + pad - box.x0 for box in boxes), default=0.0)
    bottom = max((inside.y0 + pad - box.y0 for box in boxes), default=0.0)
    right = max((box.x1 - inside.x1 + pad for box in boxes), default=0.0)
    top = max((box.y1 - inside.y1 + pad for box in boxes), default=0.0)
    if max(left, bottom, right, top) <= 0.5:
        return
    params = fig.subplotpars
    fig.subplots_adjust(
        left=params.left + max(left, 0) / inside.width,
        bottom=params.bottom + max(bottom, 0) / inside.height,
        right=params.right - max(right, 0) / inside.width,
        top=params.top - max(top, 0) / inside.height,
    )


def _drawn_texts(fig: Figure) -> list[Text]:
    """Every text the drawn figure shows: labels, legends, annotations and the tick labels in view."""
    ticks = {
        id(label)
        for ax in fig.axes
        for axis in (ax.xaxis, ax.yaxis)
        for tick in [*axis.get_major_ticks(), *axis.get_minor_ticks()]
        for label in (tick.label1, tick.label2)
    }
    shown = [t for t in fig.findobj(Text) if id(t) not in ticks]
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if axis.get_visible():
                shown += [tick.label1 for tick in axis._update_ticks() if tick.label1.get_visible()]
    return [t for t in shown if t.get_visible() and t.get_text().strip()]


def _segments(line: Line2D) -> list[Bbox]:
    """A drawn line as the small boxes a text must keep clear of: each segment's box, cut into short steps so
    a slanted segment is not taken for its whole bounding box, and each marker."""
    points = line.get_transform().transform(line.get_xydata())
    points = points[~np.isnan(points).any(axis=1)]
    boxes = []
    for (x0, y0), (x1, y1) in pairwise(points):
        steps = max(1, int(max(abs(x1 - x0), abs(y1 - y0)) // 4))
        xs, ys = np.linspace(x0, x1, steps + 1), np.linspace(y0, y1, steps + 1)
        boxes += [
            Bbox.from_extents(min(a, b), min(c, d), max(a, b), max(c, d))
            for a, b, c, d in zip(xs[:-1], xs[1:], ys[:-1], ys[1:], strict=True)
        ]
    if line.get_marker() not in (None, "None", "", " "):
        radius = line.get_markersize() * _dpi(line) / 72 / 2
        boxes += [Bbox.from_extents(x - radius, y - radius, x + radius, y + radius) for x, y in points]
    if line.get_clip_on():
        clip = line.axes.bbox if line.axes else None
        boxes = [b for b in boxes if clip is None or b.overlaps(clip)]
    return boxes


def _inside(outer: Bbox, inner: Bbox) -> bool:
    """Whether `inner` lies wholly within `outer` (matplotlib's Bbox has overlaps, not containment)."""
    return outer.x0 <= inner.x0 and inner.x1 <= outer.x1 and outer.y0 <= inner.y0 and inner.y1 <= outer.y1


def _dpi(artist: Artist) -> float:
    figure = artist.get_figure()
    return figure.dpi if figure else 72.0


def crossings(text: Text, lines: Sequence[Line2D], draw: RendererBase, slack: float = 1.0) -> bool:
    """Whether a drawn line (a reference, a milestone, a series) runs through the text."""
    return _crossed(text.get_window_extent(draw).padded(-slack), [part for line in lines for part in _segments(line)])


def _crossed(box: Bbox, parts: Sequence[Bbox]) -> bool:
    return any(box.overlaps(part) for part in parts)


Placement = dict[str, object]  # an annotation's `xy`, `xyann` (offset in points), `ha` and `va`


def keep_clear(fig: Figure, labels: Sequence[tuple[Annotation, Sequence[Placement]]]) -> None:
    """Give each label the first of its placements where it stays inside the figure, no line runs through it
    and no other text meets it (a target line's name beside the first point, a last value on a reference
    line); a label with no clear placement keeps its first. Run once the plot's limits are final."""
    draw = renderer(fig)
    parts = [part for ax in fig.axes for line in ax.lines if line.get_visible() for part in _segments(line)]
    boxes = {id(t): t.get_window_extent(draw) for t in _drawn_texts(fig)}
    for text, placements in labels:
        others = [box for key, box in boxes.items() if key != id(text)]
        for placement in [*placements, placements[0]]:
            wanted = placement.get("xy", text.xy)
            text.xy = tuple(new if new is not None else old for new, old in zip(wanted, text.xy, strict=True))
            text.xyann = placement.get("xyann", text.xyann)
            text.set_horizontalalignment(str(placement.get("ha", text.get_horizontalalignment())))
            text.set_verticalalignment(str(placement.get("va", text.get_verticalalignment())))
            box = text.get_window_extent(draw)
            if (
                _inside(fig.bbox, box)
                and not _crossed(box.padded(-1.0), parts)
                and not any(box.overlaps(o) for o in others)
            ):
                break
        boxes[id(text)] = text.get_window_extent(draw)


def text_overlaps(fig: Figure, slack: float = 1.0) -> list[tuple[str, str]]:
    """What spoils a chart's text, as pairs: two texts whose drawn extents meet, a text and `a line` that runs
    through it, a text and `the figure's edge` it crosses, or `clipped` when it is cut or hidden.

    The extents are matplotlib's own after a draw (`get_window_extent`), so this is what the reader sees,
    not an estimate; `slack` pixels of touching are allowed. Tests run it over every chart of the decks.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    draw = canvas.get_renderer()
    texts = _drawn_texts(fig)
    boxes = [(t.get_text(), t.get_window_extent(draw).expanded(1, 1).padded(-slack)) for t in texts]
    found = [
        (a, b)
        for i, (a, first) in enumerate(boxes)
        for b, second in boxes[i + 1 :]
        if first.width > 0 and second.width > 0 and first.overlaps(second)
    ]
    edge = fig.bbox.padded(slack)
    found += [(name, "the figure's edge") for name, box in boxes if not _inside(edge, box)]
    lines = [line for ax in fig.axes for line in ax.lines if line.get_visible()]
    found += [(t.get_text(), "a line") for t in texts if crossings(t, lines, draw, slack)]
    for t in texts:
        clip = t.get_clip_box() if t.get_clip_on() else None
        hidden = isinstance(t, Annotation) and not t._check_xy(draw)
        if hidden or (clip is not None and not _inside(clip.padded(slack), t.get_window_extent(draw))):
            found.append((t.get_text(), "clipped"))
    return found
