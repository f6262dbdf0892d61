"""MRR bridge: start, each movement as a floating bar, end."""

from __future__ import annotations

from matplotlib.figure import Figure

from boardpack.charts.base import figure, kind, tick_formatter
from boardpack.charts.spec import ChartSpec, ChartTheme


@kind("waterfall")
def waterfall(spec: ChartSpec, theme: ChartTheme) -> Figure:
    """Steps are totals (start, end) or signed movements; each bar starts where the last one ended."""
    steps: list[dict] = spec.data["steps"]  # {"label", "value", "total": bool, "value_label"}
    fig, ax = figure(spec, left=0.1, right=0.98, top=0.92, bottom=0.12)
    level = 0.0
    bottoms, heights, colours = [], [], []
    for step in steps:
        if step["total"]:
            bottoms.append(0.0)
            heights.append(step["value"])
            colours.append(theme.primary)
            level = step["value"]
        else:
            bottoms.append(level if step["value"] >= 0 else level + step["value"])
            heights.append(abs(step["value"]))
            colours.append(theme.positive if step["value"] >= 0 else theme.negative)
            level += step["value"]
    xs = range(len(steps))
    ax.bar(xs, heights, bottom=bottoms, color=colours, width=0.62)
    top = max(b + h for b, h in zip(bottoms, heights, strict=True)) or 1.0
    # Zoom on the movements, which are small beside the totals: the axis starts above zero (its
    # ticks say so) when the movements span less than a third of the MRR.
    levels = [b for b, s in zip(bottoms, steps, strict=True) if not s["total"]]
    low = min([*levels, *(s["value"] for s in steps if s["total"])])
    floor = max(0.0, low - (top - low) * 1.2)
    for x, step, bottom, height in zip(xs, steps, bottoms, heights, strict=True):
        ax.text(
            x,
            bottom + height + (top - floor) * 0.015,
            step["value_label"],
            ha="center",
            va="bottom",
            fontsize=theme.font_size - 0.5,
        )
    for x in range(len(steps) - 1):
        level_after = bottoms[x] + heights[x] if steps[x]["total"] or steps[x]["value"] >= 0 else bottoms[x]
        ax.plot([x + 0.31, x + 0.69], [level_after, level_after], color=theme.neutral, linewidth=0.8)
    ax.set_xticks(list(xs), [s["label"] for s in steps])
    ax.set_ylim(floor, top + (top - floor) * 0.1)
    ax.yaxis.set_major_formatter(tick_formatter(spec.axis))
    return fig
