"""Customer-level metrics from the customers table: usage change and drop alerts, health, NPS.

A quarter may be given as monthly rows: per customer, usage, tickets and billing issues are summed
over the period, MRR and segment are those of its last row, and the NPS answer is the latest one.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from boardpack.metrics.formulas import Derived, formula
from boardpack.metrics.measures import Unavailable

if TYPE_CHECKING:
    from boardpack.metrics.engine import Evaluation


@dataclass(frozen=True)
class CustomerPeriod:
    customer: str
    segment: str
    mrr: float
    usage: float
    tickets: int
    nps: int | None
    billing_issues: int


def customer_periods(ev: Evaluation) -> dict[str, CustomerPeriod]:
    rows = sorted(ev.facts.rows("customers"), key=lambda r: (r.customer, r.period.start))
    grouped: dict[str, list] = defaultdict(list)
    for row in rows:
        grouped[row.customer].append(row)
    result = {}
    for customer, group in grouped.items():
        answers = [r.nps for r in group if r.nps is not None]
        result[customer] = CustomerPeriod(
            customer=customer,
            segment=group[-1].segment,
            mrr=group[-1].mrr,
            usage=sum(r.usage for r in group),
            tickets=sum(r.tickets for r in group),
            nps=answers[-1] if answers else None,
            billing_issues=sum(r.billing_issues for r in group),
        )
    if not result:
        raise Unavailable("no customer rows in {period}", period=ev.period)
    return result


@formula("usage_change")
def usage_change(ev: Evaluation) -> float:
    """Total usage against the prior period, over the customers present in both."""
    current = customer_periods(ev)
    prior = customer_periods(ev.at(ev.period.prior()))
    both = current.keys() & prior.keys()
    before = sum(prior[c].usage for c in both)
    if not both or before == 0:
        raise Unavailable("no usage to compare with in {period}", period=ev.period.prior())
    return sum(current[c].usage for c in both) / before - 1


@formula("usage_drop_alerts")
def usage_drop_alerts(ev: Evaluation) -> Derived:
    """Customers whose usage fell by more than `health.usage_drop`, the largest MRR at risk first."""
    threshold = ev.pack.config.health.usage_drop
    current = customer_periods(ev)
    prior = customer_periods(ev.at(ev.period.prior()))
    alerts = []
    for name in current.keys() & prior.keys():
        before, now = prior[name].usage, current[name].usage
        if before > 0 and (before - now) / before > threshold:
            alerts.append(
                {
                    "customer": name,
                    "segment": current[name].segment,
                    "mrr": current[name].mrr,
                    "usage_prior": before,
                    "usage": now,
                    "change": now / before - 1,
                }
            )
    alerts.sort(key=lambda a: (-a["mrr"], a["customer"]))
    at_risk: dict[str, float] = defaultdict(float)
    for alert in alerts:
        at_risk[alert["segment"]] += alert["mrr"]
    return Derived(float(len(alerts)), {"segment_mrr_at_risk": ev.ordered("segment", dict(at_risk))}, alerts)


def _usage_scores(customers: dict[str, CustomerPeriod]) -> dict[str, float]:
    """Usage relative to the median customer of the same segment, 0..100 (the median scores 100)."""
    by_segment: dict[str, list[float]] = defaultdict(list)
    for c in customers.values():
        by_segment[c.segment].append(c.usage)
    medians = {segment: statistics.median(values) for segment, values in by_segment.items()}
    scores = {}
    for name, c in customers.items():
        median = medians[c.segment]
        scores[name] = 100.0 if median == 0 and c.usage > 0 else min(100.0, 100 * c.usage / median) if median else 0.0
    return scores


def health_parts(ev: Evaluation) -> dict[str, dict[str, tuple[float, float]]]:
    """Each customer's signals as (weight, 0-100 score): usage, tickets, billing, and NPS where answered."""
    settings = ev.pack.config.health
    weights = settings.weights
    customers = customer_periods(ev)
    usage = _usage_scores(customers)
    ceiling = settings.tickets_per_month_ceiling * ev.period.months_count
    parts = {}
    for name, c in customers.items():
        parts[name] = {
            "usage": (weights.usage, usage[name]),
            "tickets": (weights.tickets, 100 * max(0.0, 1 - c.tickets / ceiling)),
            "billing": (weights.billing, max(0.0, 100 - 50 * c.billing_issues)),
        }
        if c.nps is not None:
            parts[name]["nps"] = (weights.nps, 10.0 * c.nps)
    return parts


