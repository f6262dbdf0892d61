"""Rows of `revenue.csv` and `spend.csv` written in another currency, converted into the reporting currency.

A month's amounts are converted at that month's rate (by `fx.rate`; a booking rule reads a table's
month at its average, the table having no booking days). Revenue keeps reconciling and is split as a
ledger is: its start is last month's end at last month's rate; new and reactivated MRR are at this
month's rate, expansion, contraction and churn at last month's (constant currency); the rest of the
change, the retained customers' MRR times the change in rate, is the FX movement (`fx_mrr`).
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


def _foreign(row: Any, conversion: Conversion) -> str | None:
    """The row's currency when it needs converting (and noted as used), else None."""
    if row.currency is None or row.currency == conversion.rates.reporting:
        return None
    conversion.used.add(row.currency)
    return row.currency


def _as_reported(row: Any) -> Any:
    """A row already in the reporting currency, its currency cell cleared."""
    return row if row.currency is None else row.model_copy(update={"currency": None})


def convert_revenue(rows: list[Any], source: str, conversion: Conversion) -> list[Any]:
    rates, needed = conversion.rates, conversion.needed
    converted = []
    for row in rows:
        currency = _foreign(row, conversion)
        if currency is None:
            converted.append(_as_reported(row))
            continue
        month = row.month.start
        rate = rates.month(currency, month)
        if rate is None:
            needed.setdefault((currency, month), (source, row.line, "currency"))
            converted.append(row)
            continue
        before = rates.month(currency, month - 1)
        before = rate if before is None else before
        update = {name: getattr(row, name) * rate for name in ("mrr", "new_mrr", "reactivation_mrr")}
        update |= {name: getattr(row, name) * before for name in ("expansion_mrr", "contraction_mrr", "churned_mrr")}
        # the rest of the change from last month's end (at last month's rate) is the FX movement
        moved = update["new_mrr"] + update["reactivation_mrr"] + update["expansion_mrr"]
        moved -= update["contraction_mrr"] + update["churned_mrr"]
        update["fx_mrr"] = update["mrr"] - row.start_mrr * before - moved
        converted.append(row.model_copy(update={**update, "currency": None}))
    return converted


def convert_spend(rows: list[Any], source: str, conversion: Conversion) -> list[Any]:
    """Spend is a flow: a quarter's row is converted at the mean of its months' rates."""
    rates, needed = conversion.rates, conversion.needed
    converted = []
    for row in rows:
        currency = _foreign(row, conversion)
        if currency is None:
            converted.append(_as_reported(row))
            continue
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
