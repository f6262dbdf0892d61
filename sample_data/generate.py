"""Write the sample company's data tables: deterministic, so the committed CSVs can be rebuilt.

Northwind Analytics is fictional. Its 24 months (8 quarters) of history are drawn from a seeded
random generator around plausible B2B SaaS rates, then made consistent: MRR movements reconcile
month to month, and deals won in the funnel add up to the new customers billed.

Usage: python sample_data/generate.py [folder]   (default: sample_data/northwind)
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

MONTHS = [f"{2024 + (9 + i) // 12}-{(9 + i) % 12 + 1:02d}" for i in range(24)]  # 2024-10 .. 2026-09
CHANNELS = {
    # name: (share of won deals, web visitors per lead or None, marketing media spend per month)
    "Organic search": (0.24, 38.0, 4200.0),
    "Paid search": (0.20, 30.0, 16500.0),
    "Paid social": (0.10, 55.0, 9800.0),
    "Email": (0.08, None, 2100.0),
    "Events": (0.14, None, 14500.0),
    "Partners": (0.12, None, 5200.0),
    "Outbound": (0.12, None, 3800.0),
}
SEGMENTS = {
    # name: (start customers, ARPU, monthly churn, new customers per month, expansion share, contraction share)
    "SMB": (540, 98.0, 0.032, 24, 0.012, 0.006),
    "Mid-market": (150, 640.0, 0.016, 7, 0.018, 0.006),
    "Enterprise": (28, 4100.0, 0.008, 1, 0.022, 0.004),
}


def _cents(value: float) -> float:
    return round(value + 1e-9, 2)


def revenue_rows(rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for segment, (customers, arpu, churn, new_rate, expansion, contraction) in SEGMENTS.items():
        mrr = _cents(customers * arpu)
        for index, month in enumerate(MONTHS):
            growth = 1 + index / 40  # the company grows: more new customers later
            new = max(0, round(rng.gauss(new_rate * growth, new_rate * 0.2)))
            lost = max(0, round(rng.gauss(customers * churn, max(0.6, customers * churn * 0.3))))
            back = 1 if segment == "SMB" and rng.random() < 0.5 else 0
            price = arpu * (1 + index / 120)
            new_mrr = _cents(new * price * rng.uniform(0.9, 1.1))
            churned_mrr = _cents(lost * (mrr / customers) * rng.uniform(0.85, 1.05)) if customers else 0.0
            expansion_mrr = _cents(mrr * expansion * rng.uniform(0.7, 1.3))
            contraction_mrr = _cents(mrr * contraction * rng.uniform(0.7, 1.3))
            reactivation_mrr = _cents(back * price * 0.9)
            mrr = _cents(mrr + new_mrr + expansion_mrr + reactivation_mrr - contraction_mrr - churned_mrr)
            customers = customers + new + back - lost
            rows.append(
                {
                    "month": month,
                    "segment": segment,
                    "mrr": f"{mrr:.2f}",
                    "customers": customers,
                    "new_mrr": f"{new_mrr:.2f}",
                    "expansion_mrr": f"{expansion_mrr:.2f}",
                    "contraction_mrr": f"{contraction_mrr:.2f}",
                    "churned_mrr": f"{churned_mrr:.2f}",
                    "reactivation_mrr": f"{reactivation_mrr:.2f}",
                    "new_customers": new,
                    "churned_customers": lost,
                    "reactivated_customers": back,
                }
            )
    return rows


def funnel_rows(rng: random.Random, won_per_month: dict[str, int]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for month in MONTHS:
        remaining = won_per_month[month]
        names = list(CHANNELS)
        for position, (channel, (share, visitors_per_lead, _)) in enumerate(CHANNELS.items()):
            won = remaining if position == len(names) - 1 else min(remaining, round(won_per_month[month] * share))
            remaining -= won
            opportunities = max(won, round(won / rng.uniform(0.18, 0.30)))
            sqls = max(opportunities, round(opportunities / rng.uniform(0.55, 0.75)))
            sals = max(sqls, round(sqls / rng.uniform(0.6, 0.8)))
            mqls = max(sals, round(sals / rng.uniform(0.7, 0.85)))
            lead_to_mql = 0.45 if channel in ("Events", "Outbound", "Partners") else rng.uniform(0.18, 0.28)
            leads = max(mqls, round(mqls / lead_to_mql))
            visitors = round(leads * visitors_per_lead * rng.uniform(0.9, 1.1)) if visitors_per_lead else ""
            contacts = round(leads * rng.uniform(1.8, 2.4)) if visitors_per_lead else ""
            rows.append(
                {
                    "period": month,
                    "channel": channel,
                    "visitors": visitors,
                    "contacts": contacts,
                    "leads": leads,
                    "mqls": mqls,
                    "sals": sals,
                    "sqls": sqls,
                    "opportunities": opportunities,
                    "customers": won,
                }
            )
    return rows


def spend_rows(rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for index, month in enumerate(MONTHS):
        growth = 1 + index / 60
        for channel, (_, _, media) in CHANNELS.items():
            category = {"Events": "Trade shows", "Partners": "Partner commissions", "Outbound": "Data and tools"}.get(
                channel, "Media and content"
            )
            rows.append(
                {
                    "period": month,
                    "channel": channel,
                    "type": "marketing",
                    "category": category,
                    "amount": f"{_cents(media * growth * rng.uniform(0.85, 1.15)):.2f}",
                }
            )
        for kind, category, amount in (
            ("marketing", "Marketing team", 38000.0),
            ("marketing", "Marketing tools", 4600.0),
            ("sales", "Sales team", 52000.0),
            ("sales", "Sales tools", 3900.0),
        ):
            rows.append(
                {
                    "period": month,
                    "channel": "",
                    "type": kind,
                    "category": category,
                    "amount": f"{_cents(amount * growth * rng.uniform(0.97, 1.03)):.2f}",
                }
            )
    return rows


def pipeline_rows(rng: random.Random) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for index, month in enumerate(MONTHS):
        growth = 1 + index / 30
        target = round(300000 * growth, -3)
        rows.append(
            {
                "period": month,
                "marketing_sourced": f"{round(rng.uniform(0.34, 0.5) * target * rng.uniform(0.85, 1.1), -2):.2f}",
                "sales_sourced": f"{round(rng.uniform(0.35, 0.45) * target, -2):.2f}",
                "other_sourced": f"{round(rng.uniform(0.08, 0.14) * target, -2):.2f}",
                "target": f"{target:.2f}",
            }
        )
    return rows


def write(path: Path, rows: list[dict[str, object]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(folder: Path) -> None:
    rng = random.Random(20261)
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    revenue = revenue_rows(rng)
    won: dict[str, int] = {m: 0 for m in MONTHS}
    for row in revenue:
        won[str(row["month"])] += int(row["new_customers"])  # type: ignore[call-overload]
    write(data / "revenue.csv", revenue)
    write(data / "funnel.csv", funnel_rows(rng, won))
    write(data / "spend.csv", spend_rows(rng))
    write(data / "pipeline.csv", pipeline_rows(rng))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "northwind")
