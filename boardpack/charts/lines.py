"""Lines over periods (retention rates, LTV:CAC, an MRR forecast), with an optional reference level such as 3:1,
milestones, and a shaded band (a forecast's range) under them."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.text import Annotation
from matplotlib.transforms import blended_transform_factory

from boardpack.charts.base import category_labels, figure, kind, tick_formatter, value_ticks
from boardpack.charts.colours import text_colour
from boardpack.charts.marks import mark_milestones
from boardpack.charts.spec import ChartSpec, ChartTheme
from boardpack.charts.text import Placement, fit, keep_clear, legend_above

LAST_LABEL_SHIFTS = (0, 9, -9, 16, -16)  # points up or down from the last point, the first clear one is taken
# a reference line's name: above its left end, below it, then at its right end
REFERENCE_PLACES: tuple[Placement, ...] = (
    {"xy": (0.01, None), "xyann": (0, 4), "ha": "left", "va": "bottom"},
    {"xy": (0.01, None), "xyann": (0, -4), "ha": "left", "va": "top"},
    {"xy": (0.99, None), "xyann": (0, 4), "ha": "right", "va": "bottom"},
    {"xy": (0.99, None), "xyann": (0, -4), "ha": "right", "va": "top"},
    {"xy": (0.5, None), "xyann": (0, 4), "ha": "center", "va": "bottom"},
)


@kind("lines")
def lines(spec: ChartSpec, theme: ChartTheme) -> Figure:
    periods: list[str] = spec.data["periods"]
    series: list[dict] = spec.data["series"]  # [{"name", "values", "last_label", "dashed"}]
    top = 0.86 if spec.data.get("milestones") else 0.91  # the legend alone needs less room than milestone labels
    fig, ax = figure(spec, left=max(0.1, 0.75 / spec.width), right=0.86, top=top, bottom=0.12)  # ticks keep 0.75 in
    xs = range(len(periods))
    finite: list[float] = []
    labels: list[tuple[Annotation, Sequence[Placement]]] = []  # placed clear of the lines once the axes are final
    band = spec.data.get("band")  # {"name", "low": [...], "high": [...]}: None where there is no range
    if band is not None:
        shaded = [(x, lo, hi) for x, lo, hi in zip(xs, band["low"], band["high"], strict=True) if lo is not None]
        if shaded:
            ax.fill_between(
                [p[0] for p in shaded],
                [p[1] for p in shaded],
                [p[2] for p in shaded],
                color=theme.secondary,
                alpha=0.18,
                linewidth=0,
                label=band["name"],
            )
            finite += [p[1] for p in shaded] + [p[2] for p in shaded]
    for colour, item in zip(theme.series, series, strict=False):
        points = [(x, v) for x, v in zip(xs, item["values"], strict=True) if v is not None]
        if not points:
            continue
        ax.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            color=colour,
            linewidth=2,
            linestyle="--" if item.get("dashed") else "-",
            marker="o",
            markersize=3.5 if len(periods) <= 12 else 2.0,
            label=item["name"],
        )
        finite += [p[1] for p in points]
        last_x, last_y = points[-1]
        label = ax.annotate(
            item.get("last_label", ""),
            (last_x, last_y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            color=text_colour(colour, theme.background),
            fontweight="bold",
        )
        labels.append((label, [{"xyann": (6, dy)} for dy in LAST_LABEL_SHIFTS]))
    reference = spec.data.get("reference")
    if reference is not None:
        ax.axhline(reference["value"], color=theme.reference, linestyle="--", linewidth=1.2)
        label = ax.annotate(
            reference["label"],
            (0.01, reference["value"]),
            xycoords=blended_transform_factory(ax.transAxes, ax.transData),
            xytext=(0, 4),
            textcoords="offset points",
            color=theme.reference,
            va="bottom",
        )
        labels.append((label, REFERENCE_PLACES))
        finite.append(reference["value"])
    if finite:
        low, high = min(finite), max(finite)
        pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
        ax.set_ylim(low - pad if spec.data.get("free_floor") else min(0.0, low - pad), high + pad)
    every = int(spec.data.get("tick_every", 1))  # a long monthly axis labels every third month, say
    category_labels(ax, periods, spec.width * (fig.subplotpars.right - fig.subplotpars.left), every)
    ax.set_xlim(-0.3, len(periods) - 0.7)
    value_ticks(ax.yaxis, 4)
    ax.yaxis.set_major_formatter(tick_formatter(spec.axis, finite))
    legend_above(ax)
    mark_milestones(ax, spec, theme)
    if not getattr(fig, "fitted", False):  # milestones fit the plot before placing their labels
        fit(fig)
    keep_clear(fig, labels)
    return fig
