"""Exchange rates: what one unit of a billing currency is worth in the reporting currency, by day or month.

The rates are read before any other table, since revenue and spend in another currency and a billing
ledger in several are converted with them; they describe money, not a period of the company, so they
never decide which months a deck covers.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field

from boardpack.inputs.cells import CurrencyCode, DayOrMonth, ExchangeRate
from boardpack.inputs.tables.spec import Row, TableSpec, spec
from boardpack.periods import Period


class FxRateRow(Row):
    """One exchange rate: a currency against the reporting currency, on a day or for a whole month."""

    date: DayOrMonth = Field(description="the day of the rate (2026-07-31), or a month (2026-07) for the whole month")
    currency: CurrencyCode = Field(description="the currency quoted (USD, GBP, RON, ...)")
    rate: ExchangeRate = Field(
        description="units of the currency per reporting unit (1.08 USD per EUR), or the reverse with "
        "fx.quote: reporting_per_currency"
    )

    @property
    def day(self) -> date | None:
        return self.date if isinstance(self.date, date) else None

    @property
    def month(self) -> int:
        return self.date.start if isinstance(self.date, Period) else self.date.year * 12 + self.date.month - 1


SPECS: tuple[TableSpec, ...] = (
    spec(
        "fx_rates",
        FxRateRow,
        None,
        "date",
        "Exchange rates to the reporting currency",
        (
            {"date": "2026-07", "currency": "USD", "rate": "1.09"},
            {"date": "2026-08", "currency": "USD", "rate": "1.11"},
        ),
        sparse=True,
    ),
)
