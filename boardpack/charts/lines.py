"""Lines over periods (retention rates, LTV:CAC), with an optional reference level such as 3:1 and milestones."""

from __future__ import annotations

from matplotlib.figure import Figure

from boardpack.charts.base import category_labels, figure, kind, tick_formatter, value_ticks
from boardpack.charts.marks import mark_milestones
from boardpack.charts.spec import ChartSpec, ChartTheme


@kind("lines")
def lines(spec: ChartSpec, theme: ChartTheme) -> Figure:
    periods: list[str] = spec.data["periods"]
    series: list[dict] = spec.data["series"]  # [{"name", "values", "last_label"}]
    fig, ax = figure(spec, left=0.1, right=0.86, top=0.86, bottom=0.12)
    xs = range(len(periods))
    finite: list[float] = []
    for colour, item in zip(theme.series, series, strict=False):
        points = [(x, v) for x, v in zip(xs, item["values"], strict=True) if v is not None]
        if not points:
            continue
        ax.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            color=colour,
            linewidth=2,
            marker="o",
            markersize=3.5,
            label=item["name"],
        )
        finite += [p[1] for p in points]
        last_x, last_y = points[-1]
        ax.annotate(
            item.get("last_label", ""),
            (last_x, last_y),
            xytext=(6, 0),
            textcoords="offset points",
            va="center",
            color=colour,
            fontweight="bold",
        )
    reference = spec.data.get("reference")
    if reference is not None:
        ax.axhline(reference["value"], color=theme.reference, linestyle="--", linewidth=1.2)
        ax.annotate(
            reference["label"],
            (0, reference["value"]),
            xytext=(0, 4),
            textcoords="offset points",
            color=theme.reference,
            va="bottom",
        )
        finite.append(reference["value"])
    if finite:
        low, high = min(finite), max(finite)
        pad = (high - low) * 0.15 or abs(high) * 0.1 or 1.0
        ax.set_ylim(low - pad if spec.data.get("free_floor") else min(0.0, low - pad), high + pad)
    category_labels(ax, periods, spec.width * (fig.subplotpars.right - fig.subplotpars.left))
    ax.set_xlim(-0.3, len(periods) - 0.7)
    value_ticks(ax.yaxis, 4)
    ax.yaxis.set_major_formatter(tick_formatter(spec.axis))
    ax.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncols=len(series), borderaxespad=0)
    mark_milestones(ax, spec, theme)
    return fig
