"""Policy formulas of the core metrics: LTV and lifetime, payback, growth, revenue, cohort timings.

Each is a choice the appendix states (the catalogue's formula text for the same id says which).
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from boardpack.i18n import N_
from boardpack.metrics.formulas import Derived, formula, monthly_rate
from boardpack.metrics.measures import Unavailable
from boardpack.periods import Period

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation


def _gross_margin(ev: Evaluation) -> float:
    margin = ev.pack.config.gross_margin
    if margin is None:
        raise Unavailable("gross_margin is not set in boardpack.yaml")
    return margin


def monthly_churn(ev: Evaluation) -> float:
    """The period's customer churn rate as its compounding monthly equivalent; never zero."""
    churn = monthly_rate(ev.value("customer_churn_rate"), ev.period.months_count)
    if churn <= 0:
        raise Unavailable("no customer churned in {period}, so the expected lifetime is unbounded", period=ev.period)
    return churn


@formula("ltv")
def ltv(ev: Evaluation) -> float:
    """By the method named in boardpack.yaml (`ltv_method`); the appendix says which."""
    method = ev.pack.config.ltv_method
    churn = monthly_churn(ev)
    if method == "arpu_churn":
        return ev.value("arpu") / churn
    if method == "annual_lifetime":
        annual_churn = 1 - (1 - churn) ** 12
        return ev.value("arpu") * 12 * _gross_margin(ev) / annual_churn
    return ev.value("arpu") * _gross_margin(ev) / churn


@formula("customer_lifetime_months")
def customer_lifetime_months(ev: Evaluation) -> float:
    return 1 / monthly_churn(ev)


@formula("annual_churn_rate")
def annual_churn_rate(ev: Evaluation) -> float:
    """Compounded from the monthly equivalent: 1 - (1 - m)^12, never 12 × m."""
    return 1 - (1 - monthly_rate(ev.value("customer_churn_rate"), ev.period.months_count)) ** 12


@formula("ltv_cac_ratio")
def ltv_cac_ratio(ev: Evaluation) -> float:
    cac = ev.value("cac")
    if cac <= 0:
        raise Unavailable("CAC is zero")
    return ev.value("ltv") / cac


@formula("cac_payback_months")
def cac_payback_months(ev: Evaluation) -> float:
    monthly_gross_profit = ev.value("arpu") * _gross_margin(ev)
    if monthly_gross_profit <= 0:
        raise Unavailable("ARPU × gross margin is zero")
    return ev.value("cac") / monthly_gross_profit


def _growth(current: float, prior: float, what: str, period: Period) -> float:
    if prior == 0:
        raise Unavailable("{what} was zero in {period}", what=what, period=period)
    return current / prior - 1


@formula("visitor_growth")
def visitor_growth(ev: Evaluation) -> float:
    prior = ev.at(ev.period.prior())
    return _growth(
        float(ev.measure("funnel.visitors")), float(prior.measure("funnel.visitors")), "visitors", prior.period
    )


@formula("revenue")
def revenue(ev: Evaluation) -> float:
    """Recognised revenue from finance.csv when given for every row, else the MRR of each month summed."""
    if ev.pack.has("finance"):
        rows = ev.facts.rows("finance")
        if rows and all(r.revenue is not None for r in rows):
            return sum(r.revenue for r in rows)
    return sum(float(ev.at(month).measure("mrr_end")) for month in ev.period.months())


@formula("sales_growth")
def sales_growth(ev: Evaluation) -> float:
    prior = ev.at(ev.period.prior())
    return _growth(ev.value("revenue"), prior.value("revenue"), "revenue", prior.period)


@formula("cac_lagged")
def cac_lagged(ev: Evaluation) -> float:
    """Spend of the window `cac_lag_months` earlier than the period, over the period's new customers."""
    lag = ev.pack.config.cac_lag_months
    window = Period(ev.period.start - lag, ev.period.kind, ev.period.fiscal_start)
    spend = float(ev.at(window).measure("acquisition_spend"))
    customers = float(ev.measure("new_customers"))
    if customers == 0:
        raise Unavailable("no new customers in {period}", period=ev.period)
    return spend / customers


@formula("mrr_recovery_months")
def mrr_recovery_months(ev: Evaluation) -> float:
    """Months of new MRR, at this period's monthly pace, needed to replace the MRR lost in it."""
    pace = float(ev.measure("new_mrr")) / ev.period.months_count
    if pace <= 0:
        raise Unavailable("no new MRR in {period}", period=ev.period)
    return float(ev.measure("lost_mrr")) / pace


