"""A subscription ledger turned into the revenue table (MRR and its movements).

Definitions, each a setting named in the deck's appendix:
- MRR of a subscription = amount × quantity ÷ months in its billing interval, less a permanent
  discount; trials (before their end), free plans, incomplete subscriptions count for nothing.
- A customer's MRR is read at each month end; its change from one month end to the next is, at
  customer level: new (first MRR ever), reactivation (back after a month at zero), expansion,
  contraction, or churn (down to zero). A second subscription is expansion; cancelling one of two is
  contraction; cancelling the last is churn, at the end of the paid period (or at cancellation).
- A customer's segment and plan are those of its first subscription, so moving plans is expansion
  or contraction, not churn and new business.

The computation is one set of Ibis expressions, run where the ledger is (the embedded DuckDB for a
file, PostgreSQL or Spark for a table): the engine keeps only active customer-months, and only the
monthly totals per segment and plan come back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from boardpack.inputs.numbers import AMOUNT_LIMIT, COUNT_LIMIT, Convention
from boardpack.inputs.raw.decimals import settle
from boardpack.inputs.raw.readers import RowCheck, Source, check_rows
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
NEVER_PAID = ("incomplete", "incomplete_expired")
EPSILON = 0.000001
# MRR is summed as a decimal: sums of floats depend on the order the engine adds them in, which differs
# between engines and between runs of a parallel one; sums of decimals are exact, so every engine agrees
MONEY = "decimal(38, 10)"
NUMBER_FIELDS = ("amount", "interval_count", "quantity", "discount_percent")
TEXTS = ("amount_text", "start_text", "interval_count_text", "quantity_text", "discount_text")  # for messages only
FIELDS = tuple(name for name in RevenueRow.model_fields if name not in ("line", "month", "segment", "plan"))
COUNTS = ("customers", "new_customers", "churned_customers", "reactivated_customers")
MESSAGES = {
    "customer": ("customer", "empty; expected a customer id"),
    "start": ("start", "'{start_text}' is not a date; expected a date such as 2026-07-14"),
    "amount": ("amount", "'{amount_text}' is not a number; expected an amount ≥ 0"),
    "negative": ("amount", "{amount_text} is negative; expected an amount ≥ 0"),
    "large": ("amount", "'{amount_text}' is too large; expected an amount ≥ 0, at most 1e+15"),
    "quantity": ("quantity", "'{quantity_text}' is not a number; expected a whole number ≥ 0 or a blank cell"),
    "quantity_large": ("quantity", "'{quantity_text}' is too large; expected a whole number ≥ 0, at most 1e+12"),
    "interval_count": (
        "interval_count",
        "'{interval_count_text}' is not a number; expected a number > 0 or a blank cell",
    ),
    "discount_percent": (
        "discount_percent",
        "'{discount_text}' is not a number; expected a percentage or a blank cell",
    ),
    "interval": ("interval", "'{interval}' is not a billing interval; expected day, week, month or year"),
    "end": ("end", "{end_date} is before start {start_date}; expected a later date"),
    "currency": ("currency", "{currency}; expected {pack_currency}, the pack currency"),
}


@dataclass
class LedgerResult:
    """The revenue rows (as cells for RevenueRow), cohorts, and the ledger's rows that could not be read."""

    check: RowCheck
    rows: list[dict[str, Any]] = field(default_factory=list)
    cohorts: list[dict[str, Any]] = field(default_factory=list)


def _columns(settings: BillingSettings, header: list[str]) -> dict[str, str]:
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


def _normalised(source: Source, settings: BillingSettings, currency: str, hint: Convention | None) -> tuple[Any, Any]:
    """Each ledger row with its fields typed, and the code of its first problem (NULL when it can be used)."""
    import ibis

    header = source.header()
    names = _columns(settings, header)
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
        status=ibis.coalesce(c.text("status").nullif("").lower(), ibis.literal("active")),
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
        (r.interval_count.isnull() & r.interval_count_text.nullif("").notnull(), "interval_count"),
        (r.discount_percent.isnull() & r.discount_text.nullif("").notnull(), "discount_percent"),
        (r.months_per.isnull(), "interval"),
        (r.end_date.notnull() & (r.end_date < r.start_date), "end"),
        (r.currency.notnull() & (r.currency != currency), "currency"),
        else_=ibis.null("string"),
    )
    # blank optional numbers take their defaults once the unreadable ones are known
    defaults = {
        "interval_count": ibis.coalesce(r.interval_count, 1.0),
        "quantity": ibis.coalesce(r.quantity, 1.0),
        "discount_percent": ibis.coalesce(r.discount_percent, 0.0),
    }
    return ledger.mutate(problem=problem, **defaults), names


