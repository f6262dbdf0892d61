"""Funnel: one centred bar per stage, its count inside and the conversion to the next stage beside it."""

from __future__ import annotations

from matplotlib.figure import Figure

from boardpack.charts.base import figure, kind, left_margin
from boardpack.charts.spec import ChartSpec, ChartTheme


@kind("funnel")
def funnel(spec: ChartSpec, theme: ChartTheme) -> Figure:
    stages: list[str] = spec.data["stages"]
    values: list[float] = spec.data["values"]
    value_labels: list[str] = spec.data["value_labels"]
    rates: list[str] = spec.data["rate_labels"]  # conversion from the stage above, "" for the first
    fig, ax = figure(spec, left=left_margin(stages, spec.width, theme.font_size), right=0.80, top=0.97, bottom=0.03)
    ax.grid(False)
    ax.xaxis.set_visible(False)
    # Bar widths are proportional to the counts, so 92 won looks as small beside 64,566 visitors as it is;
    # a stage too small to see keeps a sliver, and its count is printed beside it.
    top = max(max(values), 1.0)
    widths = [max(v / top, 0.004) for v in values]
    positions = list(range(len(stages)))[::-1]
    ax.barh(positions, widths, left=[(1 - w) / 2 for w in widths], color=theme.current, height=0.72)
    for y, width, label in zip(positions, widths, value_labels, strict=True):
        inside = width > 0.22
        ax.text(
            0.5 if inside else 0.5 + width / 2 + 0.02,
            y,
            label,
            ha="center" if inside else "left",
            va="center",
            color="white" if inside else theme.text,
            fontweight="bold",
        )
    for y, rate in zip(positions, rates, strict=True):
        if rate:
            ax.text(1.03, y + 0.5, "↓ " + rate, ha="left", va="center", color=theme.muted, fontsize=theme.small)
    ax.set_yticks(positions, stages)
    ax.set_xlim(0, 1)
    ax.set_ylim(-0.6, len(stages) - 0.4)
    return fig
