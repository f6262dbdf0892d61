"""Shared set-up of every chart kind: matplotlib settings, a figure with fixed margins, SVG output.

Fixed margins (`subplots_adjust`) rather than constrained or tight layout: the layout engines about
double the drawing time and the slides give every chart a known box anyway. Figures are made with
`matplotlib.figure.Figure`, never pyplot, which saves its import and its global state.
"""

from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from boardpack import formatting
from boardpack.charts.spec import Axis, ChartSpec, ChartTheme

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
            "ytick.major.size": 0,
            "legend.frameon": False,
        }
    )


def figure(
    spec: ChartSpec, left: float = 0.08, right: float = 0.98, top: float = 0.92, bottom: float = 0.12
) -> tuple[Figure, Axes]:
    fig = Figure(figsize=(spec.width, spec.height))
    fig.subplots_adjust(left=left, right=right, top=top, bottom=bottom)
    return fig, fig.add_subplot()


def tick_formatter(axis: Axis) -> FuncFormatter:
    def fmt(value: float, _pos: int | None = None) -> str:
        if axis.unit == "currency":
            return formatting.money_compact(value, axis.currency, axis.locale)
        if axis.unit == "ratio":
            return formatting.percent(value, axis.locale, digits=0)
        if axis.unit == "multiple":
            return formatting.multiple(value, axis.locale)
        if axis.unit == "count" and value != round(value):
            return ""  # a count has no halves: a tick between whole numbers stays unlabelled, never "0 0 1 1"
        return formatting.compact(value, axis.locale)

    return FuncFormatter(fmt)


def value_ticks(axis_object, count: int = 5) -> None:  # type: ignore[no-untyped-def]
    """At most `count` ticks on a value axis, so long currency labels never overlap."""
    axis_object.set_major_locator(MaxNLocator(nbins=count, min_n_ticks=3))


def shorten(label: str, limit: int = 24) -> str:
    """A category label cut to fit beside a bar; the tables beside the charts keep the full names."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def left_margin(labels: list[str], width: float, font_size: float) -> float:
    """Room for the longest category label, as a share of the figure width."""
    longest = max((len(label) for label in labels), default=0)
    inches = 0.15 + longest * font_size * 0.0085
    return min(0.45, inches / width)


def to_svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, transparent=True)
    return buffer.getvalue()
