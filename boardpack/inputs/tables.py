"""The data tables of a pack: one pydantic model per row, and what the loader needs to know of each.

The column descriptions here are the single source for the pack README that `boardpack init` writes
and for the column reference in the project README.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from boardpack.inputs.cells import (
    Amount,
    Count,
    DateCell,
    Flag,
    MonthCell,
    NpsAnswer,
    Number,
    OptionalAmount,
    OptionalCount,
    OptionalDate,
    OptionalText,
    PeriodCell,
    Rate,
    Text,
    check_choice,
    validation_error,
)
from boardpack.periods import Period, month_index


class Row(BaseModel):
    """Base of every row model: frozen, strict about column names, and aware of the pack's names."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    line: int = Field(0, exclude=True, description="spreadsheet row the values came from")


def _channel(value: str, info: ValidationInfo) -> str:
    return check_choice(value, (info.context or {}).get("channels"), "channel", "boardpack.yaml")


def _segment(value: str, info: ValidationInfo) -> str:
    return check_choice(value, (info.context or {}).get("segments"), "segment", "boardpack.yaml")


class FunnelRow(Row):
    """Stage counts for one channel and one period: how many entered each stage in that period."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    channel: Text = Field(description="acquisition channel, one of `channels` in boardpack.yaml")
    visitors: OptionalCount = Field(None, description="unique visitors brought by the channel (blank if not tracked)")
    contacts: OptionalCount = Field(None, description="new contacts or subscribers (blank if not tracked)")
    leads: Count = Field(description="new leads")
    mqls: Count = Field(description="leads that became marketing-qualified (MQL)")
    sals: OptionalCount = Field(None, description="MQLs accepted by sales (SAL; blank if not tracked)")
    sqls: Count = Field(description="leads that became sales-qualified (SQL)")
    opportunities: Count = Field(description="opportunities opened")
    quotes: OptionalCount = Field(None, description="quotes or proposals sent (blank if not tracked)")
    customers: Count = Field(description="deals won: new paying customers from the channel")

    _check_channel = field_validator("channel")(_channel)


class SpendRow(Row):
    """Money spent in a period, marked marketing or sales; people's costs included (fully loaded)."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    channel: OptionalText = Field(None, description="channel the spend is for; blank for costs not tied to one")
    type: Literal["marketing", "sales"] = Field(description="`marketing` or `sales`")
    category: Text = Field(description="what the money paid for: media, events, salaries, tools, ...")
    amount: Amount = Field(description="amount in the pack currency, ≥ 0")

    @field_validator("channel")
    @classmethod
    def _known_channel(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else _channel(value, info)

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: object) -> str:
        text = str(value or "").strip().lower()
        if text not in ("marketing", "sales"):
            raise validation_error(
                "choice", "'{value}' is not a spend type; expected marketing or sales", value=value or ""
            )
        return text


class RevenueRow(Row):
    """Recurring revenue for one segment (and plan) at the end of one month, with the month's movements."""

    month: MonthCell = Field(description="month (2026-07); MRR is a month-end figure")
    segment: Text = Field(description="customer type; one of `segments` in boardpack.yaml if listed")
    plan: OptionalText = Field(None, description="plan or product line within the segment (may be blank)")
    mrr: Amount = Field(description="monthly recurring revenue at month end")
    customers: Count = Field(description="paying customers at month end")
    new_mrr: Amount = Field(description="MRR from customers who paid for the first time this month")
    expansion_mrr: Amount = Field(description="MRR added by existing customers (upgrades, seats)")
    contraction_mrr: Amount = Field(description="MRR lost to downgrades by customers who stayed")
    churned_mrr: Amount = Field(description="MRR lost from customers who left")
    reactivation_mrr: Amount = Field(description="MRR from former customers who came back")
    new_customers: Count = Field(description="customers who paid for the first time this month")
    churned_customers: Count = Field(description="customers who left this month")
    reactivated_customers: Count = Field(description="former customers who came back this month")

    _check_segment = field_validator("segment")(_segment)

    @property
    def net_movement(self) -> float:
        return self.new_mrr + self.expansion_mrr + self.reactivation_mrr - self.contraction_mrr - self.churned_mrr

    @property
    def start_mrr(self) -> float:
        return self.mrr - self.net_movement

    @property
    def start_customers(self) -> int:
        return self.customers - self.new_customers - self.reactivated_customers + self.churned_customers


