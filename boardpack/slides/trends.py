"""Trend charts over the history periods, shared by the slides that show one."""

from __future__ import annotations

from boardpack import formatting
from boardpack.charts import ChartSpec
from boardpack.slides.result import DeckResult


def milestone_marks(result: DeckResult) -> list[dict[str, object]]:
    """The milestones of the trend window, each at the index of its period on a trend chart's axis."""
    periods = result.figures.history.periods
    return [{"index": periods.index(m.period), "label": m.label} for m in result.figures.milestones.trend]


def trend_bars(
    result: DeckResult, name: str, metric_id: str, size: tuple[float, float], unit: str = "count"
) -> tuple[ChartSpec, ...]:
    """Bars of one metric per period, labelled short (money) or compact (counts); none without values."""
    history = result.figures.history
    if not history.periods or not history.shown(metric_id):
        return ()
    values = history[metric_id]
    labels = formatting.series(values, unit, result.config.currency, result.config.locale)
    data = {
        "periods": result.period_names(history.periods),
        "values": list(values),
        "value_labels": labels,
        "milestones": milestone_marks(result),
    }
    return (result.chart("trend_bars", name, size, data, unit),)
