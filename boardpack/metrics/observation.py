"""How long the cohorts of a period (trials started, demos requested) were watched for conversions.

A trial started on the period's last day has had no time to convert; a reader comparing trial-to-paid
between quarters needs to know how long each cohort was observed, so the appendix states it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from boardpack.metrics.measures import Unavailable

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation

COHORTS = (("trials", "started"), ("demos", "requested"))


@dataclass(frozen=True)
class CohortWindow:
    """A cohort table's entries in the period, the latest of them, and the last day conversions count."""

    table: str
    count: int
    latest: date
    as_of: date

    @property
    def shortest_days(self) -> int:
        """Days the latest entry of the cohort was observed."""
        return (self.as_of - self.latest).days


def cohort_windows(ev: Evaluation) -> list[CohortWindow]:
    """One window per cohort table that has entries in the period."""
    windows = []
    for table, column in COHORTS:
        try:
            rows = ev.facts.rows(table)
        except Unavailable:
            continue
        if rows:
            windows.append(CohortWindow(table, len(rows), max(getattr(r, column) for r in rows), ev.as_of))
    return windows