def _stop_date(r: Any, settings: BillingSettings) -> Any:
    """The day a subscription stops counting, by the status and the churn policies."""
    import ibis

    branches = [(r.status == "unpaid", ibis.coalesce(r.end_date, r.period_end, r.canceled_at))]
    if settings.past_due_days is not None:
        branches.append((r.status == "past_due", r.period_end + ibis.interval(days=settings.past_due_days)))
    if settings.churn_at == "cancellation":
        paid_until = ibis.coalesce(r.end_date, r.period_end, r.canceled_at)
        branches.append((r.canceled_at.notnull(), ibis.least(paid_until, r.canceled_at)))
    cancelled = ibis.cases(
        (r.canceled_at.notnull(), ibis.coalesce(r.period_end, r.canceled_at)), else_=ibis.null("date")
    )
    return ibis.cases(*branches, else_=ibis.coalesce(r.end_date, cancelled))


def compute_revenue(
    source: Source, settings: BillingSettings, currency: str, hint: Convention | None = None
) -> LedgerResult:
    """Aggregate the ledger into monthly revenue rows per segment and plan, on the ledger's own engine.

    `hint` is the decimal separator of the pack's locale, for number columns nothing else settles.
    """
    import ibis
    from ibis import _

    engine = source.engine
    written, names = _normalised(source, settings, currency, hint)
    # read and parsed once (without the cells kept for messages), for the counts and the subscriptions
    ledger = engine.cache(written.drop(*TEXTS))

    def message(row: dict[str, Any]) -> tuple[str, str]:
        column, sentence = MESSAGES[row["problem"]]
        values = {k: ("" if v is None else v) for k, v in row.items()} | {"pack_currency": currency}
        return column, sentence.format(**values)

    check = check_rows(source, ledger, "subscription", names, message, detail=written)

    r = ledger.filter(ledger.problem.isnull() & ~ledger.status.isin(NEVER_PAID))
    segment = r.plan.cases(*settings.segments.items(), else_=r.plan) if settings.segments else r.plan
    subs = r.select(
        "customer",
        "subscription",
        "plan",
        "start_date",
        "trial_end",
        segment=ibis.coalesce(r.segment_given, segment),
        stop_date=_stop_date(r, settings),
        mrr=(r.amount * r.quantity / (r.months_per * r.interval_count) * (1 - r.discount_percent / 100.0)).cast(MONEY),
    )
    subs = engine.cache(subs)
    span = engine.rows(
        subs.aggregate(first=subs.start_date.min(), last_start=subs.start_date.max(), last_stop=subs.stop_date.max())
    )[0]
    if span["first"] is None:
        return LedgerResult(check)
    as_of = settings.as_of or max(d for d in (span["last_start"], span["last_stop"]) if d is not None)
    first = span["first"].year * 12 + span["first"].month - 1
    after = date.fromordinal(as_of.toordinal() + 1)
    last = after.year * 12 + after.month - 2  # the last month that has ended by as_of
    indexes = list(range(first, last + 1))
    months = ibis.memtable(
        {"month": indexes, "month_end": [month_end(i) for i in indexes]},
        schema={"month": "int64", "month_end": "date"},
    )
    # each customer's MRR at each month end, only where it is above zero
    joined = subs.join(
        months,
        [
            subs.start_date <= months.month_end,
            subs.stop_date.isnull() | (subs.stop_date > months.month_end),
            subs.trial_end.isnull() | (subs.trial_end <= months.month_end),
        ],
    )
    active = engine.cache(joined.group_by(["customer", "month"]).aggregate(mrr=_.mrr.sum()).filter(_.mrr > EPSILON))
    # a customer's segment and plan are those of its first subscription
    ranked = subs.mutate(rank=ibis.row_number().over(group_by=_.customer, order_by=[_.start_date, _.subscription]))
    customers = ranked.filter(_.rank == 0).select("customer", "segment", "plan")

    window = ibis.window(group_by=_.customer, order_by=_.month)
    ordered = active.mutate(
        prev_month=_.month.lag().over(window), prev_mrr=_.mrr.lag().over(window), next_month=_.month.lead().over(window)
    )
    kind = ibis.cases(
        (ordered.prev_month.isnull(), "new"),
        (ordered.prev_month < ordered.month - 1, "reactivation"),
        (ordered.mrr > ordered.prev_mrr + EPSILON, "expansion"),
        (ordered.mrr < ordered.prev_mrr - EPSILON, "contraction"),
        else_=ibis.null("string"),
    )
    delta = ibis.cases((ordered.prev_month == ordered.month - 1, ordered.mrr - ordered.prev_mrr), else_=ordered.mrr)
    kept = ordered.select("customer", "month", "mrr", kind=kind, delta=delta)
    leaving = ordered.filter(
        (ordered.next_month.isnull() & (ordered.month < last)) | (ordered.next_month > ordered.month + 1)
    )
    churned = leaving.select(
        "customer",
        month=leaving.month + 1,
        mrr=ibis.literal(0).cast(MONEY),
        kind=ibis.literal("churn"),
        delta=-leaving.mrr,
    )
    movements = kept.union(churned).join(customers, "customer")
    is_ = movements.kind
    per = movements.group_by(["segment", "plan", "month"]).aggregate(
        mrr=movements.mrr.sum(),
        customers=movements.count(where=is_.isnull() | (is_ != "churn")),
        new_mrr=movements.delta.sum(where=is_ == "new"),
        expansion_mrr=movements.delta.sum(where=is_ == "expansion"),
        contraction_mrr=-movements.delta.sum(where=is_ == "contraction"),
        churned_mrr=-movements.delta.sum(where=is_ == "churn"),
        reactivation_mrr=movements.delta.sum(where=is_ == "reactivation"),
        new_customers=movements.count(where=is_ == "new"),
        churned_customers=movements.count(where=is_ == "churn"),
        reactivated_customers=movements.count(where=is_ == "reactivation"),
    )
    found = engine.rows(per)
    if settings.same_month == "count":
        found += engine.rows(_joined_and_left(subs, active, customers))
    rows = _fill(found, first, last)

    firsts = active.group_by("customer").aggregate(cohort=_.month.min())
    aged = active.join(firsts, "customer")
    cohorts = aged.group_by(["cohort", (aged.month - aged.cohort).name("age")]).aggregate(
        customers=aged.count(), mrr=aged.mrr.sum()
    )
    cohort_rows = sorted(engine.rows(cohorts), key=lambda c: (c["cohort"], c["age"]))
    return LedgerResult(
        check,
        rows=rows,
        cohorts=[
            {
                "cohort": month_label(c["cohort"]),
                "age": int(c["age"]),
                "customers": int(c["customers"]),
                "mrr": float(c["mrr"]),
            }
            for c in cohort_rows
        ],
    )


def _joined_and_left(subs: Any, active: Any, customers: Any) -> Any:
    """Customers who paid within one month but were never active at a month end: new and churned that month."""
    brief = subs.filter(
        subs.stop_date.notnull() & (month_index(subs.stop_date) == month_index(subs.start_date)) & (subs.mrr > 0)
    )
    brief = brief.anti_join(active, "customer").select("customer", "mrr", month=month_index(brief.start_date))
    joined = brief.join(customers, "customer")
    return joined.group_by(["segment", "plan", "month"]).aggregate(
        new_mrr=joined.mrr.sum(),
        churned_mrr=joined.mrr.sum(),
        new_customers=joined.customer.nunique(),
        churned_customers=joined.customer.nunique(),
        mrr=(joined.mrr * 0).sum(),  # the brief customers add no MRR at a month end
    )


def _fill(found: list[dict[str, Any]], first: int, last: int) -> list[dict[str, Any]]:
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
