"""Write the sample company's data tables: deterministic, so the committed CSVs can be rebuilt.

Northwind Analytics is fictional. Its 24 months (8 quarters) of history are drawn from a seeded
random generator around plausible B2B SaaS rates, then made consistent: MRR movements reconcile
month to month, and the deals won in the funnel are the new customers billed (a few days later) and the
rows of wins.csv, each with its CRM channel as original source.

Usage: python sample_data/generate.py [folder]   (default: sample_data/northwind)
"""

from __future__ import annotations

import csv
import gzip
import io
import random
import sys
from datetime import date, timedelta
from pathlib import Path

from simulate import Customer, aggregate_funnel, deals_won, simulate_contacts, simulate_ledger

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
# company milestones the trend charts mark (fixed, not drawn: they consume nothing of the random stream)
MILESTONES = (
    ("2025-09-15", "Germany launch", "market"),
    ("2026-02-02", "Paid social push", "campaign"),
    ("2026-07-01", "Price change", "pricing"),
    ("2026-08-18", "Partner programme", "launch"),
)
REASONS = (
    ("Price", 0.3),
    ("Missing features", 0.22),
    ("Switched to a competitor", 0.2),
    ("Low usage", 0.18),
    ("Company closed", 0.1),
)


def _cents(value: float) -> float:
    return round(value + 1e-9, 2)


