"""Customer-level simulation of the sample company: the raw exports, and the tables aggregated from them.

The aggregation here is written independently of boardpack's raw-export code (plain Python over
month-end snapshots), so the test that compares the deck built from the exports with the deck built
from these tables checks two implementations against each other.

The two exports describe the same customers: every contact the CRM marks as a customer during the
reported months starts a subscription in the ledger a few days later, so the deals won in the funnel and
the new customers billed agree (up to the deals won at the very end of a month, billed in the next).
The CRM starts WARMUP months before the ledger's first month, so the first months already have a full
pipeline behind them.
"""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

OPENING = "2024-09"  # customers already with the company start in this month; the ledger begins here
WARMUP = 6  # months of CRM history before the reported months
BILLING_DELAY = (0, 3)  # days from a deal won in the CRM to its first payment
PLANS = {
    # plan: (segment, seats per customer, monthly price per seat, opening customers, share of new customers,
    #        monthly churn, expansion chance, contraction chance, share billed yearly)
    "Starter": ("SMB", (1, 4), 23, 380, 17, 0.036, 0.05, 0.03, 0.0),
    "Team": ("SMB", (4, 9), 28, 160, 7, 0.024, 0.08, 0.04, 0.1),
    "Business": ("Mid-market", (5, 12), 80, 150, 7, 0.016, 0.10, 0.04, 0.3),
    "Enterprise": ("Enterprise", (12, 30), 205, 28, 1, 0.008, 0.12, 0.04, 0.5),
}
SOURCES = {
    # pack channel: (HubSpot original source, leads per month, lead -> MQL)
    "Organic search": ("Organic search", 230, 0.24),
    "Paid search": ("Paid search", 200, 0.22),
    "Paid social": ("Paid social", 108, 0.2),
    "Email": ("Email marketing", 74, 0.26),
    "Events": ("Offline sources", 60, 0.45),
    "Partners": ("Referrals", 61, 0.45),
    "Outbound": ("Other campaigns", 68, 0.45),
}


def month_end(month: str) -> date:
    year, number = map(int, month.split("-"))
    return date(year, number, calendar.monthrange(year, number)[1])


def day_in(month: str, rng: random.Random) -> date:
    year, number = map(int, month.split("-"))
    return date(year, number, rng.randint(1, calendar.monthrange(year, number)[1]))


@dataclass
class Period:
    """One row of the ledger: a subscription at one quantity, from `start` until `end`."""

    subscription: str
    customer: str
    plan: str
    start: date
    end: date | None
    price: int
    seats: int
    yearly: bool


@dataclass(frozen=True)
class Arrival:
    """A deal won in the CRM: when, and through which channel."""

    won: date
    channel: str


@dataclass
class Customer:
    name: str
    plan: str
    seats: int
    yearly: bool
    won: Arrival | None = None
    periods: list[Period] = field(default_factory=list)
    active: bool = True

    def open(self, start: date, number: int) -> None:
        price = PLANS[self.plan][2]
        self.periods.append(
            Period(f"sub_{self.name}_{number}", self.name, self.plan, start, None, price, self.seats, self.yearly)
        )

    def close(self, day: date) -> None:
        self.periods[-1].end = day

    def mrr_at(self, when: date) -> int:
        return sum(p.price * p.seats for p in self.periods if p.start <= when and (p.end is None or p.end > when))


