"""Shared set-up of every chart kind: matplotlib settings, a figure with fixed margins, SVG output.

Fixed margins (`subplots_adjust`) rather than constrained or tight layout: the layout engines about
double the drawing time and the slides give every chart a known box anyway. Figures are made with
`matplotlib.figure.Figure`, never pyplot, which saves its import and its global state.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, MaxNLocator

from boardpack import formatting
from boardpack.charts.spec import Axis, ChartSpec, ChartTheme
from boardpack.charts.text import renderer

Drawer = Callable[[ChartSpec, ChartTheme], Figure]
KINDS: dict[str, Drawer] = {}


def kind(name: str) -> Callable[[Drawer], Drawer]:
    def register(fn: Drawer) -> Drawer:
        KINDS[name] = fn
        return fn

    return register


def setup(theme: ChartTheme) -> None:
    from matplotlib import font_manager

    for path in theme.font_files:
        font_manager.fontManager.addfont(path)
    matplotlib.rcParams.update(
        {
            "svg.fonttype": "none",  # text stays text: selectable in the PDF, set in the slide's font
            "svg.hashsalt": "boardpack",  # stable element ids, so the same data gives the same bytes
            # every text of a chart is plain: a channel named `Ads $5$ Q3` or a `$` price must not be
            # read as mathtext (titles, ticks, legends, labels and annotations alike)
            "text.parse_math": False,
            "font.family": [theme.font_family, "DejaVu Sans", "sans-serif"],
            "font.size": theme.font_size,
            "text.color": theme.text,
            "axes.labelcolor": theme.text,
            "axes.edgecolor": theme.grid,
            "xtick.color": theme.muted,
            "ytick.color": theme.muted,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.spines.left": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "grid.color": theme.grid,
            "grid.linewidth": 0.6,
            "axes.axisbelow": True,
            "xtick.major.size": 0,
            "xtick.major.pad": 8,  # below the lowest value tick's label, which sits on the axis
            "ytick.major.size": 0,
            "legend.frameon": False,
        }
    )


MARGIN_HEIGHT = 4.4  # inches: the chart height the top and bottom margins are given for


def figure(
    spec: ChartSpec, left: float = 0.08, right: float = 0.98, top: float = 0.92, bottom: float = 0.12
) -> tuple[Figure, Axes]:
    """A figure with fixed margins; a chart shorter than MARGIN_HEIGHT (a slide with next steps gives its chart
    less height) keeps its top and bottom margins in inches, so labels under the axis keep their room."""
    fig = Figure(figsize=(spec.width, spec.height))
    stretch = max(1.0, MARGIN_HEIGHT / spec.height)
    fig.subplots_adjust(left=left, right=right, top=1 - (1 - top) * stretch, bottom=bottom * stretch)
    return fig, fig.add_subplot()


class Ticks(Formatter):
    """An axis's tick labels in one style (`formatting.series`): one abbreviation for every tick, chosen from the
    chart's own figures (`like`) as its value labels are, so `€750K` ticks stand beside `€608K` bars; each tick
    printed exactly with the decimals it needs, so ticks never repeat (`99.5%` is not `100%`)."""

    def __init__(self, axis: Axis, like: Sequence[float | None] = ()):
        self.scale = axis
        self.like = [v for v in like if v is not None] or None

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        axis = self.scale
        if axis.unit == "count":  # a count has no halves: a tick between whole numbers stays unlabelled
            whole = [v if v == round(v) else None for v in values]
            return formatting.series(whole, "count", axis.currency, axis.locale, exact=True, like=self.like)
        return formatting.series(list(values), axis.unit, axis.currency, axis.locale, exact=True, like=self.like)

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.format_ticks([x])[0]


def tick_formatter(axis: Axis, like: Sequence[float | None] = ()) -> Ticks:
    """Ticks for `axis`; `like` are the figures the chart labels, which choose the abbreviation."""
    return Ticks(axis, like)


ROUND_STEPS = (1, 2, 2.5, 5, 10)  # tick steps a reader counts in: 96%, 98%, 100%, never 97.5%, 100.5%


def value_ticks(axis_object, count: int = 5) -> None:  # type: ignore[no-untyped-def]
    """At most `count` ticks on a value axis, so long currency labels never overlap."""
    axis_object.set_major_locator(MaxNLocator(nbins=count, min_n_ticks=3, steps=ROUND_STEPS))


def category_labels(ax: Axes, labels: list[str], width: float, every: int = 1) -> None:
    """Labels under columns, kept apart: a period on two lines where it would run into the next (`Q3` over
    `2026`; its parts are joined by a no-break space), and long words every other one a line lower.
    With `every` above one, only every n-th column is labelled (a long monthly axis), each with n slots."""
    font = matplotlib.rcParams["font.size"]
    slot = width * every / max(len(labels), 1)  # inches each label may take
    positions = list(range(len(labels)))[::every]
    labels = labels[::every]

    def too_wide(texts: list[str]) -> bool:
        return max((len(part) for t in texts for part in t.split("\n")), default=0) * font * 0.62 / 72 > slot * 0.95

    stagger = False
    if too_wide(labels):
        split = [label.replace("\u00a0", "\n") for label in labels]
        labels, stagger = (labels, True) if too_wide(split) else (split, False)
    ax.set_xticks(positions, labels)
    if stagger:
        pad = matplotlib.rcParams["xtick.major.pad"]
        for tick in ax.xaxis.get_major_ticks()[1::2]:
            tick.set_pad(pad + font * 1.25)


def shorten(label: str, limit: int = 24) -> str:
    """A category label cut to fit beside a bar; the tables beside the charts keep the full names."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def left_margin(labels: list[str], width: float, font_size: float) -> float:
    """Room for the longest category label, as a share of the figure width."""
    longest = max((len(label) for label in labels), default=0)
    inches = 0.15 + longest * font_size * 0.0085
    return min(0.45, inches / width)


def fit_left(fig: Figure, ax: Axes, width: float, most: float = 0.5) -> None:
    """The plot's left edge just past its widest category label as matplotlib draws it: a count of characters
    misjudges capitals and wide letters (`On-demand video` ran into its bar), a drawn extent does not."""
    draw = renderer(fig)
    widest = max((label.get_window_extent(draw).width / fig.dpi for label in ax.get_yticklabels()), default=0.0)
    fig.subplots_adjust(left=min(most, (widest + LABEL_GAP) / width))


LABEL_GAP = 0.2  # inches between the page's edge and a label, and between the label and its bar


def to_svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    return buffer.getvalue()
