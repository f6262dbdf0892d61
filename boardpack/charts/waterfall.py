"""MRR bridge: start, each movement as a floating bar, end."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from boardpack.charts.base import category_labels, figure, kind, tick_formatter, value_ticks
from boardpack.charts.spec import ChartSpec, ChartTheme


def cut(ax: Axes, xs: list[int], floor: float, span: float) -> None:
    """An axis break: a slanted white band across each bar that starts below the axis, and a zigzag on it."""
    low, high = floor + span * 0.035, floor + span * 0.06
    for x in xs:
        ax.fill(
            [x - 0.36, x + 0.36, x + 0.36, x - 0.36],
            [low, low + span * 0.02, high + span * 0.02, high],
            color="white",
            zorder=3,
        )
    ax.plot(
        [-0.55, -0.45, -0.5, -0.4],
        [low, high + span * 0.02, low, high + span * 0.02],
        color="black",
        linewidth=0.9,
        clip_on=False,
    )


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
            colours.append(theme.current)
            level = step["value"]
        else:
            bottoms.append(level if step["value"] >= 0 else level + step["value"])
            heights.append(abs(step["value"]))
            colours.append(theme.positive if step["value"] >= 0 else theme.negative)
            level += step["value"]
    xs = range(len(steps))
    ax.bar(xs, heights, bottom=bottoms, color=colours, width=0.62)
    top = max(b + h for b, h in zip(bottoms, heights, strict=True)) or 1.0
    # Zoom on the movements, which are small beside the totals: the axis starts above zero when the
    # movements span less than a third of the MRR, and then shows it: the total bars are cut by a
    # visible break near the axis, as a printed chart would, so a 4 % change never looks like a doubling.
    levels = [b for b, s in zip(bottoms, steps, strict=True) if not s["total"]]
    low = min([*levels, *(s["value"] for s in steps if s["total"])])
    floor = max(0.0, low - (top - low) * 1.2)
    if floor > 0:
        cut(ax, [x for x, s in zip(xs, steps, strict=True) if s["total"]], floor, top - floor)
    for x, step, bottom, height in zip(xs, steps, bottoms, heights, strict=True):
        ax.text(
            x,
            bottom + height + (top - floor) * 0.015,
            step["value_label"],
            ha="center",
            va="bottom",
        )
    for x in range(len(steps) - 1):
        level_after = bottoms[x] + heights[x] if steps[x]["total"] or steps[x]["value"] >= 0 else bottoms[x]
        ax.plot([x + 0.31, x + 0.69], [level_after, level_after], color=theme.neutral, linewidth=0.8)
    category_labels(ax, [s["label"] for s in steps], spec.width * (fig.subplotpars.right - fig.subplotpars.left))
    ax.set_ylim(floor, top + (top - floor) * 0.1)
    value_ticks(ax.yaxis, 5)
    ax.yaxis.set_major_formatter(tick_formatter(spec.axis, [s["value"] for s in steps]))
    return fig
