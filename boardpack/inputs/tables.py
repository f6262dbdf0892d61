"""The data tables of a pack: one pydantic model per row, and what the loader needs to know of each.

The column descriptions here are the single source for the pack README that `boardpack init` writes
and for the column reference in the project README.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from boardpack.inputs.cells import (
    Amount,
    Count,
    MonthCell,
    OptionalAmount,
    OptionalCount,
    OptionalText,
    PeriodCell,
    Text,
    check_choice,
)
from boardpack.periods import Period


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
            from pydantic_core import PydanticCustomError

            raise PydanticCustomError(
                "choice", "'{value}' is not a spend type; expected marketing or sales", {"value": value or ""}
            )
        return text


class RevenueRow(Row):
    """Recurring revenue for one segment at the end of one month, with the month's movements."""

    month: MonthCell = Field(description="month (2026-07); MRR is a month-end figure")
    segment: Text = Field(description="plan or customer type; one of `segments` in boardpack.yaml if listed")
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


@dataclass(frozen=True)
class TableSpec:
    """How a table is found, read and checked for duplicates."""

    name: str
    model: type[Row]
    key: tuple[str, ...]
    period_column: str
    title: str
    examples: tuple[dict[str, str], ...]

    @property
    def columns(self) -> list[str]:
        return [name for name in self.model.model_fields if name != "line"]

    def key_of(self, row: Row) -> tuple[object, ...]:
        return tuple(getattr(row, k) for k in self.key)

    def period_of(self, row: Row) -> Period:
        return getattr(row, self.period_column)


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
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
                    "customers": "3",
                },
            ),
        ),
        TableSpec(
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
        ),
        TableSpec(
            "revenue",
            RevenueRow,
            ("segment",),
            "month",
            "Recurring revenue and its movements",
            (
                {
                    "month": "2026-07",
                    "segment": "SMB",
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
        ),
        TableSpec(
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
    )
}
