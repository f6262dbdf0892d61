"""Reporting periods: months, quarters and (fiscal) years, and the arithmetic between them.

Every table row and every report is tied to a `Period`. A period is a run of whole calendar months,
so a quarter or a year can always be rebuilt from its months; that is what lets a pack mix monthly
and quarterly rows and still answer "does this table cover the period asked for?".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from babel.dates import format_date

PeriodKind = Literal["month", "quarter", "year"]

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YEAR = re.compile(r"^(FY)?(\d{4})$", re.IGNORECASE)
_SPAN = {"month": 1, "quarter": 3, "year": 12}


class PeriodError(ValueError):
    """A period label that cannot be read; the message says which forms are accepted."""


def month_index(year: int, month: int) -> int:
    """Months since year 0: makes month arithmetic a matter of integer addition."""
    return year * 12 + (month - 1)


def month_from_index(index: int) -> tuple[int, int]:
    return index // 12, index % 12 + 1


@dataclass(frozen=True, order=True)
class Period:
    """A run of `months` consecutive months starting at month index `start`.

    `fiscal_start` is the first month of the fiscal year the period was read with; it only matters
    for the label of quarters and years that do not start in January.
    """

    start: int
    kind: PeriodKind
    fiscal_start: int = 1

    @property
    def months_count(self) -> int:
        return _SPAN[self.kind]

    @property
    def end(self) -> int:
        """Index of the last month in the period (inclusive)."""
        return self.start + self.months_count - 1

    def months(self) -> list[Period]:
        return [Period(i, "month", self.fiscal_start) for i in range(self.start, self.end + 1)]

    def month_indexes(self) -> range:
        return range(self.start, self.end + 1)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def shift(self, periods: int) -> Period:
        """The period `periods` steps later (earlier when negative), same kind."""
        return Period(self.start + periods * self.months_count, self.kind, self.fiscal_start)

    def prior(self) -> Period:
        return self.shift(-1)

    def same_period_last_year(self) -> Period:
        return Period(self.start - 12, self.kind, self.fiscal_start)

    def history(self, count: int) -> list[Period]:
        """The `count` periods of the same kind ending with this one, oldest first."""
        return [self.shift(-i) for i in range(count - 1, -1, -1)]

    @property
    def first_day(self) -> date:
        year, month = month_from_index(self.start)
        return date(year, month, 1)

    @property
    def last_day(self) -> date:
        year, month = month_from_index(self.end + 1)
        return date.fromordinal(date(year, month, 1).toordinal() - 1)

    @property
    def label(self) -> str:
        """The canonical label, the same form `parse_period` reads back."""
        year, month = month_from_index(self.start)
        if self.kind == "month":
            return f"{year:04d}-{month:02d}"
        fiscal_year, fiscal_month = self._fiscal_position()
        if self.kind == "quarter":
            quarter = (fiscal_month - 1) // 3 + 1
            return f"{fiscal_year:04d}-Q{quarter}"
        return f"FY{fiscal_year:04d}" if self.fiscal_start != 1 else f"{fiscal_year:04d}"

    def _fiscal_position(self) -> tuple[int, int]:
        """(fiscal year, month within the fiscal year 1..12) of the first month.

        A fiscal year is named after the calendar year in which it ends, the most common
        convention (a year starting in April 2026 is FY2027).
        """
        year, month = month_from_index(self.start)
        offset = (month - self.fiscal_start) % 12
        fiscal_year = year + (1 if self.fiscal_start != 1 and month >= self.fiscal_start else 0)
        return fiscal_year, offset + 1

    def __str__(self) -> str:
        return self.label


def parse_period(text: str, fiscal_start: int = 1) -> Period:
    """Read `2026-07`, `2026-Q3`, `2026` or `FY2026`; quarters and FY follow the fiscal year."""
    value = str(text).strip()
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        if not 1 <= month <= 12:
            raise PeriodError(f"'{value}' is not a period: month {month} does not exist")
        return Period(month_index(year, month), "month", fiscal_start)
    if match := _QUARTER.match(value):
        fiscal_year, quarter = int(match[1]), int(match[2])
        start = _fiscal_year_start(fiscal_year, fiscal_start) + (quarter - 1) * 3
        return Period(start, "quarter", fiscal_start)
    if match := _YEAR.match(value):
        fiscal_year = int(match[2])
        start = _fiscal_year_start(fiscal_year, fiscal_start) if match[1] else month_index(fiscal_year, 1)
        return Period(start, "year", fiscal_start if match[1] else 1)
    raise PeriodError(
        f"'{value}' is not a period; expected a month (2026-07), a quarter (2026-Q3) or a year (2026, FY2026)"
    )


def _fiscal_year_start(fiscal_year: int, fiscal_start: int) -> int:
    if fiscal_start == 1:
        return month_index(fiscal_year, 1)
    return month_index(fiscal_year - 1, fiscal_start)


NBSP = "\u00a0"  # a period's parts never part at a line break
QUARTER = {"en": "Q", "fr": "T", "ro": "T"}  # trimestre in French and Romanian


def period_name(period: Period, language: str) -> str:
    """A period as the deck's reader says it: `Q3 2026`, `T3 2026`, `Sep 2026`, `sept. 2026`, `FY2027`.

    The parts are joined by no-break spaces, so a line never breaks inside a period. The metrics JSON
    and the command line keep the canonical label (`2026-Q3`) that `parse_period` reads back.
    """
    if period.kind == "month":
        return format_date(period.first_day, format="LLL y", locale=language).replace(" ", NBSP)
    label = period.label
    if period.kind == "quarter":
        year, quarter = label.split("-Q")
        return f"{QUARTER.get(language, 'Q')}{quarter}{NBSP}{year}"
    return label


# a canonical quarter or month label (`2026-Q4`, `2026-09`) standing alone, not part of a date (`2026-09-30`)
_PERIOD_LABEL = re.compile(r"(?<![\d-])\d{4}-(?:Q[1-4]|0[1-9]|1[0-2])(?![\d-])")


def name_periods(text: str, language: str) -> str:
    """`text` with every canonical period label in it said as the deck's reader says it (`Q4 2026`).

    Reasons and notes are written once, in English with canonical labels, for the metrics JSON and the
    command line; the deck prints them through this, so no `2026-Q4` reaches a page in any language.
    """
    return _PERIOD_LABEL.sub(lambda found: period_name(parse_period(found.group()), language), text)
