"""A subscription ledger turned into the revenue table (MRR and its movements), with DuckDB.

Definitions, each a setting named in the deck's appendix:
- MRR of a subscription = amount × quantity ÷ months in its billing interval, less a permanent
  discount; trials (before their end), free plans, incomplete subscriptions count for nothing.
- A customer's MRR is read at each month end; its change from one month end to the next is, at
  customer level: new (first MRR ever), reactivation (back after a month at zero), expansion,
  contraction, or churn (down to zero). A second subscription is expansion; cancelling one of two is
  contraction; cancelling the last is churn, at the end of the paid period (or at cancellation).
- A customer's segment and plan are those of its first subscription, so moving plans is expansion
  or contraction, not churn and new business.

The work is SQL on the file itself: DuckDB streams it and keeps only active customer-months.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardpack.inputs.raw.readers import BadRow, parsed_date, read_source
from boardpack.inputs.raw.settings import BillingSettings

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
MONTHS_PER = "CASE lower(trim(interval)) WHEN 'month' THEN 1.0 WHEN 'year' THEN 12.0 WHEN 'week' THEN 12.0 / 52 WHEN 'day' THEN 12.0 / 365 END"
NEVER_PAID = ("incomplete", "incomplete_expired")


@dataclass
class LedgerResult:
    """The revenue rows (as cells for RevenueRow), cohorts, and the rows that could not be read."""

    rows: list[dict[str, Any]] = field(default_factory=list)
    cohorts: list[dict[str, Any]] = field(default_factory=list)
    bad_rows: list[BadRow] = field(default_factory=list)
    total_rows: int = 0


def _columns(settings: BillingSettings, header: list[str]) -> dict[str, str]:
    base = STRIPE if settings.format == "stripe" or (settings.format == "auto" and "Customer ID" in header) else GENERIC
    return {**base, **settings.columns}


def compute_revenue(
    path: Path, source: str, settings: BillingSettings, currency: str, connection: Any | None = None
) -> LedgerResult:
    """Aggregate the ledger at `path` into monthly revenue rows per segment and plan."""
    from boardpack.inputs.raw.engine import connect

    con = connection or connect()
    header = read_source(con, path, "ledger_raw")
    names = _columns(settings, header)
    missing = [field_name for field_name in REQUIRED if names[field_name] not in header]
    if missing:
        raise ValueError(
            f"{source}: missing column {', '.join(repr(names[m]) for m in missing)}; expected the columns of a "
            f"{'Stripe subscriptions export' if names is STRIPE or settings.format == 'stripe' else 'generic ledger'}"
            " or a `columns:` mapping in boardpack.yaml"
        )

    def col(name: str, default: str = "NULL") -> str:
        return f'"{names[name]}"' if names.get(name) in header else default

    segment_map = " ".join(
        f"WHEN plan = {duckdb_string(plan)} THEN {duckdb_string(segment)}"
        for plan, segment in settings.segments.items()
    )
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE ledger AS
        SELECT line,
               trim({col("subscription", "CAST(line AS VARCHAR)")}) AS subscription,
               trim({col("customer")}) AS customer,
               coalesce(nullif(trim({col("plan")}), ''), 'All') AS plan,
               nullif(trim({col("segment")}), '') AS segment_given,
               {parsed_date(col("start"))} AS start_date,
               {parsed_date(col("end"))} AS end_date,
               {parsed_date(col("canceled_at"))} AS canceled_at,
               {parsed_date(col("current_period_end"))} AS period_end,
               {parsed_date(col("trial_end"))} AS trial_end,
               TRY_CAST(replace({col("amount")}, ',', '') AS DOUBLE) AS amount,
               {col("amount")} AS amount_text,
               lower(trim({col("interval")})) AS interval,
               coalesce(TRY_CAST(nullif(trim({col("interval_count")}), '') AS DOUBLE), 1) AS interval_count,
               coalesce(TRY_CAST(nullif(trim({col("quantity")}), '') AS DOUBLE), 1) AS quantity,
               upper(nullif(trim({col("currency")}), '')) AS currency,
               lower(coalesce(nullif(trim({col("status")}), ''), 'active')) AS status,
               coalesce(TRY_CAST(nullif(trim({col("discount_percent")}), '') AS DOUBLE), 0) AS discount_percent,
               {col("start")} AS start_text
        FROM ledger_raw
    """)
    bad = con.execute(f"""
        SELECT * FROM (SELECT line, CASE
            WHEN customer IS NULL OR customer = '' THEN 'customer: empty; expected a customer id'
            WHEN start_date IS NULL THEN 'start: ''' || coalesce(start_text, '') || ''' is not a date; expected a date such as 2026-07-14'
            WHEN amount IS NULL THEN 'amount: ''' || coalesce(amount_text, '') || ''' is not a number; expected an amount ≥ 0'
            WHEN amount < 0 THEN 'amount: ' || amount_text || ' is negative; expected an amount ≥ 0'
            WHEN ({MONTHS_PER.replace("interval", "ledger.interval")}) IS NULL THEN 'interval: ''' || coalesce(interval, '') || ''' is not a billing interval; expected day, week, month or year'
            WHEN end_date IS NOT NULL AND end_date < start_date THEN 'end: ' || CAST(end_date AS VARCHAR) || ' is before start ' || CAST(start_date AS VARCHAR) || '; expected a later date'
            WHEN currency IS NOT NULL AND currency <> {duckdb_string(currency)} THEN 'currency: ' || currency || '; expected {currency}, the pack currency'
        END AS problem
        FROM ledger)
        WHERE problem IS NOT NULL
        ORDER BY line
    """).fetchall()
    total = con.execute("SELECT count(*) FROM ledger").fetchone()[0]
    stop = (
        "CASE WHEN status IN ('unpaid') THEN coalesce(end_date, period_end, canceled_at) "
        + (
            f"WHEN status = 'past_due' THEN period_end + INTERVAL {settings.past_due_days} DAY "
            if settings.past_due_days is not None
            else ""
        )
        + (
            "WHEN canceled_at IS NOT NULL THEN least(coalesce(end_date, period_end, canceled_at), canceled_at) "
            if settings.churn_at == "cancellation"
            else ""
        )
        + "ELSE coalesce(end_date, CASE WHEN canceled_at IS NOT NULL THEN coalesce(period_end, canceled_at) END) END"
    )
    as_of = (
        f"DATE '{settings.as_of.isoformat()}'"
        if settings.as_of
        else "(SELECT max(d) FROM (SELECT max(start_date) d FROM subs UNION ALL SELECT max(stop_date) FROM subs))"
    )
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE subs AS
        SELECT customer, subscription, plan,
               coalesce(segment_given, CASE {segment_map or "WHEN FALSE THEN NULL"} ELSE plan END) AS segment,
               start_date, {stop} AS stop_date, trial_end,
               amount * quantity / ({MONTHS_PER} * interval_count) * (1 - discount_percent / 100.0) AS mrr
        FROM ledger
        WHERE customer IS NOT NULL AND customer <> '' AND start_date IS NOT NULL AND amount >= 0
          AND ({MONTHS_PER}) IS NOT NULL AND (end_date IS NULL OR end_date >= start_date)
          AND (currency IS NULL OR currency = {duckdb_string(currency)})
          AND status NOT IN {NEVER_PAID}
    """)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE months AS
        SELECT CAST(m AS DATE) AS month, CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS month_end
        FROM range(
            (SELECT date_trunc('month', min(start_date)) FROM subs),
            (SELECT date_trunc('month', {as_of} + INTERVAL 1 DAY)),
            INTERVAL 1 MONTH) t(m)
    """)
    # customer MRR at each month end, only where it is above zero
    con.execute("""
        CREATE OR REPLACE TEMP TABLE active AS
        SELECT s.customer, m.month, sum(s.mrr) AS mrr
        FROM subs s JOIN months m
          ON s.start_date <= m.month_end
         AND (s.stop_date IS NULL OR s.stop_date > m.month_end)
         AND (s.trial_end IS NULL OR s.trial_end <= m.month_end)
        GROUP BY ALL
        HAVING sum(s.mrr) > 0.000001
    """)
    con.execute("""
        CREATE OR REPLACE TEMP TABLE customers AS
        SELECT customer, arg_min(segment, start_date) AS segment, arg_min(plan, start_date) AS plan
        FROM subs GROUP BY customer
    """)
    last_month = "(SELECT max(month) FROM months)"
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE movements AS
        WITH ordered AS (
            SELECT customer, month, mrr,
                   lag(month) OVER w AS prev_month, lag(mrr) OVER w AS prev_mrr, lead(month) OVER w AS next_month
            FROM active WINDOW w AS (PARTITION BY customer ORDER BY month)
        )
        SELECT customer, month, mrr,
               CASE WHEN prev_month IS NULL THEN 'new'
                    WHEN prev_month < month - INTERVAL 1 MONTH THEN 'reactivation'
                    WHEN mrr > prev_mrr + 0.000001 THEN 'expansion'
                    WHEN mrr < prev_mrr - 0.000001 THEN 'contraction' END AS kind,
               CASE WHEN prev_month = month - INTERVAL 1 MONTH THEN mrr - prev_mrr ELSE mrr END AS delta
        FROM ordered
        UNION ALL
        SELECT customer, CAST(month + INTERVAL 1 MONTH AS DATE), 0, 'churn', -mrr
        FROM ordered
        WHERE (next_month IS NULL AND month < {last_month}) OR next_month > month + INTERVAL 1 MONTH
    """)
    same_month = ""
    if settings.same_month == "count":
        # customers who paid within a month but were never active at a month end: new and churned that month
        same_month = """
        UNION ALL
        SELECT c.segment, c.plan, CAST(date_trunc('month', s.start_date) AS DATE) AS month,
               0, 0, sum(s.mrr), 0, 0, sum(s.mrr), 0, count(DISTINCT s.customer), count(DISTINCT s.customer), 0
        FROM subs s JOIN customers c USING (customer)
        WHERE s.customer NOT IN (SELECT customer FROM active) AND s.stop_date IS NOT NULL
          AND date_trunc('month', s.stop_date) = date_trunc('month', s.start_date) AND s.mrr > 0
        GROUP BY ALL"""
    rows = con.execute(f"""
        WITH per AS (
            SELECT c.segment, c.plan, m.month,
                   sum(CASE WHEN m.kind <> 'churn' OR m.kind IS NULL THEN m.mrr ELSE 0 END) AS mrr,
                   count(*) FILTER (WHERE m.kind IS DISTINCT FROM 'churn') AS customers,
                   sum(m.delta) FILTER (WHERE m.kind = 'new') AS new_mrr,
                   sum(m.delta) FILTER (WHERE m.kind = 'expansion') AS expansion_mrr,
                   -sum(m.delta) FILTER (WHERE m.kind = 'contraction') AS contraction_mrr,
                   -sum(m.delta) FILTER (WHERE m.kind = 'churn') AS churned_mrr,
                   sum(m.delta) FILTER (WHERE m.kind = 'reactivation') AS reactivation_mrr,
                   count(*) FILTER (WHERE m.kind = 'new') AS new_customers,
                   count(*) FILTER (WHERE m.kind = 'churn') AS churned_customers,
                   count(*) FILTER (WHERE m.kind = 'reactivation') AS reactivated_customers
            FROM movements m JOIN customers c USING (customer)
            WHERE m.month <= {last_month}
            GROUP BY ALL
            {same_month}
        ),
        keys AS (SELECT DISTINCT segment, plan FROM per),
        grid AS (SELECT k.segment, k.plan, mo.month FROM keys k CROSS JOIN months mo
                 WHERE mo.month >= (SELECT min(month) FROM per p WHERE p.segment = k.segment AND p.plan = k.plan))
        SELECT g.segment, g.plan, strftime(g.month, '%Y-%m') AS month,
               round(sum(coalesce(p.mrr, 0)), 6), CAST(sum(coalesce(p.customers, 0)) AS BIGINT),
               round(sum(coalesce(p.new_mrr, 0)), 6), round(sum(coalesce(p.expansion_mrr, 0)), 6),
               round(sum(coalesce(p.contraction_mrr, 0)), 6), round(sum(coalesce(p.churned_mrr, 0)), 6),
               round(sum(coalesce(p.reactivation_mrr, 0)), 6),
               CAST(sum(coalesce(p.new_customers, 0)) AS BIGINT), CAST(sum(coalesce(p.churned_customers, 0)) AS BIGINT),
               CAST(sum(coalesce(p.reactivated_customers, 0)) AS BIGINT)
        FROM grid g LEFT JOIN per p USING (segment, plan, month)
        GROUP BY ALL
        ORDER BY 1, 2, 3
    """).fetchall()
    fields = (
        "segment",
        "plan",
        "month",
        "mrr",
        "customers",
        "new_mrr",
        "expansion_mrr",
        "contraction_mrr",
        "churned_mrr",
        "reactivation_mrr",
        "new_customers",
        "churned_customers",
        "reactivated_customers",
    )
    cohorts = con.execute("""
        WITH firsts AS (SELECT customer, min(month) AS cohort FROM active GROUP BY customer)
        SELECT strftime(f.cohort, '%Y-%m') AS cohort, datediff('month', f.cohort, a.month) AS age,
               count(*) AS customers, sum(a.mrr) AS mrr
        FROM active a JOIN firsts f USING (customer)
        GROUP BY ALL ORDER BY 1, 2
    """).fetchall()
    return LedgerResult(
        rows=[dict(zip(fields, row, strict=True)) for row in rows],
        cohorts=[{"cohort": c, "age": a, "customers": n, "mrr": m} for c, a, n, m in cohorts],
        bad_rows=[BadRow(source, line, problem) for line, problem in bad],
        total_rows=total,
    )


def duckdb_string(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"