class PipelineRow(Row):
    """Pipeline created in a period, by who sourced it, and the target for that period."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    marketing_sourced: Amount = Field(description="pipeline value created from marketing-sourced opportunities")
    sales_sourced: Amount = Field(description="pipeline value created from sales-sourced (outbound) opportunities")
    other_sourced: Amount = Field(description="pipeline value from other sources (partners, referrals)")
    target: OptionalAmount = Field(None, description="pipeline creation target for the period (blank if none)")

    @property
    def total(self) -> float:
        return self.marketing_sourced + self.sales_sourced + self.other_sourced


class TrafficRow(Row):
    """Website analytics for one period, as an analytics tool reports them."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    sessions: Count = Field(description="sessions (visits)")
    users: Count = Field(description="users in the period (summed over months for a quarter)")
    pageviews: Count = Field(description="pages viewed")
    avg_session_duration: Number = Field(description="average session duration, in seconds")
    bounce_rate: Rate = Field(description="share of single-page sessions, 0..1 or a percentage")


class EventRow(Row):
    """A trade show or event: people who visited the booth, and the leads they gave."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3) of the event")
    event: Text = Field(description="event name")
    booth_visitors: Count = Field(description="people who visited the booth or stand")
    leads: Count = Field(description="leads captured at the event")


class FinanceRow(Row):
    """Revenue recognised in a period, and what it cost to serve customers."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    revenue: OptionalAmount = Field(None, description="revenue recognised in the period (blank: MRR summed)")
    customer_success_cost: Amount = Field(description="customer success and support team costs")
    infrastructure_cost: Amount = Field(description="hosting and infrastructure costs of serving customers")
    retention_cost: Amount = Field(description="retention programmes: onboarding, training, loyalty offers")

    @property
    def cost_to_serve(self) -> float:
        return self.customer_success_cost + self.infrastructure_cost + self.retention_cost


class ChurnReasonRow(Row):
    """One customer lost in a month, with the reason given and the MRR it took away."""

    month: MonthCell = Field(description="month the customer left (2026-07)")
    customer: OptionalText = Field(None, description="customer name or id (may be blank)")
    segment: OptionalText = Field(None, description="customer segment (may be blank)")
    reason: Text = Field(description="reason for leaving: price, product fit, competitor, ...")
    mrr: Amount = Field(description="MRR lost with the customer")


class TrialRow(Row):
    """One free trial: when it started, whether the user engaged, and when (if ever) it became paid."""

    trial_id: Text = Field(description="trial or account id")
    started: DateCell = Field(description="trial start date (2026-07-14)")
    engaged: Flag = Field(
        None, description="yes if the trial user reached the product's activation step, no if abandoned"
    )
    paid: OptionalDate = Field(None, description="date of the first payment (blank if not converted)")

    @model_validator(mode="after")
    def _order(self) -> TrialRow:
        if self.paid is not None and self.paid < self.started:
            raise validation_error(
                "order",
                "paid {paid} is before started {started}; expected a later date",
                paid=self.paid.isoformat(),
                started=self.started.isoformat(),
            )
        return self


class DemoRow(Row):
    """One demo request: its type, and when (if ever) the prospect became a customer."""

    demo_id: Text = Field(description="demo request id")
    requested: DateCell = Field(description="date the demo was requested")
    demo_type: Text = Field(description="live, on-demand video, webinar, ...")
    customer_since: OptionalDate = Field(None, description="date the prospect became a customer (blank if not)")

    @model_validator(mode="after")
    def _order(self) -> DemoRow:
        if self.customer_since is not None and self.customer_since < self.requested:
            raise validation_error(
                "order",
                "customer_since {won} is before requested {asked}; expected a later date",
                won=self.customer_since.isoformat(),
                asked=self.requested.isoformat(),
            )
        return self


