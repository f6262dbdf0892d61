"""Tables of revenue and customers: MRR and its movements, pipeline, finance, churn reasons, trials,
demos, customers and wins.

Long because each of the eight models sits beside its spec and the example rows `boardpack init` writes
for it (a third of the file is those rows), so a table is read and changed in one place.
"""

from __future__ import annotations

from pydantic import Field, ValidationInfo, field_validator, model_validator

from boardpack.inputs.cells import (
    Amount,
    Count,
    DateCell,
    Flag,
    MonthCell,
    NpsAnswer,
    Number,
    OptionalAmount,
    OptionalCurrency,
    OptionalDate,
    OptionalText,
    PeriodCell,
    SignedAmount,
    Text,
    validation_error,
)
from boardpack.inputs.tables.spec import Row, TableSpec, check_channel, check_segment, spec


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
    fx_mrr: SignedAmount = Field(
        0.0, description="MRR change from exchange rates alone, negative when they fell (blank: none)"
    )
    currency: OptionalCurrency = Field(None, description="currency of the amounts when not the pack's (may be blank)")

    _check_segment = field_validator("segment")(check_segment)

    @property
    def net_movement(self) -> float:
        """The customers' movements at constant rates; exchange rates move MRR apart from them (`fx_mrr`)."""
        return self.new_mrr + self.expansion_mrr + self.reactivation_mrr - self.contraction_mrr - self.churned_mrr

    @property
    def start_mrr(self) -> float:
        return self.mrr - self.net_movement - self.fx_mrr

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

    _check_segment = field_validator("segment")(check_segment)


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
        return None if value is None else check_channel(value, info)


SPECS: tuple[TableSpec, ...] = (
    spec(
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
    spec(
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
    spec(
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
    spec(
        "churn_reasons",
        ChurnReasonRow,
        None,
        "month",
        "Churned customers and their reasons",
        (
            {"month": "2026-07", "customer": "Vandelay", "segment": "SMB", "reason": "Price", "mrr": "120"},
            {"month": "2026-08", "customer": "Globex", "segment": "SMB", "reason": "Competitor", "mrr": "80"},
        ),
        sparse=True,
        reason="reason",
        customer_level=True,
    ),
    spec(
        "trials",
        TrialRow,
        ("trial_id",),
        "started",
        "Free trials",
        (
            {"trial_id": "T-1001", "started": "2026-07-03", "engaged": "yes", "paid": "2026-07-20"},
            {"trial_id": "T-1002", "started": "2026-07-15", "engaged": "yes", "paid": ""},
            {"trial_id": "T-1003", "started": "2026-08-04", "engaged": "yes", "paid": "2026-08-25"},
            {"trial_id": "T-1004", "started": "2026-08-11", "engaged": "no", "paid": ""},
        ),
        dated=True,
        customer_level=True,
    ),
    spec(
        "demos",
        DemoRow,
        ("demo_id",),
        "requested",
        "Demo requests",
        (
            {"demo_id": "D-501", "requested": "2026-07-08", "demo_type": "Live", "customer_since": "2026-08-19"},
            {"demo_id": "D-502", "requested": "2026-07-20", "demo_type": "On-demand video", "customer_since": ""},
            {"demo_id": "D-503", "requested": "2026-08-04", "demo_type": "Live", "customer_since": ""},
            {
                "demo_id": "D-504",
                "requested": "2026-08-12",
                "demo_type": "On-demand video",
                "customer_since": "2026-08-28",
            },
        ),
        dated=True,
        demo_type="demo_type",
        customer_level=True,
    ),
    spec(
        "customers",
        CustomerRow,
        ("customer",),
        "period",
        "Customers: usage and health signals",
        tuple(
            dict(
                zip(
                    ("period", "customer", "segment", "mrr", "usage", "tickets", "nps", "billing_issues"),
                    row,
                    strict=True,
                )
            )
            for row in (
                ("2026-07", "Acme Ltd", "SMB", "120", "340", "1", "9", "0"),
                ("2026-07", "Initech", "SMB", "450", "520", "0", "10", "0"),
                ("2026-07", "Umbrella", "SMB", "900", "610", "2", "8", "0"),
                ("2026-07", "Hooli", "SMB", "200", "260", "1", "7", "0"),
                ("2026-07", "Wayne & Co", "SMB", "300", "180", "3", "6", "1"),
                ("2026-08", "Acme Ltd", "SMB", "120", "150", "5", "", "2"),
                ("2026-08", "Initech", "SMB", "450", "540", "0", "10", "0"),
                ("2026-08", "Umbrella", "SMB", "900", "650", "1", "9", "0"),
                ("2026-08", "Hooli", "SMB", "200", "90", "6", "3", "2"),
                ("2026-08", "Wayne & Co", "SMB", "300", "200", "2", "7", "0"),
            )
        ),
        segment="segment",
        customer_level=True,
    ),
    spec(
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
        customer_level=True,
    ),
)
