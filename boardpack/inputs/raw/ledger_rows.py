"""A ledger's rows read and typed where the ledger is, each with the code of its first problem.

The column names of a generic ledger and of a Stripe export, the statuses, the messages for rows that
cannot be read, and month arithmetic as integers that every engine computes the same way.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from boardpack.inputs.numbers import AMOUNT_LIMIT, COUNT_LIMIT, Convention
from boardpack.inputs.raw.decimals import settle
from boardpack.inputs.raw.readers import Source
from boardpack.inputs.raw.settings import BillingSettings
from boardpack.inputs.tables import RevenueRow

GENERIC = {
    "subscription": "subscription",
    "customer": "customer",
    "plan": "plan",
    "segment": "segment",
    "start": "start",
    "end": "end",
    "canceled_at": "canceled_at",
    "current_period_end": "current_period_end",
    "trial_end": "trial_end",
    "amount": "amount",
    "interval": "interval",
    "interval_count": "interval_count",
    "quantity": "quantity",
    "currency": "currency",
    "status": "status",
    "discount_percent": "discount_percent",
}

STRIPE = {
    "subscription": "id",
    "customer": "Customer ID",
    "plan": "Plan",
    "start": "Start (UTC)",
    "end": "Ended At (UTC)",
    "canceled_at": "Canceled At (UTC)",
    "current_period_end": "Current Period End (UTC)",
    "trial_end": "Trial End (UTC)",
    "amount": "Amount",
    "interval": "Interval",
    "interval_count": "Interval Count",
    "quantity": "Quantity",
    "currency": "Currency",
    "status": "Status",
    "discount_percent": "Percent Off",
}

REQUIRED = ("customer", "start", "amount", "interval")

MONTHS_PER = (("month", 1.0), ("year", 12.0), ("week", 12.0 / 52), ("day", 12.0 / 365))

# statuses that never count, whatever the dates say: not paid for (yet), or paid for no longer
COUNT_NOTHING = ("trialing", "paused", "incomplete", "incomplete_expired")

STATUSES = ("active", "past_due", "unpaid", "canceled", *COUNT_NOTHING)

DAYS_PER = (("week", 7), ("day", 1))

EPSILON = 0.000001

# MRR is summed as a decimal: sums of floats depend on the order the engine adds them in, which differs
# between engines and between runs of a parallel one; sums of decimals are exact, so every engine agrees
MONEY = "decimal(38, 10)"

NUMBER_FIELDS = ("amount", "interval_count", "quantity", "discount_percent")

TEXTS = ("amount_text", "start_text", "interval_count_text", "quantity_text", "discount_text")  # for messages only

FIELDS = tuple(name for name in RevenueRow.model_fields if name not in ("line", "month", "segment", "plan", "currency"))

COUNTS = ("customers", "new_customers", "churned_customers", "reactivated_customers")

MESSAGES = {
    "customer": ("customer", "empty; expected a customer id"),
    "start": ("start", "'{start_text}' is not a date; expected a date such as 2026-07-14"),
    "amount": ("amount", "'{amount_text}' is not a number; expected an amount ≥ 0"),
    "negative": ("amount", "{amount_text} is negative; expected an amount ≥ 0"),
    "large": ("amount", "'{amount_text}' is too large; expected an amount ≥ 0, at most 1e+15"),
    "quantity": ("quantity", "'{quantity_text}' is not a number; expected a whole number ≥ 0 or a blank cell"),
    "quantity_large": ("quantity", "'{quantity_text}' is too large; expected a whole number ≥ 0, at most 1e+12"),
    "quantity_negative": ("quantity", "{quantity_text} is negative; expected a whole number ≥ 0 or a blank cell"),
    "interval_count": (
        "interval_count",
        "'{interval_count_text}' is not a number; expected a number > 0 or a blank cell",
    ),
    "interval_count_range": (
        "interval_count",
        "{interval_count_text} is not above 0; expected a number > 0 or a blank cell",
    ),
    "discount_percent": (
        "discount_percent",
        "'{discount_text}' is not a number; expected a percentage or a blank cell",
    ),
    "discount_range": ("discount_percent", "{discount_text} is not a percentage; expected 0 to 100 or a blank cell"),
    "interval": ("interval", "'{interval}' is not a billing interval; expected day, week, month or year"),
    "end": ("end", "{end_date} is before start {start_date}; expected a later date"),
    "currency": ("currency", "{currency}; expected {pack_currency}, the pack currency"),
    "status": ("status", "'{status}' is not a subscription status; expected " + ", ".join(STATUSES)),
    "overlap": (
        "subscription",
        "starts before line {earlier_line} of the same subscription ends; expected one row per subscription at a "
        "time (an export pasted twice counts it twice)",
    ),
    "undated": ("end", "status '{status}' with no end date; expected the day the subscription ended or was cancelled"),
}


def columns_of(settings: BillingSettings, header: list[str]) -> dict[str, str]:
    base = STRIPE if settings.format == "stripe" or (settings.format == "auto" and "Customer ID" in header) else GENERIC
    return {**base, **settings.columns}


def month_index(day: Any) -> Any:
    """Months since year 0 (2026-07 -> 24318): month arithmetic as integers, the same on every engine."""
    return day.year() * 12 + day.month() - 1


def month_label(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_end(index: int) -> date:
    following = index + 1
    return date.fromordinal(date(following // 12, following % 12 + 1, 1).toordinal() - 1)


def normalised(
    source: Source, settings: BillingSettings, currency: str, hint: Convention | None, convert: bool = False
) -> tuple[Any, Any]:
    """Each ledger row with its fields typed, and the code of its first problem (NULL when it can be used).

    Without rates to `convert` with, a row billed in another currency than the pack's cannot be used.
    """
    import ibis

    header = source.header()
    names = columns_of(settings, header)
    missing = [field_name for field_name in REQUIRED if names[field_name] not in header]
    if missing:
        kind = "Stripe subscriptions export" if names is STRIPE or settings.format == "stripe" else "generic ledger"
        raise ValueError(
            f"{source.name}: missing column {', '.join(repr(names[m]) for m in missing)}; expected the columns of a "
            f"{kind} or a `columns:` mapping in boardpack.yaml"
        )
    c = source.columns(names)
    c.decimals = settle(source, c, NUMBER_FIELDS, "subscription", hint)
    line = source.line()
    interval = c.text("interval").lower()
    ledger = source.table.select(
        line=line,
        subscription=c.text("subscription") if c.has("subscription") else line.cast("string"),
        customer=c.text("customer"),
        plan=ibis.coalesce(c.text("plan").nullif(""), ibis.literal("All")),
        segment_given=c.text("segment").nullif(""),
        start_date=c.date("start"),
        end_date=c.date("end"),
        canceled_at=c.date("canceled_at"),
        period_end=c.date("current_period_end"),
        trial_end=c.date("trial_end"),
        amount=c.number("amount"),
        amount_text=c.text("amount"),
        interval=interval,
        months_per=interval.cases(*MONTHS_PER, else_=ibis.null("float64")),
        interval_count=c.number("interval_count"),
        interval_count_text=c.text("interval_count"),
        quantity=c.number("quantity"),
        quantity_text=c.text("quantity"),
        currency=c.text("currency").nullif("").upper(),
        status=ibis.coalesce(c.text("status").nullif("").lower(), ibis.literal("active")).replace(
            "cancelled", "canceled"
        ),
        discount_percent=c.number("discount_percent"),
        discount_text=c.text("discount_percent"),
        start_text=c.text("start"),
    )
    c.check()
    r = ledger
    problem = ibis.cases(
        (r.customer.isnull() | (r.customer == ""), "customer"),
        (r.start_date.isnull(), "start"),
        (r.amount.isnull(), "amount"),
        (r.amount < 0, "negative"),
        (r.amount > AMOUNT_LIMIT, "large"),
        (r.quantity.isnull() & r.quantity_text.nullif("").notnull(), "quantity"),
        (r.quantity > COUNT_LIMIT, "quantity_large"),
        (r.quantity < 0, "quantity_negative"),
        (r.interval_count.isnull() & r.interval_count_text.nullif("").notnull(), "interval_count"),
        (r.interval_count <= 0, "interval_count_range"),
        (r.discount_percent.isnull() & r.discount_text.nullif("").notnull(), "discount_percent"),
        ((r.discount_percent < 0) | (r.discount_percent > 100), "discount_range"),
        (r.months_per.isnull(), "interval"),
        (r.end_date.notnull() & (r.end_date < r.start_date), "end"),
        *([] if convert else [(r.currency.notnull() & (r.currency != currency), "currency")]),
        (~r.status.isin(STATUSES), "status"),
        ((r.status == "canceled") & r.end_date.isnull() & r.canceled_at.isnull(), "undated"),
        else_=ibis.null("string"),
    )
    # blank optional numbers take their defaults once the unreadable ones are known
    defaults = {
        "interval_count": ibis.coalesce(r.interval_count, 1.0),
        "quantity": ibis.coalesce(r.quantity, 1.0),
        "discount_percent": ibis.coalesce(r.discount_percent, 0.0),
    }
    return ledger.mutate(problem=problem, **defaults), names


def fill_months(found: list[dict[str, Any]], first: int, last: int) -> list[dict[str, Any]]:
    """Monthly rows for every segment and plan from its first month to the last, movements summed, zeros filled."""
    totals: dict[tuple[str, str, int], dict[str, float]] = {}
    starts: dict[tuple[str, str], int] = {}
    for row in found:
        key = (row["segment"], row["plan"])
        starts[key] = min(starts.get(key, row["month"]), row["month"])
        cell = totals.setdefault((*key, row["month"]), dict.fromkeys(FIELDS, 0.0))
        for name in FIELDS:
            cell[name] += float(row.get(name) or 0)
    rows = []
    for (segment, plan), start in sorted(starts.items()):
        for month in range(max(start, first), last + 1):
            cell = totals.get((segment, plan, month), dict.fromkeys(FIELDS, 0.0))
            values = {name: (int(cell[name]) if name in COUNTS else round(cell[name], 6)) for name in FIELDS}
            rows.append({"segment": segment, "plan": plan, "month": month_label(month), **values})
    return rows
