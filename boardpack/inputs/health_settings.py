"""The `health:` settings of boardpack.yaml: how the customers table is judged."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class HealthWeights(BaseModel):
    """Weight of each signal in the customer health score; a signal a customer lacks is left out."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    usage: float = Field(0.4, ge=0)
    tickets: float = Field(0.2, ge=0)
    nps: float = Field(0.25, ge=0)
    billing: float = Field(0.15, ge=0)


class HealthSettings(BaseModel):
    """How the customers table is judged: health score weights and bands, usage-drop alerts."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False, strict=True)

    weights: HealthWeights = Field(default_factory=HealthWeights)
    at_risk_below: float = Field(40, ge=0, le=100, description="a score below this is at risk")
    healthy_from: float = Field(70, ge=0, le=100, description="a score from this up is healthy")
    tickets_per_month_ceiling: float = Field(5, gt=0, description="tickets per month that score zero")
    usage_drop: float = Field(0.5, gt=0, le=1, description="usage fall vs the prior period that raises an alert")