class CustomerRow(Row):
    """One customer in one period: revenue, product usage and the signals of its health."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    customer: Text = Field(description="customer name or id")
    segment: Text = Field(description="customer segment; one of `segments` in boardpack.yaml if listed")
    mrr: Amount = Field(description="the customer's MRR at the end of the period")
    usage: Number = Field(description="usage measure in the period: active users, events, API calls, ...")
    tickets: Count = Field(description="support tickets opened in the period")
    nps: NpsAnswer = Field(None, description="latest NPS answer, 0 to 10 (blank if none)")
    billing_issues: Count = Field(description="failed payments or billing disputes in the period")

    _check_segment = field_validator("segment")(_segment)


class EmailRow(Row):
    """Email marketing results for one period."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    delivered: Count = Field(description="emails delivered")
    opens: Count = Field(description="unique opens")
    clicks: Count = Field(description="unique clicks")
    unsubscribes: Count = Field(description="unsubscribes")

    @model_validator(mode="after")
    def _within_delivered(self) -> EmailRow:
        for name in ("opens", "clicks", "unsubscribes"):
            if getattr(self, name) > self.delivered:
                raise validation_error(
                    "range",
                    "{name} {value} is more than delivered {delivered}; expected at most the emails delivered",
                    name=name,
                    value=getattr(self, name),
                    delivered=self.delivered,
                )
        return self


class SocialRow(Row):
    """Social media results for one network and one period."""

    period: PeriodCell = Field(description="month (2026-07) or quarter (2026-Q3)")
    network: Text = Field(description="LinkedIn, X, YouTube, ...")
    reach: Count = Field(description="people reached")
    engagements: Count = Field(description="likes, comments, shares and clicks")
    followers: Count = Field(description="followers at the end of the period")


