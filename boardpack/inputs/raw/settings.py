"""Settings of the raw exports in boardpack.yaml: where the files are, how to read them, which policy."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ExportSettings(BaseModel):
    """What every raw export has: its file, a column mapping for other systems, a bad-row threshold."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    file: str = Field(description="the export file in the pack (CSV, .csv.gz or Parquet)")
    columns: dict[str, str] = Field(default_factory=dict, description="field -> column name in the file")
    max_bad_rows: float = Field(0.01, ge=0, le=1, description="share of unreadable rows above which the build fails")


class BillingSettings(ExportSettings):
    """A subscription ledger: one row per subscription, or per subscription period."""

    format: Literal["auto", "generic", "stripe"] = Field("auto", description="column names: generic, stripe, or auto")
    segments: dict[str, str] = Field(default_factory=dict, description="plan -> segment (default: the plan)")
    as_of: date | None = Field(None, description="export date; months ending after it are left out")
    churn_at: Literal["period_end", "cancellation"] = Field(
        "period_end", description="churn when the paid period ends (default) or at cancellation"
    )
    same_month: Literal["ignore", "count"] = Field(
        "ignore", description="a customer who joins and leaves within a month: ignored, or counted as new and churned"
    )
    past_due_days: int | None = Field(
        None,
        ge=0,
        le=365,
        description="past-due subscriptions churn this many days after their period end (none: kept)",
    )


class CrmSettings(ExportSettings):
    """A CRM contacts export with the date each contact reached each lifecycle stage."""

    format: Literal["auto", "generic", "hubspot"] = Field("auto", description="column names: generic, hubspot, or auto")
    channels: dict[str, str] = Field(default_factory=dict, description="original source -> pack channel")
    default_channel: str | None = Field(None, description="channel for sources not mapped (none: they are errors)")
    conversion: Literal["period", "cohort"] = Field(
        "period", description="period: stage entries in the period; cohort: of the leads created in the period"
    )


class RawSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    billing: BillingSettings | None = None
    crm: CrmSettings | None = None