def funnel_rows(rng: random.Random, counts: dict[tuple[str, str], dict[str, int]]) -> list[dict[str, object]]:
    """The funnel table: CRM stage counts, plus what a CRM does not know (visitors, SALs, quotes)."""
    rows: list[dict[str, object]] = []
    for month in MONTHS:
        for channel, (_, visitors_per_lead, _) in CHANNELS.items():
            c = counts[(month, channel)]
            web = visitors_per_lead is not None
            rows.append(
                {
                    "period": month,
                    "channel": channel,
                    "visitors": round(c["leads"] * visitors_per_lead * rng.uniform(0.9, 1.1)) if web else "",
                    "contacts": c["contacts"] if web else "",
                    "leads": c["leads"],
                    "mqls": c["mqls"],
                    "sals": max(c["sqls"], round(c["mqls"] * rng.uniform(0.7, 0.85))),
                    "sqls": c["sqls"],
                    "opportunities": c["opportunities"],
                    "quotes": max(c["customers"], round(c["opportunities"] * rng.uniform(0.55, 0.75))),
                    "customers": c["customers"],
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


def _split(total: float, parts: int, rng: random.Random) -> list[float]:
    """`parts` amounts in cents that add up exactly to `total`."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    amounts = [_cents(total * w / sum(weights)) for w in weights]
    amounts[-1] = _cents(total - sum(amounts[:-1]))
    return amounts


def _day(month: str, rng: random.Random) -> date:
    year, number = map(int, month.split("-"))
    return date(year, number, rng.randint(1, 28))


def traffic_rows(rng: random.Random, funnel: list[dict[str, object]]) -> list[dict[str, object]]:
    rows = []
    for month in MONTHS:
        visitors = sum(int(r["visitors"]) for r in funnel if r["period"] == month and r["visitors"] != "")
        sessions = round(visitors * rng.uniform(1.3, 1.45))
        rows.append(
            {
                "period": month,
                "sessions": sessions,
                "users": round(visitors * rng.uniform(0.95, 1.05)),
                "pageviews": round(sessions * rng.uniform(2.3, 2.8)),
                "avg_session_duration": round(rng.uniform(130, 175)),
                "bounce_rate": f"{rng.uniform(0.42, 0.52):.3f}",
            }
        )
    return rows


def event_rows(rng: random.Random) -> list[dict[str, object]]:
    shows = ("SaaS Expo Paris", "Cloud Summit Lyon", "Data Days Brussels", "Tech Forum Bucharest")
    rows = []
    for index, month in enumerate(MONTHS[::2]):
        visitors = rng.randint(350, 800)
        rows.append(
            {
                "period": month,
                "event": shows[index % len(shows)],
                "booth_visitors": visitors,
                "leads": round(visitors * rng.uniform(0.09, 0.17)),
            }
        )
    return rows


def finance_rows(rng: random.Random, revenue: list[dict[str, object]]) -> list[dict[str, object]]:
    rows = []
    for index, month in enumerate(MONTHS):
        mrr = sum(float(str(r["mrr"])) for r in revenue if r["month"] == month)
        rows.append(
            {
                "period": month,
                "revenue": f"{_cents(mrr * rng.uniform(1.0, 1.04)):.2f}",
                "customer_success_cost": f"{_cents(38000 * (1 + index / 50)):.2f}",
                "infrastructure_cost": f"{_cents(mrr * rng.uniform(0.07, 0.08)):.2f}",
                "retention_cost": f"{_cents(rng.uniform(4000, 7000)):.2f}",
            }
        )
    return rows


def churn_reason_rows(rng: random.Random, revenue: list[dict[str, object]]) -> list[dict[str, object]]:
    rows = []
    for row in revenue:
        count = int(str(row["churned_customers"]))
        if str(row["month"]) < MONTHS[12] or not count:
            continue
        for number, amount in enumerate(_split(float(str(row["churned_mrr"])), count, rng)):
            reason = rng.choices([r for r, _ in REASONS], weights=[w for _, w in REASONS])[0]
            rows.append(
                {
                    "month": row["month"],
                    "customer": f"{row['segment'][:3].upper()}-{row['month']}-{number:02d}",
                    "segment": row["segment"],
                    "reason": reason,
                    "mrr": f"{amount:.2f}",
                }
            )
    return rows


def win_and_touch_rows(rng: random.Random, customers: list[Customer]) -> tuple[list, list]:
    """wins.csv: each new customer with the date the CRM won it, its first MRR and its CRM channel."""
    wins, touches = [], []
    channels = list(CHANNELS)
    shares = [CHANNELS[c][0] for c in channels]
    for customer in customers:
        assert customer.won is not None
        won, source = customer.won.won, customer.won.channel
        if won.strftime("%Y-%m") < MONTHS[12]:
            continue
        first = customer.periods[0]
        wins.append(
            {
                "customer": customer.name,
                "won": won.isoformat(),
                "new_mrr": f"{first.price * first.seats:.2f}",
                "original_source": source,
            }
        )
        path = [source, *rng.choices(channels, weights=shares, k=rng.randint(0, 3))]
        for step, channel in enumerate(path):
            touched = won - timedelta(days=(len(path) - step) * rng.randint(5, 25))
            touches.append({"customer": customer.name, "touched": touched.isoformat(), "channel": channel})
    return wins, touches


def trial_rows(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for month in MONTHS[12:]:
        for number in range(rng.randint(110, 150)):
            started = _day(month, rng)
            engaged = rng.random() < 0.58
            paid = started + timedelta(days=rng.randint(6, 30)) if rng.random() < (0.3 if engaged else 0.04) else None
            rows.append(
                {
                    "trial_id": f"T-{month}-{number:03d}",
                    "started": started.isoformat(),
                    "engaged": "yes" if engaged else "no",
                    "paid": paid.isoformat() if paid else "",
                }
            )
    return rows


def demo_rows(rng: random.Random) -> list[dict[str, object]]:
    kinds = (("Live", 0.32, 34), ("On-demand video", 0.14, 48), ("Webinar", 0.09, 55))
    rows = []
    for month in MONTHS[12:]:
        for number in range(rng.randint(45, 70)):
            kind, rate, days = rng.choices(kinds, weights=(0.5, 0.3, 0.2))[0]
            requested = _day(month, rng)
            won = requested + timedelta(days=round(rng.gauss(days, 10))) if rng.random() < rate else None
            rows.append(
                {
                    "demo_id": f"D-{month}-{number:03d}",
                    "requested": requested.isoformat(),
                    "demo_type": kind,
                    "customer_since": won.isoformat() if won and won > requested else "",
                }
            )
    return rows


def customer_rows(rng: random.Random) -> list[dict[str, object]]:
    plans = (("SMB", 110.0, 60, 90), ("Mid-market", 660.0, 400, 70), ("Enterprise", 4300.0, 2500, 20))
    rows = []
    for segment, arpu, usage_level, count in plans:
        for number in range(count):
            name = f"{segment.split('-')[0]} customer {number + 1:03d}"
            mrr = _cents(arpu * rng.uniform(0.6, 1.6))
            usage = usage_level * rng.uniform(0.5, 1.6)
            trouble = rng.random() < 0.12
            for quarter in ("2026-Q1", "2026-Q2", "2026-Q3"):
                usage *= rng.uniform(0.3, 0.6) if trouble and quarter == "2026-Q3" else rng.uniform(0.9, 1.15)
                rows.append(
                    {
                        "period": quarter,
                        "customer": name,
                        "segment": segment,
                        "mrr": f"{mrr:.2f}",
                        "usage": round(usage),
                        "tickets": rng.randint(3, 14) if trouble else rng.randint(0, 5),
                        "nps": (rng.randint(0, 6) if trouble else rng.randint(6, 10)) if rng.random() < 0.6 else "",
                        "billing_issues": rng.randint(0, 2) if trouble else (1 if rng.random() < 0.04 else 0),
                    }
                )
    return rows


def email_rows(rng: random.Random) -> list[dict[str, object]]:
    rows = []
    for index, month in enumerate(MONTHS):
        delivered = round(30000 * (1 + index / 40) * rng.uniform(0.9, 1.1))
        rows.append(
            {
                "period": month,
                "delivered": delivered,
                "opens": round(delivered * rng.uniform(0.24, 0.31)),
                "clicks": round(delivered * rng.uniform(0.028, 0.04)),
                "unsubscribes": round(delivered * rng.uniform(0.002, 0.0045)),
            }
        )
    return rows


def social_rows(rng: random.Random) -> list[dict[str, object]]:
    networks = {"LinkedIn": (60000, 9000, 0.03), "X": (30000, 5200, 0.012), "YouTube": (12000, 2100, 0.045)}
    rows = []
    for network, (reach, followers, engagement) in networks.items():
        for index, month in enumerate(MONTHS):
            followers = round(followers * rng.uniform(1.01, 1.035))
            month_reach = round(reach * (1 + index / 30) * rng.uniform(0.85, 1.15))
            rows.append(
                {
                    "period": month,
                    "network": network,
                    "reach": month_reach,
                    "engagements": round(month_reach * engagement * rng.uniform(0.8, 1.2)),
                    "followers": followers,
                }
            )
    return rows


OPPORTUNITY_STAGES = ("Qualification", "Discovery", "Demo", "Proposal", "Negotiation")
AS_OF = date(2026, 9, 30)  # the sample deck's date: opportunities closed later are still open in its snapshot


def opportunity_rows(rng: random.Random) -> list[dict[str, object]]:
    """A CRM's opportunities over the last fifteen months: closed ones (won, or lost at a stage) and the
    pipeline still open at the sample deck's date, each expected to close when it was planned to."""
    rows: list[dict[str, object]] = []
    number = 0
    for month in MONTHS[-15:]:
        for _ in range(48):
            number += 1
            created = _day(month, rng)
            planned = created + timedelta(days=rng.randint(30, 120))
            amount = round(rng.lognormvariate(6.6, 0.55), -1)
            source = rng.choices(("marketing", "sales", "other"), (0.45, 0.4, 0.15))[0]
            closes = planned + timedelta(days=rng.randint(-10, 25))
            if closes <= AS_OF:
                won = rng.random() < 0.3
                stage = "Negotiation" if won else rng.choices(OPPORTUNITY_STAGES, (0.3, 0.25, 0.2, 0.15, 0.1))[0]
                status, closed = ("won" if won else "lost"), closes.isoformat()
            else:
                age = (AS_OF - created).days
                stage = OPPORTUNITY_STAGES[min(4, age // 25 + rng.randint(0, 1))]
                status, closed = "open", ""
            rows.append(
                {
                    "id": f"OPP-{number:05d}",
                    "created": created.isoformat(),
                    "amount": f"{amount:.2f}",
                    "stage": stage,
                    "expected_close": planned.isoformat(),
                    "source": source,
                    "status": status,
                    "closed": closed,
                }
            )
    return rows


HUBSPOT_MARKETING = ("Organic Search", "Paid Search", "Email Marketing", "Paid Social", "Referrals")


def deals_export(opportunities: list[dict[str, object]]) -> list[dict[str, object]]:
    """The same opportunities as a HubSpot deals export: amounts as ACV, closed deals at Closed Won or
    Closed Lost with their close date, the stage a deal was lost at in a column of the company's own,
    and HubSpot's source types (partners' deals under a source of the company's own)."""
    rows: list[dict[str, object]] = []
    for number, opportunity in enumerate(opportunities):
        status = opportunity["status"]
        source = {"marketing": HUBSPOT_MARKETING[number % 5], "sales": "Offline Sources", "other": "Partners"}
        closes = opportunity["closed"] if status != "open" else opportunity["expected_close"]
        rows.append(
            {
                "Record ID": 18_300_000_000 + number,
                "Deal Name": opportunity["id"],
                "Amount": f"{float(str(opportunity['amount'])) * 12:.2f}",
                "Deal Stage": {"won": "Closed Won", "lost": "Closed Lost"}.get(str(status), opportunity["stage"]),
                "Close Date": f"{closes} 17:00",
                "Create Date": f"{opportunity['created']} 09:{number % 60:02d}",
                "Pipeline": "Sales Pipeline",
                "Original Source Type": source[str(opportunity["source"])],
                "Is Closed Won": "true" if status == "won" else "false",
                "Is Deal Closed?": "false" if status == "open" else "true",
                "Lost At Stage": opportunity["stage"] if status == "lost" else "",
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
    exports = folder.parent / "northwind-raw" / "exports"  # the raw-export sample pack holds its own exports
    data.mkdir(parents=True, exist_ok=True)
    exports.mkdir(parents=True, exist_ok=True)
    contacts = simulate_contacts(rng, MONTHS)
    ledger, revenue, new_customers = simulate_ledger(rng, MONTHS, deals_won(contacts, MONTHS))
    write(exports / "subscriptions.csv", ledger)
    with (
        gzip.GzipFile(exports / "contacts.csv.gz", "wb", mtime=0) as raw,
        io.TextIOWrapper(raw, "utf-8", newline="") as text,
    ):
        writer = csv.DictWriter(text, fieldnames=list(contacts[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(contacts)
    funnel = funnel_rows(rng, aggregate_funnel(contacts, MONTHS))
    write(data / "revenue.csv", revenue)
    write(data / "funnel.csv", funnel)
    write(data / "spend.csv", spend_rows(rng))
    write(data / "pipeline.csv", pipeline_rows(rng))
    write(data / "traffic.csv", traffic_rows(rng, funnel))
    write(data / "events.csv", event_rows(rng))
    write(data / "finance.csv", finance_rows(rng, revenue))
    write(data / "churn_reasons.csv", churn_reason_rows(rng, revenue))
    wins, touches = win_and_touch_rows(rng, new_customers)
    write(data / "wins.csv", wins)
    write(data / "touches.csv", touches)
    write(data / "trials.csv", trial_rows(rng))
    write(data / "demos.csv", demo_rows(rng))
    write(data / "customers.csv", customer_rows(rng))
    write(data / "email.csv", email_rows(rng))
    write(data / "social.csv", social_rows(rng))
    write(data / "milestones.csv", [{"date": d, "label": label, "kind": kind} for d, label, kind in MILESTONES])
    # a stream of its own, so the opportunities leave every other table as it was
    opportunities = opportunity_rows(random.Random(20262))
    write(data / "opportunities.csv", opportunities)
    write(exports / "deals.csv", deals_export(opportunities))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "northwind")