def simulate_ledger(
    rng: random.Random, months: list[str], arrivals: list[Arrival]
) -> tuple[list[dict], list[dict], list[Customer]]:
    """The subscription ledger rows, the revenue table computed from month-end snapshots, and the new customers.

    New customers are the CRM's deals won (`arrivals`), each billed from a few days after its win; a win
    whose first payment would fall after the last month is not billed yet.
    """
    customers: list[Customer] = []
    churned: dict[str, list[Customer]] = {plan: [] for plan in PLANS}
    counter = 0

    def new_customer(plan: str, start: date, won: Arrival | None = None) -> None:
        nonlocal counter
        counter += 1
        low, high = PLANS[plan][1]
        customer = Customer(f"cus_{counter:05d}", plan, rng.randint(low, high), rng.random() < PLANS[plan][8], won)
        customer.open(start, 1)
        customers.append(customer)

    starts: dict[str, list[tuple[date, Arrival]]] = {month: [] for month in months}
    for arrival in arrivals:
        start = arrival.won + timedelta(days=rng.randint(*BILLING_DELAY))
        if start.strftime("%Y-%m") in starts:
            starts[start.strftime("%Y-%m")].append((start, arrival))

    for plan, spec in PLANS.items():
        for _ in range(spec[3]):
            new_customer(plan, day_in(OPENING, rng))
    plans, shares = list(PLANS), [spec[4] for spec in PLANS.values()]
    for month in months:
        for customer in [c for c in customers if c.active]:
            churn, expand, contract = PLANS[customer.plan][5:8]
            day = day_in(month, rng)
            if day <= customer.periods[-1].start:
                continue  # one change per period row and day
            draw = rng.random()
            if draw < churn:
                customer.close(day)
                customer.active = False
                churned[customer.plan].append(customer)
            elif draw < churn + expand:
                customer.close(day)
                customer.seats += rng.randint(1, 2)
                customer.open(day, len(customer.periods) + 1)
            elif draw < churn + expand + contract and customer.seats > 1:
                customer.close(day)
                customer.seats -= 1
                customer.open(day, len(customer.periods) + 1)
        for plan in PLANS:
            if churned[plan] and rng.random() < 0.35:
                back = churned[plan].pop(rng.randrange(len(churned[plan])))
                day = day_in(month, rng)
                if day > back.periods[-1].end:
                    back.active = True
                    back.open(day, len(back.periods) + 1)
                else:
                    churned[plan].append(back)
        for start, arrival in sorted(starts[month], key=lambda pair: (pair[0], pair[1].won, pair[1].channel)):
            new_customer(rng.choices(plans, weights=shares)[0], start, arrival)
    ledger = [
        {
            "subscription": p.subscription,
            "customer": p.customer,
            "plan": p.plan,
            "start": p.start.isoformat(),
            "end": p.end.isoformat() if p.end else "",
            "amount": p.price * 12 if p.yearly else p.price,
            "interval": "year" if p.yearly else "month",
            "quantity": p.seats,
            "currency": "EUR",
            "status": "active",
        }
        for c in customers
        for p in c.periods
    ]
    return ledger, aggregate_revenue(customers, [OPENING, *months]), [c for c in customers if c.won]


