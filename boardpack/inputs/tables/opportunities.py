"""Open and closed sales opportunities, as a CRM exports them: what the next quarters can bring.

Open opportunities give pipeline coverage and the expected new MRR of the next quarter; closed ones
(won or lost, and at which stage) give the company's own win rate from each stage. Stages are the
CRM's own names, mapped to the funnel's stages in boardpack.yaml (`forecast.stages`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator, model_validator

from boardpack.inputs.cells import (
    Amount,
    DateCell,
    OptionalDate,
    Text,
    _date,
    _period,
    check_choice,
    validation_error,
)
from boardpack.inputs.tables.spec import Row, TableSpec, spec
from boardpack.periods import Period, month_index

SOURCES = ("marketing", "sales", "other")
STATUSES = ("open", "won", "lost")
_ISO_DAY = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")


def _close(value: Any, info: ValidationInfo) -> Period:
    """A month, a quarter or a day (read as its month): CRMs export expected close dates as days."""
    if isinstance(value, str) and _ISO_DAY.match(value.strip()):
        day = _date(value, info)
        return Period(month_index(day.year, day.month), "month", (info.context or {}).get("fiscal_start", 1))
    return _period(value, info)


CloseCell = Annotated[Period, BeforeValidator(_close)]


def _choice(value: str, choices: tuple[str, ...], what: str) -> str:
    found = value.strip().lower()
    if found not in choices:
        raise validation_error(
            "choice",
            "'{value}' is not a {what}; expected one of {choices}",
            value=value,
            what=what,
            choices=", ".join(choices),
        )
    return found


class OpportunityRow(Row):
    """One sales opportunity: its amount, stage and expected close, who sourced it, and how it ended."""

    id: Text = Field(description="opportunity id in the CRM")
    created: DateCell = Field(description="the day it was opened (2026-07-14)")
    amount: Amount = Field(description="the MRR it would bring (or its ACV: `forecast.amount: acv`)")
    stage: Text = Field(
        description="CRM stage: where an open one stands, where a lost one was lost (one of `forecast.stages`)"
    )
    expected_close: CloseCell = Field(description="expected close: a day, a month (2026-11) or a quarter (2026-Q4)")
    source: Text = Field(description=f"who sourced it: {', '.join(SOURCES)}")
    status: Text = Field(description=f"{', '.join(STATUSES)}")
    closed: OptionalDate = Field(None, description="the day it was won or lost (blank while open)")

    @field_validator("stage")
    @classmethod
    def _known_stage(cls, value: str, info: ValidationInfo) -> str:
        stages = (info.context or {}).get("stages")
        return check_choice(value, list(stages) if stages else None, "stage", "boardpack.yaml (forecast.stages)")

    @field_validator("source")
    @classmethod
    def _known_source(cls, value: str) -> str:
        return _choice(value, SOURCES, "source")

    @field_validator("status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        return _choice(value, STATUSES, "status")

    @model_validator(mode="after")
    def _closed_when_won_or_lost(self) -> OpportunityRow:
        if self.status != "open" and self.closed is None:
            raise validation_error(
                "missing",
                "a {status} opportunity without a closed date; expected the day it was {status}",
                status=self.status,
            )
        if self.closed is not None and self.closed < self.created:
            raise validation_error(
                "order",
                "closed {closed} is before created {created}; expected a later date",
                closed=self.closed.isoformat(),
                created=self.created.isoformat(),
            )
        return self


SPECS: tuple[TableSpec, ...] = (
    spec(
        "opportunities",
        OpportunityRow,
        ("id",),
        "created",
        "Sales opportunities, open and closed",
        tuple(
            dict(
                zip(
                    ("id", "created", "amount", "stage", "expected_close", "source", "status", "closed"),
                    row,
                    strict=True,
                )
            )
            for row in (
                ("OPP-101", "2026-06-03", "900", "Proposal", "2026-08", "marketing", "won", "2026-08-12"),
                ("OPP-102", "2026-06-20", "450", "Discovery", "2026-08", "sales", "lost", "2026-07-30"),
                ("OPP-103", "2026-07-15", "1200", "Demo", "2026-Q4", "marketing", "open", ""),
                ("OPP-104", "2026-08-02", "600", "Negotiation", "2026-10-20", "other", "open", ""),
            )
        ),
        dated=True,
        customer_level=True,
    ),
)
