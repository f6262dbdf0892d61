"""Rows of `revenue.csv` and `spend.csv` written in another currency, converted into the reporting currency.

A month's amounts are converted at that month's rate (by `fx.rate`; a booking rule reads a table's
month at its average, the table having no booking days). Revenue keeps reconciling: its start is last
month's end at last month's rate, so the rate change on the MRR carried in is its own movement, `fx_mrr`
(the opening MRR times the change in rate); the customers' movements are at this month's rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import fmean
from typing import Any

from boardpack.inputs.fx.rates import Rates

Needed = dict[tuple[str, int], tuple[str, int | None, str | None]]


@dataclass
class Conversion:
    """The rates a load converts with, the (currency, month) pairs it found no rate for, and the currencies used."""

    rates: Rates
    needed: Needed = field(default_factory=dict)
    used: set[str] = field(default_factory=set)


MONEY_COLUMNS = ("mrr", "new_mrr", "expansion_mrr", "contraction_mrr", "churned_mrr", "reactivation_mrr")


def _foreign(row: Any, rates: Rates) -> str | None:
    return row.currency if row.currency is not None and row.currency != rates.reporting else None


def convert_revenue(rows: list[Any], source: str, conversion: Conversion) -> list[Any]:
    rates, needed = conversion.rates, conversion.needed
    converted = []
    for row in rows:
        currency = _foreign(row, rates)
        if currency is None:
            converted.append(row if row.currency is None else row.model_copy(update={"currency": None}))
            continue
        conversion.used.add(currency)
        month = row.month.start
        rate = rates.month(currency, month)
        if rate is None:
            needed.setdefault((currency, month), (source, row.line, "currency"))
            converted.append(row)
            continue
        before = rates.month(currency, month - 1)
        start = row.start_mrr  # in the row's own currency
        update = {name: getattr(row, name) * rate for name in MONEY_COLUMNS}
        update["fx_mrr"] = row.fx_mrr * rate + (start * (rate - before) if before is not None else 0.0)
        converted.append(row.model_copy(update={**update, "currency": None}))
    return converted


def convert_spend(rows: list[Any], source: str, conversion: Conversion) -> list[Any]:
    """Spend is a flow: a quarter's row is converted at the mean of its months' rates."""
    rates, needed = conversion.rates, conversion.needed
    converted = []
    for row in rows:
        currency = _foreign(row, rates)
        if currency is None:
            converted.append(row if row.currency is None else row.model_copy(update={"currency": None}))
            continue
        conversion.used.add(currency)
        found = []
        for month in row.period.month_indexes():
            rate = rates.month(currency, month)
            if rate is None:
                needed.setdefault((currency, month), (source, row.line, "currency"))
            else:
                found.append(rate)
        if len(found) < row.period.months_count:
            converted.append(row)
            continue
        converted.append(row.model_copy(update={"amount": row.amount * fmean(found), "currency": None}))
    return converted