def aggregate_revenue(customers: list[Customer], months: list[str]) -> list[dict]:
    """Month-end MRR per customer, compared month to month: the movements, per segment and plan."""
    rows = []
    previous: dict[str, int] = {}
    ever: set[str] = set()
    for month in months:
        now = {c.name: c.mrr_at(month_end(month)) for c in customers}
        totals: dict[tuple[str, str], dict[str, float]] = {}
        for c in customers:
            before, after = previous.get(c.name, 0), now[c.name]
            key = (PLANS[c.plan][0], c.plan)
            row = totals.setdefault(
                key,
                {
                    k: 0
                    for k in (
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
                },
            )
            if after > 0:
                row["mrr"] += after
                row["customers"] += 1
            if before == 0 and after > 0:
                kind = "reactivation" if c.name in ever else "new"
                row[f"{kind}_mrr"] += after
                row["reactivated_customers" if kind == "reactivation" else "new_customers"] += 1
            elif before > 0 and after == 0:
                row["churned_mrr"] += before
                row["churned_customers"] += 1
            elif after > before:
                row["expansion_mrr"] += after - before
            elif after < before:
                row["contraction_mrr"] += before - after
            if after > 0:
                ever.add(c.name)
        previous = now
        for (segment, plan), values in sorted(totals.items()):
            if values["mrr"] or any(values.values()):
                rows.append(
                    {
                        "month": month,
                        "segment": segment,
                        "plan": plan,
                        **{k: (f"{v:.2f}" if k.endswith("mrr") else int(v)) for k, v in values.items()},
                    }
                )
    return rows


def _month_before(month: str, count: int) -> str:
    year, number = map(int, month.split("-"))
    index = year * 12 + number - 1 - count
    return f"{index // 12}-{index % 12 + 1:02d}"


def simulate_contacts(rng: random.Random, months: list[str]) -> list[dict]:
    """A HubSpot contacts export: stage dates move forward with delays; none after the last month.

    Contacts are created from WARMUP months before the first month on, as a CRM export holds them.
    """
    last = month_end(months[-1])
    contacts = []
    number = 0
    created_months = [_month_before(months[0], count) for count in range(WARMUP, 0, -1)] + months
    for index, month in enumerate(created_months, start=-WARMUP):
        growth = 1 + index / 40
        for channel, (source, leads, to_mql) in SOURCES.items():
            web = channel in ("Organic search", "Paid search", "Paid social")
            for _ in range(round(leads * growth * rng.uniform(0.85, 1.15)) + (round(leads * 0.8) if web else 0)):
                number += 1
                created = day_in(month, rng)
                stages: dict[str, date | None] = {
                    "lead": None,
                    "mql": None,
                    "sql": None,
                    "opportunity": None,
                    "customer": None,
                }
                is_lead = not web or rng.random() < 1 / 1.8
                when = created
                for stage, chance, delay in (
                    ("lead", 1.0, (0, 0)),
                    ("mql", to_mql, (1, 20)),
                    ("sql", 0.55, (3, 30)),
                    ("opportunity", 0.75, (1, 14)),
                    ("customer", 0.34, (10, 60)),
                ):
                    if stage == "lead" and not is_lead:
                        break
                    if rng.random() >= chance:
                        break
                    when = when + timedelta(days=rng.randint(*delay))
                    if when > last:
                        break
                    stages[stage] = when
                lifecycle = next(
                    (s for s in ("customer", "opportunity", "sql", "mql", "lead") if stages[s]), "subscriber"
                )
                contacts.append(
                    {
                        "Record ID": 100000 + number,
                        "Create Date": f"{created.isoformat()} 09:{number % 60:02d}",
                        "Lifecycle Stage": {"mql": "marketingqualifiedlead", "sql": "salesqualifiedlead"}.get(
                            lifecycle, lifecycle
                        ),
                        "Original Source": source,
                        "Original Source Drill-Down 1": "",
                        "Became a Lead Date": stages["lead"].isoformat() if stages["lead"] else "",
                        "Became a Marketing Qualified Lead Date": stages["mql"].isoformat() if stages["mql"] else "",
                        "Became a Sales Qualified Lead Date": stages["sql"].isoformat() if stages["sql"] else "",
                        "Became an Opportunity Date": stages["opportunity"].isoformat()
                        if stages["opportunity"]
                        else "",
                        "Became a Customer Date": stages["customer"].isoformat() if stages["customer"] else "",
                    }
                )
    return contacts


def aggregate_funnel(contacts: list[dict], months: list[str]) -> dict[tuple[str, str], dict[str, int]]:
    """Stage entries per month and channel (period-based), from the contacts export."""
    channel_of = {source: channel for channel, (source, _, _) in SOURCES.items()}
    counts = {
        (m, c): {"contacts": 0, "leads": 0, "mqls": 0, "sqls": 0, "opportunities": 0, "customers": 0}
        for m in months
        for c in SOURCES
    }
    columns = {
        "Became a Lead Date": "leads",
        "Became a Marketing Qualified Lead Date": "mqls",
        "Became a Sales Qualified Lead Date": "sqls",
        "Became an Opportunity Date": "opportunities",
        "Became a Customer Date": "customers",
    }
    for contact in contacts:
        channel = channel_of[contact["Original Source"]]
        if (contact["Create Date"][:7], channel) in counts:
            counts[(contact["Create Date"][:7], channel)]["contacts"] += 1
        for column, measure in columns.items():
            if contact[column] and (contact[column][:7], channel) in counts:
                counts[(contact[column][:7], channel)][measure] += 1
    return counts


def deals_won(contacts: list[dict], months: list[str]) -> list[Arrival]:
    """The contacts that became customers during `months`: the new customers billing will start."""
    channel_of = {source: channel for channel, (source, _, _) in SOURCES.items()}
    return [
        Arrival(date.fromisoformat(c["Became a Customer Date"]), channel_of[c["Original Source"]])
        for c in contacts
        if c["Became a Customer Date"][:7] in months
    ]
