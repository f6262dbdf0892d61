"""Exchange rates as one lookup: what a unit of a currency is worth in the reporting currency.

Rates come by day (the ECB publishes working days only) or by month (a finance team's table). A day
without a rate (a weekend, a holiday) takes the last earlier one, at most `CARRY_DAYS` back, so a file
that stopped being updated is not read as rates that stood still. A month has a rate when it has a
monthly row or a daily rate dated within it: its month-end rate is the last of them, its average
their mean.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean
from typing import Literal

Rule = Literal["month_end", "month_average", "booking"]
CARRY_DAYS = 7  # the longest run of days without a published rate (Easter, the turn of the year) is shorter


def month_of(day: date) -> int:
    return day.year * 12 + day.month - 1


@dataclass(frozen=True)
class Series:
    """One currency's rates, each in reporting units per unit of the currency."""

    days: tuple[date, ...] = ()
    values: tuple[float, ...] = ()
    months: dict[int, float] = field(default_factory=dict)

    def on(self, day: date) -> float | None:
        """The rate of `day`, or of the last day before it within `CARRY_DAYS`; else the month's own rate."""
        at = bisect.bisect_right(self.days, day) - 1
        if at >= 0 and (day - self.days[at]).days <= CARRY_DAYS:
            return self.values[at]
        return self.months.get(month_of(day))

    def month(self, index: int, rule: Rule) -> float | None:
        """The rate that converts month `index`'s amounts (a booking rule reads a month's amounts at its average)."""
        if index in self.months:
            return self.months[index]
        first_day = date(index // 12, index % 12 + 1, 1)
        start = bisect.bisect_left(self.days, first_day)
        end = start
        while end < len(self.days) and month_of(self.days[end]) == index:
            end += 1
        if start == end:
            return None
        return self.values[end - 1] if rule == "month_end" else fmean(self.values[start:end])


@dataclass(frozen=True)
class Rates:
    """Every currency's rates into `reporting`, the rule that applies, and where they came from."""

    reporting: str
    rule: Rule
    sources: tuple[str, ...]
    series: dict[str, Series] = field(default_factory=dict)
    unread: bool = False  # a source could not be read (and says so): the rates it lacks are not listed too

    def month(self, currency: str, index: int) -> float | None:
        if currency == self.reporting:
            return 1.0
        found = self.series.get(currency)
        return found.month(index, self.rule) if found else None

    def on(self, currency: str, day: date) -> float | None:
        if currency == self.reporting:
            return 1.0
        found = self.series.get(currency)
        return found.on(day) if found else None

    def knows(self, currency: str) -> bool:
        return currency == self.reporting or currency in self.series
