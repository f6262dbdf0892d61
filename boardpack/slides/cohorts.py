"""Cohort retention from the billing ledger: customers and MRR kept by each first-paid month."""

from __future__ import annotations

from boardpack.i18n import N_
from boardpack.slides.base import SlideData, slide
from boardpack.slides.result import DeckResult


@slide("cohorts", needs=("revenue",), derived="cohorts", section="retention", title=N_("Cohort retention"))
def build(result: DeckResult) -> SlideData | None:
    grid = result.figures.cohorts
    if grid is None:
        return None
    charts = []
    for name, values in (("customers", grid.customers), ("mrr", grid.mrr)):
        labels = [[result.fmt.percent(v, 0) if v is not None else "" for v in row] for row in values]
        data = {
            "rows": [result.fmt.periods(row) for row in grid.rows],  # first-paid months, as the reader says them
            "columns": [str(a) for a in grid.ages],
            "values": [list(row) for row in values],
            "labels": labels,
        }
        charts.append(result.chart("heatmap", f"cohorts_{name}", (6.0, 4.0), data))
    return result.slide("cohorts", charts=tuple(charts))