def health_scores(ev: Evaluation) -> dict[str, float]:
    scores = {}
    for name, parts in health_parts(ev).items():
        total_weight = sum(w for w, _ in parts.values())
        scores[name] = sum(w * v for w, v in parts.values()) / total_weight if total_weight else 0.0
    return scores


def weak_signals(parts: dict[str, tuple[float, float]], line: float) -> tuple[str, ...]:
    """The signals that pull a score down: those that count (a weight above zero) and alone score below `line`,
    the at-risk line; what the board reads as the reasons a customer is at risk."""
    return tuple(signal for signal, (weight, score) in parts.items() if weight > 0 and score < line)


@formula("health_score")
def health_score(ev: Evaluation) -> Derived:
    """Average health of the customers; by segment, by band, and the at-risk customers by MRR."""
    settings = ev.pack.config.health
    customers = customer_periods(ev)
    parts = health_parts(ev)
    scores = health_scores(ev)
    by_segment: dict[str, list[float]] = defaultdict(list)
    bands = {"healthy": 0.0, "watch": 0.0, "at_risk": 0.0}
    for name, score in scores.items():
        by_segment[customers[name].segment].append(score)
        band = "healthy" if score >= settings.healthy_from else "at_risk" if score < settings.at_risk_below else "watch"
        bands[band] += 1
    at_risk = sorted(
        (
            {
                "customer": name,
                "segment": customers[name].segment,
                "mrr": customers[name].mrr,
                "score": round(score, 1),
                "tickets": customers[name].tickets,
                "nps": customers[name].nps,
                "billing_issues": customers[name].billing_issues,
                "weak": weak_signals(parts[name], settings.at_risk_below),
            }
            for name, score in scores.items()
            if score < settings.at_risk_below
        ),
        key=lambda item: (-item["mrr"], item["customer"]),
    )
    return Derived(
        statistics.fmean(scores.values()),
        {"segment": ev.ordered("segment", {s: statistics.fmean(v) for s, v in by_segment.items()}), "band": bands},
        at_risk,
    )


@formula("engagement_score")
def engagement_score(ev: Evaluation) -> Derived:
    """Average usage score (usage against the segment median, 0..100), overall and by segment."""
    customers = customer_periods(ev)
    usage = _usage_scores(customers)
    by_segment: dict[str, list[float]] = defaultdict(list)
    for name, score in usage.items():
        by_segment[customers[name].segment].append(score)
    return Derived(
        statistics.fmean(usage.values()),
        {"segment": ev.ordered("segment", {s: statistics.fmean(v) for s, v in by_segment.items()})},
    )


@formula("nps")
def nps(ev: Evaluation) -> Derived:
    """% promoters (9-10) minus % detractors (0-6) among the customers who answered, -100..100."""
    customers = customer_periods(ev)
    answers = [c.nps for c in customers.values() if c.nps is not None]
    if not answers:
        raise Unavailable("no NPS answer in {period}", period=ev.period)
    promoters = sum(1 for a in answers if a >= 9) / len(answers)
    detractors = sum(1 for a in answers if a <= 6) / len(answers)
    return Derived(
        100 * (promoters - detractors),
        {"answers": {"promoters": promoters, "passives": 1 - promoters - detractors, "detractors": detractors}},
    )
