"""A ledger billed in several currencies, converted into the reporting currency per subscription and month.

Each subscription's MRR is converted at its month's rate (month end or month average) or, with the
booking rule, at the rate of the day it started. A customer's change from one month end to the next
is split in two: the movement at constant rates (this month's amounts at last month's rates), which
is new, expansion, contraction, churn or reactivation as before; and the rest, the FX movement. A
customer billed in USD whose dollar amount did not change thus has no expansion, only FX.

The rates go to the engine as a small table (currency, month, rate, the month before's rate; or
currency, day, rate), joined where the ledger is, so the computation stays the same on every engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from boardpack.inputs.fx.rates import Rates, month_of

RATE = "float64"


@dataclass
class FxRates:
    """The rates table for the engine, the (currency, month) pairs without a rate, and the currencies converted."""

    table: Any = None
    missing: dict[tuple[str, int], int | None] = field(default_factory=dict)  # -> first ledger line in that currency
    currencies: tuple[str, ...] = ()


def _spans(engine: Any, subs: Any, as_of: date) -> list[dict[str, Any]]:
    """Per currency: its first line, and the first and last month whose end a subscription in it may count at.

    A subscription counts at the ends of the months before the one it stops in (none stops on a month's
    last day and still counts that day), and needs at least the rate of its start month (a customer who
    joins and leaves within a month is converted at it).
    """
    import ibis

    from boardpack.inputs.raw.ledger_rows import month_index

    after = ibis.literal(date.fromordinal(as_of.toordinal() + 1), "date")
    stop = ibis.coalesce(subs.stop_date, after)
    last = ibis.greatest(month_index(stop) - 1, month_index(subs.start_date))
    return engine.rows(
        subs.group_by("currency").aggregate(
            line=subs.line.min(), first=month_index(subs.start_date).min(), last=last.max()
        )
    )


def month_rates(engine: Any, subs: Any, rates: Rates, first: int, last: int, as_of: date) -> FxRates:
    """A row per currency and month it is billed in: the month's rate and the month before's (for constant rates)."""
    import ibis

    rows: dict[str, list[Any]] = {"currency": [], "month": [], "rate": [], "prev_rate": []}
    found = FxRates()
    used = []
    for span in _spans(engine, subs, as_of):
        currency = span["currency"]
        if currency != rates.reporting:
            used.append(currency)
        start, end = max(first, int(span["first"])), min(last, int(span["last"]))
        for month in range(start, end + 1):
            rate = rates.month(currency, month)
            if rate is None:
                found.missing.setdefault((currency, month), span["line"])
                continue
            before = rates.month(currency, month - 1)
            for name, value in zip(rows, (currency, month, rate, rate if before is None else before), strict=True):
                rows[name].append(value)
    schema = {"currency": "string", "month": "int64", "rate": RATE, "prev_rate": RATE}
    found.table = ibis.memtable(rows, schema=schema)
    found.currencies = tuple(sorted(used))
    return found


def booking_rates(engine: Any, subs: Any, rates: Rates) -> FxRates:
    """A row per currency and start day: the rate on the day a subscription was booked, kept for its life."""
    import ibis

    rows: dict[str, list[Any]] = {"currency": [], "start_date": [], "rate": []}
    found = FxRates()
    pairs = engine.rows(subs.group_by(["currency", "start_date"]).aggregate(line=subs.line.min()))
    for pair in sorted(pairs, key=lambda p: (p["currency"], p["start_date"])):
        rate = rates.on(pair["currency"], pair["start_date"])
        if rate is None:
            found.missing.setdefault((pair["currency"], month_of(pair["start_date"])), pair["line"])
            continue
        for name, value in zip(rows, (pair["currency"], pair["start_date"], rate), strict=True):
            rows[name].append(value)
    found.table = ibis.memtable(rows, schema={"currency": "string", "start_date": "date", "rate": RATE})
    found.currencies = tuple(sorted({p["currency"] for p in pairs} - {rates.reporting}))
    return found