@formula("churn_reasons")
def churn_reasons(ev: Evaluation) -> Derived:
    """Customers lost with a recorded reason; each reason's share of them and of the MRR they took."""
    rows = ev.facts.rows("churn_reasons")
    if not rows:
        raise Unavailable("no churned customer with a reason in {period}", period=ev.period)
    customers: dict[str, float] = defaultdict(float)
    mrr: dict[str, float] = defaultdict(float)
    for row in rows:
        customers[row.reason] += 1
        mrr[row.reason] += row.mrr
    total_mrr = sum(mrr.values())
    order = sorted(customers, key=lambda r: (-mrr[r], -customers[r], r))
    return Derived(
        float(len(rows)),
        {
            "reason": {r: customers[r] / len(rows) for r in order},
            "reason_mrr": {r: (mrr[r] / total_mrr if total_mrr else None) for r in order},
        },
        [{"reason": r, "customers": int(customers[r]), "mrr": mrr[r]} for r in order],
    )


def _median_days(pairs: list[tuple[Any, Any]], what: str, period: Period) -> float:
    days = [(end - start).days for start, end in pairs if end is not None]
    if not days:
        raise Unavailable("no {what} in {period}", what=what, period=period)
    return float(statistics.median(days))


@formula("trial_days_to_paid")
def trial_days_to_paid(ev: Evaluation) -> float:
    rows = ev.facts.rows("trials")
    return _median_days(
        [(r.started, ev.facts.observed(r.paid)) for r in rows], "trial started in the period became paid", ev.period
    )


@formula("demo_days_to_customer")
def demo_days_to_customer(ev: Evaluation) -> Derived:
    rows = ev.facts.rows("demos")
    pairs = [(r.requested, ev.facts.observed(r.customer_since)) for r in rows]
    value = _median_days(pairs, "demo requested in the period became a customer", ev.period)
    by_type: dict[str, list[tuple[Any, Any]]] = defaultdict(list)
    for row, pair in zip(rows, pairs, strict=True):
        by_type[row.demo_type].append(pair)
    breakdown: dict[str, float | None] = {}
    for demo_type, pairs in by_type.items():
        days = [(b - a).days for a, b in pairs if b is not None]
        breakdown[demo_type] = float(statistics.median(days)) if days else None
    return Derived(value, {"demo_type": breakdown})


def _followers(ev: Evaluation) -> float:
    """Followers at the end of the period: each network's row that ends last in it."""
    latest: dict[str, Any] = {}
    for row in ev.facts.rows("social"):
        if row.network not in latest or row.period.end > latest[row.network].period.end:
            latest[row.network] = row
    return float(sum(row.followers for row in latest.values()))


@formula("follower_growth")
def follower_growth(ev: Evaluation) -> float:
    prior = ev.at(ev.period.prior())
    return _growth(_followers(ev), _followers(prior), "followers", prior.period)


@formula("cost_to_serve_ratio")
def cost_to_serve_ratio(ev: Evaluation) -> float:
    income = ev.value("revenue")
    if income <= 0:
        raise Unavailable("no revenue in {period}", period=ev.period)
    return float(ev.measure("cost_to_serve")) / income


STEP_LABELS = {
    "lead_to_mql": N_("lead → MQL"),
    "mql_to_sql": N_("MQL → SQL"),
    "sql_to_opportunity": N_("SQL → opportunity"),
    "opportunity_to_customer": N_("opportunity → customer"),
    "lead_to_customer": N_("lead → customer"),
}


def _histogram_median(counts: dict[float, int]) -> float:
    """The median of values given as value -> how many times, as statistics.median would give it."""
    total = sum(counts.values())
    ordered = sorted(counts.items())
    positions = ((total - 1) // 2, total // 2)
    found = []
    seen = 0
    for value, count in ordered:
        for position in positions:
            if seen <= position < seen + count:
                found.append(value)
        seen += count
    return float(sum(found) / len(found))


@formula("days_between_stages")
def days_between_stages(ev: Evaluation) -> Derived:
    """Median days between stages, from the CRM export's stage dates, for stages entered in the period."""
    histogram = ev.pack.derived.get("stage_days")
    if histogram is None:
        raise Unavailable("needs a CRM export with the date of each stage (raw.crm in boardpack.yaml)")
    months = {m.label for m in ev.period.months()}
    by_step: dict[str, dict[float, int]] = defaultdict(lambda: defaultdict(int))
    for entry in histogram:
        if entry["month"] in months:
            by_step[entry["step"]][float(entry["days"])] += entry["contacts"]
    if not by_step.get("lead_to_customer"):
        raise Unavailable("no lead became a customer in {period}", period=ev.period)
    breakdown = {label: _histogram_median(by_step[step]) for step, label in STEP_LABELS.items() if by_step.get(step)}
    return Derived(breakdown[STEP_LABELS["lead_to_customer"]], {"stage": breakdown})