class WinRow(Row):
    """One new customer: when it was won, the MRR it brought, and its original source."""

    customer: Text = Field(description="customer name or id (the same as in touches.csv)")
    won: DateCell = Field(description="date the deal was won")
    new_mrr: Amount = Field(description="MRR the customer started with")
    original_source: OptionalText = Field(
        None, description="channel that first brought the customer (blank if unknown)"
    )

    @field_validator("original_source")
    @classmethod
    def _known_channel(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else _channel(value, info)


class TouchRow(Row):
    """One marketing touch on the way to a win, for first-touch, last-touch and linear attribution."""

    customer: Text = Field(description="customer name or id (as in wins.csv)")
    touched: DateCell = Field(description="date of the touch")
    channel: Text = Field(description="channel of the touch, one of `channels` in boardpack.yaml")

    _check_channel = field_validator("channel")(_channel)


@dataclass(frozen=True)
class TableSpec:
    """How a table is found, read, checked for duplicates and broken down.

    `key` (with the period) identifies a row; `None` means rows may repeat (one row per event).
    A `dated` table has a date where others have a period: its rows are events, each in the month of
    its date. A `sparse` table (dated ones too) lists occurrences, so a month without rows means none
    happened: it covers every month between its first and last row, not only the months it has rows for.
    """

    name: str
    model: type[Row]
    key: tuple[str, ...] | None
    period_column: str
    title: str
    examples: tuple[dict[str, str], ...]
    dated: bool = False
    breakdowns: dict[str, str] = field(default_factory=dict)
    sparse: bool = False

    @property
    def columns(self) -> list[str]:
        return [name for name in self.model.model_fields if name != "line"]

    def key_of(self, row: Row) -> tuple[object, ...]:
        return tuple(getattr(row, k) for k in self.key or ())

    def period_of(self, row: Row) -> Period:
        value = getattr(row, self.period_column)
        if isinstance(value, date):
            return Period(month_index(value.year, value.month), "month")
        return value


def _spec(
    name: str,
    model: type[Row],
    key: tuple[str, ...] | None,
    period: str,
    title: str,
    examples: tuple[dict[str, str], ...],
    dated: bool = False,
    sparse: bool = False,
    **breakdowns: str,
) -> TableSpec:
    return TableSpec(name, model, key, period, title, examples, dated, breakdowns, sparse or dated)


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        _spec(
            "funnel",
            FunnelRow,
            ("channel",),
            "period",
            "Funnel counts per channel",
            (
                {
                    "period": "2026-07",
                    "channel": "Organic search",
                    "visitors": "18000",
                    "contacts": "900",
                    "leads": "420",
                    "mqls": "110",
                    "sals": "70",
                    "sqls": "45",
                    "opportunities": "28",
                    "quotes": "16",
                    "customers": "7",
                },
                {
                    "period": "2026-07",
                    "channel": "Events",
                    "visitors": "",
                    "contacts": "",
                    "leads": "160",
                    "mqls": "40",
                    "sals": "30",
                    "sqls": "20",
                    "opportunities": "12",
                    "quotes": "8",
                    "customers": "3",
                },
            ),
            channel="channel",
        ),
        _spec(
            "spend",
            SpendRow,
            ("channel", "type", "category"),
            "period",
            "Marketing and sales spend",
            (
                {
                    "period": "2026-07",
                    "channel": "Paid search",
                    "type": "marketing",
                    "category": "Media",
                    "amount": "12500",
                },
                {"period": "2026-07", "channel": "", "type": "sales", "category": "Salaries", "amount": "64000"},
            ),
            channel="channel",
        ),
        _spec(
            "revenue",
            RevenueRow,
            ("segment", "plan"),
            "month",
            "Recurring revenue and its movements",
            (
                {
                    "month": "2026-07",
                    "segment": "SMB",
                    "plan": "Team",
                    "mrr": "10400",
                    "customers": "104",
                    "new_mrr": "600",
                    "expansion_mrr": "200",
                    "contraction_mrr": "100",
                    "churned_mrr": "300",
                    "reactivation_mrr": "0",
                    "new_customers": "6",
                    "churned_customers": "3",
                    "reactivated_customers": "0",
                },
                {
                    "month": "2026-08",
                    "segment": "SMB",
                    "plan": "Team",
                    "mrr": "10800",
                    "customers": "107",
                    "new_mrr": "500",
                    "expansion_mrr": "150",
                    "contraction_mrr": "50",
                    "churned_mrr": "200",
                    "reactivation_mrr": "0",
                    "new_customers": "5",
                    "churned_customers": "2",
                    "reactivated_customers": "0",
                },
            ),
            segment="segment",
            plan="plan",
        ),
        _spec(
            "pipeline",
            PipelineRow,
            (),
            "period",
            "Pipeline created, by source",
            (
                {
                    "period": "2026-07",
                    "marketing_sourced": "180000",
                    "sales_sourced": "140000",
                    "other_sourced": "30000",
                    "target": "330000",
                },
                {
                    "period": "2026-08",
                    "marketing_sourced": "165000",
                    "sales_sourced": "150000",
                    "other_sourced": "25000",
                    "target": "330000",
                },
            ),
        ),
        _spec(
            "traffic",
            TrafficRow,
            (),
            "period",
            "Website traffic",
            (
                {
                    "period": "2026-07",
                    "sessions": "52000",
                    "users": "38000",
                    "pageviews": "131000",
                    "avg_session_duration": "154",
                    "bounce_rate": "0.46",
                },
                {
                    "period": "2026-08",
                    "sessions": "48000",
                    "users": "35500",
                    "pageviews": "118000",
                    "avg_session_duration": "149",
                    "bounce_rate": "48%",
                },
            ),
        ),
        _spec(
            "events",
            EventRow,
            ("event",),
            "period",
            "Trade shows and events",
            (
                {"period": "2026-07", "event": "SaaS Expo Paris", "booth_visitors": "640", "leads": "85"},
                {"period": "2026-08", "event": "Cloud Summit", "booth_visitors": "410", "leads": "52"},
            ),
            sparse=True,
            event="event",
        ),
        _spec(
            "finance",
            FinanceRow,
            (),
            "period",
            "Revenue and cost to serve",
            (
                {
                    "period": "2026-07",
                    "revenue": "",
                    "customer_success_cost": "14000",
                    "infrastructure_cost": "6200",
                    "retention_cost": "1800",
                },
                {
                    "period": "2026-08",
                    "revenue": "",
                    "customer_success_cost": "14200",
                    "infrastructure_cost": "6400",
                    "retention_cost": "1500",
                },
            ),
        ),
        _spec(
            "churn_reasons",
            ChurnReasonRow,
            None,
            "month",
            "Churned customers and their reasons",
            (
                {"month": "2026-07", "customer": "Acme Ltd", "segment": "SMB", "reason": "Price", "mrr": "120"},
                {"month": "2026-08", "customer": "Globex", "segment": "SMB", "reason": "Competitor", "mrr": "80"},
            ),
            sparse=True,
            reason="reason",
        ),
        _spec(
            "trials",
            TrialRow,
            ("trial_id",),
            "started",
            "Free trials",
            (
                {"trial_id": "T-1001", "started": "2026-07-03", "engaged": "yes", "paid": "2026-07-20"},
                {"trial_id": "T-1002", "started": "2026-08-11", "engaged": "no", "paid": ""},
            ),
            dated=True,
        ),
        _spec(
            "demos",
            DemoRow,
            ("demo_id",),
            "requested",
            "Demo requests",
            (
                {"demo_id": "D-501", "requested": "2026-07-08", "demo_type": "Live", "customer_since": "2026-08-19"},
                {"demo_id": "D-502", "requested": "2026-08-02", "demo_type": "On-demand video", "customer_since": ""},
            ),
            dated=True,
            demo_type="demo_type",
        ),
        _spec(
            "customers",
            CustomerRow,
            ("customer",),
            "period",
            "Customers: usage and health signals",
            (
                {
                    "period": "2026-07",
                    "customer": "Acme Ltd",
                    "segment": "SMB",
                    "mrr": "120",
                    "usage": "340",
                    "tickets": "1",
                    "nps": "9",
                    "billing_issues": "0",
                },
                {
                    "period": "2026-08",
                    "customer": "Acme Ltd",
                    "segment": "SMB",
                    "mrr": "120",
                    "usage": "150",
                    "tickets": "4",
                    "nps": "",
                    "billing_issues": "1",
                },
            ),
            segment="segment",
        ),
        _spec(
            "email",
            EmailRow,
            (),
            "period",
            "Email marketing",
            (
                {"period": "2026-07", "delivered": "24000", "opens": "6900", "clicks": "980", "unsubscribes": "60"},
                {"period": "2026-08", "delivered": "22500", "opens": "6100", "clicks": "870", "unsubscribes": "55"},
            ),
        ),
        _spec(
            "social",
            SocialRow,
            ("network",),
            "period",
            "Social media",
            (
                {
                    "period": "2026-07",
                    "network": "LinkedIn",
                    "reach": "85000",
                    "engagements": "2400",
                    "followers": "12400",
                },
                {
                    "period": "2026-08",
                    "network": "LinkedIn",
                    "reach": "91000",
                    "engagements": "2650",
                    "followers": "12710",
                },
            ),
            network="network",
        ),
        _spec(
            "wins",
            WinRow,
            ("customer",),
            "won",
            "New customers won, for attribution",
            (
                {"customer": "Initech", "won": "2026-07-22", "new_mrr": "450", "original_source": "Organic search"},
                {"customer": "Umbrella", "won": "2026-08-05", "new_mrr": "900", "original_source": "Events"},
            ),
            dated=True,
            original_source="original_source",
        ),
        _spec(
            "touches",
            TouchRow,
            None,
            "touched",
            "Marketing touches before each win",
            (
                {"customer": "Initech", "touched": "2026-06-02", "channel": "Organic search"},
                {"customer": "Initech", "touched": "2026-07-10", "channel": "Events"},
            ),
            dated=True,
            channel="channel",
        ),
    )
}
