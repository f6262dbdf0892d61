"""The company milestones (milestones.csv) that fall in the reported period and in the trend window.

The trend charts mark them, and a finding can cite one ("since the price change in July"): both read
this one selection, so a chart never marks a milestone the text does not know of, or the reverse.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from boardpack.inputs.pack import PackInputs
from boardpack.periods import Period


@dataclass(frozen=True)
class Milestone:
    day: date
    label: str
    kind: str | None
    period: Period  # the trend period it falls in

    def as_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "label": self.label, "kind": self.kind, "period": self.period.label}


@dataclass(frozen=True)
class Milestones:
    """Milestones by date: those of the reported period, and those of the whole trend window."""

    period: tuple[Milestone, ...] = ()
    trend: tuple[Milestone, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.period or self.trend)

    def as_json(self) -> dict[str, Any]:
        return {"period": [m.as_json() for m in self.period], "trend": [m.as_json() for m in self.trend]}


def select_milestones(pack: PackInputs, period: Period, window: tuple[Period, ...], as_of: date) -> Milestones:
    """The pack's milestones within the trend `window` (which ends with `period`), none after `as_of`."""
    if not pack.has("milestones"):
        return Milestones()
    now, trend = [], []
    for row in sorted(pack.rows("milestones"), key=lambda r: (r.date, r.line)):
        if row.date > as_of:
            continue
        home = next((p for p in (period, *window) if p.first_day <= row.date <= p.last_day), None)
        if home is None:
            continue
        milestone = Milestone(row.date, row.label, row.kind, home)
        now += [milestone] if home == period else []
        trend += [milestone] if home in window else []
    return Milestones(tuple(now), tuple(trend))
