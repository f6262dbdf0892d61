"""Cohort heatmap: one row per cohort (first-paid month), one column per month of age, the share retained."""

from __future__ import annotations

from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure

from boardpack.charts.base import figure, kind
from boardpack.charts.spec import ChartSpec, ChartTheme


@kind("heatmap")
def heatmap(spec: ChartSpec, theme: ChartTheme) -> Figure:
    rows: list[str] = spec.data["rows"]
    columns: list[str] = spec.data["columns"]
    values: list[list[float | None]] = spec.data["values"]  # shares 0..1 (or above, with expansion)
    labels: list[list[str]] = spec.data["labels"]
    fig, ax = figure(spec, left=0.14, right=0.99, top=0.9, bottom=0.04)
    ax.grid(False)
    colours = LinearSegmentedColormap.from_list("retention", ["#ffffff", theme.secondary, theme.primary])
    masked = [[v if v is not None else float("nan") for v in row] for row in values]
    ax.imshow(masked, cmap=colours, vmin=0.6, vmax=1.05, aspect="auto")
    for y, row in enumerate(labels):
        for x, text in enumerate(row):
            value = values[y][x]
            if text and value is not None:
                ax.text(
                    x,
                    y,
                    text,
                    ha="center",
                    va="center",
                    fontsize=theme.small,
                    color="white" if value > 0.85 else theme.text,
                )
    ax.set_xticks(range(len(columns)), columns)
    ax.set_yticks(range(len(rows)), rows)
    ax.xaxis.tick_top()
    ax.tick_params(labelsize=theme.small)
    for side in ax.spines.values():
        side.set_visible(False)
    return fig
