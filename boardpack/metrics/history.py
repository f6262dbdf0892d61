"""The trend series: chosen metrics and measures over the last periods, from the build's own evaluations.

The trend window ends with the reported period, so its prior period (and, for a long window, the
year-ago period) is the same evaluation the change columns used: each period is evaluated once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from boardpack.metrics.measures import Unavailable
from boardpack.periods import Period

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation

# measures drawn beside the metrics (the pipeline chart stacks pipeline by source against its target)
TREND_MEASURES = ("marketing_pipeline", "sales_pipeline", "other_pipeline", "pipeline_target")


@dataclass(frozen=True)
class History:
    """Values per period, oldest first; leading periods the pack has no data for are left out."""

    periods: tuple[Period, ...] = ()
    series: dict[str, tuple[float | None, ...]] = field(default_factory=dict)

    def __getitem__(self, name: str) -> tuple[float | None, ...]:
        return self.series[name]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(p.label for p in self.periods)

    def shown(self, name: str) -> bool:
        """Whether the series has any value to draw."""
        return any(v is not None for v in self.series.get(name, ()))

    def last(self, name: str) -> float | None:
        """The latest value the series has."""
        return next((v for v in reversed(self.series.get(name, ())) if v is not None), None)


def compute_history(evaluation: Evaluation, metric_ids: tuple[str, ...], count: int) -> History:
    """`metric_ids` and TREND_MEASURES over the `count` periods ending with the evaluation's own."""
    periods = evaluation.period.history(count)
    series: dict[str, list[float | None]] = {name: [] for name in (*metric_ids, *TREND_MEASURES)}
    for step in periods:
        at = evaluation.at(step)
        for metric_id in metric_ids:
            series[metric_id].append(at.evaluate(metric_id).value)
        for name in TREND_MEASURES:
            try:
                series[name].append(float(at.measure(name)))  # type: ignore[arg-type]
            except Unavailable:
                series[name].append(None)
    first = next((i for i in range(len(periods)) if any(s[i] is not None for s in series.values())), len(periods))
    return History(tuple(periods[first:]), {name: tuple(values[first:]) for name, values in series.items()})
