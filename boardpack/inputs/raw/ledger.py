"""A subscription ledger turned into the revenue table (MRR and its movements).

Definitions, each a setting named in the deck's appendix:
- MRR of a subscription = amount × quantity ÷ months in its billing interval, less a permanent
  discount; trials (before their end), free plans, incomplete subscriptions count for nothing.
- The status decides what counts where a ledger has no dates to say it (a generic ledger, another
  billing system): `trialing`, `paused`, `incomplete` and `incomplete_expired` count for nothing;
  `unpaid` counts until its current period end, or for nothing without one; `past_due` churns
  `past_due_days` after its current period end (kept when unset); `active` and `canceled` (or
  `cancelled`) follow their dates, a cancelled one without any date being an unreadable row, as is any
  other status.
- A customer's MRR is read at each month end; its change from one month end to the next is, at
  customer level: new (first MRR ever), reactivation (back after a month at zero), expansion,
  contraction, or churn (down to zero). A second subscription is expansion; cancelling one of two is
  contraction; cancelling the last is churn, by `churn_at`: `paid_through` (default) when the paid
  service period the cancellation falls in ends (`Current Period End`, or whole billing intervals from
  the start when the export has no such column), even for a subscription the billing system ended at
  once; `cancellation` on the day it is cancelled (`Canceled At`, else its end date). A subscription
  with an end date and no cancellation date (a ledger of billing periods, a plan change) stops at its end.
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

from boardpack.inputs.fx.rates import Rates
from boardpack.inputs.numbers import Convention
from boardpack.inputs.raw.ledger_fx import FxRates, booking_rates, month_rates
from boardpack.inputs.raw.ledger_rows import (
    COUNT_NOTHING,
    DAYS_PER,
    EPSILON,
    MESSAGES,
    MONEY,
    TEXTS,
    fill_months,
    month_end,
    month_index,
    month_label,
    normalised,
)
from boardpack.inputs.raw.readers import RowCheck, Source, check_rows
from boardpack.inputs.raw.settings import BillingSettings


@dataclass
class LedgerResult:
    """The revenue rows (as cells for RevenueRow), cohorts, and the ledger's rows that could not be read.

    `first` and `as_of` are the first subscription's start and the export date, to say why a ledger
    with readable rows gives no month; `undated_past_due` counts the past-due subscriptions that
    `past_due_days` cannot apply to, having no current period end. `missing` are the (currency, month)
    pairs billed without a rate, each with the first line in that currency; `currencies` those converted.
    """

    check: RowCheck
    rows: list[dict[str, Any]] = field(default_factory=list)
    cohorts: list[dict[str, Any]] = field(default_factory=list)
    first: date | None = None
    as_of: date | None = None
    undated_past_due: int = 0
    missing: dict[tuple[str, int], int | None] = field(default_factory=dict)
    currencies: tuple[str, ...] = ()
    currency_column: str = "currency"


def _paid_through(r: Any, cancelled: Any) -> Any:
    """The end of the billing interval `cancelled` falls in, counting whole intervals from the start (at least one).

    For a ledger without the current period end: a subscription started on 15 January, billed monthly
    and cancelled on 10 March is paid through 15 March. Months are added as calendar months (31 January
    plus one month is the last day of February), days and weeks as days.
    """
    import ibis

    months_each = (r.interval_count * r.interval.cases(("year", 12), else_=1)).round().cast("int64")
    months = month_index(cancelled) - month_index(r.start_date)
    months = months + ibis.cases((r.start_date + months.as_interval("M") < cancelled, 1), else_=0)
    whole_months = ibis.greatest((months / months_each).ceil().cast("int64"), 1) * months_each
    days_each = (r.interval_count * r.interval.cases(*DAYS_PER, else_=1)).round().cast("int64")
    days = cancelled.delta(r.start_date, unit="day")
    whole_days = ibis.greatest((days / days_each).ceil().cast("int64"), 1) * days_each
    return ibis.cases(
        (r.interval.isin(("month", "year")), r.start_date + whole_months.as_interval("M")),
        else_=r.start_date + whole_days.as_interval("D"),
    ).cast("date")


def _stop_date(r: Any, settings: BillingSettings) -> Any:
    """The day a subscription stops counting (NULL: it still counts), by its status and the churn policy."""
    import ibis

    if settings.churn_at == "cancellation":
        # the earlier of the cancellation and the end, whichever the export gives
        stopped = ibis.coalesce(ibis.least(r.canceled_at, r.end_date), r.canceled_at, r.end_date)
    else:
        # cancelled: the end of the paid period the cancellation falls in, or the end date if later; a
        # subscription with an end and no cancellation (a ledger of billing periods, a plan change) stops at its end
        paid = ibis.cases((r.period_end >= r.canceled_at, r.period_end), else_=_paid_through(r, r.canceled_at))
        stopped = ibis.cases(
            (r.canceled_at.isnull(), r.end_date),
            else_=ibis.coalesce(ibis.greatest(paid, r.end_date), paid),
        )
    branches = [(r.status == "unpaid", r.period_end)]
    if settings.past_due_days is not None:
        due = r.period_end + ibis.interval(days=settings.past_due_days)
        branches.append(((r.status == "past_due") & r.period_end.notnull(), due))
    return ibis.cases(*branches, else_=stopped)


def _overlapping(ledger: Any) -> Any:
    """A row that starts before the previous row of the same subscription ends (by start) is a bad row:
    an export pasted twice would count the subscription twice. Rows of consecutive billing periods,
    one ending the day the next starts, are not."""
    import ibis

    earlier = ibis.window(group_by=ledger.subscription, order_by=[ledger.start_date, ledger.line])
    ledger = ledger.mutate(
        earlier_line=ledger.line.lag().over(earlier), earlier_end=ledger.end_date.lag().over(earlier)
    )
    overlap = ledger.earlier_line.notnull() & (ledger.earlier_end.isnull() | (ledger.earlier_end > ledger.start_date))
    return ledger.mutate(problem=ibis.cases((ledger.problem.isnull() & overlap, "overlap"), else_=ledger.problem))


def compute_revenue(
    source: Source,
    settings: BillingSettings,
    currency: str,
    hint: Convention | None = None,
    rates: Rates | None = None,
) -> LedgerResult:
    """Aggregate the ledger into monthly revenue rows per segment and plan, on the ledger's own engine.

    `hint` is the decimal separator of the pack's locale, for number columns nothing else settles.
    With `rates`, rows in other currencies are converted (`ledger_fx.py`); without, they are unreadable.
    """
    import ibis
    from ibis import _

    engine = source.engine
    written, names = normalised(source, settings, currency, hint, convert=rates is not None)
    # read and parsed once (without the cells kept for messages), for the counts and the subscriptions
    ledger = engine.cache(written.drop(*TEXTS))
    ids = engine.rows(ledger.aggregate(n=ledger.subscription.count(), ids=ledger.subscription.nunique()))[0]
    if ids["n"] > ids["ids"]:  # only then are overlaps looked for: it costs a sort of every row
        written = _overlapping(written)
        ledger = engine.cache(_overlapping(ledger))

    def message(row: dict[str, Any]) -> tuple[str, str]:
        column, sentence = MESSAGES[row["problem"]]
        values = {k: ("" if v is None else v) for k, v in row.items()} | {"pack_currency": currency}
        return column, sentence.format(**values)

    check = check_rows(source, ledger, "subscription", names, message, detail=written)

    readable = ledger.filter(ledger.problem.isnull())
    counted = ~readable.status.isin(COUNT_NOTHING) & ~((readable.status == "unpaid") & readable.period_end.isnull())
    r = readable.filter(counted)
    segment = r.plan.cases(*settings.segments.items(), else_=r.plan) if settings.segments else r.plan
    local = r.amount * r.quantity / (r.months_per * r.interval_count) * (1 - r.discount_percent / 100.0)
    billed = {"line": r.line, "currency": ibis.coalesce(r.currency, ibis.literal(currency)), "local": local}
    subs = r.select(
        "customer",
        "subscription",
        "plan",
        "start_date",
        "trial_end",
        segment=ibis.coalesce(r.segment_given, segment),
        stop_date=_stop_date(r, settings),
        mrr=local.cast(MONEY),
        **(billed if rates is not None else {}),
    )
    fx: FxRates | None = None
    if rates is not None and rates.rule == "booking":  # one rate for a subscription's life: no FX movement
        fx = booking_rates(engine, subs, rates)
        if fx.missing:
            return LedgerResult(check, missing=fx.missing, currency_column=names["currency"])
        subs = subs.join(fx.table, ["currency", "start_date"])
        subs = subs.mutate(mrr=(subs.local * subs.rate).cast(MONEY)).drop("rate")
    subs = engine.cache(subs)
    # the months run from the first subscription, counted or not: a company whose customers are all
    # still on trial has months of zero MRR, not no months
    span = engine.rows(
        readable.aggregate(
            first=readable.start_date.min(),
            last_start=readable.start_date.max(),
            undated_past_due=readable.count(where=(readable.status == "past_due") & readable.period_end.isnull()),
        )
    )[0]
    undated = int(span["undated_past_due"]) if settings.past_due_days is not None else 0
    if span["first"] is None:
        return LedgerResult(check)
    as_of = settings.as_of
    if as_of is None:  # the export runs to its last date
        last_stop = engine.rows(subs.aggregate(last=subs.stop_date.max()))[0]["last"]
        as_of = max(d for d in (span["last_start"], last_stop) if d is not None)
    first = span["first"].year * 12 + span["first"].month - 1
    after = date.fromordinal(as_of.toordinal() + 1)
    last = after.year * 12 + after.month - 2  # the last month that has ended by as_of
    if last < first:
        return LedgerResult(check, first=span["first"], as_of=as_of, undated_past_due=undated)
    if rates is not None and fx is None:
        fx = month_rates(engine, subs, rates, first, last, as_of)
        if fx.missing:
            missing = fx.missing
            return LedgerResult(
                check, first=span["first"], as_of=as_of, missing=missing, currency_column=names["currency"]
            )
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
    sums = {"mrr": _.mrr.sum()}
    if rates is not None and rates.rule != "booking":  # this month's amounts at this month's and last month's rates
        joined = joined.join(fx.table, ["currency", "month"])  # type: ignore[union-attr]
        joined = joined.mutate(
            mrr=(joined.local * joined.rate).cast(MONEY), mrr_cc=(joined.local * joined.prev_rate).cast(MONEY)
        )
        sums["cc"] = _.mrr_cc.sum()
    active = engine.cache(joined.group_by(["customer", "month"]).aggregate(**sums).filter(_.mrr > EPSILON))
    # a customer's segment and plan are those of its first subscription
    ranked = subs.mutate(rank=ibis.row_number().over(group_by=_.customer, order_by=[_.start_date, _.subscription]))
    customers = ranked.filter(_.rank == 0).select("customer", "segment", "plan")

    window = ibis.window(group_by=_.customer, order_by=_.month)
    ordered = active.mutate(
        prev_month=_.month.lag().over(window), prev_mrr=_.mrr.lag().over(window), next_month=_.month.lead().over(window)
    )
    # at constant rates: a continuing customer's movement compares last month's MRR with this month's
    # amounts at last month's rates; the rest of its change is the FX movement
    constant = ordered.cc if "cc" in active.columns else ordered.mrr
    continuing = ordered.prev_month == ordered.month - 1
    kind = ibis.cases(
        (ordered.prev_month.isnull(), "new"),
        (ordered.prev_month < ordered.month - 1, "reactivation"),
        (constant > ordered.prev_mrr + EPSILON, "expansion"),
        (constant < ordered.prev_mrr - EPSILON, "contraction"),
        else_=ibis.null("string"),
    )
    delta = ibis.cases((continuing, constant - ordered.prev_mrr), else_=ordered.mrr)
    zero = ibis.literal(0).cast(MONEY)
    moved = ibis.cases((continuing, ordered.mrr - constant), else_=zero) if "cc" in active.columns else zero
    kept = ordered.select("customer", "month", "mrr", kind=kind, delta=delta, fx=moved)
    leaving = ordered.filter(
        (ordered.next_month.isnull() & (ordered.month < last)) | (ordered.next_month > ordered.month + 1)
    )
    churned = leaving.select(
        "customer",
        month=leaving.month + 1,
        mrr=ibis.literal(0).cast(MONEY),
        kind=ibis.literal("churn"),
        delta=-leaving.mrr,
        fx=zero,
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
        fx_mrr=movements.fx.sum(),
        new_customers=movements.count(where=is_ == "new"),
        churned_customers=movements.count(where=is_ == "churn"),
        reactivated_customers=movements.count(where=is_ == "reactivation"),
    )
    found = engine.rows(per)
    if settings.same_month == "count":
        found += engine.rows(_joined_and_left(subs, active, customers, fx.table if fx and rates else None, rates))
    if not found:  # nobody has paid yet: zero MRR for each segment and plan, from the first month
        found = engine.rows(_nobody_paying(readable, settings, first))
    rows = fill_months(found, first, last)

    firsts = active.group_by("customer").aggregate(cohort=_.month.min())
    aged = active.join(firsts, "customer")
    cohorts = aged.group_by(["cohort", (aged.month - aged.cohort).name("age")]).aggregate(
        customers=aged.count(), mrr=aged.mrr.sum()
    )
    cohort_rows = sorted(engine.rows(cohorts), key=lambda c: (c["cohort"], c["age"]))
    return LedgerResult(
        check,
        first=span["first"],
        as_of=as_of,
        undated_past_due=undated,
        currencies=fx.currencies if fx is not None else (),
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


def _joined_and_left(subs: Any, active: Any, customers: Any, rated: Any = None, rates: Rates | None = None) -> Any:
    """Customers who paid within one month but were never active at a month end: new and churned that month.

    Converted at their month's rate (`rated`, by currency and month) unless booked at their own rate.
    """
    brief = subs.filter(
        subs.stop_date.notnull() & (month_index(subs.stop_date) == month_index(subs.start_date)) & (subs.mrr > 0)
    )
    brief = brief.anti_join(active, "customer").mutate(month=month_index(brief.start_date))
    if rated is not None and rates is not None and rates.rule != "booking":
        brief = brief.join(rated, ["currency", "month"])
        brief = brief.mutate(mrr=(brief.local * brief.rate).cast(MONEY))
    brief = brief.select("customer", "mrr", "month")
    joined = brief.join(customers, "customer")
    return joined.group_by(["segment", "plan", "month"]).aggregate(
        new_mrr=joined.mrr.sum(),
        churned_mrr=joined.mrr.sum(),
        new_customers=joined.customer.nunique(),
        churned_customers=joined.customer.nunique(),
        mrr=(joined.mrr * 0).sum(),  # the brief customers add no MRR at a month end
    )


def _nobody_paying(readable: Any, settings: BillingSettings, first: int) -> Any:
    """The segments and plans of a ledger whose subscriptions all count for nothing, each with no MRR."""
    import ibis

    plan = readable.plan
    segment = plan.cases(*settings.segments.items(), else_=plan) if settings.segments else plan
    keys = readable.select("plan", segment=ibis.coalesce(readable.segment_given, segment)).distinct()
    return keys.mutate(month=ibis.literal(first, "int64"), mrr=ibis.literal(0).cast(MONEY))
