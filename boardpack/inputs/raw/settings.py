"""Settings of the raw exports in boardpack.yaml: where the files are, how to read them, which policy."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from boardpack.inputs.raw.connection import Connection


class ExportSettings(BaseModel):
    """What every raw export has: a file or a table, a column mapping for other systems, a bad-row threshold."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    file: str | None = Field(None, description="the export file in the pack (CSV, .csv.gz or Parquet)")
    table: str | None = Field(None, description="or a table (schema.table) in the database of raw.connection")
    columns: dict[str, str] = Field(default_factory=dict, description="field -> column name in the file")
    max_bad_rows: float = Field(0.01, ge=0, le=1, description="share of unreadable rows above which the build fails")

    @model_validator(mode="after")
    def _one_place(self) -> ExportSettings:
        if (self.file is None) == (self.table is None):
            raise ValueError("expected either `file:` (an export in the pack) or `table:` (in raw.connection)")
        return self

    @property
    def name(self) -> str:
        """The file as written, or the table's name: how messages and the appendix refer to the export."""
        return self.file if self.file is not None else f"table {self.table}"


class BillingSettings(ExportSettings):
    """A subscription ledger: one row per subscription, or per subscription period."""

    format: Literal["auto", "generic", "stripe"] = Field("auto", description="column names: generic, stripe, or auto")
    segments: dict[str, str] = Field(default_factory=dict, description="plan -> segment (default: the plan)")
    as_of: date | None = Field(None, description="export date; months ending after it are left out")
    churn_at: Literal["paid_through", "cancellation"] = Field(
        "paid_through",
        description="paid_through: churn when the last paid service period ends (Current Period End, or whole "
        "billing intervals from the start); cancellation: on the day the subscription is cancelled (Canceled At, "
        "else its end)",
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

    @field_validator("churn_at", mode="before")
    @classmethod
    def _earlier_name(cls, value: object) -> object:
        """`period_end` is the name packs already use for `paid_through`: it keeps meaning the paid period's end."""
        return "paid_through" if value == "period_end" else value


class CrmSettings(ExportSettings):
    """A CRM contacts export with the date each contact reached each lifecycle stage."""

    format: Literal["auto", "generic", "hubspot"] = Field("auto", description="column names: generic, hubspot, or auto")
    channels: dict[str, str] = Field(default_factory=dict, description="original source -> pack channel")
    default_channel: str | None = Field(None, description="channel for sources not mapped (none: they are errors)")
    conversion: Literal["period", "cohort"] = Field(
        "period", description="period: stage entries in the period; cohort: of the leads created in the period"
    )


class DealsSettings(ExportSettings):
    """A CRM deals (opportunities) export: open deals for the pipeline, closed ones for the win rates.

    `sources` maps the CRM's source of a deal to who sourced it; sources it does not name are read by
    the defaults of `raw/deals.py` (HubSpot's and Salesforce's usual values), then `default_source`.
    """

    format: Literal["auto", "generic", "hubspot", "salesforce"] = Field(
        "auto", description="column names: generic, hubspot, salesforce, or auto"
    )
    sources: dict[str, Literal["marketing", "sales", "other"]] = Field(
        default_factory=dict, description="the CRM's deal source -> marketing, sales or other (added to the defaults)"
    )
    default_source: Literal["marketing", "sales", "other"] = Field(
        "other", description="who sourced a deal whose source is blank or not mapped (a notice lists those)"
    )
    pipelines: list[str] = Field(
        default_factory=list, description="only the deals of these pipelines (the Pipeline column); none: every deal"
    )


class RawSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    connection: str | None = Field(
        None,
        description="where `table:` exports live: postgresql://user@host/db, spark, sc://host:15002, or any Ibis URL; "
        "a password only as ${ENV_VAR}",
    )
    spark_conf: dict[str, str] = Field(default_factory=dict, description="Spark settings, spark.master among them")
    billing: BillingSettings | None = None
    crm: CrmSettings | None = None
    deals: DealsSettings | None = None

    @model_validator(mode="after")
    def _connection_for_tables(self) -> RawSettings:
        tables = [name for name in ("billing", "crm", "deals") if getattr(self, name) and getattr(self, name).table]
        if tables and not self.connection:
            raise ValueError(f"raw.{tables[0]}.table needs raw.connection; expected the database's connection line")
        if self.connection and Connection(self.connection).literal_password():
            raise ValueError(
                "raw.connection holds a password; expected it in an environment variable, written as ${NAME} "
                "(or read by the driver itself, such as PGPASSWORD)"
            )
        return self
