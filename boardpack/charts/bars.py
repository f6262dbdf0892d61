"""Bar charts: categories side by side (cost per lead by channel), a trend over periods, stacks by source."""

from __future__ import annotations

from matplotlib.figure import Figure

from boardpack.charts.base import (
    category_labels,
    figure,
    fit_left,
    kind,
    left_margin,
    shorten,
    tick_formatter,
    value_ticks,
)
from boardpack.charts.marks import mark_milestones
from boardpack.charts.spec import ChartSpec, ChartTheme
from boardpack.charts.text import crossings, fit, legend_above, renderer


@kind("hbar")
def hbar(spec: ChartSpec, theme: ChartTheme) -> Figure:
    """Horizontal bars, best at the top; an optional reference line (the overall figure)."""
    highlight = {shorten(k): v for k, v in spec.data.get("highlight", {}).items()}
    categories: list[str] = [shorten(c) for c in spec.data["categories"]]
    values: list[float] = spec.data["values"]
    labels: list[str] = spec.data["value_labels"]
    fig, ax = figure(spec, left=left_margin(categories, spec.width, theme.font_size), right=0.88, top=0.95, bottom=0.1)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    positions = list(range(len(categories)))[::-1]
    colours = [highlight.get(c, theme.current) for c in categories]
    colours = [theme.positive if c == "best" else theme.negative if c == "worst" else c for c in colours]
    ax.barh(positions, values, color=colours, height=0.65)
    top = max(values, default=0.0) or 1.0  # all zero (no revenue yet): still an axis
    texts = [
        ax.text(value + top * 0.015, y, label, va="center", ha="left", color=theme.text)
        for y, value, label in zip(positions, values, labels, strict=True)
    ]
    reference = spec.data.get("reference")
    ax.set_yticks(positions, categories)
    fit_left(fig, ax, spec.width)
    ax.set_xlim(0, top * 1.18)
    ax.set_ylim(-0.6, len(categories) - (0.1 if reference is not None else 0.5))  # the reference's label above the bars
    value_ticks(ax.xaxis, 4)
    ax.xaxis.set_major_formatter(tick_formatter(spec.axis, values))
    if reference is not None:
        line = ax.axvline(reference["value"], color=theme.reference, linewidth=1.2, linestyle="--")
        ax.text(
            reference["value"], len(categories) - 0.45, " " + reference["label"], color=theme.reference, va="bottom"
        )
        fit(fig)
        draw = renderer(fig)
        moved = [text for text in texts if crossings(text, [line], draw)]
        for text in moved:  # a value the reference line would cross is set just past the line instead
            text.set_x(reference["value"] + top * 0.015)
        if moved:
            fit(fig)
    return fig


@kind("trend_bars")
def trend_bars(spec: ChartSpec, theme: ChartTheme) -> Figure:
    """One bar per period: earlier periods in the comparison grey, the reported one in the current colour."""
    periods: list[str] = spec.data["periods"]
    values: list[float | None] = spec.data["values"]
    labels: list[str] = spec.data["value_labels"]
    fig, ax = figure(spec, left=0.1, right=0.98, top=0.9, bottom=0.12)
    shown = [v or 0.0 for v in values]
    colours = [theme.comparison] * (len(periods) - 1) + [theme.current]
    ax.bar(range(len(periods)), shown, color=colours, width=0.62)
    top = max(shown, default=0.0) or 1.0  # all zero (no revenue yet): still an axis
    for x, (value, label) in enumerate(zip(values, labels, strict=True)):
        if value is not None:
            ax.text(x, value + top * 0.02, label, ha="center", va="bottom", fontsize=theme.small)
    category_labels(ax, periods, spec.width * (fig.subplotpars.right - fig.subplotpars.left))
    ax.set_ylim(0, top * 1.15)
    value_ticks(ax.yaxis, 4)
    ax.yaxis.set_major_formatter(tick_formatter(spec.axis, values))
    mark_milestones(ax, spec, theme)
    return fig


@kind("stacked_bars")
def stacked_bars(spec: ChartSpec, theme: ChartTheme) -> Figure:
    """Stacked bars per period by source, with the period's target as a marker."""
    periods: list[str] = spec.data["periods"]
    series: list[dict] = spec.data["series"]  # [{"name": ..., "values": [...]}]
    targets: list[float | None] = spec.data.get("targets", [])
    fig, ax = figure(spec, left=0.1, right=0.98, top=0.86, bottom=0.12)
    bottoms = [0.0] * len(periods)
    for colour, item in zip(theme.series, series, strict=False):
        values = [v or 0.0 for v in item["values"]]
        ax.bar(range(len(periods)), values, bottom=bottoms, color=colour, width=0.62, label=item["name"])
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    if targets:
        xs = [x for x, t in enumerate(targets) if t is not None]
        ax.scatter(
            xs,
            [targets[x] for x in xs],
            marker="_",
            s=900,
            color=theme.reference,
            linewidths=2,
            label=spec.data.get("target_label", "Target"),
            zorder=3,
        )
    top = max([*bottoms, *(t or 0 for t in targets)]) or 1.0
    category_labels(ax, periods, spec.width * (fig.subplotpars.right - fig.subplotpars.left))
    ax.set_ylim(0, top * 1.1)
    value_ticks(ax.yaxis, 4)
    ax.yaxis.set_major_formatter(tick_formatter(spec.axis))  # no value labels: the ticks choose K or M
    legend_above(ax)
    mark_milestones(ax, spec, theme)
    return fig


@kind("grouped_hbar")
def grouped_hbar(spec: ChartSpec, theme: ChartTheme) -> Figure:
    """Several series side by side per category (attribution models per channel)."""
    categories: list[str] = [shorten(c) for c in spec.data["categories"]]
    series: list[dict] = spec.data["series"]
    fig, ax = figure(spec, left=left_margin(categories, spec.width, theme.font_size), right=0.97, top=0.86, bottom=0.08)
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    height = 0.8 / max(len(series), 1)
    base = list(range(len(categories)))[::-1]
    for index, (colour, item) in enumerate(zip(theme.series, series, strict=False)):
        offsets = [y + 0.4 - height * (index + 0.5) for y in base]
        ax.barh(offsets, item["values"], height=height * 0.92, color=colour, label=item["name"])
    ax.set_yticks(base, categories)
    ax.set_ylim(-0.6, len(categories) - 0.4)
    value_ticks(ax.xaxis, 4)
    ax.xaxis.set_major_formatter(tick_formatter(spec.axis))  # no value labels: the ticks choose K or M
    legend_above(ax)
    return fig
