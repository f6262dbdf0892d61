"""Cohort retention: the share of each first-paid month's customers and MRR still there, month by month."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from boardpack.periods import Period

COHORTS_SHOWN = 12  # the latest first-paid months shown, and the months of age
AGES = tuple(range(12))


@dataclass(frozen=True)
class CohortGrid:
    """Rows are cohorts (first-paid months, oldest first), columns months of age; None: not yet reached."""

    rows: tuple[str, ...]
    ages: tuple[int, ...]
    customers: tuple[tuple[float | None, ...], ...]
    mrr: tuple[tuple[float | None, ...], ...]


def _month_index(label: str) -> int:
    year, month = label.split("-")
    return int(year) * 12 + int(month) - 1


def cohort_grid(entries: Iterable[dict[str, Any]], period: Period) -> CohortGrid:
    """The last COHORTS_SHOWN cohorts that began by the period's end, retained share by age."""
    end = period.end
    cells: dict[str, dict[int, dict[str, float]]] = {}
    for entry in entries:
        cells.setdefault(entry["cohort"], {})[entry["age"]] = entry
    names = [c for c in sorted(cells) if Period(_month_index(c), "month").start <= end][-COHORTS_SHOWN:]

    def grid(measure: str) -> tuple[tuple[float | None, ...], ...]:
        rows = []
        for cohort in names:
            start = cells[cohort].get(0, {}).get(measure) or 0
            rows.append(
                tuple(
                    cells[cohort].get(age, {}).get(measure, 0.0) / start
                    if start and _month_index(cohort) + age <= end
                    else None
                    for age in AGES
                )
            )
        return tuple(rows)

    return CohortGrid(tuple(names), AGES, grid("customers"), grid("mrr"))
